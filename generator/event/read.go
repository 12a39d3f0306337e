package event

import (
	"fmt"
	"io"
	"os"
)

// maxBody is Lambda's request payload limit: a bigger body could not
// arrive in an event.
const maxBody = 6 << 20

func readAll(f *os.File) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(f, maxBody+1))
	if err == nil && len(b) > maxBody {
		return nil, fmt.Errorf("the body is over Lambda's 6 MB request limit")
	}
	return b, err
}

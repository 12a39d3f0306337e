package event

import (
	"io"
	"os"
)

// maxBody is Lambda's request payload limit: a bigger body could not
// arrive in an event.
const maxBody = 6 << 20

func readAll(f *os.File) ([]byte, error) { return io.ReadAll(io.LimitReader(f, maxBody+1)) }

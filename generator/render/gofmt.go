package render

import (
	"fmt"
	"go/format"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var lineRE = regexp.MustCompile(`^(\d+):(\d+): (.*)$`)

// formatGo gofmt's generated source. On failure the raw output goes to a
// temp file, never into the project, and the error names the template and
// line so the template can be fixed.
func formatGo(template string, src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err == nil {
		return out, nil
	}
	dump, derr := os.CreateTemp("", "lambgen-*.go.txt")
	where := ""
	if derr == nil {
		_, _ = dump.Write(src)
		_ = dump.Close()
		where = " (raw output kept in " + dump.Name() + ")"
	}
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		line, _ := strconv.Atoi(m[1])
		return nil, fmt.Errorf("%s: rendered Go does not parse at line %d: %s%s", template, line, m[3], where)
	}
	return nil, fmt.Errorf("%s: rendered Go does not parse: %s%s", template, msg, where)
}

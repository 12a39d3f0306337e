package lambdahttp_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"
)

// corpusDir is the corpus folder sub; the runtime's events and Mangum's
// cases are copied into the repository, so these tests run in any clone.
func corpusDir(t testing.TB, sub string) string {
	t.Helper()
	return testtool.Corpus(t, sub)
}

// discardLogger keeps expected handler panics out of the test output.
var discardLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

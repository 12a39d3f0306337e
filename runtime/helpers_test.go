package lambdahttp_test

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir finds the shared test corpus: the folder shared/corpus beside
// the repository, wherever the repository is checked out. Tests skip only
// when it is absent altogether.
func corpusDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return filepath.Join(c, sub)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/corpus not found beside the repository")
		}
		dir = parent
	}
}

// discardLogger keeps expected handler panics out of the test output.
var discardLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

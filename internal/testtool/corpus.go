package testtool

import (
	"os"
	"path"
	"path/filepath"
	"testing"
)

// The test corpus is material nobody on the team wrote: OpenAPI specs,
// Lambda event samples, Mangum's recorded cases, SAM's template schema. All
// of it is in ../shared/corpus beside the repository, where CI puts it; it
// is too big to ship, so the files the core tests need are copied, in the
// same layout, to testdata/corpus, and a clone on its own still runs them.

// Corpus returns the path of rel, a slash-separated path inside the corpus.
// The repository's copy is tried first, so those tests read the same bytes
// with or without the full corpus; anything else comes from SharedCorpus.
// A directory is looked up as a whole: the copy holds it complete or not
// at all, so that a test walking it never sees half of it.
func Corpus(t testing.TB, rel string) string {
	t.Helper()
	if p := filepath.Join(CorpusCopyDir(t), filepath.FromSlash(path.Clean(rel))); exists(p) {
		return p
	}
	return SharedCorpus(t, rel)
}

// SharedCorpus returns the path of rel in the full corpus beside the
// repository, for tests that need more of it than the copy holds. Without
// that folder the test skips, so a clone's go test ./... passes; under
// LAMBGEN_REQUIRE_TOOLS=1 it fails, so CI cannot lose these tests by
// losing the folder. A folder that is there but lacks rel is a broken
// test, never a skip.
func SharedCorpus(t testing.TB, rel string) string {
	t.Helper()
	root := filepath.Join(filepath.Dir(repoRoot(t)), "shared", "corpus")
	p := filepath.Join(root, filepath.FromSlash(path.Clean(rel)))
	if exists(p) {
		return p
	}
	if !exists(root) {
		msg := p + " not found: the full test corpus is not beside the repository (.ci/run expects it at " + root + ")"
		if os.Getenv("LAMBGEN_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Fatalf("%s is not in the test corpus at %s", rel, root)
	return ""
}

// CorpusCopyDir is the repository's testdata/corpus.
func CorpusCopyDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(repoRoot(t), "testdata", "corpus")
}

// repoRoot is the folder of the go.mod above the test's package: go test
// runs each test in its package's folder, wherever the clone is.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for !exists(filepath.Join(dir, "go.mod")) {
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	return dir
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

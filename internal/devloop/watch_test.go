package devloop

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestGoFilesAndChanges(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"main.go", "go.mod", "go.sum", "handlers/a.go", "handlers/a_test.go", "README.md",
		".git/x.go", "_tmp/x.go", "dist/x.go", "testdata/x.go", "vendor/x/x.go", "internal/contract/c.go"} {
		write(f, "package x\n")
	}
	var got []string
	for p := range goFiles(dir) {
		r, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(r))
	}
	slices.Sort(got)
	want := []string{"go.mod", "go.sum", "handlers/a.go", "internal/contract/c.go", "main.go"}
	if !slices.Equal(got, want) {
		t.Fatalf("watched %q, want %q", got, want)
	}

	before := goFiles(dir)
	if c := changed(before, goFiles(dir)); len(c) != 0 {
		t.Fatalf("nothing changed, got %q", c)
	}
	// Same size, later time: an editor's save of the same length.
	p := filepath.Join(dir, "handlers", "a.go")
	if err := os.WriteFile(p, []byte("package y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	write("handlers/b.go", "package x\n")
	if err := os.Remove(filepath.Join(dir, "main.go")); err != nil {
		t.Fatal(err)
	}
	c := changed(before, goFiles(dir))
	rel := func(s ...string) []string {
		var out []string
		for _, x := range s {
			out = append(out, filepath.Join(dir, filepath.FromSlash(x)))
		}
		return out
	}
	if want := rel("handlers/a.go", "handlers/b.go", "main.go"); !slices.Equal(c, want) {
		t.Fatalf("changed %q, want %q", c, want)
	}
	if s := stampFiles([]string{filepath.Join(dir, "missing.yaml")}); len(s) != 0 {
		t.Fatalf("a missing file was stamped: %v", s)
	}
}

package testtool_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"
)

// manifestRows maps each file named in a MANIFEST.md table to its row.
func manifestRows(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ = strings.Cut(name, "`")
			rows[name] = line
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCorpusCopy keeps testdata/corpus honest: every file in it has its
// source and licence recorded, and, where the full corpus is at hand, is
// byte for byte its original with the original's row, so that the copy
// cannot drift into material of unknown origin.
func TestCorpusCopy(t *testing.T) {
	dir := testtool.CorpusCopyDir(t)
	rows := manifestRows(t, filepath.Join(dir, "MANIFEST.md"))
	var copied []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); rel != "MANIFEST.md" {
			copied = append(copied, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range copied {
		if _, ok := rows[rel]; !ok {
			t.Errorf("%s has no row in testdata/corpus/MANIFEST.md", rel)
		}
	}
	for rel := range rows {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Errorf("testdata/corpus/MANIFEST.md lists %s, which is not there", rel)
		}
	}

	shared := testtool.SharedCorpus(t, "MANIFEST.md")
	sharedRows := manifestRows(t, shared)
	for _, rel := range copied {
		if rows[rel] != sharedRows[rel] {
			t.Errorf("%s: row differs from the shared corpus's MANIFEST.md:\n got %s\nwant %s", rel, rows[rel], sharedRows[rel])
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(testtool.SharedCorpus(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its original in the shared corpus", rel)
		}
	}
}

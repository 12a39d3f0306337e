package write

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambgen/lambgen/generator/files"
)

func TestNewWritesEverythingIntoAnOrdinaryFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "items")
	set := files.Set{
		{Path: "main.go", Data: []byte("package main\n"), Kind: files.Scaffolded},
		{Path: "api/api.gen.go", Data: []byte("package api\n"), Kind: files.Generated},
		{Path: "internal/lambdahttp/adapter.go", Data: []byte("package lambdahttp\n"), Kind: files.Generated},
	}
	if err := New(dir, set, NewManifest(set, nil)); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(set, files.File{Path: files.ManifestPath}) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if f.Data != nil && string(data) != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Path, data, f.Data)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("project folder mode = %v, %v; want 0755 like any folder the user makes", fi.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the project: %v; want only the project, no temp folder left", entries)
	}
	if err := New(dir, set, NewManifest(set, nil)); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second New into the same folder: %v, want ErrNotEmpty", err)
	}
}

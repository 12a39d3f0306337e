package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lambgen/lambgen/generator/files"
)

// ErrNotEmpty means the target of a new project already holds files.
var ErrNotEmpty = errors.New("directory is not empty")

// New writes a whole project into dir, which must be absent or empty. The
// files go into a temporary sibling first and the directory is renamed into
// place, so dir either appears complete or not at all.
func New(dir string, set files.Set, m Manifest) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s: %w (it holds %s; choose another --dir or empty it)", dir, ErrNotEmpty, entries[0].Name())
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".lambgen-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	all := append(files.Set{}, set...)
	all = append(all, files.File{Path: files.ManifestPath, Data: m.Encode(), Kind: files.Generated})
	// The folder is private until the rename below, so each file is
	// written as it is: a temp file and a rename per file (writeFile) would
	// guard against readers no one can be.
	made := map[string]bool{}
	for _, f := range all {
		name := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if d := filepath.Dir(name); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	// MkdirTemp's folder is private (0700); the project is an ordinary one.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(tmp, dir)
}

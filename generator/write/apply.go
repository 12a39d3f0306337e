package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// RefusedError lists the files whose changes lambgen will not destroy.
type RefusedError struct{ Changes []Change }

func (e *RefusedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d generated file(s) changed outside lambgen; nothing was written:\n", len(e.Changes))
	for _, c := range e.Changes {
		fmt.Fprintf(&b, "  %s: %s\n", c.Path, c.Reason)
	}
	b.WriteString("move the change into a user-owned file (a method under handlers/, or template.overrides.yaml for template.yaml)" +
		" and run lambgen generate again, or rerun with --force to overwrite, keeping your version under " + BackupDir + "/")
	return b.String()
}

// undo is how to put one path back: rewrite old, or remove it if it did
// not exist.
type undo struct {
	rel     string
	old     []byte
	existed bool
}

// Apply carries out the plan. Each file goes through a temp file and a
// rename, and the manifest is written last. If any step fails, the steps
// already taken are undone in reverse, so the project is left as it was.
func Apply(p *Plan) (err error) {
	if r := p.Refused(); len(r) > 0 {
		return &RefusedError{Changes: r}
	}
	var done []undo
	var made []string
	defer func() {
		if err == nil {
			return
		}
		if rerr := rollback(p.Dir, done, made); rerr != nil {
			err = fmt.Errorf("%w; restoring the previous files also failed: %v", err, rerr)
		} else {
			err = fmt.Errorf("%w (the project was left as it was)", err)
		}
	}()
	put := func(rel string, data []byte) error {
		prior, err := readIfExists(p.Dir, rel)
		if err != nil {
			return err
		}
		made = append(made, missingDirs(p.Dir, path.Dir(rel))...)
		done = append(done, undo{rel: rel, old: prior, existed: prior != nil})
		if err := writeFile(filepath.Join(p.Dir, filepath.FromSlash(rel)), data); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		return nil
	}
	for _, c := range p.Changes {
		if c.Backup != "" && c.Old != nil {
			if err := put(c.Backup, c.Old); err != nil {
				return err
			}
		}
	}
	var removed []string
	for _, c := range p.Changes {
		switch c.Action {
		case Create, Update:
			if err := put(c.Path, c.New); err != nil {
				return err
			}
		case Delete:
			done = append(done, undo{rel: c.Path, old: c.Old, existed: true})
			if err := removeFile(filepath.Join(p.Dir, filepath.FromSlash(c.Path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("deleting %s: %w", c.Path, err)
			}
			removed = append(removed, c.Path)
		}
	}
	for _, rel := range removed {
		pruneEmptyDirs(p.Dir, path.Dir(rel))
	}
	return nil
}

func rollback(dir string, done []undo, made []string) error {
	var errs []error
	for i := len(done) - 1; i >= 0; i-- {
		u := done[i]
		full := filepath.Join(dir, filepath.FromSlash(u.rel))
		var err error
		if u.existed {
			err = atomicWrite(full, u.old)
		} else {
			err = os.Remove(full)
			if errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", u.rel, err))
		}
	}
	for i := len(made) - 1; i >= 0; i-- {
		_ = os.Remove(filepath.Join(dir, filepath.FromSlash(made[i]))) // only succeeds when empty
	}
	return errors.Join(errs...)
}

// missingDirs lists rel and its parents that do not exist yet, outermost
// first, so a rollback can remove exactly the folders it made.
func missingDirs(dir, rel string) []string {
	var out []string
	for rel != "." && rel != "/" && rel != "" {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			break
		}
		out = append([]string{rel}, out...)
		rel = path.Dir(rel)
	}
	return out
}

// pruneEmptyDirs removes folders that deleting stale files emptied, up to
// but not including the project root.
func pruneEmptyDirs(dir, rel string) {
	for rel != "." && rel != "/" && rel != "" {
		if os.Remove(filepath.Join(dir, filepath.FromSlash(rel))) != nil {
			return
		}
		rel = path.Dir(rel)
	}
}

// writeFile is the one place file bytes reach the disk; tests replace it
// to inject failures.
var writeFile = func(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicWrite(path, data)
}

// removeFile is the one place files leave the disk.
var removeFile = os.Remove

func atomicWrite(name string, data []byte) error { return AtomicFile(name, data, 0o644) }

// AtomicFile writes through a temp file in the same folder and renames it
// into place, so a reader sees the old bytes or the new, never a mix. Every
// file lambgen writes (sources, zips, packaged templates) goes through it.
func AtomicFile(name string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".lambgen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

package devloop

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// stamp is what a poll compares: a save changes the size or the
// modification time, and an editor that writes a new file and renames it
// over the old one changes both.
type stamp struct {
	size int64
	mod  time.Time
}

// snapshot maps each watched file to its stamp; a file that is gone has
// no entry, so deleting one is a change too.
type snapshot map[string]stamp

// skipDir is a folder whose files never reach the server's binary: hidden
// and underscore folders are ignored by the go command too, dist/ is
// lambgen build's output, testdata/ is for tests.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		name == "dist" || name == "testdata" || name == "node_modules" || name == "vendor"
}

// goFiles stamps the project's Go sources and module files. Tests are
// left out: the server does not change when they do.
func goFiles(dir string) snapshot {
	s := snapshot{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		n := d.Name()
		if strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") || n == "go.mod" || n == "go.sum" {
			if info, err := d.Info(); err == nil {
				s[p] = stamp{info.Size(), info.ModTime()}
			}
		}
		return nil
	})
	return s
}

// stampFiles stamps the named files, each of which may be missing.
func stampFiles(paths []string) snapshot {
	s := snapshot{}
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil {
			s[p] = stamp{info.Size(), info.ModTime()}
		}
	}
	return s
}

// changed lists the files whose stamps differ between a and b.
func changed(a, b snapshot) []string {
	var out []string
	for p, st := range a {
		if b[p] != st {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

package cli

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
)

// specDir holds a split spec's files in a new project. A folder of its own
// keeps the spec's names from meeting the project's (a spec folder called
// api/ or a file called template.yaml), and every file is user-owned.
const specDir = "spec"

// specTree lays out the files of a split spec under specDir with the
// layout they have on disk, so that every relative $ref still reaches its
// file, and the user goes on editing the same tree. Files outside the
// root's folder (../common/...) move in with their common ancestor. It
// returns the root's path in the project and the other files.
func specTree(srcs []load.Source) (string, files.Set) {
	up := 0
	for _, s := range srcs {
		n := 0
		for p := s.Rel; strings.HasPrefix(p, "../"); p = p[3:] {
			n++
		}
		up = max(up, n)
	}
	// The root's folder seen from the common ancestor: the last up folders
	// of the root's own path.
	root, err := filepath.Abs(srcs[0].Path)
	if err != nil {
		root = srcs[0].Path
	}
	dirs := strings.Split(path.Dir(filepath.ToSlash(root)), "/")
	prefix := ""
	if up > 0 && up < len(dirs) {
		prefix = path.Join(dirs[len(dirs)-up:]...)
	}
	in := func(rel string) string { return path.Join(specDir, path.Clean(path.Join(prefix, rel))) }
	var set files.Set
	for _, s := range srcs[1:] {
		p := in(s.Rel)
		set = append(set, files.File{Path: p, Data: s.Data, Kind: files.Scaffolded})
	}
	return in(srcs[0].Rel), set
}

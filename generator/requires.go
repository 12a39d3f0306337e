package generator

import (
	"fmt"
	"path/filepath"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

	"github.com/lambgen/lambgen/generator/files"
)

// missingRequires notes the modules the rendered go.mod requires that the
// project's does not, at least at that version. go.mod is the user's and
// is never rewritten, so a lambgen whose generated code imports a new
// module (as the docs page did swgui) says which `go get` to run instead
// of leaving the user with the compiler's "no required module provides".
func missingRequires(dir string, set files.Set) ([]string, error) {
	var rendered []byte
	for _, f := range set {
		if f.Path == "go.mod" {
			rendered = f.Data
		}
	}
	have, err := readOptional(dir, "go.mod")
	if err != nil || rendered == nil || have == nil {
		return nil, err
	}
	want, err := modfile.ParseLax("go.mod", rendered, nil)
	if err != nil {
		return nil, nil
	}
	cur, err := modfile.ParseLax(filepath.Join(dir, "go.mod"), have, nil)
	if err != nil {
		// The go command reports a broken go.mod better than a note would.
		return nil, nil
	}
	got := map[string]string{}
	for _, r := range cur.Require {
		got[r.Mod.Path] = r.Mod.Version
	}
	var notes []string
	for _, r := range want.Require {
		if r.Indirect {
			continue
		}
		if v, ok := got[r.Mod.Path]; !ok || semver.Compare(v, r.Mod.Version) < 0 {
			notes = append(notes, fmt.Sprintf("go.mod: the generated code needs %s %s; run: go get %s@%s",
				r.Mod.Path, r.Mod.Version, r.Mod.Path, r.Mod.Version))
		}
	}
	return notes, nil
}

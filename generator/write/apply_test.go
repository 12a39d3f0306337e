package write

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/files"
)

// snapshot reads every file under dir, so a test can demand the tree is
// exactly as it was.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// project is a generated project on disk with a manifest, and the next
// generation: one update, one create in a new folder, one stale delete.
func project(t *testing.T) (string, *Plan) {
	t.Helper()
	before := map[string]string{
		"api/a.gen.go":    "a1",
		"api/old.gen.go":  "old",
		"api/keep.gen.go": "keep",
		"main.go":         "mine",
	}
	dir := tree(t, before)
	prev := manifestOf(map[string]string{"api/a.gen.go": "a1", "api/old.gen.go": "old", "api/keep.gen.go": "keep"})
	if err := writeFile(filepath.Join(dir, ".lambgen", "manifest.json"), prev.Encode()); err != nil {
		t.Fatal(err)
	}
	set := files.Set{gen("api/a.gen.go", "a2"), gen("api/keep.gen.go", "keep"), gen("internal/x/x.gen.go", "x"), own("main.go", "package main\n")}
	plan, err := NewPlan(dir, set, prev, NewManifest(set, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	return dir, plan
}

func TestApply(t *testing.T) {
	dir, plan := project(t)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	keep := filepath.Join(dir, "api", "keep.gen.go")
	if err := os.Chtimes(keep, old, old); err != nil {
		t.Fatal(err)
	}
	if err := Apply(plan); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	want := map[string]string{
		"./": "", "api/": "", "api/a.gen.go": "a2", "api/keep.gen.go": "keep", "main.go": "mine",
		"internal/": "", "internal/x/": "", "internal/x/x.gen.go": "x",
		".lambgen/": "", ".lambgen/manifest.json": got[".lambgen/manifest.json"],
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("tree after Apply (-want +got):\n%s", d)
	}
	if fi, err := os.Stat(keep); err != nil || !fi.ModTime().Equal(old) {
		t.Fatalf("an unchanged file was rewritten: mtime %v, want %v (%v)", fi.ModTime(), old, err)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Generated["api/old.gen.go"]; ok || m.Generated["internal/x/x.gen.go"] != files.Hash([]byte("x")) {
		t.Fatalf("manifest after Apply: %v", m.Generated)
	}
	// A second plan over the result changes nothing.
	set := files.Set{gen("api/a.gen.go", "a2"), gen("api/keep.gen.go", "keep"), gen("internal/x/x.gen.go", "x"), own("main.go", "package main\n")}
	again, err := NewPlan(dir, set, m, NewManifest(set, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	if p := again.Pending(); len(p) != 0 {
		t.Fatalf("second run would change %+v", p)
	}
}

// TestApplyRollsBackOnFailure injects a failure at every write in turn and
// demands the project is left exactly as it was, with no temp files and no
// new folders.
func TestApplyRollsBackOnFailure(t *testing.T) {
	real := writeFile
	defer func() { writeFile = real }()
	for fail := 1; fail <= 3; fail++ {
		dir, plan := project(t)
		before := snapshot(t, dir)
		n := 0
		writeFile = func(p string, data []byte) error {
			if n++; n == fail {
				return errors.New("disk full")
			}
			return real(p, data)
		}
		err := Apply(plan)
		if err == nil || !strings.HasSuffix(err.Error(), ": disk full (the project was left as it was)") {
			t.Fatalf("failure at write %d: err = %v", fail, err)
		}
		if d := cmp.Diff(before, snapshot(t, dir)); d != "" {
			t.Fatalf("failure at write %d left the project changed (-before +after):\n%s", fail, d)
		}
	}
}

func TestApplyRollsBackFailedDelete(t *testing.T) {
	real := removeFile
	defer func() { removeFile = real }()
	removeFile = func(string) error { return errors.New("permission denied") }
	dir, plan := project(t)
	before := snapshot(t, dir)
	err := Apply(plan)
	if want := "deleting api/old.gen.go: permission denied (the project was left as it was)"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	if d := cmp.Diff(before, snapshot(t, dir)); d != "" {
		t.Fatalf("project changed (-before +after):\n%s", d)
	}
}

func TestApplyRefusesHandEdit(t *testing.T) {
	dir := tree(t, m("api/a.gen.go", "edited"))
	set := files.Set{gen("api/a.gen.go", "new")}
	plan, err := NewPlan(dir, set, manifestOf(m("api/a.gen.go", "old")), NewManifest(set, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err = Apply(plan)
	want := "1 generated file(s) changed outside lambgen; nothing was written:\n" +
		"  api/a.gen.go: it was edited by hand since lambgen wrote it (its sha256 differs from .lambgen/manifest.json)\n" +
		"move the change into a user-owned file (a method under handlers/, or template.overrides.yaml for template.yaml)" +
		" and run lambgen generate again, or rerun with --force to overwrite, keeping your version under .lambgen/backup/"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	if d := cmp.Diff(before, snapshot(t, dir)); d != "" {
		t.Fatalf("a refused plan wrote (-before +after):\n%s", d)
	}
}

func TestApplyForceKeepsBackup(t *testing.T) {
	dir := tree(t, map[string]string{"api/a.gen.go": "edited", "api/gone.gen.go": "edited too"})
	set := files.Set{gen("api/a.gen.go", "new")}
	prev := manifestOf(map[string]string{"api/a.gen.go": "old", "api/gone.gen.go": "old"})
	plan, err := NewPlan(dir, set, prev, NewManifest(set, nil), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(plan); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	for p, want := range map[string]string{
		"api/a.gen.go":                    "new",
		".lambgen/backup/api/a.gen.go":    "edited",
		".lambgen/backup/api/gone.gen.go": "edited too",
	} {
		if got[p] != want {
			t.Errorf("%s = %q, want %q", p, got[p], want)
		}
	}
	if _, ok := got["api/gone.gen.go"]; ok {
		t.Errorf("forced stale file was not deleted")
	}
}

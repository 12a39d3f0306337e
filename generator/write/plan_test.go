package write

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lambgen/lambgen/generator/files"
)

// tree writes files into a fresh directory.
func tree(t *testing.T, fs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range fs {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func manifestOf(gen map[string]string) *Manifest {
	m := &Manifest{Version: 1, Generated: map[string]string{}}
	for p, data := range gen {
		m.Generated[p] = files.Hash([]byte(data))
	}
	return m
}

const stub = "package handlers\n\nfunc (h *Handlers) ReadItem() {}\n"

// TestOwnershipDecisions is the ownership table of package files applied to
// every state a file can be in on disk.
func TestOwnershipDecisions(t *testing.T) {
	tests := []struct {
		name   string
		disk   map[string]string // project files before
		wrote  map[string]string // what the previous manifest records
		file   files.File        // the rendered file; zero Path for a stale one
		stale  string            // the stale path, when file is zero
		force  bool
		want   Action
		reason string
		backup string
	}{
		{name: "generated absent", file: gen("api/a.gen.go", "new"), want: Create},
		{name: "generated unchanged", disk: m("api/a.gen.go", "same"), wrote: m("api/a.gen.go", "same"), file: gen("api/a.gen.go", "same"), want: Keep},
		{name: "generated changed by the spec", disk: m("api/a.gen.go", "old"), wrote: m("api/a.gen.go", "old"), file: gen("api/a.gen.go", "new"), want: Update},
		{name: "generated edited by hand", disk: m("api/a.gen.go", "edited"), wrote: m("api/a.gen.go", "old"), file: gen("api/a.gen.go", "new"), want: Refuse,
			reason: "it was edited by hand since lambgen wrote it (its sha256 differs from .lambgen/manifest.json)"},
		{name: "generated edited by hand, unchanged by the spec", disk: m("api/a.gen.go", "edited"), wrote: m("api/a.gen.go", "old"), file: gen("api/a.gen.go", "old"), want: Refuse,
			reason: "it was edited by hand since lambgen wrote it (its sha256 differs from .lambgen/manifest.json)"},
		{name: "generated edited by hand into what lambgen writes", disk: m("api/a.gen.go", "new"), wrote: m("api/a.gen.go", "old"), file: gen("api/a.gen.go", "new"), want: Keep},
		{name: "generated path holds a file lambgen did not write", disk: m("api/a.gen.go", "theirs"), file: gen("api/a.gen.go", "new"), want: Refuse,
			reason: "lambgen did not write it (it is not in .lambgen/manifest.json), so lambgen will not overwrite it"},
		{name: "forced over a hand edit", disk: m("api/a.gen.go", "edited"), wrote: m("api/a.gen.go", "old"), file: gen("api/a.gen.go", "new"), force: true, want: Update,
			reason: "it was edited by hand since lambgen wrote it (its sha256 differs from .lambgen/manifest.json)", backup: ".lambgen/backup/api/a.gen.go"},
		{name: "user-owned absent", file: own("main.go", "package main\n"), want: Create},
		{name: "user-owned present", disk: m("main.go", "mine"), file: own("main.go", "package main\n"), want: SkipUserOwned},
		{name: "user-owned present, even when lambgen listed it", disk: m("main.go", "mine"), wrote: m("main.go", "old"), file: own("main.go", "package main\n"), want: SkipUserOwned},
		{name: "stub whose method moved to another file", disk: m("handlers/items.go", stub), file: own("handlers/read_item.go", stub), want: SkipUserOwned,
			reason: "its declarations already exist in handlers/items.go:3 (Handlers.ReadItem)"},
		{name: "stale and unmodified", disk: m("api/old.gen.go", "x"), wrote: m("api/old.gen.go", "x"), stale: "api/old.gen.go", want: Delete},
		{name: "stale and edited", disk: m("api/old.gen.go", "edited"), wrote: m("api/old.gen.go", "x"), stale: "api/old.gen.go", want: Refuse,
			reason: "the spec no longer produces it, but it was edited by hand since lambgen wrote it, so lambgen will not delete it"},
		{name: "stale, edited, forced", disk: m("api/old.gen.go", "edited"), wrote: m("api/old.gen.go", "x"), stale: "api/old.gen.go", force: true, want: Delete,
			reason: "the spec no longer produces it, but it was edited by hand since lambgen wrote it, so lambgen will not delete it", backup: ".lambgen/backup/api/old.gen.go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, tt.disk)
			var set files.Set
			p := tt.stale
			if tt.file.Path != "" {
				set, p = files.Set{tt.file}, tt.file.Path
			}
			plan, err := NewPlan(dir, set, manifestOf(tt.wrote), NewManifest(set, nil), tt.force)
			if err != nil {
				t.Fatal(err)
			}
			c := find(t, plan, p)
			if c.Action != tt.want || c.Reason != tt.reason || c.Backup != tt.backup {
				t.Errorf("%s: got %s (reason %q, backup %q), want %s (reason %q, backup %q)", p, c.Action, c.Reason, c.Backup, tt.want, tt.reason, tt.backup)
			}
		})
	}
}

// TestStaleFileAlreadyGone checks that a generated file the user deleted,
// which the spec no longer produces, is simply forgotten.
func TestStaleFileAlreadyGone(t *testing.T) {
	dir := t.TempDir()
	plan, err := NewPlan(dir, nil, manifestOf(m("api/old.gen.go", "x")), NewManifest(nil, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 1 || plan.Changes[0].Path != files.ManifestPath || plan.Changes[0].Action != Create {
		t.Fatalf("changes = %+v, want only the manifest's creation", plan.Changes)
	}
}

func find(t *testing.T, p *Plan, path string) Change {
	t.Helper()
	for _, c := range p.Changes {
		if c.Path == path {
			return c
		}
	}
	t.Fatalf("no decision for %s in %+v", path, p.Changes)
	return Change{}
}

func m(p, data string) map[string]string { return map[string]string{p: data} }

func gen(p, data string) files.File {
	return files.File{Path: p, Data: []byte(data), Kind: files.Generated}
}

func own(p, data string) files.File {
	return files.File{Path: p, Data: []byte(data), Kind: files.Scaffolded}
}

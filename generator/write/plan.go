package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"github.com/lambgen/lambgen/generator/files"
)

// Action is what generate does to one path.
type Action int

const (
	// Keep: the file on disk already holds the bytes lambgen would write.
	Keep Action = iota
	// Create: the file is absent and will be written.
	Create
	// Update: a generated file whose bytes changed will be rewritten.
	Update
	// Delete: a generated file the spec no longer produces, unmodified
	// since lambgen wrote it, will be removed.
	Delete
	// SkipUserOwned: a user-owned file exists and is left alone.
	SkipUserOwned
	// Refuse: writing would destroy a change lambgen did not make.
	Refuse
)

var actionNames = [...]string{"keep", "create", "update", "delete", "skip-user-owned", "refuse"}

func (a Action) String() string { return actionNames[a] }

// Change is the decision for one path.
type Change struct {
	Path   string // slash-separated, relative to the project
	Kind   files.Kind
	Action Action
	Old    []byte // bytes on disk; nil when absent
	New    []byte // bytes to write; nil for Delete
	// Reason says why a file is skipped or refused, for the user.
	Reason string
	// Backup, when set, is where the bytes on disk are saved before a
	// forced Update or Delete overwrites a change lambgen did not make.
	Backup string
}

// Writes reports whether the change touches the disk.
func (c Change) Writes() bool { return c.Action == Create || c.Action == Update || c.Action == Delete }

// Plan is every decision for one project, sorted by path, with the
// manifest last. Nothing is written until Apply.
type Plan struct {
	Dir     string
	Changes []Change
}

// Pending lists the changes that write or delete.
func (p *Plan) Pending() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Writes() {
			out = append(out, c)
		}
	}
	return out
}

// Refused lists the changes lambgen will not make without --force.
func (p *Plan) Refused() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Action == Refuse {
			out = append(out, c)
		}
	}
	return out
}

// BackupDir holds the user's version of files that --force overwrote.
const BackupDir = ".lambgen/backup"

// NewPlan decides what generating set into dir does. prev is the manifest
// on disk (nil when there is none) and next the one to record. With force,
// changes that would otherwise be refused go ahead, and the bytes they
// replace are saved under BackupDir.
func NewPlan(dir string, set files.Set, prev *Manifest, next Manifest, force bool) (*Plan, error) {
	known := map[string]string{}
	if prev != nil {
		known = prev.Generated
	}
	p := &Plan{Dir: dir}
	wanted := map[string]bool{}
	for _, f := range set {
		wanted[f.Path] = true
		old, err := readIfExists(dir, f.Path)
		if err != nil {
			return nil, err
		}
		c := Change{Path: f.Path, Kind: f.Kind, Old: old, New: f.Data}
		decide(&c, known, dir)
		p.Changes = append(p.Changes, c)
	}
	for _, stale := range slices.Sorted(maps.Keys(known)) {
		if wanted[stale] {
			continue
		}
		old, err := readIfExists(dir, stale)
		if err != nil {
			return nil, err
		}
		if old == nil {
			continue // already gone; the new manifest forgets it
		}
		c := Change{Path: stale, Kind: files.Generated, Old: old, Action: Delete}
		if files.Hash(old) != known[stale] {
			c.Action = Refuse
			c.Reason = "the spec no longer produces it, but it was edited by hand since lambgen wrote it, so lambgen will not delete it"
		}
		p.Changes = append(p.Changes, c)
	}
	sort.SliceStable(p.Changes, func(i, j int) bool { return p.Changes[i].Path < p.Changes[j].Path })
	if force {
		for i := range p.Changes {
			c := &p.Changes[i]
			if c.Action != Refuse {
				continue
			}
			c.Backup = path.Join(BackupDir, c.Path)
			c.Action = Update
			if c.New == nil {
				c.Action = Delete
			}
		}
	}
	old, err := readIfExists(dir, files.ManifestPath)
	if err != nil {
		return nil, err
	}
	m := Change{Path: files.ManifestPath, Kind: files.Generated, Old: old, New: next.Encode(), Action: Keep}
	if old == nil {
		m.Action = Create
	} else if !bytes.Equal(old, m.New) {
		m.Action = Update
	}
	p.Changes = append(p.Changes, m)
	return p, nil
}

// decide applies the ownership table of package files to one rendered file.
func decide(c *Change, known map[string]string, dir string) {
	switch {
	case c.Old == nil && c.Kind == files.Scaffolded:
		c.Action = Create
		if where := declaredElsewhere(dir, c.Path, c.New); where != "" {
			c.Action = SkipUserOwned
			c.Reason = "its declarations already exist in " + where
		}
	case c.Old == nil:
		c.Action = Create
	case c.Kind == files.Scaffolded:
		c.Action = SkipUserOwned
	case bytes.Equal(c.Old, c.New):
		c.Action = Keep
	case known[c.Path] == "":
		c.Action = Refuse
		c.Reason = "lambgen did not write it (it is not in " + files.ManifestPath + "), so lambgen will not overwrite it"
	case files.Hash(c.Old) != known[c.Path]:
		c.Action = Refuse
		c.Reason = "it was edited by hand since lambgen wrote it (its sha256 differs from " + files.ManifestPath + ")"
	default:
		c.Action = Update
	}
}

func readIfExists(dir, rel string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

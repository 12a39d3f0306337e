package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/evolve"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/merge"
	"github.com/lambgen/lambgen/generator/write"
)

// RegenerateOptions says how to regenerate a project.
type RegenerateOptions struct {
	// Runtime is the lambdahttp package's source.
	Runtime fs.FS
	// Force plans to overwrite generated files edited by hand, keeping the
	// user's version as a backup.
	Force bool
}

// Regeneration is what regenerating a project does: the plan for every
// file and the notes about operations that were added, moved, renamed or
// removed. Nothing is written until the caller applies Plan.
type Regeneration struct {
	*Result
	// Dir is the project and SpecPath the spec lambgen.yaml names.
	Dir, SpecPath string
	Plan          *write.Plan
	Notes         []string
}

// Regenerate plans the regeneration of the project in dir from the spec
// its lambgen.yaml names, as `lambgen generate` does: the rendered files,
// the user's template overrides merged in, and tombstones for operations
// whose methods the user still has. It reads the project and writes
// nothing.
func Regenerate(ctx context.Context, dir string, opts RegenerateOptions) (*Regeneration, error) {
	cfg, err := config.Read(filepath.Join(dir, config.File))
	if err != nil {
		return nil, err
	}
	specPath := cfg.Spec
	if !filepath.IsAbs(specPath) {
		specPath = filepath.Join(dir, specPath)
	}
	res, err := Generate(ctx, Options{SpecPath: specPath, Config: cfg, Runtime: opts.Runtime})
	if err != nil {
		return nil, err
	}
	prev, err := write.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	set, ev, err := assemble(dir, res, prev)
	if err != nil {
		return nil, err
	}
	next := write.NewManifest(set, write.Operations(res.API))
	next.Retired = ev.Retired
	plan, err := write.NewPlan(dir, set, prev, next, opts.Force)
	if err != nil {
		return nil, err
	}
	requires, err := missingRequires(dir, set)
	if err != nil {
		return nil, err
	}
	return &Regeneration{Result: res, Dir: dir, SpecPath: specPath, Plan: plan, Notes: append(ev.Notes, requires...)}, nil
}

// assemble completes the rendered set with what only the project on disk
// can tell: the user's template overrides and the tombstones of retired
// operations.
func assemble(dir string, res *Result, prev *write.Manifest) (files.Set, *evolve.Result, error) {
	set := append(files.Set{}, res.Files...)
	overrides, err := readOptional(dir, merge.OverridesFile)
	if err != nil {
		return nil, nil, err
	}
	in := evolve.Input{Prev: prev, Next: write.Operations(res.API), OldAPI: map[string][]byte{}, NewAPI: map[string][]byte{}, Handlers: map[string][]byte{}}
	for i, f := range set {
		switch {
		case f.Path == merge.TemplateFile:
			merged, err := merge.Template(f.Data, overrides, filepath.Join(dir, merge.OverridesFile))
			if err != nil {
				return nil, nil, err
			}
			set[i].Data = merged
		case strings.HasPrefix(f.Path, files.APIDir+"/") && strings.HasSuffix(f.Path, ".go"):
			in.NewAPI[f.Path] = f.Data
		}
	}
	for _, p := range []string{files.APIGenPath, evolve.TombstonePath} {
		data, err := readOptional(dir, p)
		if err != nil {
			return nil, nil, err
		}
		if data != nil {
			in.OldAPI[p] = data
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, files.HandlersDir, "*.go"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			return nil, nil, err
		}
		in.Handlers[files.HandlersDir+"/"+filepath.Base(m)] = data
	}
	ev, err := evolve.Compare(in)
	if err != nil {
		return nil, nil, err
	}
	if ev.Tombstones != nil {
		set = append(set, files.File{Path: evolve.TombstonePath, Data: ev.Tombstones, Kind: files.KindOf(evolve.TombstonePath)})
		set.Sort()
	}
	return set, ev, nil
}

func readOptional(dir, rel string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if os.IsNotExist(err) {
		return nil, nil
	}
	return data, err
}

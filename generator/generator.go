package generator

import (
	"context"
	"io/fs"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
	"github.com/lambgen/lambgen/generator/render"
)

// Options says what to generate.
type Options struct {
	// SpecPath names the spec in errors; SpecSource, when set, is its bytes
	// (the built-in example has no file), else the file at SpecPath is read.
	SpecPath   string
	SpecSource []byte
	Config     config.Config
	// Runtime is the lambdahttp package's source.
	Runtime fs.FS
}

// Result is a rendered project and the model it came from.
type Result struct {
	Files files.Set
	API   *model.API
	Spec  *load.Spec
	// Config is the configuration with every default filled in.
	Config config.Config
}

// Generate runs load, model and render. It never touches the disk, except
// to read the spec and any local files it $refs.
func Generate(ctx context.Context, opts Options) (*Result, error) {
	cfg := opts.Config
	cfg.Defaults()
	var spec *load.Spec
	var err error
	if opts.SpecSource != nil {
		spec, err = load.Bytes(ctx, opts.SpecPath, opts.SpecSource)
	} else {
		spec, err = load.File(ctx, opts.SpecPath)
	}
	if err != nil {
		return nil, err
	}
	api, err := model.Build(spec)
	if err != nil {
		return nil, err
	}
	if cfg.Name == "" {
		cfg.Name = config.Slug(api.Title)
	}
	if cfg.Module == "" {
		cfg.Module = "example.com/" + cfg.Name
	}
	if err := cfg.Check(config.File); err != nil {
		return nil, err
	}
	docs, moved := model.BuildDocs(spec, api, cfg.Docs)
	api.Docs = docs
	spec.Warnings = append(spec.Warnings, moved...)
	set, err := render.Render(render.Input{Spec: spec, API: api, Config: cfg, Runtime: opts.Runtime})
	if err != nil {
		return nil, err
	}
	return &Result{Files: set, API: api, Spec: spec, Config: cfg}, nil
}

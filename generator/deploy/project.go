package deploy

import (
	"context"
	"path/filepath"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// Project is a generated project on disk and the model of its spec.
type Project struct {
	Dir    string
	Config config.Config
	Spec   *load.Spec
	API    *model.API
	Deploy *model.Deploy
}

// Open reads dir/lambgen.yaml and the spec it names, and derives the
// deployment model. Errors are load.Problems located in those files.
func Open(ctx context.Context, dir string) (*Project, error) {
	cfg, err := config.Read(filepath.Join(dir, config.File))
	if err != nil {
		return nil, err
	}
	specPath := cfg.Spec
	if !filepath.IsAbs(specPath) {
		specPath = filepath.Join(dir, specPath)
	}
	spec, err := load.File(ctx, specPath)
	if err != nil {
		return nil, err
	}
	api, err := model.Build(spec)
	if err != nil {
		return nil, err
	}
	api.Docs, _ = model.BuildDocs(spec, api, cfg.Docs)
	d, err := model.BuildDeploy(spec, api, cfg)
	if err != nil {
		return nil, relocate(err, dir)
	}
	return &Project{Dir: dir, Config: cfg, Spec: spec, API: api, Deploy: d}, nil
}

// Path is a file of the project as messages name it.
func (p *Project) Path(rel string) string { return filepath.Join(p.Dir, filepath.FromSlash(rel)) }

// relocate puts the project directory in front of problems the model
// reports against lambgen.yaml, which it knows only by name.
func relocate(err error, dir string) error {
	ps, ok := err.(load.Problems)
	if !ok {
		return err
	}
	out := make(load.Problems, len(ps))
	for i, p := range ps {
		if p.File == config.File {
			p.File = filepath.Join(dir, config.File)
		}
		out[i] = p
	}
	return out
}

package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
	"github.com/lambgen/lambgen/templates"
)

func newCommand(env Env) *ucli.Command {
	return &ucli.Command{
		Name:      "new",
		Usage:     "scaffold a complete Lambda project from an OpenAPI spec",
		UsageText: "lambgen new [--spec FILE] [--dir DIR] [--module PATH] [--name NAME] [--strict]",
		Description: "Without --spec, lambgen uses its built-in Item example (the FastAPI app of Mangum's\n" +
			"introductory article, as OpenAPI 3.0). The target directory must be absent or empty.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "spec", Usage: "OpenAPI 3 or Swagger 2.0 `FILE` (default: the built-in Item example)"},
			&ucli.StringFlag{Name: "dir", Usage: "project `DIR` (default: a folder named after the project)"},
			&ucli.StringFlag{Name: "module", Usage: "Go module `PATH` (default: example.com/NAME)"},
			&ucli.StringFlag{Name: "name", Usage: "project `NAME` (default: from the spec's title)"},
			&ucli.StringFlag{Name: "api", Value: "http", Usage: "API Gateway `TYPE`: http or rest"},
			&ucli.StringFlag{Name: "arch", Value: "arm64", Usage: "Lambda `ARCH`itecture: arm64 or x86_64"},
			strictFlag,
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("new takes no arguments, got %q (did you mean --spec %s?)", c.Args().First(), c.Args().First())
			}
			return runNew(c, env)
		},
	}
}

func runNew(c *ucli.Context, env Env) error {
	opts := generator.Options{
		SpecPath: c.String("spec"),
		Config: config.Config{
			Name: c.String("name"), Module: c.String("module"),
			API: c.String("api"), Architecture: c.String("arch"),
		},
		Runtime: env.Runtime,
	}
	if opts.SpecPath == "" {
		opts.SpecPath = "items.openapi.yaml (built in)"
		opts.SpecSource = templates.ItemsSpec
		opts.Config.Spec = "openapi.yaml"
	} else {
		opts.Config.Spec = "openapi" + specExt(opts.SpecPath)
	}
	res, err := generator.Generate(c.Context, opts)
	if err != nil {
		return fail(err)
	}
	var tree files.Set
	if len(res.Spec.Files) > 1 {
		// A split spec keeps its layout under spec/; lambgen.yaml and the
		// rest must name the root there, so render again.
		opts.Config.Spec, tree = specTree(res.Spec.Files)
		if res, err = generator.Generate(c.Context, opts); err != nil {
			return fail(err)
		}
	}
	if err := warn(c, res.Spec.Warnings); err != nil {
		return err
	}
	dir := c.String("dir")
	if dir == "" {
		dir = res.Config.Name
	}
	set := append(append(files.Set{}, res.Files...), tree...)
	set.Sort()
	if err := write.New(dir, set, write.NewManifest(set, write.Operations(res.API))); err != nil {
		return fail(err)
	}
	w := c.App.Writer
	fmt.Fprintf(w, "created %s (%d files) from %s:\n", dir, len(set)+1, opts.SpecPath)
	for _, f := range set {
		fmt.Fprintf(w, "  %-11s %s\n", f.Kind, f.Path)
	}
	if n := len(res.API.Operations); n > 0 {
		fmt.Fprintf(w, "\n%d operations; fill in the handlers under %s.\n", n, filepath.Join(dir, "handlers"))
	} else {
		fmt.Fprintf(w, "\nno operations yet: add paths to %s, then run lambgen generate.\n", filepath.Join(dir, "openapi"+specExt(opts.SpecPath)))
	}
	fmt.Fprintf(w, "next:\n  cd %s\n  go test ./...\n  go run .\n", dir)
	return nil
}

func specExt(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".json":
		return ".json"
	case ".yml":
		return ".yml"
	}
	return ".yaml"
}

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/evolve"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/merge"
	"github.com/lambgen/lambgen/generator/write"
)

func generateCommand(env Env) *ucli.Command {
	return &ucli.Command{
		Name:      "generate",
		Usage:     "regenerate a project after its spec changed, keeping every line of user code",
		UsageText: "lambgen generate [--dir DIR] [--check] [--diff] [--dry-run] [--force] [--strict]",
		Description: "Reads lambgen.yaml in DIR, loads the spec it names and rewrites the generated files (api/,\n" +
			"internal/lambdahttp/, template.yaml) whose bytes changed. User-owned files (handlers, main.go,\n" +
			"template.overrides.yaml, ...) are only written when absent. A generated file edited by hand is\n" +
			"refused unless --force, which keeps your version under .lambgen/backup/.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "dir", Value: ".", Usage: "project `DIR`"},
			&ucli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 and list what differs if the project is out of date"},
			&ucli.BoolFlag{Name: "diff", Usage: "write nothing; print a unified diff of what would change"},
			&ucli.BoolFlag{Name: "dry-run", Usage: "write nothing; list what would happen to every file"},
			&ucli.BoolFlag{Name: "force", Usage: "overwrite generated files edited by hand, backing them up under .lambgen/backup/"},
			strictFlag,
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("generate takes no arguments, got %q (did you mean --dir %s?)", c.Args().First(), c.Args().First())
			}
			return runGenerate(c, env)
		},
	}
}

func runGenerate(c *ucli.Context, env Env) error {
	dir := c.String("dir")
	cfg, err := config.Read(filepath.Join(dir, config.File))
	if err != nil {
		return fail(err)
	}
	specPath := cfg.Spec
	if !filepath.IsAbs(specPath) {
		specPath = filepath.Join(dir, specPath)
	}
	res, err := generator.Generate(c.Context, generator.Options{SpecPath: specPath, Config: cfg, Runtime: env.Runtime})
	if err != nil {
		return fail(err)
	}
	if err := warn(c, res.Spec.Warnings); err != nil {
		return err
	}
	prev, err := write.ReadManifest(dir)
	if err != nil {
		return fail(err)
	}
	set, ev, err := assemble(dir, res, prev)
	if err != nil {
		return fail(err)
	}
	next := write.NewManifest(set, write.Operations(res.API))
	next.Retired = ev.Retired
	plan, err := write.NewPlan(dir, set, prev, next, c.Bool("force"))
	if err != nil {
		return fail(err)
	}
	w := c.App.Writer
	switch {
	case c.Bool("diff"):
		printDiff(w, plan, colorable(w))
		if c.Bool("check") {
			return stale(w, dir, specPath, plan, false)
		}
		return nil
	case c.Bool("check"):
		return stale(w, dir, specPath, plan, true)
	case c.Bool("dry-run"):
		fmt.Fprintf(w, "lambgen generate would do this to %s (from %s); nothing was written:\n", dir, specPath)
		for _, ch := range plan.Changes {
			printChange(w, ch)
		}
		printNotes(w, ev.Notes)
		// A dry run predicts the real run, including its failure.
		if refused := plan.Refused(); len(refused) > 0 {
			return fail(fmt.Errorf("a real run would refuse %d file(s) edited by hand (see refuse above; --force backs them up)", len(refused)))
		}
		return nil
	}
	if err := write.Apply(plan); err != nil {
		return fail(err)
	}
	pending := plan.Pending()
	if len(pending) == 0 {
		fmt.Fprintf(w, "%s is up to date with %s\n", dir, specPath)
	} else {
		fmt.Fprintf(w, "regenerated %s from %s:\n", dir, specPath)
		for _, ch := range pending {
			printChange(w, ch)
			if ch.Backup != "" {
				fmt.Fprintf(w, "  %-15s %s (your version of %s)\n", "backup", ch.Backup, ch.Path)
			}
		}
		fmt.Fprintf(w, "%d file(s) changed, %d left as they were\n", len(pending), len(plan.Changes)-len(pending))
	}
	printNotes(w, ev.Notes)
	return nil
}

// assemble completes the rendered set with what only the project on disk
// can tell: the user's template overrides and the tombstones of retired
// operations.
func assemble(dir string, res *generator.Result, prev *write.Manifest) (files.Set, *evolve.Result, error) {
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
		case strings.HasPrefix(f.Path, "api/") && strings.HasSuffix(f.Path, ".go"):
			in.NewAPI[f.Path] = f.Data
		}
	}
	for _, p := range []string{"api/api.gen.go", evolve.TombstonePath} {
		data, err := readOptional(dir, p)
		if err != nil {
			return nil, nil, err
		}
		if data != nil {
			in.OldAPI[p] = data
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "handlers", "*.go"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			return nil, nil, err
		}
		in.Handlers["handlers/"+filepath.Base(m)] = data
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

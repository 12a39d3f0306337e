package cli

import (
	"fmt"
	"io"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator"
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
	rg, err := generator.Regenerate(c.Context, dir, generator.RegenerateOptions{Runtime: env.Runtime, Force: c.Bool("force")})
	if err != nil {
		return fail(err)
	}
	if err := warn(c, rg.Spec.Warnings); err != nil {
		return err
	}
	plan, specPath, notes := rg.Plan, rg.SpecPath, rg.Notes
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
		printNotes(w, notes)
		// A dry run predicts the real run, including its failure.
		if refused := plan.Refused(); len(refused) > 0 {
			return fail(fmt.Errorf("a real run would refuse %d file(s) edited by hand (see refuse above; --force backs them up)", len(refused)))
		}
		return nil
	}
	return applyPlan(w, rg)
}

// applyPlan writes a regeneration and reports it: `generate` and `dev`
// share it, so that a save in `dev` does exactly what `generate` does.
func applyPlan(w io.Writer, rg *generator.Regeneration) error {
	dir, plan, specPath := rg.Dir, rg.Plan, rg.SpecPath
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
	printNotes(w, rg.Notes)
	return nil
}

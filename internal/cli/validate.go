package cli

import (
	"fmt"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/deploy"
)

func validateCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "validate",
		Usage:     "check the spec, template.yaml and serverless.yml offline before deploying",
		UsageText: "lambgen validate [--dir DIR] [--strict]",
		Description: "Checks lambgen.yaml; the spec against OpenAPI and against API Gateway's rules (path syntax,\n" +
			"greedy parameters only last, one variable name per position, operationIds); that template.yaml and\n" +
			"serverless.yml route every operation and nothing else; the properties SAM requires; and that no\n" +
			"policy reaches every resource. Exits 1 with every problem located as file:line:column.",
		Flags: []ucli.Flag{dirFlag, strictFlag},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("validate takes no arguments, got %q", c.Args().First())
			}
			if err := warn(c, projectWarnings(c, c.String("dir"))); err != nil {
				return err
			}
			rep, err := deploy.Validate(c.Context, c.String("dir"))
			if err != nil {
				return fail(err)
			}
			w := c.App.Writer
			for _, line := range rep.Checked {
				fmt.Fprintf(w, "checked %s\n", line)
			}
			for _, n := range rep.Notes {
				fmt.Fprintf(w, "note: %s\n", n)
			}
			if len(rep.Problems) > 0 {
				return fail(rep.Problems)
			}
			fmt.Fprintln(w, "ok")
			return nil
		},
	}
}

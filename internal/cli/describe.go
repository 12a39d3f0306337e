package cli

import (
	"fmt"
	"os"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/load"
)

func describeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "describe",
		Usage:     "print the route table: method, path, operation, auth and handler",
		UsageText: "lambgen describe [--dir DIR] [--outputs FILE]",
		Description: "With --outputs, the JSON that `aws cloudformation describe-stacks --stack-name NAME` prints,\n" +
			"each route's full URL is printed too.",
		Flags: []ucli.Flag{
			dirFlag,
			&ucli.StringFlag{Name: "outputs", Usage: "stack outputs JSON `FILE` from aws cloudformation describe-stacks"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("describe takes no arguments, got %q", c.Args().First())
			}
			p, err := deploy.Open(c.Context, c.String("dir"))
			if err != nil {
				return fail(err)
			}
			var outputs []byte
			if name := c.String("outputs"); name != "" {
				if outputs, err = os.ReadFile(name); err != nil {
					return fail(load.Problems{{File: name, Message: "cannot read stack outputs: " + err.Error()}})
				}
			}
			rows, err := deploy.Describe(p, outputs, c.String("outputs"))
			if err != nil {
				return fail(err)
			}
			return fail(deploy.PrintRoutes(c.App.Writer, rows))
		},
	}
}

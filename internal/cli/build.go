package cli

import (
	"fmt"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/deploy"
)

// dirFlag is the project directory every deployment command works on.
var dirFlag = &ucli.StringFlag{Name: "dir", Value: ".", Usage: "project `DIR` (the folder holding lambgen.yaml)"}

func buildCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "build",
		Usage:     "compile bootstrap for Lambda and zip it into dist/",
		UsageText: "lambgen build [--dir DIR]",
		Description: "Cross-compiles the project for linux and the architecture in lambgen.yaml, with the flags the\n" +
			"Makefile uses (-tags lambda.norpc -trimpath, no symbols, CGO_ENABLED=0), and writes dist/NAME.zip.\n" +
			"The zip is reproducible: the same source gives the same bytes.",
		Flags: []ucli.Flag{dirFlag},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("build takes no arguments, got %q (did you mean --dir %s?)", c.Args().First(), c.Args().First())
			}
			p, err := deploy.Open(c.Context, c.String("dir"))
			if err != nil {
				return fail(err)
			}
			b, err := deploy.Build(c.Context, p, c.App.Writer)
			if err != nil {
				return fail(err)
			}
			fmt.Fprintf(c.App.Writer, "next: lambgen package --dir %s, or serverless deploy (it reads %s)\n", p.Dir, b.Zip)
			return nil
		},
	}
}

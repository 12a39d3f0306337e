package cli

import (
	"fmt"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
)

// strictFlag makes warnings fail the command, for CI that wants specs
// kept clean.
var strictFlag = &ucli.BoolFlag{Name: "strict", Usage: "treat spec warnings as errors: exit 1 and write nothing"}

// strictWarnings is the failure --strict turns warnings into. It prints as
// the same located lines the warnings print as.
type strictWarnings struct{ load.Problems }

// warn prints a spec's warnings on stderr and, under --strict, fails with
// them before anything is written.
func warn(c *ucli.Context, ws load.Problems) error {
	if len(ws) == 0 {
		return nil
	}
	if c.Bool("strict") {
		return fail(strictWarnings{ws})
	}
	fmt.Fprintf(c.App.ErrWriter, "%s\n", ws.Error())
	return nil
}

// projectWarnings loads the spec a project names, for its warnings only:
// a spec that does not load is reported by the command's own checks.
func projectWarnings(c *ucli.Context, dir string) load.Problems {
	cfg, err := config.Read(filepath.Join(dir, config.File))
	if err != nil {
		return nil
	}
	specPath := cfg.Spec
	if !filepath.IsAbs(specPath) {
		specPath = filepath.Join(dir, specPath)
	}
	spec, err := load.File(c.Context, specPath)
	if err != nil {
		return nil
	}
	return spec.Warnings
}

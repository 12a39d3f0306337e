package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/internal/devloop"
)

func devCommand(env Env) *ucli.Command {
	return &ucli.Command{
		Name:      "dev",
		Usage:     "run the project locally, rebuilding and restarting it on every save",
		UsageText: "lambgen dev [--dir DIR] [--port N]",
		Description: "Serves the project on 127.0.0.1:PORT with the docs at /docs, and watches lambgen.yaml, every\n" +
			"file of the spec and the Go sources. A spec change regenerates as `lambgen generate` does; any\n" +
			"change rebuilds (go build) and restarts the server. While a build fails, its errors are shown and\n" +
			"the previous server goes on serving. Every request is logged as one line: method, path,\n" +
			"operationId, status, duration and request id. Ctrl-C stops the server and everything it started.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "dir", Value: ".", Usage: "project `DIR`"},
			&ucli.IntFlag{Name: "port", Value: defaultPort(), Usage: "`N`, the port to serve on (default $PORT, else 8080)"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("dev takes no arguments, got %q", c.Args().First())
			}
			port := c.Int("port")
			if port < 1 || port > 65535 {
				return fmt.Errorf("--port %d is not a TCP port (want 1-65535)", port)
			}
			dir := c.String("dir")
			if _, err := config.Read(filepath.Join(dir, config.File)); err != nil {
				return fail(err)
			}
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return fail(devloop.Run(ctx, devloop.Options{
				Dir: dir, Port: port, Out: c.App.Writer, Err: c.App.ErrWriter,
				Regenerate: func(ctx context.Context) (devloop.Project, error) { return devRegenerate(ctx, c, env, dir) },
			}))
		},
	}
}

func defaultPort() int {
	if p, err := strconv.Atoi(os.Getenv("PORT")); err == nil && p > 0 {
		return p
	}
	return 8080
}

// devRegenerate is `lambgen generate` without flags: the same plan, the
// same refusals and the same report.
func devRegenerate(ctx context.Context, c *ucli.Context, env Env, dir string) (devloop.Project, error) {
	cfgPath := filepath.Join(dir, config.File)
	proj := devloop.Project{Watch: []string{cfgPath}}
	if cfg, err := config.Read(cfgPath); err == nil {
		spec := cfg.Spec
		if !filepath.IsAbs(spec) {
			spec = filepath.Join(dir, spec)
		}
		proj.Watch = append(proj.Watch, spec)
	}
	rg, err := generator.Regenerate(ctx, dir, generator.RegenerateOptions{Runtime: env.Runtime})
	if err != nil {
		return proj, err
	}
	if len(rg.Spec.Warnings) > 0 {
		fmt.Fprintf(c.App.ErrWriter, "%s\n", rg.Spec.Warnings.Error())
	}
	proj.Watch = []string{cfgPath}
	for _, f := range rg.Spec.Files {
		p, err := filepath.Abs(f.Path)
		if err != nil {
			p = f.Path
		}
		proj.Watch = append(proj.Watch, p)
	}
	proj.BasePath = rg.API.BasePath
	if d := rg.API.Docs; d != nil && d.Local {
		proj.DocsPath = d.Path
	}
	return proj, applyPlan(c.App.Writer, rg)
}

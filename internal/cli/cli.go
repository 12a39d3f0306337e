package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/load"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitMisuse  = 2
)

// Env is what the binary embeds and passes down.
type Env struct {
	// Runtime is the lambdahttp package's source, copied into projects.
	Runtime fs.FS
	Version string
}

// failure marks an error as the command failing, not the user misusing it.
type failure struct{ err error }

func (f failure) Error() string { return f.err.Error() }
func (f failure) Unwrap() error { return f.err }

func fail(err error) error {
	if err == nil {
		return nil
	}
	return failure{err}
}

// Run executes lambgen with args (args[0] is the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	app := &ucli.App{
		Name:  "lambgen",
		Usage: "turn an OpenAPI contract into a Go API on AWS Lambda",
		Description: "lambgen scaffolds a Go project from an OpenAPI spec: typed models and handlers, a server that\n" +
			"validates every request against the spec, a proxy-event adapter for API Gateway, ALB and Function\n" +
			"URLs, and AWS SAM and Serverless Framework templates.\n\n" +
			"Examples:\n" +
			"   lambgen new                                  # the built-in Item example, into ./items\n" +
			"   lambgen new --spec openapi.yaml --dir petstore --module github.com/me/petstore\n" +
			"   cd petstore && lambgen dev                   # serves :8080, docs at /docs; edit, save, it rebuilds\n" +
			"   lambgen event getPet --source rest           # the Lambda event API Gateway would send\n" +
			"   lambgen invoke getPet                        # that event through the adapter and your handler\n" +
			"   lambgen generate                             # after editing openapi.yaml; user code is kept\n" +
			"   lambgen generate --check                     # in CI: exit 1 if generated files are stale\n" +
			"   lambgen validate && lambgen build && lambgen package\n" +
			"   sam deploy --guided --template-file dist/packaged.yaml",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*ucli.Context, error) {},
		OnUsageError: func(c *ucli.Context, err error, _ bool) error {
			return err
		},
		// In the order of a project's life: create, regenerate, run and
		// try locally, check, build, package, inspect.
		Commands: []*ucli.Command{
			newCommand(env),
			generateCommand(env),
			devCommand(env),
			eventCommand(),
			invokeCommand(),
			validateCommand(),
			buildCommand(),
			packageCommand(),
			describeCommand(),
			versionCommand(env),
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("unknown command %q (see lambgen --help)", c.Args().First())
			}
			return ucli.ShowAppHelp(c)
		},
	}
	err := app.RunContext(ctx, operationLast(args))
	if err == nil {
		return ExitOK
	}
	var f failure
	if errors.As(err, &f) {
		var sw strictWarnings
		var ps load.Problems
		if errors.As(err, &sw) {
			fmt.Fprintf(stderr, "lambgen: %d warning(s), which --strict makes errors:\n%s\n", len(sw.Problems), sw.Error())
		} else if errors.As(err, &ps) {
			fmt.Fprintf(stderr, "lambgen: %d problem(s):\n%s\n", len(ps), ps.Error())
		} else {
			fmt.Fprintf(stderr, "lambgen: %v\n", err)
		}
		return ExitFailure
	}
	fmt.Fprintf(stderr, "lambgen: %v\n", err)
	return ExitMisuse
}

func versionCommand(env Env) *ucli.Command {
	return &ucli.Command{
		Name:  "version",
		Usage: "print lambgen's version",
		Action: func(c *ucli.Context) error {
			v := env.Version
			if v == "" {
				v = "(devel)"
			}
			fmt.Fprintf(c.App.Writer, "lambgen %s\n", v)
			return nil
		},
	}
}

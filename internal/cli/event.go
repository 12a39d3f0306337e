package cli

import (
	"fmt"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/event"
)

// eventFlags are the flags that choose and fill in an event, shared by
// event and invoke.
func eventFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "dir", Value: ".", Usage: "project `DIR`"},
		&ucli.StringFlag{Name: "source", Usage: "`SOURCE` of the event: rest (API Gateway REST API), http (HTTP API), alb or url (Function URL); default: the project's api"},
		&ucli.StringSliceFlag{Name: "param", Usage: "`name=value` of a path, query, header or cookie parameter, replacing the sample's (repeatable)"},
		&ucli.StringFlag{Name: "body", Usage: "`FILE` whose bytes are the request body instead of the sample's (- for stdin)"},
	}
}

func eventCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "event",
		Usage:     "print the Lambda event a gateway would send for one operation",
		UsageText: "lambgen event OPERATION [--source rest|http|alb|url] [--param name=value ...] [--body FILE] [--dir DIR]",
		Description: "Builds the event from the spec: the path and the parameters the operation requires, a sample body\n" +
			"with its Content-Type, and placeholder credentials where the operation needs them, in the exact\n" +
			"shape the source sends. Pipe it to a file for `lambgen invoke --event`, `sam local invoke -e` or\n" +
			"the Runtime Interface Emulator.",
		Flags: eventFlags(),
		Action: func(c *ucli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("event takes one operation, got %d arguments (see lambgen event --help)", c.NArg())
			}
			ev, err := buildEvent(c, c.Args().First())
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "%s\n", ev)
			return nil
		},
	}
}

func buildEvent(c *ucli.Context, operation string) ([]byte, error) {
	p, err := deploy.Open(c.Context, c.String("dir"))
	if err != nil {
		return nil, fail(err)
	}
	o := event.Options{Operation: operation, Source: strings.ToLower(c.String("source")), Params: c.StringSlice("param")}
	if f := c.String("body"); f != "" {
		if o.Body, err = event.ReadBody(f); err != nil {
			return nil, fail(fmt.Errorf("--body: %w", err))
		}
		o.BodySet = true
	}
	ev, err := event.Build(p, o)
	if err != nil {
		return nil, fail(err)
	}
	return ev, nil
}

// operationLast moves the OPERATION of event and invoke behind their
// flags: the flag parser stops at the first argument that is not a flag,
// and `lambgen event getItem --param id=1` is how people type it.
func operationLast(args []string) []string {
	if len(args) < 3 || args[1] != "event" && args[1] != "invoke" {
		return args
	}
	valued := map[string]bool{"dir": true, "source": true, "param": true, "body": true, "event": true}
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			return args
		}
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && valued[name] {
				i++
			}
			continue
		}
		out := append([]string{}, args[:2]...)
		out = append(out, rest[:i]...)
		out = append(out, rest[i+1:]...)
		return append(out, a)
	}
	return args
}

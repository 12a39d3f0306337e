package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	ucli "github.com/urfave/cli/v2"
)

func invokeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "invoke",
		Usage:     "run one Lambda event through the project's own handler, without an emulator",
		UsageText: "lambgen invoke OPERATION [--source rest|http|alb|url] [--param name=value ...] [--body FILE] [--dir DIR]\n   lambgen invoke --event FILE [--dir DIR]",
		Description: "Builds the project for this machine and runs it as Lambda would, through the adapter and the\n" +
			"handler main.go sets up, but on one event (from the spec, as `lambgen event` makes it, or from\n" +
			"--event) and with no runtime API: it prints the response decoded (status, headers, the body\n" +
			"indented when it is JSON), or with --raw the response event as the function returned it. The\n" +
			"function's own output goes to stderr. Exit status 1 when the answer is a 5xx.",
		Flags: append(eventFlags(),
			&ucli.StringFlag{Name: "event", Usage: "`FILE` holding the event to send instead of one built from the spec (- for stdin)"},
			&ucli.BoolFlag{Name: "raw", Usage: "print the response event as JSON instead of decoding it"},
		),
		Action: func(c *ucli.Context) error {
			var ev []byte
			var err error
			switch {
			case c.String("event") != "" && c.NArg() > 0:
				return fmt.Errorf("invoke takes an operation or --event, not both")
			case c.String("event") != "":
				if ev, err = readEventFile(c.String("event")); err != nil {
					return fail(err)
				}
			case c.NArg() == 1:
				if ev, err = buildEvent(c, c.Args().First()); err != nil {
					return err
				}
			default:
				return fmt.Errorf("invoke takes one operation or --event FILE (see lambgen invoke --help)")
			}
			resp, err := invokeProject(c, c.String("dir"), ev)
			if err != nil {
				return fail(err)
			}
			if c.Bool("raw") {
				fmt.Fprintf(c.App.Writer, "%s\n", resp)
			}
			status, err := printResponse(c.App.Writer, resp, !c.Bool("raw"))
			if err != nil {
				return fail(err)
			}
			if status >= 500 {
				return fail(fmt.Errorf("the function answered %d %s", status, http.StatusText(status)))
			}
			return nil
		},
	}
}

func readEventFile(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(name)
}

// invokeProject builds the project and runs its binary with the adapter's
// one-event switch on: main.go takes its Lambda branch, because the
// runtime API variable is set, and lambdahttp.Start answers the event
// from the file instead of polling that API.
func invokeProject(c *ucli.Context, dir string, ev []byte) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "lambgen-invoke-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	bin, in, out := filepath.Join(tmp, "bootstrap"), filepath.Join(tmp, "event.json"), filepath.Join(tmp, "response.json")
	if err := os.WriteFile(in, ev, 0o600); err != nil {
		return nil, err
	}
	build := exec.CommandContext(c.Context, "go", "build", "-o", bin, ".")
	build.Dir = dir
	if msg, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build in %s failed:\n%s", dir, strings.TrimRight(string(msg), "\n"))
	}
	run := exec.CommandContext(c.Context, bin)
	run.Dir = dir
	run.Env = append(os.Environ(), "AWS_LAMBDA_RUNTIME_API=127.0.0.1:9",
		"LAMBDAHTTP_INVOKE_EVENT="+in, "LAMBDAHTTP_INVOKE_OUTPUT="+out)
	run.Stdout, run.Stderr = c.App.ErrWriter, c.App.ErrWriter
	runErr := run.Run()
	resp, err := os.ReadFile(out)
	if errors.Is(err, os.ErrNotExist) {
		if runErr != nil {
			return nil, fmt.Errorf("the function failed (%v) before answering the event", runErr)
		}
		return nil, fmt.Errorf("the function exited without answering the event: does main.go still call lambdahttp.Start when AWS_LAMBDA_RUNTIME_API is set?")
	}
	return resp, err
}

// proxyResponse is every field the four sources' responses use.
type proxyResponse struct {
	StatusCode        int                 `json:"statusCode"`
	StatusDescription string              `json:"statusDescription"`
	Headers           map[string]string   `json:"headers"`
	MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
	Cookies           []string            `json:"cookies"`
	Body              string              `json:"body"`
	IsBase64Encoded   bool                `json:"isBase64Encoded"`
}

// printResponse decodes the response event (when show) and returns its
// status.
func printResponse(w io.Writer, raw []byte, show bool) (int, error) {
	var r proxyResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return 0, fmt.Errorf("the function's answer is not a response event: %v\n%s", err, raw)
	}
	if !show {
		return r.StatusCode, nil
	}
	fmt.Fprintf(w, "HTTP %d %s\n", r.StatusCode, http.StatusText(r.StatusCode))
	h := http.Header{}
	for k, vs := range r.MultiValueHeaders {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	for k, v := range r.Headers {
		if len(h.Values(k)) == 0 {
			h.Set(k, v)
		}
	}
	for _, c := range r.Cookies {
		h.Add("Set-Cookie", c)
	}
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(w, "%s: %s\n", k, v)
		}
	}
	body := []byte(r.Body)
	if r.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(r.Body)
		if err != nil {
			return 0, fmt.Errorf("the response body is marked base64 but is not: %v", err)
		}
		body = b
	}
	if len(body) == 0 {
		return r.StatusCode, nil
	}
	fmt.Fprintln(w)
	ct := h.Get("Content-Type")
	var pretty bytes.Buffer
	switch {
	case isJSON(ct) && json.Indent(&pretty, bytes.TrimSpace(body), "", "  ") == nil:
		fmt.Fprintf(w, "%s\n", pretty.Bytes())
	case r.IsBase64Encoded:
		fmt.Fprintf(w, "(%d bytes of %s)\n", len(body), ct)
	default:
		fmt.Fprintf(w, "%s\n", body)
	}
	return r.StatusCode, nil
}

func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(strings.ToLower(mt))
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

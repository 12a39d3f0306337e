package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	rt := os.DirFS("../../runtime")
	code := Run(context.Background(), append([]string{"lambgen"}, args...), &out, &errb, Env{Runtime: rt, Version: "v9.9.9"})
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {}\n  [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"version", []string{"version"}, ExitOK, ""},
		{"help", []string{"--help"}, ExitOK, ""},
		{"unknown flag is misuse", []string{"new", "--nope"}, ExitMisuse, "lambgen: flag provided but not defined: -nope\n"},
		{"unknown command is misuse", []string{"frobnicate"}, ExitMisuse, "lambgen: unknown command \"frobnicate\" (see lambgen --help)\n"},
		{"stray argument is misuse", []string{"new", "spec.yaml"}, ExitMisuse, "lambgen: new takes no arguments, got \"spec.yaml\" (did you mean --spec spec.yaml?)\n"},
		{"missing spec fails", []string{"new", "--spec", filepath.Join(dir, "none.yaml"), "--dir", filepath.Join(dir, "p1")}, ExitFailure,
			"lambgen: 1 problem(s):\n" + filepath.Join(dir, "none.yaml") + ": spec file does not exist\n"},
		{"invalid YAML fails", []string{"new", "--spec", bad, "--dir", filepath.Join(dir, "p2")}, ExitFailure,
			"lambgen: 1 problem(s):\n" + bad + ":7: invalid YAML: could not find expected ':'\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != c.code {
				t.Fatalf("exit code = %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if c.stderr != "" && stderr != c.stderr {
				t.Fatalf("stderr = %q, want %q", stderr, c.stderr)
			}
		})
	}
	for _, p := range []string{"p1", "p2"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("a failed new left %s behind", p)
		}
	}
}

func TestVersionPrintsBuildVersion(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || out != "lambgen v9.9.9\n" {
		t.Fatalf("version: code %d, output %q", code, out)
	}
}

func TestHelpShowsExamples(t *testing.T) {
	_, out, _ := run(t, "--help")
	for _, want := range []string{"lambgen new --spec openapi.yaml --dir petstore --module github.com/me/petstore", "new "} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q:\n%s", want, out)
		}
	}
}

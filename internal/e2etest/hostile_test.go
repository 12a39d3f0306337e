package e2etest

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestHostileClients generates the project for testdata/specs/hostile.yaml,
// adds the attack table and differential fuzz target of
// testdata/e2e/hostile, and runs them inside it: every request that breaks
// the contract must be refused before its handler, over HTTP and through
// every Lambda event source, and what a handler receives must be what was
// validated. The fuzz target runs its seeds here; LAMBGEN_FUZZTIME (a
// -fuzztime value such as 10m or 100000x) adds a real fuzzing run.
func TestHostileClients(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated project")
	}
	dir := project(t, "hostile", true)
	goCmd(t, dir, "vet", "./...")
	out, err := goTest(dir, "test", "-count=1", "-v", "./...")
	failed := failures(out)
	for _, name := range failed {
		t.Errorf("FAIL %s", name)
	}
	if err != nil {
		t.Errorf("go test ./... in the generated project: %v\n%s", err, problems(out))
	}
	for _, ran := range []string{"TestHostile/", "FuzzContract/seed#"} {
		if !strings.Contains(out, ran) {
			t.Errorf("%s did not run:\n%s", strings.TrimSuffix(ran, "/"), problems(out))
		}
	}
	if ft := os.Getenv("LAMBGEN_FUZZTIME"); ft != "" {
		out, err := goTest(dir, "test", "-run", "^$", "-fuzz", "^FuzzContract$", "-fuzztime", ft, ".")
		if err != nil {
			t.Errorf("fuzzing for %s: %v\n%s", ft, err, out)
		}
	}
}

// goTest is goCmd for runs expected to fail while the server has known
// holes: the output is wanted either way.
func goTest(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

var failLine = regexp.MustCompile(`(?m)^\s*--- FAIL: (\S+)`)

// failures lists the failed tests at their deepest level, so that each
// attack and transport is named once.
func failures(out string) []string {
	var names []string
	for _, m := range failLine.FindAllStringSubmatch(out, -1) {
		names = append(names, m[1])
	}
	var leaves []string
	for _, n := range names {
		parent := false
		for _, o := range names {
			parent = parent || strings.HasPrefix(o, n+"/")
		}
		if !parent {
			leaves = append(leaves, n)
		}
	}
	return leaves
}

// problems keeps what explains a failure: the failures and their logs,
// without the progress lines of -v.
func problems(out string) string {
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- PASS") || strings.HasPrefix(t, "PASS") {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// Package testtool finds what some tests need from outside the repository:
// the npm tools (serverless, prism) that .ci/run installs under
// $LAMBGEN_TOOLS, the Lambda Runtime Interface Emulator at $LAMBGEN_RIE,
// cfn-lint on PATH, and the full test corpus in ../shared/corpus.
//
// A missing tool or corpus skips the test, so a fresh clone's go test ./...
// passes; CI sets LAMBGEN_REQUIRE_TOOLS=1 so that a missing one fails
// instead and a check can never silently stop running. cfn-lint is the
// exception: the registries CI reaches cannot install it.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Find returns the path of the named tool, or skips or fails t.
func Find(t testing.TB, name string) string {
	t.Helper()
	if p := lookup(name); p != "" {
		return p
	}
	msg := name + " not found: set LAMBGEN_TOOLS to the npm .bin folder and LAMBGEN_RIE to aws-lambda-rie, or put it on PATH (.ci/run shows how)"
	if os.Getenv("LAMBGEN_REQUIRE_TOOLS") == "1" && name != "cfn-lint" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func lookup(name string) string {
	var candidates []string
	if name == "aws-lambda-rie" {
		candidates = append(candidates, os.Getenv("LAMBGEN_RIE"))
	}
	if dir := os.Getenv("LAMBGEN_TOOLS"); dir != "" {
		candidates = append(candidates, filepath.Join(dir, name))
	}
	if p, err := exec.LookPath(name); err == nil {
		candidates = append(candidates, p)
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		candidates = append(candidates, filepath.Join(strings.TrimSpace(string(gopath)), "bin", name))
	}
	for _, p := range candidates {
		if st, err := os.Stat(p); p != "" && err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

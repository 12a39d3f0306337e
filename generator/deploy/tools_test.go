package deploy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// tool finds an external tool the way CI installs them: npm tools under
// $LAMBGEN_TOOLS, the emulator at $LAMBGEN_RIE, cfn-lint on PATH. Missing tools skip the
// test, unless LAMBGEN_REQUIRE_TOOLS=1 makes that a failure (cfn-lint excepted).
func tool(t *testing.T, name string) string {
	t.Helper()
	var path string
	switch name {
	case "aws-lambda-rie":
		path = os.Getenv("LAMBGEN_RIE")
		if path == "" {
			path, _ = exec.LookPath(name)
		}
	case "cfn-lint":
		// A Python tool: the machine image ships it (with SAM's translator),
		// since no Python registry is reachable to install it.
		path, _ = exec.LookPath(name)
	default:
		if dir := os.Getenv("LAMBGEN_TOOLS"); dir != "" {
			path = filepath.Join(dir, name)
		}
	}
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	msg := name + " not found (set LAMBGEN_TOOLS to the npm .bin folder, LAMBGEN_RIE to aws-lambda-rie, put cfn-lint on PATH; see .ci/run)"
	// cfn-lint cannot be installed from the registries CI reaches, so its
	// absence is never a failure; the SAM schema test still runs.
	if os.Getenv("LAMBGEN_REQUIRE_TOOLS") == "1" && name != "cfn-lint" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

package deploy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"
)

// TestCfnLintAcceptsEveryTemplate runs cfn-lint, which expands each
// template with SAM's own translator (as sam validate --lint does) and
// lints the CloudFormation that comes out, over every generated
// template.yaml at once.
//
// W3005 is ignored: SAM's usage plan for API keys emits DependsOn next to
// a Ref in resources it generates, which lambgen cannot change.
func TestCfnLintAcceptsEveryTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cfn-lint over every variant")
	}
	lint := testtool.Find(t, "cfn-lint")
	dir := t.TempDir()
	var paths []string
	for _, v := range variants(t) {
		p := filepath.Join(dir, strings.NewReplacer("/", "_", ".", "_").Replace(v.name)+".yaml")
		if err := os.WriteFile(p, render(t, v)["template.yaml"], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out, err := exec.Command(lint, append([]string{"--ignore-checks", "W3005", "--"}, paths...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("cfn-lint: %v\n%s", err, out)
	}
	t.Logf("cfn-lint accepted %d templates", len(paths))
}

// TestCfnLintRejectsBrokenTemplate shows the check can fail.
func TestCfnLintRejectsBrokenTemplate(t *testing.T) {
	lint := testtool.Find(t, "cfn-lint")
	good := string(render(t, variants(t)[0])["template.yaml"])
	bad := strings.Replace(good, "    MemorySize: 128\n", "    MemorySize: 12\n", 1)
	if bad == good {
		t.Fatal("template no longer sets MemorySize: 128")
	}
	p := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--", p).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "E3034 12 is less than the minimum of 128") {
		t.Fatalf("cfn-lint accepted MemorySize 12 (err %v):\n%s", err, out)
	}
}

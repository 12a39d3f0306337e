package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"
)

// TestEventsInvokeLikeEmulator sends the events `lambgen event` builds for
// each source to the example twice: in-process through `lambgen invoke`,
// and as a bootstrap under the Runtime Interface Emulator. The adapter
// must take every one, and both must give the same response event.
func TestEventsInvokeLikeEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lambgen and the example, and starts the emulator")
	}
	testtool.Find(t, "aws-lambda-rie")
	bin := filepath.Join(t.TempDir(), "bootstrap")
	goCmd(t, itemsDir, []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + runtime.GOARCH},
		"build", "-tags", "lambda.norpc", "-trimpath", "-o", bin, ".")
	emu := testtool.StartEmulator(t, bin)

	cases := []struct {
		name   string
		args   []string
		status int
		body   string
	}{
		{"root", []string{"readRoot"}, 200, `{"Hello":"World"}`},
		{"item", []string{"readItem", "--param", "item_id=5", "--param", "q=a b&c"}, 200, `{"item_id":5,"q":"a b&c"}`},
		{"create", []string{"createItem"}, 200, ""},
		{"bad id", []string{"readItem", "--param", "item_id=five"}, 400, ""},
	}
	for _, src := range []string{"rest", "http", "alb", "url"} {
		for _, c := range cases {
			t.Run(src+"/"+c.name, func(t *testing.T) {
				args := append([]string{"event", "--dir", itemsDir, "--source", src}, c.args...)
				ev := runLambgen(t, args...)
				file := filepath.Join(t.TempDir(), "event.json")
				if err := os.WriteFile(file, []byte(ev), 0o644); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(lambgen(t), "invoke", "--dir", itemsDir, "--raw", "--event", file)
				out, err := cmd.Output()
				if c.status < 500 && err != nil {
					t.Fatalf("lambgen invoke: %v\n%s", err, out)
				}
				local := strings.TrimSpace(string(out))
				remote := string(emu.Invoke(t, []byte(ev)))
				var got proxyResponse
				if err := json.Unmarshal([]byte(local), &got); err != nil {
					t.Fatalf("invoke printed no response event: %v\n%s", err, local)
				}
				if got.StatusCode != c.status {
					t.Fatalf("status %d, want %d: %s\nevent: %s", got.StatusCode, c.status, local, ev)
				}
				if c.body != "" && !jsonEqual(got.Body, c.body) {
					t.Fatalf("body %s, want %s", got.Body, c.body)
				}
				if !jsonEqual(local, remote) {
					t.Fatalf("in-process and emulator answers differ:\ninvoke:   %s\nemulator: %s", local, remote)
				}
			})
		}
	}
}

// TestInvokeStub: a new project's stub answers 501, which invoke prints
// decoded, and exits 1 for.
func TestInvokeStub(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lambgen and a project")
	}
	dir := filepath.Join(t.TempDir(), "items")
	runLambgen(t, "new", "--dir", dir, "--module", "example.com/items")
	cmd := exec.Command(lambgen(t), "invoke", "readItem", "--dir", dir, "--param", "item_id=5")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1 for a 501\n%s%s", code, err, stdout.String(), stderr.String())
	}
	want := "HTTP 501 Not Implemented\nContent-Length: 111\nContent-Type: application/problem+json\n\n{\n" +
		"  \"type\": \"about:blank\",\n  \"title\": \"Not Implemented\",\n  \"status\": 501,\n" +
		"  \"detail\": \"operation readItem is not implemented\"\n}\n"
	if stdout.String() != want {
		t.Fatalf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
	if !strings.Contains(stderr.String(), "lambgen: the function answered 501 Not Implemented") {
		t.Fatalf("stderr: %s", stderr.String())
	}
	// Not an event the adapter serves.
	bad := filepath.Join(t.TempDir(), "sqs.json")
	if err := os.WriteFile(bad, []byte(`{"Records":[{"eventSource":"aws:sqs","body":"x"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lambgen(t), "invoke", "--dir", dir, "--event", bad).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not one the adapter serves") {
		t.Fatalf("an SQS event: %v\n%s", err, out)
	}
}

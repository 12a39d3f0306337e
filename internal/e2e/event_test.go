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

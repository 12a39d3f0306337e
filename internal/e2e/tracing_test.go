package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/cli"
	"github.com/lambgen/lambgen/internal/testtool"
)

// tracingSymbols are functions only api/tracing.gen.go declares.
var tracingSymbols = []string{"example.com/items/api.traceOperation", "example.com/items/api.sendSegment"}

// TestTracingLinkedOnlyWhenOn builds the Item example's bootstrap as it
// is, with tracing off, and again after turning tracing on in
// lambgen.yaml and regenerating: only the second links the tracing code,
// and only its template sets Tracing: Active. The binaries keep their
// symbol tables (no -s -w) so that go tool nm can read them.
func TestTracingLinkedOnlyWhenOn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example twice")
	}
	for _, on := range []bool{false, true} {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(itemsDir)); err != nil {
			t.Fatal(err)
		}
		if on {
			cfg := filepath.Join(dir, "lambgen.yaml")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, append(data, "telemetry:\n  tracing: true\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			if code := cli.Run(context.Background(), []string{"lambgen", "generate", "--dir", dir}, &out, &errb,
				cli.Env{Runtime: os.DirFS("../../runtime")}); code != 0 {
				t.Fatalf("generate: %s%s", out.String(), errb.String())
			}
		}
		bin := filepath.Join(dir, "bootstrap")
		goCmd(t, dir, []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + runtime.GOARCH},
			"build", "-tags", "lambda.norpc", "-trimpath", "-o", bin, ".")
		nm, err := exec.Command("go", "tool", "nm", bin).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool nm: %v\n%s", err, nm)
		}
		for _, sym := range tracingSymbols {
			if got := bytes.Contains(nm, []byte(" "+sym+"\n")) || bytes.Contains(nm, []byte(" "+sym+".")); got != on {
				t.Errorf("tracing %v: %s linked = %v", on, sym, got)
			}
		}
		tmpl, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(tmpl), "Tracing: Active"); got != on {
			t.Errorf("tracing %v: template.yaml has Tracing: Active = %v", on, got)
		}
		_, err = os.Stat(filepath.Join(dir, "api", "tracing.gen.go"))
		if exists := err == nil; exists != on {
			t.Errorf("tracing %v: api/tracing.gen.go exists = %v", on, exists)
		}
		if on {
			checkSubsegment(t, bin)
		}
	}
}

// checkSubsegment runs bin as a local server with a stand-in X-Ray daemon
// and demands one subsegment for a sampled request, named after the
// operation and parented by the request's trace header.
func checkSubsegment(t *testing.T, bin string) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	addr := testtool.LoopbackAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "HOST="+host, "PORT="+port, "AWS_LAMBDA_RUNTIME_API=", "AWS_XRAY_DAEMON_ADDRESS="+pc.LocalAddr().String())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	testtool.WaitForListener(t, addr, 10*time.Second)
	req, _ := http.NewRequest("GET", "http://"+addr+"/items/5", nil)
	req.Header.Set("X-Amzn-Trace-Id", traceHeader)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_ = pc.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 64<<10)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		t.Fatalf("no subsegment reached the daemon: %v", err)
	}
	head, doc, _ := bytes.Cut(buf[:n], []byte("\n"))
	var seg map[string]any
	if string(head) != `{"format":"json","version":1}` || json.Unmarshal(doc, &seg) != nil {
		t.Fatalf("not an X-Ray daemon datagram: %s", buf[:n])
	}
	want := map[string]any{"name": "readItem", "trace_id": traceRoot, "parent_id": "53995c3f42cd8ad8", "type": "subsegment"}
	for k, v := range want {
		if seg[k] != v {
			t.Errorf("subsegment %s = %v, want %v: %s", k, seg[k], v, doc)
		}
	}
	if start, end := seg["start_time"].(float64), seg["end_time"].(float64); start <= 0 || end < start {
		t.Errorf("start_time %v, end_time %v", start, end)
	}
}

package e2e

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/testtool"
)

const (
	traceRoot   = "1-67891233-abcdef012345678912345678"
	traceHeader = "Root=" + traceRoot + ";Parent=53995c3f42cd8ad8;Sampled=1"
	secret      = "Bearer SECRET-TOKEN-e2e"
)

// accessFields are the keys of the access line; each must be present.
var accessFields = []string{"time", "level", "msg", "method", "route", "operation", "status", "duration_ms",
	"response_bytes", "request_id", "apigw_request_id", "trace_id", "cold_start"}

// logLines splits a function's output into its JSON lines: the access
// lines, the handlers' lines and the EMF lines.
type logLines struct{ access, handler, emf []map[string]any }

func parseLines(t *testing.T, out string) logLines {
	t.Helper()
	var ls logLines
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			continue // the emulator's own lines
		}
		switch {
		case m["_aws"] != nil:
			if err := testtool.CheckEMF([]byte(line)); err != nil {
				t.Errorf("EMF line breaks the specification: %v\n%s", err, line)
			}
			ls.emf = append(ls.emf, m)
		case m["msg"] == "request":
			ls.access = append(ls.access, m)
		case m["msg"] == "item read":
			ls.handler = append(ls.handler, m)
		}
	}
	if strings.Contains(out, "SECRET-TOKEN") {
		t.Errorf("a credential reached the logs:\n%s", out)
	}
	return ls
}

// checkOneRequest: one GET /items/5 gave one access line with every field,
// one handler line with the same ids and one EMF line for readItem.
func checkOneRequest(t *testing.T, ls logLines, apigwID string, cold bool) {
	t.Helper()
	if len(ls.access) != 1 || len(ls.handler) != 1 || len(ls.emf) != 1 {
		t.Fatalf("%d access, %d handler and %d EMF lines, want one each", len(ls.access), len(ls.handler), len(ls.emf))
	}
	a := ls.access[0]
	t.Logf("access line: %v\nhandler line: %v\nEMF line: %v", a, ls.handler[0], ls.emf[0])
	for _, k := range accessFields {
		if _, ok := a[k]; !ok {
			t.Errorf("access line lacks %s: %v", k, a)
		}
	}
	want := map[string]any{"method": "GET", "route": "/items/{item_id}", "operation": "readItem", "status": 200.0,
		"apigw_request_id": apigwID, "trace_id": traceRoot, "cold_start": cold, "level": "INFO"}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("access %s = %v, want %v", k, a[k], v)
		}
	}
	if n, _ := a["response_bytes"].(float64); n <= 0 {
		t.Errorf("response_bytes = %v", a["response_bytes"])
	}
	if d, ok := a["duration_ms"].(float64); !ok || d < 0 {
		t.Errorf("duration_ms = %v", a["duration_ms"])
	}
	id, _ := a["request_id"].(string)
	if id == "" {
		t.Error("access line has no request id")
	}
	h := ls.handler[0]
	for _, k := range []string{"request_id", "apigw_request_id", "trace_id"} {
		if h[k] != a[k] {
			t.Errorf("handler line %s = %v, access line %v", k, h[k], a[k])
		}
	}
	e := ls.emf[0]
	if e["Operation"] != "readItem" || e["Service"] != "items" || e["Requests"] != 1.0 || e["request_id"] != id {
		t.Errorf("EMF line = %v", e)
	}
}

// TestTelemetryUnderEmulator: through the Runtime Interface Emulator, a
// request logs one JSON access line with every field (the Lambda request
// id being the emulator's), the handler's line with the same ids, and one
// EMF line that follows the specification.
func TestTelemetryUnderEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example and starts the emulator")
	}
	testtool.Find(t, "aws-lambda-rie")
	bin := filepath.Join(t.TempDir(), "bootstrap")
	goCmd(t, itemsDir, []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + runtime.GOARCH},
		"build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	t.Setenv("LOG_FORMAT", "") // JSON because the emulator, like Lambda, names the function
	emu := testtool.StartEmulator(t, bin)
	ev := httpV2Event("GET", "/items/5?q=x", "", "abc123.execute-api.eu-west-1.amazonaws.com")
	ev = withHeaders(t, ev, map[string]string{"x-amzn-trace-id": traceHeader, "authorization": secret})
	raw := emu.Invoke(t, ev)
	if !strings.Contains(string(raw), `"statusCode":200`) {
		t.Fatalf("response: %s", raw)
	}
	var ls logLines
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if ls = parseLines(t, emu.Logs()); len(ls.access) > 0 && len(ls.emf) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	checkOneRequest(t, ls, "e2e", true)
	first, _ := ls.access[0]["request_id"].(string)
	if len(first) != 36 || strings.Count(first, "-") != 4 {
		t.Errorf("request_id = %q, want the emulator's invocation id (a UUID)", first)
	}

	// The second invocation is warm and has an id of its own.
	emu.Invoke(t, ev)
	for time.Now().Before(deadline.Add(5 * time.Second)) {
		if ls = parseLines(t, emu.Logs()); len(ls.access) > 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(ls.access) != 2 {
		t.Fatalf("%d access lines after two invocations", len(ls.access))
	}
	if second := ls.access[1]; second["cold_start"] != false || second["request_id"] == first || ls.handler[1]["request_id"] != second["request_id"] {
		t.Errorf("second access line %v, handler line %v (first request id %s)", second, ls.handler[1], first)
	}
}

// TestTelemetryLocal: the same request to the local server logs the same
// lines (with LOG_FORMAT=json; there is no API Gateway id), health checks
// answer on /healthz without an access line, and SIGTERM stops the server
// cleanly.
func TestTelemetryLocal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example")
	}
	bin := filepath.Join(t.TempDir(), "items")
	goCmd(t, itemsDir, nil, "build", "-o", bin, ".")
	addr := testtool.LoopbackAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "HOST="+host, "PORT="+port, "LOG_FORMAT=json", "AWS_LAMBDA_RUNTIME_API=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var out strings.Builder
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			mu.Lock()
			out.WriteString(sc.Text() + "\n")
			mu.Unlock()
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	testtool.WaitForListener(t, addr, 10*time.Second)

	get := func(path string, h map[string]string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, body := get("/healthz", nil); st != 200 || body != "{\"status\":\"ok\"}\n" {
		t.Errorf("health = %d %q", st, body)
	}
	if st, body := get("/items/5?q=x", map[string]string{"X-Amzn-Trace-Id": traceHeader, "Authorization": secret}); st != 200 {
		t.Fatalf("GET /items/5 = %d %s", st, body)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-done
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM the server exited with %v", err)
	}
	mu.Lock()
	text := out.String()
	mu.Unlock()
	checkOneRequest(t, parseLines(t, text), "", true)
	if t.Failed() {
		t.Logf("output:\n%s", text)
	}
}

// withHeaders adds headers to an HTTP API event.
func withHeaders(t *testing.T, ev []byte, h map[string]string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(ev, &m); err != nil {
		t.Fatal(err)
	}
	hs := m["headers"].(map[string]any)
	for k, v := range h {
		hs[k] = v
	}
	out, _ := json.Marshal(m)
	return out
}

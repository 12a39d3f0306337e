package e2e

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/testtool"
)

// buildLambgen builds the lambgen binary once per test binary.
var buildLambgen = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "lambgen-e2e-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "lambgen")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{string(out), err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func lambgen(t testing.TB) string {
	t.Helper()
	bin, err := buildLambgen()
	if err != nil {
		t.Fatalf("building lambgen: %v", err)
	}
	return bin
}

func runLambgen(t testing.TB, args ...string) string {
	t.Helper()
	out, err := exec.Command(lambgen(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("lambgen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// devServer is a running `lambgen dev`.
type devServer struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	base string
	done chan struct{}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startDev(t testing.TB, dir string) *devServer {
	t.Helper()
	port := testtool.FreePort(t)
	d := &devServer{out: &lockedBuffer{}, base: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan struct{})}
	d.cmd = exec.Command(lambgen(t), "dev", "--dir", dir, "--port", strconv.Itoa(port))
	d.cmd.Stdout, d.cmd.Stderr = d.out, d.out
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = d.cmd.Wait(); close(d.done) }()
	t.Cleanup(func() {
		_ = d.cmd.Process.Signal(os.Interrupt)
		select {
		case <-d.done:
		case <-time.After(20 * time.Second):
			_ = d.cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("lambgen dev printed:\n%s", d.out.String())
		}
	})
	return d
}

// get returns the status and body of a GET, or 0 when nothing answers.
func get(url string) (int, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

// waitFor polls until ok holds. The limit is a generous wait for a cold
// build on a busy machine, not a claim about speed (BENCHMARKS.md has the
// measured times).
func waitFor(t testing.TB, what string, limit time.Duration, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		if ok() {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("after %s: %s", limit, what)
	return 0
}

func editFile(t testing.TB, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	next := edit(string(b))
	if next == string(b) {
		t.Fatalf("the edit of %s changed nothing", path)
	}
	if err := os.WriteFile(path, []byte(next), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	stubReadItem   = `return nil, api.NotImplemented("readItem")`
	filledReadItem = `return api.ReadItem200JSONResponse{ItemId: req.ItemId, Q: req.Params.Q}, nil`
)

// TestDevLoop is the loop as a new user meets it: new, dev, the docs and a
// stub's 501; then a handler filled in, an operation added to the spec and
// a broken build, each picked up from the save alone; then Ctrl-C.
func TestDevLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lambgen and a project, and rebuilds it several times")
	}
	dir := filepath.Join(t.TempDir(), "items")
	runLambgen(t, "new", "--dir", dir, "--module", "example.com/items")
	d := startDev(t, dir)

	waitFor(t, "GET /items/5 answers 501 from the stub", 3*time.Minute, func() bool {
		s, _ := get(d.base + "/items/5")
		return s == http.StatusNotImplemented
	})
	if s, body := get(d.base + "/docs"); s != 200 || !strings.Contains(body, "swagger-ui") {
		t.Fatalf("GET /docs: %d %.200s", s, body)
	}
	if s, body := get(d.base + "/openapi.json"); s != 200 || !strings.Contains(body, `"readItem"`) {
		t.Fatalf("GET /openapi.json: %d %.200s", s, body)
	}
	if !strings.Contains(d.out.String(), "GET /items/5 readItem 501 ") {
		t.Fatalf("no request line for GET /items/5 in:\n%s", d.out.String())
	}

	handler := filepath.Join(dir, "handlers", "read_item.go")
	editFile(t, handler, func(s string) string { return strings.Replace(s, stubReadItem, filledReadItem, 1) })
	took := waitFor(t, "GET /items/5?q=x answers 200 from the filled-in handler", 2*time.Minute, func() bool {
		s, body := get(d.base + "/items/5?q=x")
		return s == 200 && body == `{"item_id":5,"q":"x"}`
	})
	t.Logf("handler change answered after %s", took)

	spec := filepath.Join(dir, "openapi.yaml")
	editFile(t, spec, func(s string) string {
		return strings.Replace(s, "paths:\n", "paths:\n  /health:\n    get:\n      operationId: health\n      responses:\n        \"204\":\n          description: Alive.\n", 1)
	})
	took = waitFor(t, "GET /health answers 501 and /openapi.json lists it", 2*time.Minute, func() bool {
		s, _ := get(d.base + "/health")
		_, doc := get(d.base + "/openapi.json")
		return s == http.StatusNotImplemented && strings.Contains(doc, `"/health"`)
	})
	t.Logf("spec change answered after %s", took)
	if s, body := get(d.base + "/items/5?q=x"); s != 200 || body != `{"item_id":5,"q":"x"}` {
		t.Fatalf("after the spec change, the filled-in handler answers %d %s", s, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "handlers", "health.go")); err != nil {
		t.Fatalf("the new operation has no stub: %v", err)
	}
	if out := d.out.String(); !strings.Contains(out, "create          handlers/health.go") {
		t.Fatalf("the regeneration was not reported as generate reports it:\n%s", out)
	}

	editFile(t, handler, func(s string) string { return s + "\nfunc broken() {\n" })
	waitFor(t, "the compiler's error is shown", 2*time.Minute, func() bool {
		out := d.out.String()
		return strings.Contains(out, "build failed; still serving the previous build") && strings.Contains(out, "handlers/read_item.go:")
	})
	if s, body := get(d.base + "/items/5?q=x"); s != 200 || body != `{"item_id":5,"q":"x"}` {
		t.Fatalf("while the build is broken, GET /items/5 answers %d %s", s, body)
	}

	// A spec that does not load is reported where it is wrong, writes
	// nothing, and the server goes on.
	editFile(t, spec, func(s string) string { return strings.Replace(s, "operationId: health", "operationId: [health", 1) })
	waitFor(t, "the spec's problem is shown", 2*time.Minute, func() bool {
		return strings.Contains(d.out.String(), "lambgen dev: not regenerated: ") && strings.Contains(d.out.String(), "openapi.yaml:")
	})
	if s, _ := get(d.base + "/health"); s != http.StatusNotImplemented {
		t.Fatalf("while the spec is broken, GET /health answers %d", s)
	}

	if err := d.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-d.done:
	case <-time.After(20 * time.Second):
		t.Fatal("lambgen dev did not stop on SIGINT")
	}
	if code := d.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("lambgen dev exited %d on SIGINT", code)
	}
	if s, _ := get(d.base + "/items/5"); s != 0 {
		t.Fatalf("after Ctrl-C the server still answers %d", s)
	}
}

// TestDevLoopSplitSpec: an edit to a file the spec $refs, not to the root,
// regenerates too.
func TestDevLoopSplitSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lambgen and a project")
	}
	src := t.TempDir()
	files := map[string]string{
		"openapi.yaml": `openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "./schemas/Pet.yaml"}
      responses:
        "201": {description: Created.}
`,
		"schemas/Pet.yaml": "type: object\nproperties:\n  name: {type: string}\n",
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "pets")
	runLambgen(t, "new", "--spec", filepath.Join(src, "openapi.yaml"), "--dir", dir, "--module", "example.com/pets")
	d := startDev(t, dir)
	post := func() int {
		resp, err := http.Post(d.base+"/pets", "application/json", strings.NewReader(`{}`))
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	waitFor(t, "POST /pets {} answers the stub's 501", 3*time.Minute, func() bool { return post() == http.StatusNotImplemented })
	editFile(t, filepath.Join(dir, "spec", "schemas", "Pet.yaml"), func(s string) string { return s + "required: [name]\n" })
	waitFor(t, "POST /pets {} answers 400 once name is required", 2*time.Minute, func() bool { return post() == http.StatusBadRequest })
	if out := d.out.String(); !strings.Contains(out, "spec/schemas/Pet.yaml changed") {
		t.Fatalf("the change was not reported by the file's name:\n%s", out)
	}
}

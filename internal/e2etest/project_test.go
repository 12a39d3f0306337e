package e2etest

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
)

// repoRoot is the lambgen checkout, two levels up from this package.
const repoRoot = "../.."

// shopProject generates the project for testdata/specs/shop.yaml into a
// temporary directory and replaces its handler stubs with the fixture's
// filled-in handlers.
func shopProject(t *testing.T) string {
	return project(t, "shop", true)
}

// project generates testdata/specs/NAME.yaml into a temporary directory
// and adds the Go files of testdata/e2e/NAME; with handlers set, those
// replace the handler stubs.
func project(t *testing.T, name string, handlers bool) string {
	t.Helper()
	dir := t.TempDir()
	res, err := generator.Generate(context.Background(), generator.Options{
		SpecPath: filepath.Join(repoRoot, "testdata", "specs", name+".yaml"),
		Config:   config.Config{Name: name, Module: "example.com/" + name},
		Runtime:  os.DirFS(filepath.Join(repoRoot, "runtime")),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if handlers && strings.HasPrefix(f.Path, "handlers/") && f.Path != "handlers/handlers.go" && !strings.HasSuffix(f.Path, "_test.go") {
			continue // stubs: the fixture has the real handlers
		}
		writeFile(t, filepath.Join(dir, f.Path), f.Data)
	}
	fixture := filepath.Join(repoRoot, "testdata", "e2e", name)
	err = filepath.WalkDir(fixture, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(fixture, p)
		data, err := os.ReadFile(p)
		if err == nil {
			writeFile(t, filepath.Join(dir, rel), data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go tool in a generated project, as its user would.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  string
)

// shopServer builds the shop project once per test binary and serves it
// on a free port of 127.0.0.1 until the tests end.
func shopServer(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a generated project")
	}
	serverOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lambgen-e2e-")
		if err != nil {
			serverErr = err.Error()
			return
		}
		scratch = dir
		serverURL, serverErr = startShop(t, dir)
	})
	if serverErr != "" {
		t.Fatal(serverErr)
	}
	return serverURL
}

func startShop(t *testing.T, scratch string) (string, string) {
	dir := shopProject(t)
	bin := filepath.Join(scratch, "serve")
	goCmd(t, dir, "build", "-o", bin, "./cmd/serve")
	cmd := exec.Command(bin)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err.Error()
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return "", err.Error()
	}
	servers = append(servers, cmd)
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		if s.Scan() {
			line <- s.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-line:
		if u, ok := strings.CutPrefix(l, "listening on "); ok {
			return u, ""
		}
		return "", "the shop server printed " + l + ", want its address"
	case <-time.After(time.Minute):
		return "", "the shop server did not start within a minute"
	}
}

// servers are stopped, and scratch removed, when the test binary ends.
var (
	servers []*exec.Cmd
	scratch string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range servers {
		_ = s.Process.Kill()
		_ = s.Wait()
	}
	if scratch != "" {
		_ = os.RemoveAll(scratch)
	}
	os.Exit(code)
}

// TestShopGeneratedTests runs the generated project's own tests against
// the filled-in handlers: every sample request reaches its handler and is
// answered per contract, every malformed one is refused where it breaks.
func TestShopGeneratedTests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated project")
	}
	dir := shopProject(t)
	goCmd(t, dir, "vet", "./...")
	out := goCmd(t, dir, "test", "-count=1", "./...")
	if !strings.Contains(out, "ok  \texample.com/shop/handlers") {
		t.Fatalf("the generated tests did not run:\n%s", out)
	}
}

// TestRoutesMatchServeMux runs tests placed inside a generated api
// package: the generated routing tree must answer tricky paths exactly as
// http.ServeMux does with the same patterns (pattern, path values,
// redirects, 404, 405 and Allow). The JSON syntax check is tested in the
// contract package itself.
func TestRoutesMatchServeMux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated project")
	}
	dir := project(t, "routes", false)
	out := goCmd(t, dir, "test", "-count=1", "-v", "./api")
	for _, name := range []string{"TestRouterMatchesServeMux"} {
		if !strings.Contains(out, "--- PASS: "+name) {
			t.Fatalf("%s did not pass:\n%s", name, out)
		}
	}
}

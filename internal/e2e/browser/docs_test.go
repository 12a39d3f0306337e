// Package browser checks a generated project's /docs page in headless
// Chromium. It is a module of its own so that chromedp and the DevTools
// protocol stay out of lambgen's dependencies; .ci/run runs it.
package browser

import (
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "chromium not found (apt-get install chromium)"
	if os.Getenv("LAMBGEN_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func run(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
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

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestDocsInChromium is the docs page as a user meets it: a new project
// whose API lives below /v1, `lambgen dev`, /v1/docs in Chromium. The page
// lists every operation, loads nothing from outside this machine, and
// "Try it out" reaches the running server: a stub's 501, then the 400
// problem for a body the contract refuses. A handler filled in and saved
// shows its answer on the same page; an operation added to the spec and
// saved is on the page after a reload and answers its stub's 501.
func TestDocsInChromium(t *testing.T) {
	exe := chromium(t)
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	lambgen := filepath.Join(tmp, "lambgen")
	run(t, root, "go", "build", "-o", lambgen, ".")
	dir := filepath.Join(tmp, "items")
	run(t, tmp, lambgen, "new", "--dir", dir, "--module", "example.com/items")
	spec := filepath.Join(dir, "openapi.yaml")
	src, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	// A base path, as most specs have: the page must send its requests
	// below it, not to the servers' host.
	withBase := strings.Replace(string(src), "paths:\n", "servers:\n  - url: https://api.example.com/v1\npaths:\n", 1)
	if err := os.WriteFile(spec, []byte(withBase), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, lambgen, "generate")

	port := freePort(t)
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	logs := &lockedBuffer{}
	dev := exec.Command(lambgen, "dev", "--port", strconv.Itoa(port))
	dev.Dir = dir
	dev.Stdout, dev.Stderr = logs, logs
	if err := dev.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = dev.Process.Signal(os.Interrupt)
		_ = dev.Wait()
		if t.Failed() {
			t.Logf("lambgen dev printed:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(3 * time.Minute)
	for !strings.Contains(logs.String(), "lambgen dev: serving") {
		if time.Now().After(deadline) {
			t.Fatal("lambgen dev did not start serving")
		}
		time.Sleep(100 * time.Millisecond)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(tmp, "chromium-profile")), chromedp.WindowSize(1280, 1600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var requested []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/v1/docs"),
		chromedp.WaitVisible(css(`#operations-default-readItem`)),
	); err != nil {
		t.Fatalf("loading the docs: %v", err)
	}
	paths, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.opblock')).map(e => e.querySelector('.opblock-summary-method').textContent + ' ' + e.querySelector('.opblock-summary-path').getAttribute('data-path'))`))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	want := []string{"GET /", "GET /items/{item_id}", "POST /items/"}
	if strings.Join(paths, ", ") != strings.Join(want, ", ") {
		t.Fatalf("the page lists %q, want %q", paths, want)
	}

	// try runs one operation from the page and returns the status and the
	// response body the page shows.
	try := func(op string, fill ...chromedp.Action[chromedp.Void]) (string, string) {
		t.Helper()
		sel := func(s string) chromedp.CSS { return css(`#operations-default-` + op + ` ` + s) }
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Click(sel(`.opblock-summary-control`)),
			chromedp.Click(sel(`.try-out__btn`)),
		}
		steps = append(steps, fill...)
		steps = append(steps, chromedp.Click(sel(`.execute`)), chromedp.WaitVisible(sel(`.live-responses-table tr.response .response-col_status`)))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("trying %s: %v", op, err)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(sel(`.live-responses-table tr.response .response-col_status`)))
		if err != nil {
			t.Fatal(err)
		}
		body, err := chromedp.Run(ctx, chromedp.Text(sel(`.live-responses-table tr.response .response-col_description`)))
		if err != nil {
			t.Fatal(err)
		}
		// The cell also says whether the spec documents the status.
		code, _, _ := strings.Cut(strings.TrimSpace(status), "\n")
		return code, body
	}

	status, body := try("readItem", chromedp.SendKeys(css(`#operations-default-readItem input[placeholder="item_id"]`), "5"))
	if status != "501" || !strings.Contains(body, "operation readItem is not implemented") {
		t.Fatalf("readItem answered %q %q, want the stub's 501", status, body)
	}
	if !strings.Contains(logs.String(), "GET /v1/items/5 readItem 501 ") {
		t.Fatalf("the request did not reach the server below /v1:\n%s", logs.String())
	}

	textarea := css(`#operations-default-createItem textarea.body-param__text`)
	// Swagger UI keeps the body in React's state, which follows the
	// textarea through its input events; setting the value through the
	// prototype's setter makes React see the change.
	setBody := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(() => { const ta = document.querySelector('#operations-default-createItem textarea.body-param__text');
			Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(ta, '{"name": "Foo"}');
			ta.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)(ctx, tg)
		return err
	})
	status, body = try("createItem", chromedp.WaitVisible(textarea), setBody)
	if status != "400" || !strings.Contains(body, "price") {
		t.Fatalf("createItem without a price answered %q %q, want a 400 problem naming price", status, body)
	}

	// Fill in the handler and save: once lambgen dev has restarted the
	// server, the same try on the same page shows the handler's answer.
	restarted := func(after int) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Minute)
		for strings.Count(logs.String(), "lambgen dev: serving") <= after {
			if time.Now().After(deadline) {
				t.Fatal("lambgen dev did not restart the server after the save")
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	served := strings.Count(logs.String(), "lambgen dev: serving")
	edit(t, filepath.Join(dir, "handlers", "read_item.go"), `return nil, api.NotImplemented("readItem")`,
		`return api.ReadItem200JSONResponse{ItemId: req.ItemId, Q: req.Params.Q}, nil`)
	restarted(served)
	if err := chromedp.Do(ctx, chromedp.Click(css(`#operations-default-readItem .execute`))); err != nil {
		t.Fatal(err)
	}
	var filled string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if filled, err = chromedp.Run(ctx, chromedp.Text(css(`#operations-default-readItem .live-responses-table tr.response .response-col_status`))); err == nil && strings.HasPrefix(strings.TrimSpace(filled), "200") {
			break
		}
	}
	answer, err := chromedp.Run(ctx, chromedp.Text(css(`#operations-default-readItem .live-responses-table tr.response .response-col_description`)))
	if err != nil || !strings.HasPrefix(strings.TrimSpace(filled), "200") || !strings.Contains(answer, `"item_id": 5`) {
		t.Fatalf("after the handler was filled in, readItem shows %q %q (%v)", filled, answer, err)
	}

	// Add an operation to the spec and save: after a reload the page
	// lists it, and trying it reaches its stub.
	served = strings.Count(logs.String(), "lambgen dev: serving")
	edit(t, spec, "paths:\n", "paths:\n  /health:\n    get:\n      operationId: health\n      responses:\n        \"204\":\n          description: Alive.\n")
	restarted(served)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/v1/docs"), chromedp.WaitVisible(css(`#operations-default-health`))); err != nil {
		t.Fatalf("the new operation is not on the page: %v", err)
	}
	if status, body := try("health"); status != "501" || !strings.Contains(body, "operation health is not implemented") {
		t.Fatalf("health answered %q %q, want its stub's 501", status, body)
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	keep, err := os.MkdirTemp("", "lambgen-docs-screenshot-")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(keep, "docs.png")
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the page at the end: %s", file)

	mu.Lock()
	defer mu.Unlock()
	for _, r := range requested {
		u, err := url.Parse(r)
		if err != nil || u.Scheme == "data" {
			continue
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("the page requested %s, off this machine", r)
		}
	}
	t.Logf("the page made %d requests, all to %s", len(requested), base)
}

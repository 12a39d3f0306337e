package e2etest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/testtool"
)

// TestShopThroughPrism puts Stoplight Prism, an independent OpenAPI
// implementation, in front of the running shop as a validating proxy, and
// sends every well-formed request of the table through it: Prism must
// find nothing wrong with any request or with any of the shop's answers.
func TestShopThroughPrism(t *testing.T) {
	prism := testtool.Find(t, "prism")
	base := shopServer(t)
	port := testtool.FreePort(t)
	spec, _ := filepath.Abs(filepath.Join(repoRoot, "testdata", "specs", "shop.yaml"))
	cmd := exec.Command(prism, "proxy", spec, base, "--host", "127.0.0.1", "--port", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "NO_COLOR=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ready := make(chan bool, 1)
	var log strings.Builder
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			log.WriteString(s.Text() + "\n")
			if strings.Contains(s.Text(), "Prism is listening") {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatalf("prism exited before listening:\n%s", log.String())
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("prism did not start within two minutes")
	}
	proxy := "http://127.0.0.1:" + strconv.Itoa(port)
	ops := map[string]bool{}
	for _, c := range shopCases {
		if c.status >= 400 && !c.handler {
			continue
		}
		if c.noPrism != "" {
			t.Logf("%s: not sent through prism: %s", c.name, c.noPrism)
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			status, header, body := send(t, proxy, c)
			if v := header.Values("Sl-Violations"); len(v) > 0 {
				t.Errorf("prism reports violations: %s", strings.Join(v, "; "))
			}
			if status != c.status {
				t.Errorf("status through prism = %d, want %d; body: %s", status, c.status, body)
			}
		})
		ops[operationOf(c)] = true
	}
	// Every operation but tileAt, whose array path parameter crashes Prism.
	if len(ops) != 8 {
		t.Fatalf("the request set reached %d operations through prism, want 8: %v", len(ops), ops)
	}
}

// operationOf names the shop operation a request is for.
func operationOf(c shopCase) string {
	segs := strings.Split(strings.SplitN(c.target, "?", 2)[0], "/")
	switch {
	case segs[1] == "pets" && len(segs) == 2:
		return c.method + " /pets"
	case segs[1] == "pets" && len(segs) == 3:
		return c.method + " /pets/{petId}"
	case segs[1] == "pets":
		return c.method + " /pets/{petId}/photos"
	}
	return c.method + " /" + segs[1]
}

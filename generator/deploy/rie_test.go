package deploy_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/model"
)

// TestBuiltZipAnswersUnderEmulator builds the Items example with lambgen
// build for this machine's architecture, runs the bootstrap from the zip
// under the Lambda Runtime Interface Emulator, and sends every operation's
// sample request and every bad sample, as the HTTP API (payload 2.0) and
// the REST API (payload 1.0) would deliver them.
func TestBuiltZipAnswersUnderEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example and starts the emulator")
	}
	testtool.Find(t, "aws-lambda-rie") // skip before building when it is missing
	arch := map[string]string{"amd64": "x86_64", "arm64": "arm64"}[runtime.GOARCH]
	if arch == "" || runtime.GOOS != "linux" {
		t.Skipf("the emulator runs linux/amd64 or linux/arm64 binaries, this is %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	dir := filepath.Join(t.TempDir(), "items")
	if err := os.CopyFS(dir, os.DirFS("../../examples/items")); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "lambgen.yaml")
	cfg, _ := os.ReadFile(cfgPath)
	cfg = regexp.MustCompile(`(?m)^architecture: .*$`).ReplaceAll(cfg, []byte("architecture: "+arch))
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := deploy.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	built, err := deploy.Build(context.Background(), p, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	bin := unzipBootstrap(t, built.Zip)
	invoke := startEmulator(t, bin)

	good, bads := 0, 0
	for _, r := range p.Deploy.Routes {
		op := r.Op
		for _, flavour := range []string{"http", "rest"} {
			t.Run(flavour+" "+op.ID, func(t *testing.T) {
				if op.Sample.Skip != "" {
					t.Skip(op.Sample.Skip)
				}
				got := invoke(t, event(t, flavour, r, op.Sample))
				good++
				if !documented(op, got.StatusCode) {
					t.Errorf("sample %s %s answered %d, which the spec does not document for %s: %s",
						op.Sample.Method, op.Sample.Target, got.StatusCode, op.ID, got.Body)
				}
				for _, bad := range op.BadSamples {
					if bad.Skip != "" || bad.WantStatus == 0 {
						continue
					}
					bads++
					if got := invoke(t, event(t, flavour, r, bad)); got.StatusCode != bad.WantStatus {
						t.Errorf("bad sample (%s) answered %d, want %d: %s", bad.Why, got.StatusCode, bad.WantStatus, got.Body)
					}
				}
			})
		}
	}
	// Items has a body and a typed path parameter to break; a run that
	// sent no bad sample would prove nothing about validation.
	if good != 2*len(p.Deploy.Routes) || bads == 0 {
		t.Errorf("sent %d samples and %d bad samples for %d routes", good, bads, len(p.Deploy.Routes))
	}
	t.Logf("%d samples and %d bad samples answered as the spec says", good, bads)
}

func documented(op *model.Operation, status int) bool {
	code := strconv.Itoa(status)
	for _, r := range op.Responses {
		if r == code || r == "default" || r == code[:1]+"XX" {
			return true
		}
	}
	return false
}

func unzipBootstrap(t *testing.T, zipPath string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	bin := filepath.Join(t.TempDir(), "bootstrap")
	if err := os.WriteFile(bin, data, zr.File[0].Mode()); err != nil {
		t.Fatal(err)
	}
	return bin
}

type proxyResponse struct {
	StatusCode int    `json:"statusCode"`
	Body       string `json:"body"`
}

// startEmulator runs bin under the emulator and returns a function that
// invokes it with one event and decodes the proxy response.
func startEmulator(t *testing.T, bin string) func(*testing.T, []byte) proxyResponse {
	t.Helper()
	emu := testtool.StartEmulator(t, bin)
	return func(t *testing.T, ev []byte) proxyResponse {
		t.Helper()
		raw := emu.Invoke(t, ev)
		var got proxyResponse
		if err := json.Unmarshal(raw, &got); err != nil || got.StatusCode == 0 {
			t.Fatalf("not a proxy response (%v): %s", err, raw)
		}
		return got
	}
}

// event wraps a sample request the way API Gateway delivers it on the
// route: payload 2.0 for an HTTP API, 1.0 for a REST API.
func event(t *testing.T, flavour string, r *model.Route, req model.Request) []byte {
	t.Helper()
	u, err := url.Parse(req.Target)
	if err != nil {
		t.Fatal(err)
	}
	path := strings.TrimSuffix(r.Path, r.Op.Path) + u.Path
	headers := map[string]string{"host": "abc123.execute-api.eu-west-1.amazonaws.com"}
	for _, h := range req.Headers {
		headers[strings.ToLower(h[0])] = h[1]
	}
	if req.ContentType != "" {
		headers["content-type"] = req.ContentType
	}
	ctx := map[string]any{"accountId": "123456789012", "apiId": "abc123", "domainName": headers["host"],
		"requestId": "req-1", "identity": map[string]any{"sourceIp": "192.0.2.1"}}
	var ev map[string]any
	if flavour == "http" {
		ctx["http"] = map[string]any{"method": req.Method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "lambgen-test"}
		ctx["stage"], ctx["routeKey"] = "$default", r.Method+" "+r.Path
		ev = map[string]any{"version": "2.0", "routeKey": r.Method + " " + r.Path, "rawPath": path,
			"rawQueryString": u.RawQuery, "headers": headers, "requestContext": ctx, "isBase64Encoded": false}
	} else {
		q, mq := map[string]string{}, map[string][]string{}
		for k, vs := range u.Query() {
			q[k], mq[k] = vs[len(vs)-1], vs
		}
		mh := map[string][]string{}
		for k, v := range headers {
			mh[k] = []string{v}
		}
		ctx["stage"], ctx["path"], ctx["httpMethod"], ctx["resourcePath"] = "Prod", "/Prod"+path, req.Method, r.Path
		ev = map[string]any{"resource": r.Path, "path": path, "httpMethod": req.Method, "headers": headers,
			"multiValueHeaders": mh, "queryStringParameters": q, "multiValueQueryStringParameters": mq,
			"requestContext": ctx, "isBase64Encoded": false}
	}
	if req.Body != "" {
		ev["body"] = req.Body
	}
	data, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

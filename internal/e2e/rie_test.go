package e2e

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"
)

// proxyResponse covers every response shape: v1 and ALB multi-value
// headers, v2 cookies, ALB status descriptions.
type proxyResponse struct {
	StatusCode        int                 `json:"statusCode"`
	StatusDescription string              `json:"statusDescription"`
	Headers           map[string]string   `json:"headers"`
	MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
	Body              string              `json:"body"`
	IsBase64Encoded   bool                `json:"isBase64Encoded"`
}

// TestItemsUnderEmulator builds the example's bootstrap for this machine and
// invokes it through the real Runtime Interface Emulator with every event
// source the adapter supports.
func TestItemsUnderEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example and starts the emulator")
	}
	testtool.Find(t, "aws-lambda-rie") // skip before building when it is missing
	bin := filepath.Join(t.TempDir(), "bootstrap")
	goCmd(t, itemsDir, []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + runtime.GOARCH},
		"build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")

	emu := testtool.StartEmulator(t, bin)

	const furl = "xyz789.lambda-url.eu-west-1.on.aws"
	const v2 = "abc123.execute-api.eu-west-1.amazonaws.com"
	cases := []struct {
		name   string
		event  []byte
		status int
		body   string
		shape  string // v1, v2, alb, alb-multi
	}{
		{"http v2 root", httpV2Event("GET", "/", "", v2), 200, `{"Hello":"World"}`, "v2"},
		{"http v2 item", httpV2Event("GET", "/items/5?q=somequery", "", v2), 200, `{"item_id":5,"q":"somequery"}`, "v2"},
		{"http v2 create", httpV2Event("POST", "/items/", `{"name":"Foo","price":50.5}`, v2), 200, `{"name":"Foo","price":50.5}`, "v2"},
		{"http v2 invalid item", httpV2Event("POST", "/items/", `{"name":"Foo"}`, v2), 400, "", "v2"},
		{"rest v1 item", restV1Event("GET", "/items/5?q=some%20query", ""), 200, `{"item_id":5,"q":"some query"}`, "v1"},
		{"rest v1 create", restV1Event("POST", "/items/", `{"name":"Bar","price":1}`), 200, `{"name":"Bar","price":1}`, "v1"},
		{"rest v1 bad id", restV1Event("GET", "/items/five", ""), 400, "", "v1"},
		{"alb single-value", albEvent("GET", "/items/7?q=a%20b", "", false), 200, `{"item_id":7,"q":"a b"}`, "alb"},
		{"alb multi-value", albEvent("GET", "/items/7?q=x", "", true), 200, `{"item_id":7,"q":"x"}`, "alb-multi"},
		{"function url", httpV2Event("GET", "/", "", furl), 200, `{"Hello":"World"}`, "v2"},
		{"function url unknown path", httpV2Event("GET", "/nope", "", furl), 404, "", "v2"},
	}
	for _, c := range cases {
		// One at a time: the emulator does not survive concurrent invokes.
		t.Run(c.name, func(t *testing.T) {
			raw := emu.Invoke(t, c.event)
			var got proxyResponse
			if err := json.Unmarshal(raw, &got); err != nil || got.StatusCode == 0 {
				t.Fatalf("not a proxy response: %v: %s", err, raw)
			}
			if got.StatusCode != c.status {
				t.Fatalf("statusCode = %d, want %d: %s", got.StatusCode, c.status, raw)
			}
			if c.body != "" && !jsonEqual(got.Body, c.body) {
				t.Fatalf("body = %s, want %s", got.Body, c.body)
			}
			ct := got.Headers["Content-Type"]
			switch c.shape {
			case "v1":
				if got.MultiValueHeaders == nil {
					t.Fatalf("REST response lacks multiValueHeaders: %s", raw)
				}
			case "alb":
				if got.StatusDescription == "" || got.MultiValueHeaders != nil {
					t.Fatalf("single-value ALB response has the wrong shape: %s", raw)
				}
			case "alb-multi":
				if got.StatusDescription == "" || got.Headers != nil || len(got.MultiValueHeaders) == 0 {
					t.Fatalf("multi-value ALB response has the wrong shape: %s", raw)
				}
				ct = first(got.MultiValueHeaders["Content-Type"])
			}
			if ct == "" {
				ct = first(got.MultiValueHeaders["Content-Type"])
			}
			if c.status >= 400 && ct != "application/problem+json" {
				t.Fatalf("error Content-Type = %q, want application/problem+json: %s", ct, raw)
			}
		})
	}
	if m := regexp.MustCompile(`INIT REPORT[^\n]*`).FindString(emu.Logs()); m != "" {
		t.Logf("emulator: %s", m)
	}
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func jsonEqual(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

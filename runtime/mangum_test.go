package lambdahttp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// TestMangumCases replays Mangum's adapter test cases (shared/corpus/
// mangum-cases, recorded from Mangum 0.19.0's own test suite) through this
// adapter: each case's event goes in, a handler replays what the ASGI app
// sent, and what the handler received and what the adapter returned are
// compared with Mangum's scope and Lambda response.
//
// Deliberate differences from Mangum are either skip reasons below (for
// whole cases that have no Go equivalent) or named overrides applied in
// compareRequest and compareResponse.
func TestMangumCases(t *testing.T) {
	dir := corpusDir(t, "mangum-cases")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files in %s: %v", dir, err)
	}
	var checked, skipped, steps int
	reasons := map[string]int{}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Cases []mangumCase `json:"cases"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		base := filepath.Base(file)
		for _, c := range f.Cases {
			if reason := skipCase(base, c); reason != "" {
				skipped++
				reasons[reason]++
				continue
			}
			checked++
			t.Run(strings.TrimSuffix(base, ".json")+"/"+c.ID, func(t *testing.T) {
				if base == "adapter.json" {
					checkMangumDefaults(t, c)
					steps++
					return
				}
				for _, s := range c.Steps {
					steps++
					runMangumStep(t, s)
				}
			})
		}
	}
	t.Logf("mangum cases: %d checked (%d steps), %d skipped", checked, steps, skipped)
	keys := make([]string, 0, len(reasons))
	for r := range reasons {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	for _, r := range keys {
		t.Logf("  skipped %2d: %s", reasons[r], r)
	}
	if checked == 0 {
		t.Fatal("no Mangum case was checked")
	}
}

type mangumCase struct {
	ID     string       `json:"id"`
	Status string       `json:"status"`
	Steps  []mangumStep `json:"steps"`
}

type mangumStep struct {
	Kind    string `json:"kind"`
	Handler string `json:"handler"`
	Config  struct {
		BasePath       string   `json:"api_gateway_base_path"`
		TextMimeTypes  []string `json:"text_mime_types"`
		ExcludeHeaders []string `json:"exclude_headers"`
	} `json:"config"`
	Event          json.RawMessage `json:"event"`
	Scope          *mangumScope    `json:"scope"`
	Body           json.RawMessage `json:"body"`
	AppReceived    json.RawMessage `json:"app_received_request_body"`
	AppSent        []mangumMessage `json:"app_sent"`
	AppRaised      json.RawMessage `json:"app_raised"`
	LambdaResponse map[string]any  `json:"lambda_response"`
	Raised         json.RawMessage `json:"raised"`
}

type mangumScope struct {
	Method      string      `json:"method"`
	Path        string      `json:"path"`
	QueryString string      `json:"query_string"`
	Headers     [][2]string `json:"headers"`
	Scheme      string      `json:"scheme"`
	Server      []any       `json:"server"`
	Client      []any       `json:"client"`
}

type mangumMessage struct {
	Type    string          `json:"type"`
	Status  int             `json:"status"`
	Headers [][2]string     `json:"headers"`
	Body    json.RawMessage `json:"body"`
}

// mangumDefaultText is Mangum's default text_mime_types list.
var mangumDefaultText = []string{"text/", "application/json", "application/javascript",
	"application/xml", "application/vnd.api+json", "application/vnd.oai.openapi"}

// skipCase names why a whole case does not apply to a Go adapter.
func skipCase(file string, c mangumCase) string {
	switch {
	case file == "lifespan.json":
		return "ASGI lifespan: a Go function initialises in main before lambda.Start; there is no startup/shutdown protocol to adapt"
	case file == "lambda-at-edge.json":
		return "CloudFront Lambda@Edge: not an event source lambgen serves"
	case file == "custom-handler.json":
		return "pluggable custom event handler: lambgen's sources are fixed, unknown events are refused"
	case strings.HasPrefix(c.ID, "test_invalid_options"):
		return "validation of Mangum's lifespan option, which lambgen does not have"
	case len(c.Steps) == 0 || strings.HasPrefix(c.Status, "not recorded"):
		return "not recorded upstream (optional dependency missing), so there is nothing to compare with"
	}
	for _, s := range c.Steps {
		if len(s.Config.ExcludeHeaders) > 0 {
			return "exclude_headers: no equivalent option; a Go handler leaves out the headers it does not want"
		}
	}
	return ""
}

// checkMangumDefaults checks that everything Mangum sends as text by default
// is text here too (lambgen's default list is a superset).
func checkMangumDefaults(t *testing.T, c mangumCase) {
	for _, mt := range mangumDefaultText {
		ct := mt
		if strings.HasSuffix(ct, "/") {
			ct += "plain"
		}
		a := lambdahttp.New(replay([]mangumMessage{{Type: "http.response.start", Status: 200,
			Headers: [][2]string{{"content-type", ct}}}, {Type: "http.response.body", Body: json.RawMessage(`"abc"`)}}, nil, nil))
		out, err := a.Invoke(context.Background(), []byte(`{"httpMethod":"GET","path":"/","requestContext":{}}`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), `"body":"abc","isBase64Encoded":false`) {
			t.Errorf("%s: not sent as text: %s", ct, out)
		}
	}
}

// replay is a handler that records the request and then does what the
// ASGI app did.
func replay(sent []mangumMessage, raised json.RawMessage, got *received) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got != nil {
			got.record(r)
		}
		for _, m := range sent {
			switch m.Type {
			case "http.response.start":
				for _, h := range m.Headers {
					w.Header().Add(h[0], h[1])
				}
				w.WriteHeader(m.Status)
			case "http.response.body":
				_, _ = w.Write(decodeBytes(m.Body))
			}
		}
		if appPanics(raised) {
			panic(fmt.Sprintf("app raised %s", raised))
		}
	})
}

// appPanics reports whether the app raised an exception of its own. Mangum's
// UnexpectedMessage is raised into the app by Mangum for an ASGI ordering
// error (a second response start); net/http has no such error (a second
// WriteHeader is ignored), so it is not replayed as a panic.
func appPanics(raised json.RawMessage) bool {
	var r struct {
		Type string `json:"type"`
	}
	if len(raised) == 0 || json.Unmarshal(raised, &r) != nil || r.Type == "" {
		return false
	}
	return r.Type != "UnexpectedMessage"
}

package contract_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/swaggest/swgui/v5/static"
	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/contract"
)

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestServeDocs(t *testing.T) {
	const spec = `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}`
	assets := fstest.MapFS{
		"swagger-ui-bundle.js.gz": {Data: gz(t, "window.SwaggerUIBundle = 1;")},
		"swagger-ui.css":          {Data: []byte("body{}")},
	}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	docs := contract.Docs{Title: "T <&>", Page: "/docs", JSON: "/openapi.json", YAML: "/openapi.yaml", Spec: spec, Assets: assets}
	h := contract.ServeDocs(next, docs)
	do := func(method, target string, header ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for _, p := range []string{"/docs", "/docs/"} {
		w := do("GET", p)
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("GET %s: %d %q", p, w.Code, w.Header().Get("Content-Type"))
		}
		body := w.Body.String()
		for _, want := range []string{`<title>T &lt;&amp;&gt; - API docs</title>`, `var page = "/docs", spec = "/openapi.json";`, `"swagger-ui-bundle.js"`} {
			if !strings.Contains(body, want) {
				t.Fatalf("GET %s lacks %q:\n%s", p, want, body)
			}
		}
		if m := regexp.MustCompile(`(src|href)="(https?:)?//`).FindString(body); m != "" {
			t.Fatalf("the page loads from another host: %s", m)
		}
	}
	if w := do("GET", "/openapi.json"); w.Code != 200 || w.Body.String() != spec || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json: %d %q %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	w := do("GET", "/openapi.yaml")
	var fromYAML, fromJSON any
	if err := yaml.Unmarshal(w.Body.Bytes(), &fromYAML); err != nil || w.Header().Get("Content-Type") != "application/yaml" {
		t.Fatalf("GET /openapi.yaml: %v %q\n%s", err, w.Header().Get("Content-Type"), w.Body)
	}
	_ = json.Unmarshal([]byte(spec), &fromJSON)
	if d := cmp.Diff(fromJSON, fromYAML); d != "" {
		t.Fatalf("the YAML is another document (-json +yaml):\n%s", d)
	}

	w = do("GET", "/docs/swagger-ui-bundle.js", "Accept-Encoding", "gzip, br")
	if w.Header().Get("Content-Encoding") != "gzip" || !bytes.Equal(w.Body.Bytes(), assets["swagger-ui-bundle.js.gz"].Data) {
		t.Fatalf("gzip-accepting client got Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Fatalf("Content-Type %q", ct)
	}
	for _, ae := range []string{"", "gzip;q=0", "br"} {
		w = do("GET", "/docs/swagger-ui-bundle.js", "Accept-Encoding", ae)
		if w.Header().Get("Content-Encoding") != "" || w.Body.String() != "window.SwaggerUIBundle = 1;" {
			t.Fatalf("Accept-Encoding %q: got %q encoded %q", ae, w.Body, w.Header().Get("Content-Encoding"))
		}
	}
	unpacked := docs
	unpacked.Unpacked = true
	w = httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/docs/swagger-ui-bundle.js", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	contract.ServeDocs(next, unpacked).ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "" || w.Body.String() != "window.SwaggerUIBundle = 1;" {
		t.Fatalf("Unpacked still sent %q encoded %q", w.Body, w.Header().Get("Content-Encoding"))
	}
	if w := do("GET", "/docs/swagger-ui.css"); w.Code != 200 || w.Body.String() != "body{}" {
		t.Fatalf("plain asset: %d %s", w.Code, w.Body)
	}
	for _, p := range []string{"/docs/missing.js", "/docs/.hidden"} {
		if w := do("GET", p); w.Code != 404 || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("GET %s: %d %q", p, w.Code, w.Header().Get("Content-Type"))
		}
	}
	if w := do("POST", "/openapi.json"); w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" {
		t.Fatalf("POST /openapi.json: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
	for _, p := range []string{"/", "/docsx", "/docs/a/b.js", "/openapi.json/x"} {
		if w := do("GET", p); w.Code != http.StatusTeapot {
			t.Fatalf("GET %s was not handed on: %d", p, w.Code)
		}
	}
}

func TestJSONToYAML(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `"x"`, `1`,
		`{"a":{},"b":[],"c":[[],[1,[2]],{}],"d":[{"e":1,"f":[{"g":null}]}]}`,
		`{"yes":"no","on":"off","n":"~","1":"1.0","":"","x y":"#c","-":"- a","k":"a: b","null":null,"t":true,"f":false}`,
		`{"nums":[0,-0,1.5,-2e10,1E+3,12345678901234567890]}`,
		`{"s":"line\nbreak\ttab \"q\" \\ \u0085\u2028\u2029\ufeff\u0001 é 日本 😀","$ref":"#/x","x-go-name":"A.b"}`,
		`{"a":{"b":{"c":{"d":["deep",{"e":"f"}]}}}}`,
	}
	for _, src := range docs {
		out := contract.JSONToYAML([]byte(src))
		var fromYAML, fromJSON any
		if err := yaml.Unmarshal(out, &fromYAML); err != nil {
			t.Fatalf("%s: the YAML does not parse: %v\n%s", src, err, out)
		}
		dec := json.NewDecoder(strings.NewReader(src))
		if err := dec.Decode(&fromJSON); err != nil {
			t.Fatal(err)
		}
		// yaml.v3 reads integers as int and JSON as float64: compare the
		// two through JSON's encoding.
		a, _ := json.Marshal(fromJSON)
		b, err := json.Marshal(fromYAML)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var x, y any
		_ = json.Unmarshal(a, &x)
		_ = json.Unmarshal(b, &y)
		if d := cmp.Diff(x, y); d != "" {
			t.Fatalf("%s read back differently (-json +yaml):\n%s\n%s", src, d, out)
		}
	}
	if got := string(contract.JSONToYAML([]byte(`{"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`))); got !=
		"paths:\n  \"/a\":\n    get:\n      responses:\n        \"200\":\n          description: \"ok\"\n" {
		t.Fatalf("layout:\n%s", got)
	}
}

func TestRequestLines(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	srv := serve(&c.spec, contract.Config{})
	var out bytes.Buffer
	h := contract.StripBasePath("/v1", contract.RequestLines(srv, srv, &out))
	for _, r := range []*http.Request{
		httptest.NewRequest("GET", "/v1/items/5?q=a", nil),
		httptest.NewRequest("GET", "/nowhere", nil),
	} {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	given := httptest.NewRequest("GET", "/", nil)
	given.Header.Set("X-Request-Id", "abc-123")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, given)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^GET /v1/items/5\?q=a readItem 204 [0-9.]+(µs|ms|s) id=[0-9a-f]{16}$`),
		regexp.MustCompile(`^GET /nowhere - 404 [0-9.]+(µs|ms|s) id=[0-9a-f]{16}$`),
		regexp.MustCompile(`^GET / readRoot 204 [0-9.]+(µs|ms|s) id=abc-123$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Fatalf("line %d = %q, want %s", i, lines[i], re)
		}
	}
	if got := w.Header().Get("X-Request-Id"); got != "abc-123" {
		t.Fatalf("the response carries request id %q", got)
	}
}

// TestSwaggerUIAssets serves the assets projects embed, from the module
// and version their go.mod pins (TestProjectModulesMatchLambgen keeps the
// two equal): every file the page loads is there.
func TestSwaggerUIAssets(t *testing.T) {
	h := contract.ServeDocs(http.NotFoundHandler(), contract.Docs{Page: "/docs", JSON: "/openapi.json", YAML: "/openapi.yaml",
		Spec: "{}", Assets: static.FS})
	page := httptest.NewRecorder()
	h.ServeHTTP(page, httptest.NewRequest("GET", "/docs", nil))
	for _, name := range regexp.MustCompile(`assets \+ "([^"]+)"`).FindAllStringSubmatch(page.Body.String(), -1) {
		for _, gzipped := range []bool{false, true} {
			r := httptest.NewRequest("GET", "/docs/"+name[1], nil)
			if gzipped {
				r.Header.Set("Accept-Encoding", "gzip")
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			body := w.Body.Bytes()
			if gzipped {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("%s: %v", name[1], err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if w.Code != 200 || len(body) < 10000 {
				t.Fatalf("GET /docs/%s (gzip %v): %d, %d bytes", name[1], gzipped, w.Code, len(body))
			}
		}
	}
}

package contract_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// specs are compiled by the model, as lambgen compiles them for a
// project, so the tests here drive the tables a real project holds.
var specs = []string{
	"../testdata/specs/shop.yaml", "../testdata/specs/hostile.yaml", "../testdata/specs/auth.yaml",
	"../testdata/specs/routes.yaml", "../examples/items/openapi.yaml",
}

type compiled struct {
	api  *model.API
	spec contract.Spec
}

func compile(t testing.TB, path string) compiled {
	t.Helper()
	s, err := load.File(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	api, err := model.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := model.BuildDeploy(s, api, config.Config{Name: "t", Module: "example.com/t", Spec: "openapi.yaml"}); err != nil {
		t.Fatal(err)
	}
	return compiled{api: api, spec: api.Spec()}
}

// grant admits every credential it is shown, with the scopes required of
// it unless the request asks for none.
func grant(scopeless bool) contract.Authenticator {
	return contract.AuthenticatorFunc(func(_ context.Context, _ string, c contract.Credential) (*contract.Identity, error) {
		if c.Value == "" && c.Username == "" && !c.Verified() {
			return nil, contract.ErrUnauthenticated
		}
		if scopeless {
			return &contract.Identity{Subject: "t"}, nil
		}
		return &contract.Identity{Subject: "t", Scopes: c.Required}, nil
	})
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// serve registers a handler for every operation that answers 204, the
// way oapi-codegen registers its own.
func serve(sp *contract.Spec, cfg contract.Config) *contract.Server {
	if cfg.Logger == nil {
		cfg.Logger = quiet
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	srv := contract.New(sp, cfg)
	for _, op := range sp.Operations {
		srv.HandleFunc(op.Pattern, func(w http.ResponseWriter, r *http.Request) {
			if r.Body != nil {
				_, _ = io.ReadAll(r.Body)
				_ = r.Body.Close()
			}
			w.WriteHeader(http.StatusNoContent)
		})
	}
	return srv
}

func request(req model.Request) *http.Request {
	r := httptest.NewRequest(req.Method, req.Target, strings.NewReader(req.Body))
	if req.ContentType != "" {
		r.Header.Set("Content-Type", req.ContentType)
	}
	for _, h := range req.Headers {
		r.Header.Add(h[0], h[1])
	}
	return r
}

func problemOf(t *testing.T, rec *httptest.ResponseRecorder) contract.Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json; body %s", ct, rec.Body)
	}
	var p contract.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSamplesAreAdmitted sends the model's valid sample of every operation
// and demands it reaches the handler.
func TestSamplesAreAdmitted(t *testing.T) {
	for _, path := range specs {
		c := compile(t, path)
		srv := serve(&c.spec, contract.Config{Authenticator: grant(false)})
		for _, op := range c.api.Operations {
			if op.Sample.Skip != "" {
				continue
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, request(op.Sample))
			if rec.Code != http.StatusNoContent {
				t.Errorf("%s %s: %d, want the handler's 204: %s", path, op.ID, rec.Code, rec.Body)
			}
		}
	}
}

// TestBadSamplesAreRefused sends each of the model's bad samples and
// demands the status and the violation the model expects.
func TestBadSamplesAreRefused(t *testing.T) {
	for _, path := range specs {
		c := compile(t, path)
		for _, op := range c.api.Operations {
			for _, bad := range op.BadSamples {
				if bad.Skip != "" {
					continue
				}
				srv := serve(&c.spec, contract.Config{Authenticator: grant(bad.Scopeless)})
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, request(bad))
				if rec.Code != bad.WantStatus {
					t.Errorf("%s %s (%s): %d, want %d: %s", path, op.ID, bad.Why, rec.Code, bad.WantStatus, rec.Body)
					continue
				}
				p := problemOf(t, rec)
				if bad.WantIn == "" {
					continue
				}
				found := false
				for _, v := range p.Errors {
					found = found || v.In == bad.WantIn && v.Name == bad.WantName && v.Pointer == bad.WantPointer
				}
				if !found {
					t.Errorf("%s %s (%s): no violation in %q name %q pointer %q: %s", path, op.ID, bad.Why, bad.WantIn, bad.WantName, bad.WantPointer, rec.Body)
				}
			}
		}
	}
}

// TestServerAnswers covers the server's own answers: routing misses, the
// body limit, a handler's panic and errors, and bindings that fail.
func TestServerAnswers(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, MaxBodyBytes: 8, ParamError: func(err error) (string, string, bool) {
		if err.Error() == "param" {
			return "q", "is wrong", true
		}
		return "", "", false
	}})
	srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	srv.HandleFunc("POST /items/{$}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	srv.HandleFunc("GET /items/{item_id}", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("q") {
		case "problem":
			srv.HandlerError(w, r, &contract.Problem{Status: http.StatusTeapot})
		case "param":
			srv.BindError(w, r, errors.New("param"))
		case "json":
			srv.BindError(w, r, &json.SyntaxError{Offset: 3})
		default:
			srv.HandlerError(w, r, errors.New("secret"))
		}
	})
	for _, tc := range []struct {
		method, target, body string
		status               int
		detail               string
	}{
		{"GET", "/", "", 500, ""},
		{"GET", "/nowhere", "", 404, "no operation matches GET /nowhere"},
		{"DELETE", "/items/1", "", 405, "method DELETE is not allowed on /items/1"},
		{"POST", "/items/", `{"name":"a","price":1}`, 413, "the request body is larger than 8 bytes"},
		{"POST", "/items/", ``, 400, "the request does not match the API contract"},
		{"PUT", "/items/", ``, 405, ""},
		{"GET", "/items/1?q=problem", "", 418, ""},
		{"GET", "/items/1?q=param", "", 400, "the request does not match the API contract"},
		{"GET", "/items/1?q=json", "", 400, "the request does not match the API contract"},
		{"GET", "/items/1", "", 500, ""},
	} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		if tc.body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		srv.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.target, rec.Code, tc.status, rec.Body)
			continue
		}
		if p := problemOf(t, rec); tc.detail != "" && p.Detail != tc.detail {
			t.Errorf("%s %s: detail %q, want %q", tc.method, tc.target, p.Detail, tc.detail)
		}
	}
}

// TestResponsesAreChecked turns response validation on and reports what
// a handler answers outside the contract.
func TestResponsesAreChecked(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	var got []string
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, ValidateResponses: true,
		ReportResponse: func(op string, status int, vs []contract.Violation) {
			for _, v := range vs {
				got = append(got, op+" "+v.Pointer+" "+v.Detail)
			}
		}})
	srv.HandleFunc("GET /items/{item_id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("q") {
		case "status":
			w.WriteHeader(http.StatusAccepted)
		case "media":
			w.Header().Set("Content-Type", "text/plain")
		case "nothing":
			return
		}
		if r.URL.Query().Get("q") == "float" {
			_, _ = w.Write([]byte(`{"item_id":1.0,"q":null}`))
			return
		}
		_, _ = w.Write([]byte(`{"item_id":"x"}`))
	})
	for _, q := range []string{"", "status", "media", "nothing", "float"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/items/1?q="+q, nil))
	}
	want := []string{
		`readItem /item_id got a string, want integer`,
		`readItem /item_id got a string, want integer`,
		`readItem  status 202 is not documented (documented: 200)`,
		`readItem  "text/plain" is not documented for status 200`,
	}
	if len(got) < 3 || !strings.Contains(strings.Join(got, "\n"), "status 202 is not documented") || !strings.Contains(strings.Join(got, "\n"), `"text/plain" is not documented`) {
		t.Errorf("reported:\n%s\nwant something like:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStripBasePath serves below a base path and puts it back in front of
// a redirect.
func TestStripBasePath(t *testing.T) {
	h := contract.StripBasePath("/v1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/moved")
		w.Header().Set("X-Path", r.URL.Path)
		_, _ = w.Write([]byte("ok"))
	}))
	for path, want := range map[string]string{"/v1/a": "/a", "/v1": "/", "/a": "/a", "/v10": "/v10"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("X-Path"); got != want {
			t.Errorf("%s reached the handler as %q, want %q", path, got, want)
		}
		loc := "/moved"
		if strings.HasPrefix(path, "/v1/") || path == "/v1" {
			loc = "/v1/moved"
		}
		if got := rec.Header().Get("Location"); got != loc {
			t.Errorf("%s: Location %q, want %q", path, got, loc)
		}
	}
	if contract.StripBasePath("", http.NotFoundHandler()) == nil {
		t.Error("no handler without a base path")
	}
}

// BenchmarkItemPOST is the request bench/coldstart measures, without the
// strict handler around it: what validation costs.
func BenchmarkItemPOST(b *testing.B) {
	c := compile(b, "../examples/items/openapi.yaml")
	srv := serve(&c.spec, contract.Config{})
	body := `{"name":"Portal Gun","description":"A device that opens portals","price":42.0,"tax":3.2}`
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/items/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		srv.ServeHTTP(httptest.NewRecorder(), r)
	}
}

// FuzzShopRequest sends arbitrary bodies and queries to every operation of
// the shop and demands that none makes the server fail.
func FuzzShopRequest(f *testing.F) {
	c := compile(f, "../testdata/specs/shop.yaml")
	srv := serve(&c.spec, contract.Config{Authenticator: grant(false)})
	for i, op := range c.api.Operations {
		f.Add(i, op.Sample.Target, op.Sample.ContentType, op.Sample.Body)
	}
	f.Fuzz(func(t *testing.T, i int, target, ct, body string) {
		if i < 0 || len(c.api.Operations) == 0 {
			return
		}
		op := c.api.Operations[i%len(c.api.Operations)]
		req := op.Sample
		req.Body, req.ContentType = body, ct
		if strings.HasPrefix(target, "/") && !strings.ContainsAny(target, " \r\n\t#") {
			req.Target = target
		}
		defer func() {
			if v := recover(); v != nil {
				t.Skip("httptest cannot build this request")
			}
		}()
		r := request(req)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", req.Method, req.Target, body, rec.Code, rec.Body)
		}
	})
}

// BenchmarkRegister is what NewHandler costs at a cold start: the server
// and the registration of every operation.
func BenchmarkRegister(b *testing.B) {
	c := compile(b, "../testdata/specs/shop.yaml")
	h := func(http.ResponseWriter, *http.Request) {}
	b.ReportAllocs()
	for b.Loop() {
		srv := contract.New(&c.spec, contract.Config{})
		for _, op := range c.spec.Operations {
			srv.HandleFunc(op.Pattern, h)
		}
	}
}

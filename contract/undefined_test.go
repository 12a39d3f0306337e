package contract_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/lambgen/lambgen/contract"
)

// TestUndefinedSchemesRefuse: an operation whose every security
// alternative names a scheme the spec does not define answers 401 with a
// problem and a challenge, before the authenticator is asked and before
// anything else is checked, whatever the request carries and whatever the
// gateway claims; the handler never runs. Undefined wins even over a
// table that also lists requirements or an anonymous alternative, so a
// request never gets in by a reading the model did not mean.
func TestUndefinedSchemesRefuse(t *testing.T) {
	sp := contract.Spec{
		Operations: []contract.Operation{{
			ID: "a", Method: "POST", Path: "/a", Pattern: "POST /a", Undefined: []string{"nokey", `odd"name`},
			Security: []contract.Requirement{{{Scheme: 0}}}, Anonymous: true,
			Params: []contract.Param{{Name: "n", In: "query", Required: true, Style: "form", Explode: true}},
			Body:   &contract.Body{Required: true, Media: []contract.Media{{Type: "application/json"}}},
		}},
		Routes: []contract.RouteNode{
			{Literals: []contract.RouteEdge{{Segment: "a", Node: 1}}},
			{Ops: []contract.RouteOp{{Method: "POST", Op: 0}}},
		},
		SecuritySchemes: []contract.SecurityScheme{{Name: "key", Type: "apiKey", In: "header", Param: "X-Key"}},
		Patterns:        []string{""},
		Schemas:         []contract.Schema{{}},
	}
	asked := 0
	srv := contract.New(&sp, contract.Config{Logger: quiet,
		Authenticator: contract.AuthenticatorFunc(func(_ context.Context, _ string, c contract.Credential) (*contract.Identity, error) {
			asked++
			return &contract.Identity{Subject: "anyone", Scopes: c.Required}, nil
		}),
		Claims: func(*http.Request) *contract.GatewayIdentity {
			return &contract.GatewayIdentity{Token: &contract.GatewayClaims{Claims: map[string]any{"sub": "u"}}, APIKeyID: "k"}
		}})
	reached := 0
	srv.HandleFunc("POST /a", func(w http.ResponseWriter, r *http.Request) { reached++ })
	for _, r := range []*http.Request{
		httptest.NewRequest("POST", "/a", nil),
		httptest.NewRequest("POST", "/a?n=1", nil),
	} {
		r.Header.Set("X-Key", "k")
		r.Header.Set("Authorization", "Bearer t")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		if rec.Code != http.StatusUnauthorized {
			t.Fatalf("%s: status %d, want 401: %s", r.URL, rec.Code, rec.Body)
		}
		p := problemOf(t, rec)
		if want := "no credentials are accepted: the operation requires security schemes the API does not define (nokey, odd\"name)"; p.Detail != want {
			t.Errorf("detail %q, want %q", p.Detail, want)
		}
		if got, want := rec.Header().Get("WWW-Authenticate"), `Undefined realm="api", scheme="nokey", Undefined realm="api", scheme="odd\"name"`; got != want {
			t.Errorf("challenge %q, want %q", got, want)
		}
	}
	if reached != 0 || asked != 0 {
		t.Fatalf("handler ran %d times, authenticator asked %d times, want neither", reached, asked)
	}
}

// TestUndefinedSchemesFromTheSpec drives the tables the model compiles:
// the global security's one alternative is undefined, so an operation
// that inherits it refuses everyone; beside a defined alternative the
// undefined one is dropped and the key alone decides.
func TestUndefinedSchemesFromTheSpec(t *testing.T) {
	c := compile(t, "testdata/undefined.yaml")
	srv := serve(&c.spec, contract.Config{Authenticator: grant(false)})
	for _, tc := range []struct {
		target, key string
		status      int
		challenge   string
	}{
		{"/inherited", "", 401, `Undefined realm="api", scheme="nokey"`},
		{"/inherited", "k", 401, `Undefined realm="api", scheme="nokey"`},
		{"/either", "k", 204, ""},
		{"/either", "", 401, `APIKey realm="api", in="header", name="X-Key"`},
	} {
		r := httptest.NewRequest("GET", tc.target, nil)
		if tc.key != "" {
			r.Header.Set("X-Key", tc.key)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		if rec.Code != tc.status || rec.Header().Get("WWW-Authenticate") != tc.challenge {
			t.Errorf("%s key=%q: %d %q, want %d %q: %s", tc.target, tc.key, rec.Code, rec.Header().Get("WWW-Authenticate"), tc.status, tc.challenge, rec.Body)
		}
	}
}

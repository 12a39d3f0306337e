package contract_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/contract"
)

// gatewaySpec is one operation that takes a bearer token or an API key,
// of which API Gateway verifies only the token on its route.
var gatewaySpec = contract.Spec{
	Operations: []contract.Operation{{
		ID: "me", Method: "GET", Path: "/me", Pattern: "GET /me",
		Security:  []contract.Requirement{{{Scheme: 0, Scopes: []string{"read"}}}, {{Scheme: 1}}},
		Gateway:   []contract.GatewayCheck{{Scheme: 0, By: "jwt"}},
		Responses: []contract.Response{{Status: "200"}},
	}},
	Routes: []contract.RouteNode{
		{Literals: []contract.RouteEdge{{Segment: "me", Node: 1}}},
		{Ops: []contract.RouteOp{{Method: "GET", Op: 0}}},
	},
	SecuritySchemes: []contract.SecurityScheme{
		{Name: "token", Type: "http", HTTPScheme: "bearer"},
		{Name: "key", Type: "apiKey", In: "cookie", Param: "k"},
	},
	Patterns: []string{""},
	Schemas:  []contract.Schema{{}},
}

// TestGatewayVouchesOnlyForItsScheme checks that the claims of the token
// authorizer verify the token scheme and nothing else, and that the
// default authenticator trusts exactly that.
func TestGatewayVouchesOnlyForItsScheme(t *testing.T) {
	var claims *contract.GatewayIdentity
	srv := contract.New(&gatewaySpec, contract.Config{Logger: quiet, Authenticator: contract.AuthenticatorFunc(contract.TrustGateway),
		Claims: func(*http.Request) *contract.GatewayIdentity { return claims }})
	srv.HandleFunc("GET /me", func(w http.ResponseWriter, r *http.Request) {
		id, ok := contract.IdentityFromContext(r.Context(), "token")
		if !ok {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		_, _ = w.Write([]byte(id.Subject))
	})
	get := func(cookie bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/me", nil)
		if cookie {
			r.AddCookie(&http.Cookie{Name: "k", Value: "v"})
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		return rec
	}
	if rec := get(true); rec.Code != http.StatusUnauthorized {
		t.Errorf("no gateway: %d, want 401", rec.Code)
	}
	claims = &contract.GatewayIdentity{Token: &contract.GatewayClaims{Claims: map[string]any{"sub": "ann"}, Scopes: []string{"read"}},
		APIKeyID: "id", Lambda: map[string]any{"x": 1}}
	if rec := get(false); rec.Code != http.StatusOK || rec.Body.String() != "ann" {
		t.Errorf("verified token: %d %s", rec.Code, rec.Body)
	}
	claims.Token.Scopes = nil
	if rec := get(false); rec.Code != http.StatusForbidden {
		t.Errorf("token without the scope: %d, want 403", rec.Code)
	}
	claims.Token = nil
	if rec := get(true); rec.Code != http.StatusUnauthorized {
		t.Errorf("an API key the gateway did not check: %d, want 401", rec.Code)
	}
	for _, by := range []string{"iam", "api-key"} {
		gatewaySpec.Operations[0].Gateway[0].By = by
		claims = &contract.GatewayIdentity{IAM: &contract.GatewayClaims{Claims: map[string]any{"sub": "ann"}, Scopes: []string{"read"}}, APIKeyID: "ann"}
		if rec := get(false); rec.Code != http.StatusOK && rec.Code != http.StatusForbidden {
			t.Errorf("%s: %d", by, rec.Code)
		}
	}
	gatewaySpec.Operations[0].Gateway[0].By = "jwt"
}

// TestRouterAnswersLikeServeMux spot-checks the redirects and HEAD.
func TestRouterAnswersLikeServeMux(t *testing.T) {
	c := compile(t, "../testdata/specs/routes.yaml")
	srv := serve(&c.spec, contract.Config{})
	for target, want := range map[string]int{
		"/items":              http.StatusMethodNotAllowed,
		"/items/5/tags/x/":    http.StatusNotFound,
		"/items/5/tags":       http.StatusNotFound,
		"/items/a/../special": http.StatusTemporaryRedirect,
		"/items/5?x=1":        http.StatusNoContent,
		"/files/a%2Fb":        http.StatusNoContent,
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d", target, rec.Code, want)
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("HEAD", "/items/5", nil))
	if rec.Code != http.StatusNoContent {
		t.Errorf("HEAD: %d", rec.Code)
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown pattern was registered")
		}
	}()
	srv.HandleFunc("GET /nowhere", func(http.ResponseWriter, *http.Request) {})
}

// TestProblems checks the errors handlers return and the log of
// responses that break the contract.
func TestProblems(t *testing.T) {
	if got := contract.NotImplemented("op").Error(); got != "501 operation op is not implemented" {
		t.Errorf("NotImplemented = %q", got)
	}
	if got := (&contract.Problem{Status: 404}).Error(); got != "404 Not Found" {
		t.Errorf("Error = %q", got)
	}
	var log bytes.Buffer
	c := compile(t, "../examples/items/openapi.yaml")
	srv := contract.New(&c.spec, contract.Config{Logger: slog.New(slog.NewTextHandler(&log, nil)), ValidateResponses: true})
	srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if rc := http.NewResponseController(w); rc == nil {
			t.Error("no controller")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(log.String(), "response breaks the API contract") {
		t.Errorf("log = %s", log.String())
	}
	h := contract.StripBasePath("/v1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).Flush()
		w.WriteHeader(http.StatusNoContent)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/x", nil))
	_ = context.Background()
}

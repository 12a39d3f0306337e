package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shadow/internal/contract"
)

// The spec's own types hold these names; the contract's are still there.
var (
	_ = Problem{Code: 1}
	_ = Authenticator{Kind: new(string)}
	_ = Route{Path: "/"}
	_ = Server{}
	_ Option
	_ contract.Option = WithLogger(nil)
	_ *contract.Problem
	// Identity is a component no operation uses: the alias stays.
	_ *Identity = &contract.Identity{}
)

type stub struct{ StrictServerInterface }

func (stub) MakeThing(context.Context, MakeThingRequestObject) (MakeThingResponseObject, error) {
	return MakeThing201JSONResponse{}, nil
}

// TestServesWithShadowedNames serves a valid and an invalid request.
func TestServesWithShadowedNames(t *testing.T) {
	h := NewHandler(stub{})
	for body, want := range map[string]int{`{"path":"/a","option":"a"}`: 201, `{"path":1}`: 400, `{"path":"/a","option":"c"}`: 400} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/things", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, r)
		if rec.Code != want {
			t.Errorf("%s: %d, want %d: %s", body, rec.Code, want, rec.Body)
		}
		if want == http.StatusBadRequest && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %q", body, rec.Header().Get("Content-Type"))
		}
	}
}

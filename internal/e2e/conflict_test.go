package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// conflictHandler is what a user writes: createOrder refuses an
// idempotency key it has seen, with the sentinel that the scaffolded
// handlers/middleware.go maps through api.ProblemFor.
const conflictHandler = `package handlers

import (
	"context"
	"fmt"

	"example.com/shop/api"
)

func (h *Handlers) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	return nil, fmt.Errorf("order %s exists already: %w", req.Params.XIdempotencyKey, api.ErrConflict)
}
`

// shortCircuit is a second middleware a user adds: it answers deletePet
// for pet 2 itself, from the typed request, without calling the handler
// (whose stub would answer 501).
const shortCircuit = `package handlers

import (
	"context"
	"net/http"

	"example.com/shop/api"
)

func keepPetTwo(next api.StrictHandlerFunc, operationID string) api.StrictHandlerFunc {
	if operationID != "DeletePet" {
		return next
	}
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		if req, ok := request.(api.DeletePetRequestObject); ok && req.PetId == 2 {
			return api.DeletePet204Response{}, nil
		}
		return next(ctx, w, r, request)
	}
}
`

// conflictTest checks the answer against the spec with response
// validation on: the 409 must be one the spec documents for createOrder.
const conflictTest = `package handlers

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/api"
)

func TestConflictIsDocumented(t *testing.T) {
	var broken []api.Violation
	h := api.NewHandler(&Handlers{}, api.WithAuthenticator(testAuthenticator(false)),
		api.WithResponseValidation(func(_ string, _ int, vs []api.Violation) { broken = append(broken, vs...) }))
	r := httptest.NewRequest("POST", "/orders", strings.NewReader("petId=2&quantity=2"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Idempotency-Key", "order-0001")
	r.Header.Set("Authorization", "Bearer test-token")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var p api.Problem
	if w.Code != 409 || w.Header().Get("Content-Type") != "application/problem+json" || json.Unmarshal(w.Body.Bytes(), &p) != nil {
		t.Fatalf("answer = %d %s: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if p.Status != 409 || p.Detail != "order order-0001 exists already: conflict" {
		t.Errorf("problem = %+v", p)
	}
	if len(broken) > 0 {
		t.Errorf("the 409 breaks the spec: %+v", broken)
	}
}

func TestMiddlewareShortCircuits(t *testing.T) {
	h := api.NewHandler(&Handlers{}, api.WithAuthenticator(testAuthenticator(false)))
	for target, want := range map[string]int{"/pets/2": 204, "/pets/3": 501} {
		r := httptest.NewRequest("DELETE", target, nil)
		r.Header.Set("Authorization", "Bearer test-token")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("DELETE %s = %d, want %d: %s", target, w.Code, want, w.Body)
		}
	}
}
`

// TestMiddlewareMapsConflict: in the shop golden project, a handler that
// returns api.ErrConflict gets the documented 409 problem+json from the
// scaffolded middleware, and response validation finds nothing wrong; a
// middleware the user adds in front answers one request from its typed
// request without the handler.
func TestMiddlewareMapsConflict(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a copy of golden/shop")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../golden/shop")); err != nil {
		t.Fatal(err)
	}
	mw := filepath.Join(dir, "handlers", "middleware.go")
	data, err := os.ReadFile(mw)
	if err != nil {
		t.Fatal(err)
	}
	const list = "return []api.StrictMiddlewareFunc{mapErrors}"
	if !bytes.Contains(data, []byte(list)) {
		t.Fatalf("the scaffold no longer lists its middleware as %q:\n%s", list, data)
	}
	files := map[string]string{"create_order.go": conflictHandler, "conflict_test.go": conflictTest, "keep.go": shortCircuit,
		"middleware.go": string(bytes.Replace(data, []byte(list), []byte("return []api.StrictMiddlewareFunc{keepPetTwo, mapErrors}"), 1))}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, "handlers", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, dir, nil, "test", "-count=1", "-run", "TestConflictIsDocumented|TestMiddlewareShortCircuits", "-v", "./handlers")
}

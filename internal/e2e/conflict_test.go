package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// conflictHandler is what a user writes: createOrder refuses an
// idempotency key it has seen, with the sentinel the scaffolded
// handlers/middleware.go maps.
const conflictHandler = `package handlers

import (
	"context"
	"fmt"

	"example.com/shop/api"
)

func (h *Handlers) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	return nil, fmt.Errorf("order %s exists already: %w", req.Params.XIdempotencyKey, ErrConflict)
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
`

// TestMiddlewareMapsConflict: in the shop golden project, a handler that
// returns ErrConflict gets the documented 409 problem+json from the
// scaffolded middleware, and response validation finds nothing wrong.
func TestMiddlewareMapsConflict(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a copy of golden/shop")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../golden/shop")); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{"create_order.go": conflictHandler, "conflict_test.go": conflictTest} {
		if err := os.WriteFile(filepath.Join(dir, "handlers", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, dir, nil, "test", "-count=1", "-run", "TestConflictIsDocumented", "./handlers")
}

package handlers

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/api"
)

// broken answers GET /pets/{petId} with a dog whose breed is empty, which
// the spec's pattern forbids.
type broken struct{ Handlers }

func (b *broken) GetPet(ctx context.Context, req api.GetPetRequestObject) (api.GetPetResponseObject, error) {
	var p api.Pet
	_ = p.FromDog(api.Dog{Name: "Rex", PetType: "dog"})
	return api.GetPet200JSONResponse(p), nil
}

func getPet(h http.Handler) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "/pets/2", nil)
	req.Header.Set("X-API-Key", "secret-key")
	req.Header.Set("Cookie", "session=abcd1234")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestBrokenResponseIsReported checks that a response breaking the spec
// reaches the report with its operation and pointer, and is still sent.
func TestBrokenResponseIsReported(t *testing.T) {
	var got []string
	h := api.NewHandler(&broken{}, api.WithAuthenticator(&Handlers{}), api.WithResponseValidation(func(op string, status int, vs []api.Violation) {
		for _, v := range vs {
			got = append(got, op+" "+v.In+" "+v.Pointer+" "+v.Detail)
		}
	}))
	if rec := getPet(h); rec.Code != 200 {
		t.Fatalf("status %d, want the handler's 200: %s", rec.Code, rec.Body)
	}
	if want := `getPet response /breed "" does not match the pattern ^[A-Z][a-z]+$`; len(got) != 1 || got[0] != want {
		t.Fatalf("reported %q, want [%q]", got, want)
	}
}

// TestResponseValidationByEnvironment checks that the environment variable
// turns response checks on, and that they are logged.
func TestResponseValidationByEnvironment(t *testing.T) {
	t.Setenv(api.ValidateResponsesEnv, "1")
	var log bytes.Buffer
	h := api.NewHandler(&broken{}, api.WithAuthenticator(&Handlers{}), api.WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	getPet(h)
	if want := `msg="response breaks the API contract" operation=getPet status=200 in=response name="" pointer=/breed detail="\"\" does not match the pattern ^[A-Z][a-z]+$"`; !strings.Contains(log.String(), want) {
		t.Fatalf("log = %s\nwant a line with %s", log.String(), want)
	}
	t.Setenv(api.ValidateResponsesEnv, "0")
	log.Reset()
	getPet(api.NewHandler(&broken{}, api.WithAuthenticator(&Handlers{}), api.WithLogger(slog.New(slog.NewTextHandler(&log, nil)))))
	if log.Len() != 0 {
		t.Fatalf("with %s=0 nothing should be logged, got %s", api.ValidateResponsesEnv, log.String())
	}
}

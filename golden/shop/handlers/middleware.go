package handlers

import (
	"context"
	"errors"
	"net/http"

	"example.com/shop/api"
)

// Errors a handler returns, wrapped or not, for mapErrors to answer with
// the problem+json the spec documents.
var (
	ErrNotFound = errors.New("not found") // 404
	ErrConflict = errors.New("conflict")  // 409
)

// documented is, per operation, the statuses the spec documents that a
// handler's error may become; any other error stays a 500 that reveals
// nothing, so that no answer leaves the contract.
var documented = map[string][]struct {
	err    error
	status int
}{
	"CreateOrder": {{ErrConflict, 409}},
	"GetPet":      {{ErrNotFound, 404}},
}

// Middleware runs around every operation, the first listed outermost. Each
// gets the operation's name and, per call, the validated typed request
// (an api.XxxRequestObject) and the typed response the handler returned
// (an api.XxxResponseObject); returning without calling next answers in
// the handler's place. The error field of the access line come from the same hook, in api/telemetry.gen.go.
func (h *Handlers) Middleware() []api.StrictMiddlewareFunc {
	return []api.StrictMiddlewareFunc{mapErrors}
}

// mapErrors is the one place a handler's error becomes an answer: a
// sentinel from above, wrapped or not, becomes the problem+json its
// operation documents.
func mapErrors(next api.StrictHandlerFunc, operationID string) api.StrictHandlerFunc {
	mapped := documented[operationID]
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		response, err := next(ctx, w, r, request)
		if err == nil {
			return response, nil
		}
		for _, m := range mapped {
			if errors.Is(err, m.err) {
				return nil, &api.Problem{Status: m.status, Detail: err.Error()}
			}
		}
		return response, err
	}
}

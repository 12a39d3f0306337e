package handlers

import (
	"context"
	"net/http"

	"example.com/items/api"
)

// Middleware runs around every operation, the first listed outermost. Each
// gets the operation's name and, per call, the validated typed request
// (an api.XxxRequestObject) and the typed response the handler returned
// (an api.XxxResponseObject); returning without calling next answers in
// the handler's place. The error field of the access line come from the same hook, in api/telemetry.gen.go.
func (h *Handlers) Middleware() []api.StrictMiddlewareFunc {
	return []api.StrictMiddlewareFunc{mapErrors}
}

// mapErrors is the one place a handler's error becomes an answer. A
// handler returns one of api's sentinels (api.ErrNotFound, api.ErrConflict
// and the others in api/errors.gen.go), wrapped or not, and gets the
// problem+json its operation documents for that status; anything else
// stays a 500 that reveals nothing. Map your own errors here.
func mapErrors(next api.StrictHandlerFunc, operationID string) api.StrictHandlerFunc {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		response, err := next(ctx, w, r, request)
		if err == nil {
			return response, nil
		}
		if p, ok := api.ProblemFor(operationID, err); ok {
			return nil, p
		}
		return response, err
	}
}

package handlers

import (
	"context"

	"example.com/items/api"
)

// ReadRoot handles GET / (operation readRoot).
// Read Root
func (h *Handlers) ReadRoot(ctx context.Context, req api.ReadRootRequestObject) (api.ReadRootResponseObject, error) {
	return api.ReadRoot200JSONResponse{Hello: "World"}, nil
}

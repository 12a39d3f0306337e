package handlers

import (
	"context"

	"example.com/shop/api"
)

// GridPoint handles GET /grid/{point} (operation gridPoint).
func (h *Handlers) GridPoint(ctx context.Context, req api.GridPointRequestObject) (api.GridPointResponseObject, error) {
	return nil, api.NotImplemented("gridPoint")
}

package handlers

import (
	"context"

	"example.com/items/api"
)

// ReadItem handles GET /items/{item_id} (operation readItem).
// Read Item
func (h *Handlers) ReadItem(ctx context.Context, req api.ReadItemRequestObject) (api.ReadItemResponseObject, error) {
	// The request's logger: this line carries the access line's ids.
	api.Logger(ctx).Info("item read", "item_id", req.ItemId)
	// Like the FastAPI original, q is echoed as null when it is absent.
	return api.ReadItem200JSONResponse{ItemId: req.ItemId, Q: req.Params.Q}, nil
}

package handlers

import (
	"context"

	"example.com/items/api"
)

// ReadItem handles GET /items/{item_id} (operation readItem).
// Read Item
func (h *Handlers) ReadItem(ctx context.Context, req api.ReadItemRequestObject) (api.ReadItemResponseObject, error) {
	return nil, api.NotImplemented("readItem")
}

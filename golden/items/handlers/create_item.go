package handlers

import (
	"context"

	"example.com/items/api"
)

// CreateItem handles POST /items/ (operation createItem).
// Create Item
func (h *Handlers) CreateItem(ctx context.Context, req api.CreateItemRequestObject) (api.CreateItemResponseObject, error) {
	return nil, api.NotImplemented("createItem")
}

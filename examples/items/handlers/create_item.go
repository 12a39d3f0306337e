package handlers

import (
	"context"

	"example.com/items/api"
)

// CreateItem handles POST /items/ (operation createItem).
// Create Item
func (h *Handlers) CreateItem(ctx context.Context, req api.CreateItemRequestObject) (api.CreateItemResponseObject, error) {
	// Validation has already rejected bodies that are not Items, so the
	// item can be echoed as it came.
	return api.CreateItem200JSONResponse(*req.Body), nil
}

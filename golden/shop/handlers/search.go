package handlers

import (
	"context"

	"example.com/shop/api"
)

// Search handles GET /search/{area} (operation search).
func (h *Handlers) Search(ctx context.Context, req api.SearchRequestObject) (api.SearchResponseObject, error) {
	return nil, api.NotImplemented("search")
}

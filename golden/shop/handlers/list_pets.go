package handlers

import (
	"context"

	"example.com/shop/api"
)

// ListPets handles GET /pets (operation listPets).
func (h *Handlers) ListPets(ctx context.Context, req api.ListPetsRequestObject) (api.ListPetsResponseObject, error) {
	return nil, api.NotImplemented("listPets")
}

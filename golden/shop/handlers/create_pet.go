package handlers

import (
	"context"

	"example.com/shop/api"
)

// CreatePet handles POST /pets (operation createPet).
func (h *Handlers) CreatePet(ctx context.Context, req api.CreatePetRequestObject) (api.CreatePetResponseObject, error) {
	return nil, api.NotImplemented("createPet")
}

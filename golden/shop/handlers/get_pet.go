package handlers

import (
	"context"

	"example.com/shop/api"
)

// GetPet handles GET /pets/{petId} (operation getPet).
func (h *Handlers) GetPet(ctx context.Context, req api.GetPetRequestObject) (api.GetPetResponseObject, error) {
	return nil, api.NotImplemented("getPet")
}

package handlers

import (
	"context"

	"example.com/shop/api"
)

// DeletePet handles DELETE /pets/{petId} (operation deletePet).
func (h *Handlers) DeletePet(ctx context.Context, req api.DeletePetRequestObject) (api.DeletePetResponseObject, error) {
	return nil, api.NotImplemented("deletePet")
}

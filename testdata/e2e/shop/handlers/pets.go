package handlers

import (
	"context"

	"example.com/shop/api"
)

func tabby() api.Pet {
	var p api.Pet
	id := int64(1)
	lives := 9
	_ = p.FromCat(api.Cat{Id: &id, Name: "Tabby", PetType: "cat", Lives: &lives})
	return p
}

func rex() api.Pet {
	var p api.Pet
	id := int64(2)
	_ = p.FromDog(api.Dog{Id: &id, Name: "Rex", PetType: "dog", Breed: "Collie"})
	return p
}

func (h *Handlers) ListPets(ctx context.Context, req api.ListPetsRequestObject) (api.ListPetsResponseObject, error) {
	return api.ListPets200JSONResponse{tabby(), rex()}, nil
}

func (h *Handlers) CreatePet(ctx context.Context, req api.CreatePetRequestObject) (api.CreatePetResponseObject, error) {
	return api.CreatePet201JSONResponse(*req.Body), nil
}

func (h *Handlers) GetPet(ctx context.Context, req api.GetPetRequestObject) (api.GetPetResponseObject, error) {
	if req.PetId != 2 {
		return api.GetPet404Response{}, nil
	}
	return api.GetPet200JSONResponse(rex()), nil
}

func (h *Handlers) DeletePet(ctx context.Context, req api.DeletePetRequestObject) (api.DeletePetResponseObject, error) {
	return api.DeletePet204Response{}, nil
}

func (h *Handlers) Search(ctx context.Context, req api.SearchRequestObject) (api.SearchResponseObject, error) {
	if req.Params.Filter.Color == "red" {
		return api.Search200JSONResponse{tabby()}, nil
	}
	return api.Search200JSONResponse{}, nil
}

func (h *Handlers) GridPoint(ctx context.Context, req api.GridPointRequestObject) (api.GridPointResponseObject, error) {
	return api.GridPoint200JSONResponse(req.Point), nil
}

func (h *Handlers) TileAt(ctx context.Context, req api.TileAtRequestObject) (api.TileAtResponseObject, error) {
	return api.TileAt200JSONResponse(req.Coords), nil
}

package handlers

import (
	"context"

	"example.com/shop/api"
)

// UploadPhoto handles POST /pets/{petId}/photos (operation uploadPhoto).
func (h *Handlers) UploadPhoto(ctx context.Context, req api.UploadPhotoRequestObject) (api.UploadPhotoResponseObject, error) {
	return nil, api.NotImplemented("uploadPhoto")
}

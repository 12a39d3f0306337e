package handlers

import (
	"context"

	"example.com/shop/api"
)

// TileAt handles GET /tiles/{coords} (operation tileAt).
func (h *Handlers) TileAt(ctx context.Context, req api.TileAtRequestObject) (api.TileAtResponseObject, error) {
	return nil, api.NotImplemented("tileAt")
}

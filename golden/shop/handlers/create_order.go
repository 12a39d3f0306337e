package handlers

import (
	"context"

	"example.com/shop/api"
)

// CreateOrder handles POST /orders (operation createOrder).
func (h *Handlers) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	return nil, api.NotImplemented("createOrder")
}

package handlers

import (
	"context"

	"example.com/shop/api"
)

// Authenticate knows one API key and two bearer tokens: an admin holding
// every scope, and a reader holding none.
func (h *Handlers) Authenticate(ctx context.Context, operationID string, c api.Credential) (*api.Identity, error) {
	switch {
	case c.Scheme == "apiKey" && c.Value == "secret-key":
		return &api.Identity{Subject: "key"}, nil
	case c.Scheme == "bearerAuth" && c.Value == "admin-token":
		return &api.Identity{Subject: "admin", Scopes: []string{"pets:write", "pets:admin"}}, nil
	case c.Scheme == "bearerAuth" && c.Value == "reader-token":
		return &api.Identity{Subject: "reader"}, nil
	case c.Scheme == "bearerAuth" && c.Value == "test-token":
		return &api.Identity{Subject: "test", Scopes: c.Required}, nil
	case c.Scheme == "apiKey" && c.Value == "test-key":
		return &api.Identity{Subject: "test"}, nil
	}
	return nil, api.ErrUnauthenticated
}

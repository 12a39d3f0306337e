package handlers

import (
	"context"

	"example.com/hostile/api"
)

// Authenticate knows one API key, one basic user and three bearer
// tokens; every other credential goes to api.TrustGateway, as it does in
// the authenticator lambgen generates, so the suite attacks the default
// trust in API Gateway and not a hand-rolled one.
func (h *Handlers) Authenticate(ctx context.Context, operationID string, c api.Credential) (*api.Identity, error) {
	switch c.Scheme {
	case "apiKeyHeader", "apiKeyQuery", "apiKeyCookie":
		if c.Value == "k-good" {
			return &api.Identity{Subject: "key"}, nil
		}
	case "basicAuth":
		if c.Username == "ann" && c.Password == "pw" {
			return &api.Identity{Subject: "ann"}, nil
		}
	case "bearerAuth":
		if c.Value == "t-good" {
			return &api.Identity{Subject: "bearer"}, nil
		}
	case "oauth", "oidc":
		switch c.Value {
		case "t-writer":
			return &api.Identity{Subject: "writer", Scopes: []string{"tickets:write", "profile"}}, nil
		case "t-reader":
			return &api.Identity{Subject: "reader"}, nil
		}
	}
	return api.TrustGateway(ctx, operationID, c)
}

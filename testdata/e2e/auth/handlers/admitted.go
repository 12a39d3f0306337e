package handlers

import (
	"context"
	"sync/atomic"

	"example.com/auth/api"
)

// schemeNames are the spec's security schemes.
var schemeNames = []string{"basic", "bearer", "ckey", "key", "oauth", "oidc", "qkey", "sig"}

// admitted names the schemes whose identities let the caller in; none
// means the caller came in anonymously.
func admitted(ctx context.Context) api.Admitted {
	out := api.Admitted{Schemes: []string{}}
	for _, s := range schemeNames {
		if _, ok := api.IdentityFromContext(ctx, s); ok {
			out.Schemes = append(out.Schemes, s)
		}
	}
	return out
}

func (h *Handlers) Open(ctx context.Context, _ api.OpenRequestObject) (api.OpenResponseObject, error) {
	return api.Open200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Key(ctx context.Context, _ api.KeyRequestObject) (api.KeyResponseObject, error) {
	return api.Key200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Qkey(ctx context.Context, _ api.QkeyRequestObject) (api.QkeyResponseObject, error) {
	return api.Qkey200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Ckey(ctx context.Context, _ api.CkeyRequestObject) (api.CkeyResponseObject, error) {
	return api.Ckey200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Basic(ctx context.Context, _ api.BasicRequestObject) (api.BasicResponseObject, error) {
	return api.Basic200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Bearer(ctx context.Context, _ api.BearerRequestObject) (api.BearerResponseObject, error) {
	return api.Bearer200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Oauth(ctx context.Context, _ api.OauthRequestObject) (api.OauthResponseObject, error) {
	return api.Oauth200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Oidc(ctx context.Context, _ api.OidcRequestObject) (api.OidcResponseObject, error) {
	return api.Oidc200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) Iam(ctx context.Context, _ api.IamRequestObject) (api.IamResponseObject, error) {
	return api.Iam200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyAndOauth(ctx context.Context, _ api.KeyAndOauthRequestObject) (api.KeyAndOauthResponseObject, error) {
	return api.KeyAndOauth200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyAndIam(ctx context.Context, _ api.KeyAndIamRequestObject) (api.KeyAndIamResponseObject, error) {
	return api.KeyAndIam200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) QkeyAndBearer(ctx context.Context, _ api.QkeyAndBearerRequestObject) (api.QkeyAndBearerResponseObject, error) {
	return api.QkeyAndBearer200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyAndBasic(ctx context.Context, _ api.KeyAndBasicRequestObject) (api.KeyAndBasicResponseObject, error) {
	return api.KeyAndBasic200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyOrOauth(ctx context.Context, _ api.KeyOrOauthRequestObject) (api.KeyOrOauthResponseObject, error) {
	return api.KeyOrOauth200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) OauthOrOidc(ctx context.Context, _ api.OauthOrOidcRequestObject) (api.OauthOrOidcResponseObject, error) {
	return api.OauthOrOidc200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) IamOrBearer(ctx context.Context, _ api.IamOrBearerRequestObject) (api.IamOrBearerResponseObject, error) {
	return api.IamOrBearer200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyAndOauthOrBasic(ctx context.Context, _ api.KeyAndOauthOrBasicRequestObject) (api.KeyAndOauthOrBasicResponseObject, error) {
	return api.KeyAndOauthOrBasic200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyAndOauthOrCkeyAndOidc(ctx context.Context, _ api.KeyAndOauthOrCkeyAndOidcRequestObject) (api.KeyAndOauthOrCkeyAndOidcResponseObject, error) {
	return api.KeyAndOauthOrCkeyAndOidc200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) OauthOrAnonymous(ctx context.Context, _ api.OauthOrAnonymousRequestObject) (api.OauthOrAnonymousResponseObject, error) {
	return api.OauthOrAnonymous200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) KeyOrAnonymous(ctx context.Context, _ api.KeyOrAnonymousRequestObject) (api.KeyOrAnonymousResponseObject, error) {
	return api.KeyOrAnonymous200JSONResponse(admitted(ctx)), nil
}

// deniedCalls counts the calls of the operations whose every alternative
// names an undefined scheme, which the server must never let through.
var deniedCalls atomic.Int64

// DeniedCalls is how often a refused operation's handler ran.
func DeniedCalls() int64 { return deniedCalls.Load() }

func (h *Handlers) Inherited(ctx context.Context, _ api.InheritedRequestObject) (api.InheritedResponseObject, error) {
	deniedCalls.Add(1)
	return api.Inherited200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) NokeyAndKey(ctx context.Context, _ api.NokeyAndKeyRequestObject) (api.NokeyAndKeyResponseObject, error) {
	deniedCalls.Add(1)
	return api.NokeyAndKey200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) NokeyOrKey(ctx context.Context, _ api.NokeyOrKeyRequestObject) (api.NokeyOrKeyResponseObject, error) {
	return api.NokeyOrKey200JSONResponse(admitted(ctx)), nil
}

func (h *Handlers) NokeyOrAnonymous(ctx context.Context, _ api.NokeyOrAnonymousRequestObject) (api.NokeyOrAnonymousResponseObject, error) {
	return api.NokeyOrAnonymous200JSONResponse(admitted(ctx)), nil
}

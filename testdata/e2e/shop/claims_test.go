package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"example.com/shop/api"
	"example.com/shop/handlers"
	"example.com/shop/internal/lambdahttp"
)

// event is an HTTP API (payload 2.0) request whose JWT authorizer granted
// scopes; authorizer "" leaves the authorizer out.
func event(method, path, body, authorizer string) []byte {
	b, _ := json.Marshal(body)
	return []byte(`{"version":"2.0","routeKey":"` + method + ` ` + path + `","rawPath":"` + path + `","rawQueryString":"",
 "headers":{"content-type":"application/json"},
 "requestContext":{"http":{"method":"` + method + `","path":"` + path + `","protocol":"HTTP/1.1","sourceIp":"192.0.2.1"},
  "requestId":"r1","stage":"$default","domainName":"x.example.com","apiId":"x"` + authorizer + `},
 "body":` + string(b) + `,"isBase64Encoded":false}`)
}

const pet = `{"petType":"cat","name":"Tom"}`

func jwt(scopes string) string {
	return `,"authorizer":{"jwt":{"claims":{"sub":"user-1"},"scopes":[` + scopes + `]}}`
}

func status(t *testing.T, a *lambdahttp.Adapter, ctx context.Context, ev []byte) (int, string) {
	t.Helper()
	out, err := a.Invoke(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		StatusCode int `json:"statusCode"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return resp.StatusCode, string(out)
}

// TestGatewayClaimsReachTheServer runs Lambda events through the adapter
// and the generated server wired as main.go wires it. deletePet needs a
// bearer token with pets:admin in every alternative, so the template puts
// the JWT authorizer on its route: what that authorizer verified admits
// the caller, and its scopes decide 204 against 403. createPet takes a
// token or an API key, so the gateway checks neither; claims on its event
// come from no authorizer of that route and verify nothing.
func TestGatewayClaimsReachTheServer(t *testing.T) {
	a := lambdahttp.New(api.NewHandler(&handlers.Handlers{}, api.WithClaims(gatewayClaims)))
	for _, c := range []struct {
		method, path, body, authorizer string
		status                         int
	}{
		{"DELETE", "/pets/1", "", jwt(`"pets:admin"`), 204},
		{"DELETE", "/pets/1", "", jwt(`"pets:read"`), 403},
		{"DELETE", "/pets/1", "", "", 401},
		{"POST", "/pets", pet, jwt(`"pets:write"`), 401},
	} {
		if got, out := status(t, a, context.Background(), event(c.method, c.path, c.body, c.authorizer)); got != c.status {
			t.Errorf("%s %s with authorizer %q: status %d, want %d: %s", c.method, c.path, c.authorizer, got, c.status, out)
		}
	}
}

type deadlineSeen struct {
	handlers.Handlers
	deadline time.Time
}

func (d *deadlineSeen) DeletePet(ctx context.Context, req api.DeletePetRequestObject) (api.DeletePetResponseObject, error) {
	d.deadline, _ = ctx.Deadline()
	return d.Handlers.DeletePet(ctx, req)
}

// TestLambdaDeadlineReachesHandlers checks that the invocation's deadline
// is the handler's, through the adapter, security and validation.
func TestLambdaDeadlineReachesHandlers(t *testing.T) {
	d := &deadlineSeen{}
	a := lambdahttp.New(api.NewHandler(d, api.WithClaims(gatewayClaims)))
	deadline := time.Now().Add(3 * time.Second).Truncate(time.Millisecond)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if got, out := status(t, a, ctx, event("DELETE", "/pets/1", "", jwt(`"pets:admin"`))); got != 204 {
		t.Fatalf("status %d, want 204: %s", got, out)
	}
	if !d.deadline.Equal(deadline) {
		t.Fatalf("handler saw deadline %v, want %v", d.deadline, deadline)
	}
}

// TestIAMIdentityVerifiesNoAPIKey checks that a SigV4 identity is not an
// API key: shop.yaml names no IAM scheme, so the template enables no IAM
// authorizer, and an IAM identity on the event vouches for nothing; with
// the generated authenticator stub (TrustGateway), the unverified key is
// refused.
func TestIAMIdentityVerifiesNoAPIKey(t *testing.T) {
	h := api.NewHandler(&handlers.Handlers{}, api.WithAuthenticator(api.AuthenticatorFunc(api.TrustGateway)), api.WithClaims(gatewayClaims))
	ev := strings.Replace(string(event("POST", "/pets", pet, `,"authorizer":{"iam":{"accessKey":"AKIA","accountId":"123456789012","callerId":"AID","userArn":"arn:aws:iam::123456789012:user/u","userId":"AID"}}`)),
		`"content-type":"application/json"`, `"content-type":"application/json","x-api-key":"not-checked-by-anyone"`, 1)
	if got, out := status(t, lambdahttp.New(h), context.Background(), []byte(ev)); got != 401 {
		t.Fatalf("status %d, want 401: %s", got, out)
	}
}

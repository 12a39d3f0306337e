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

// event is an HTTP API (payload 2.0) POST /pets whose JWT authorizer
// granted scopes; authorizer "" leaves the authorizer out.
func event(authorizer string) []byte {
	return []byte(`{"version":"2.0","routeKey":"POST /pets","rawPath":"/pets","rawQueryString":"",
 "headers":{"content-type":"application/json"},
 "requestContext":{"http":{"method":"POST","path":"/pets","protocol":"HTTP/1.1","sourceIp":"192.0.2.1"},
  "requestId":"r1","stage":"$default","domainName":"x.example.com","apiId":"x"` + authorizer + `},
 "body":"{\"petType\":\"cat\",\"name\":\"Tom\"}","isBase64Encoded":false}`)
}

func jwt(scopes string) string {
	return `,"authorizer":{"jwt":{"claims":{"sub":"user-1"},"scopes":[` + scopes + `]}}`
}

// TestGatewayClaimsReachTheServer runs Lambda events through the adapter
// and the generated server wired as main.go wires it: what API Gateway's
// JWT authorizer verified is enough for an operation that requires a
// bearer token, and its scopes decide 201 against 403.
func TestGatewayClaimsReachTheServer(t *testing.T) {
	h := api.NewHandler(&handlers.Handlers{}, api.WithClaims(gatewayClaims))
	a := lambdahttp.New(h)
	for _, c := range []struct {
		authorizer string
		status     int
	}{
		{jwt(`"pets:write"`), 201},
		{jwt(`"pets:read"`), 403},
		{"", 401},
	} {
		out, err := a.Invoke(context.Background(), event(c.authorizer))
		if err != nil {
			t.Fatal(err)
		}
		var resp struct {
			StatusCode int `json:"statusCode"`
		}
		if err := json.Unmarshal(out, &resp); err != nil || resp.StatusCode != c.status {
			t.Errorf("authorizer %q: status %d (%v), want %d: %s", c.authorizer, resp.StatusCode, err, c.status, out)
		}
	}
}

type deadlineSeen struct {
	handlers.Handlers
	deadline time.Time
}

func (d *deadlineSeen) CreatePet(ctx context.Context, req api.CreatePetRequestObject) (api.CreatePetResponseObject, error) {
	d.deadline, _ = ctx.Deadline()
	return d.Handlers.CreatePet(ctx, req)
}

// TestLambdaDeadlineReachesHandlers checks that the invocation's deadline
// is the handler's, through the adapter, security and validation.
func TestLambdaDeadlineReachesHandlers(t *testing.T) {
	d := &deadlineSeen{}
	a := lambdahttp.New(api.NewHandler(d, api.WithClaims(gatewayClaims)))
	deadline := time.Now().Add(3 * time.Second).Truncate(time.Millisecond)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	out, err := a.Invoke(ctx, event(jwt(`"pets:write"`)))
	if err != nil || !strings.Contains(string(out), `"statusCode":201`) {
		t.Fatalf("invoke: %v: %s", err, out)
	}
	if !d.deadline.Equal(deadline) {
		t.Fatalf("handler saw deadline %v, want %v", d.deadline, deadline)
	}
}

// TestIAMIdentityCountsAsVerified checks that a caller API Gateway
// authenticated with SigV4 is a verified caller: with the generated
// authenticator stub (TrustGateway), an operation that requires an API key
// admits them, since the gateway checked the credential.
func TestIAMIdentityCountsAsVerified(t *testing.T) {
	h := api.NewHandler(&handlers.Handlers{}, api.WithAuthenticator(api.AuthenticatorFunc(api.TrustGateway)), api.WithClaims(gatewayClaims))
	ev := strings.Replace(string(event(`,"authorizer":{"iam":{"accessKey":"AKIA","accountId":"123456789012","callerId":"AID","userArn":"arn:aws:iam::123456789012:user/u","userId":"AID"}}`)),
		`"content-type":"application/json"`, `"content-type":"application/json","x-api-key":"sigv4-checked-by-the-gateway"`, 1)
	out, err := lambdahttp.New(h).Invoke(context.Background(), []byte(ev))
	if err != nil || !strings.Contains(string(out), `"statusCode":201`) {
		t.Fatalf("invoke: %v: %s", err, out)
	}
}

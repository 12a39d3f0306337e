package lambdahttp_test

import (
	"context"
	"net/http"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

func requestContextFor(t *testing.T, payload string) lambdahttp.RequestContext {
	t.Helper()
	var rc lambdahttp.RequestContext
	a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, _ = lambdahttp.RequestContextFromContext(r.Context())
	}))
	if _, err := a.Invoke(context.Background(), []byte(payload)); err != nil {
		t.Fatal(err)
	}
	return rc
}

// TestRequestContextAPIKey: the key a REST API checked (ApiKeyRequired) is
// the only evidence the function gets that the gateway checked it, so it
// must come through, and must not appear where the gateway checked none.
func TestRequestContextAPIKey(t *testing.T) {
	rc := requestContextFor(t, `{"resource":"/k","path":"/k","httpMethod":"GET","headers":{"x-api-key":"k3y"},
 "requestContext":{"resourcePath":"/k","httpMethod":"GET","stage":"Prod","requestId":"r1",
  "identity":{"sourceIp":"192.0.2.1","apiKey":"k3y","apiKeyId":"abc123"}},"body":null,"isBase64Encoded":false}`)
	if rc.APIKeyID != "abc123" || rc.APIKey != "k3y" || rc.Authorizer.IAM != nil {
		t.Errorf("REST: API key %q (ID %q), IAM %+v", rc.APIKey, rc.APIKeyID, rc.Authorizer.IAM)
	}
	rc = requestContextFor(t, `{"resource":"/k","path":"/k","httpMethod":"GET","headers":{"x-api-key":"k3y"},
 "requestContext":{"resourcePath":"/k","httpMethod":"GET","stage":"Prod","requestId":"r1",
  "identity":{"sourceIp":"192.0.2.1","apiKey":null,"apiKeyId":null}},"body":null,"isBase64Encoded":false}`)
	if rc.APIKeyID != "" || rc.APIKey != "" {
		t.Errorf("REST without a checked key: API key %q (ID %q)", rc.APIKey, rc.APIKeyID)
	}
	rc = requestContextFor(t, `{"version":"2.0","routeKey":"GET /k","rawPath":"/k","rawQueryString":"","headers":{"x-api-key":"k3y"},
 "requestContext":{"http":{"method":"GET","path":"/k","sourceIp":"192.0.2.1"},"requestId":"r1","stage":"$default"},"isBase64Encoded":false}`)
	if rc.APIKeyID != "" || rc.APIKey != "" {
		t.Errorf("HTTP API: API key %q (ID %q)", rc.APIKey, rc.APIKeyID)
	}
}

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"example.com/auth/api"
	"example.com/auth/handlers"
)

// grantAll admits every credential it is shown, with every scope asked
// for: what the server refuses with it, no authenticator could admit.
var grantAll = api.AuthenticatorFunc(func(_ context.Context, _ string, c api.Credential) (*api.Identity, error) {
	return &api.Identity{Subject: "anyone", Scopes: c.Required}, nil
})

// everything is a request context in which API Gateway vouches for a
// token, an IAM caller and a REST API key at once.
var everything = gateway{name: "everything",
	v2:         `{"jwt":{"claims":{"sub":"user-1"},"scopes":["read","write"]},"iam":{"accessKey":"AKIA","accountId":"123456789012","callerId":"AID","userArn":"arn:aws:iam::123456789012:user/u","userId":"AID"}}`,
	v1:         `{"claims":{"sub":"user-1","scope":"read write"}}`,
	identity:   `"apiKey":"good-key","apiKeyId":"key-1"`,
	v1Identity: iamV1,
	auth:       goodToken,
}

// otherSources are a GET of op as an ALB and a Function URL deliver it,
// with c's credentials.
func otherSources(op string, c creds) map[string][]byte {
	alb := `{"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/abc"}},
 "httpMethod":"GET","path":"/` + op + `","queryStringParameters":{"api_key":` + quote(c.key) + `},
 "headers":{"host":"t.elb.amazonaws.com","authorization":` + quote(c.auth) + `,"x-api-key":` + quote(c.key) + `,"cookie":"session=` + c.key + `"},"body":"","isBase64Encoded":false}`
	url := `{"version":"2.0","rawPath":"/` + op + `","rawQueryString":"api_key=` + c.key + `","cookies":["session=` + c.key + `"],
 "headers":{"authorization":` + quote(c.auth) + `,"x-api-key":` + quote(c.key) + `},
 "requestContext":{"accountId":"123456789012","apiId":"u","domainName":"u.lambda-url.eu-west-1.on.aws","domainPrefix":"u",
  "http":{"method":"GET","path":"/` + op + `","protocol":"HTTP/1.1","sourceIp":"192.0.2.1"},"requestId":"r1"},"isBase64Encoded":false}`
	return map[string][]byte{"alb": []byte(alb), "url": []byte(url)}
}

// answers sends a GET of op with c locally and as every event source
// delivers it, REST and HTTP APIs with what g says API Gateway verified.
func answers(t *testing.T, h http.Handler, op string, g gateway, c creds) map[string]answer {
	t.Helper()
	out := map[string]answer{"local": local(t, h, op, c)}
	for _, typ := range []string{"rest", "http"} {
		out[typ] = invoke(t, h, event(typ, op, g, c))
	}
	for src, ev := range otherSources(op, c) {
		out[src] = invoke(t, h, ev)
	}
	return out
}

// TestAuthUndefinedSchemes: an operation whose every alternative names a
// scheme the spec does not define is answered 401, with a problem and a
// challenge naming the scheme, whatever the request carries, wherever it
// comes from, and whoever authenticates; its handler never runs. An
// alternative beside it that names defined schemes admits as it would
// alone.
func TestAuthUndefinedSchemes(t *testing.T) {
	h := server(grantAll)
	for _, op := range []string{"inherited", "nokeyAndKey"} {
		for _, c := range append(localCreds, creds{auth: goodToken, key: goodKey}) {
			for src, a := range answers(t, h, op, everything, c) {
				where := op + " " + src + " " + c.auth + " key=" + c.key
				check(t, where, a, '1', "nokey")
				var p struct {
					Status int    `json:"status"`
					Detail string `json:"detail"`
				}
				if err := json.Unmarshal([]byte(a.body), &p); err != nil || p.Status != 401 || !strings.Contains(p.Detail, "nokey") {
					t.Errorf("%s: body %s is not the 401 problem naming nokey (%v)", where, a.body, err)
				}
			}
		}
	}
	if n := handlers.DeniedCalls(); n != 0 {
		t.Fatalf("the handlers of refused operations ran %d times", n)
	}
	for src, a := range answers(t, h, "nokeyOrKey", everything, creds{key: goodKey}) {
		check(t, "nokeyOrKey "+src+" with a key", a, '2', "")
		if !strings.Contains(a.body, `"key"`) {
			t.Errorf("nokeyOrKey %s: admitted by %s, want the key", src, a.body)
		}
	}
	for src, a := range answers(t, h, "nokeyOrKey", gateway{}, creds{auth: goodToken}) {
		check(t, "nokeyOrKey "+src+" without a key", a, '1', "key")
	}
	for src, a := range answers(t, h, "nokeyOrAnonymous", gateway{}, creds{}) {
		check(t, "nokeyOrAnonymous "+src, a, '2', "")
	}
}

package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"example.com/auth/api"
	"example.com/auth/handlers"
	"example.com/auth/internal/lambdahttp"
)

// Statuses are written one digit per column: 2 is 200, 1 is 401, 3 is 403.
//
// The columns of trustHTTP and trustREST are the request sent with
// garbage credentials (Authorization: Bearer garbage-token, or a SigV4
// header for IAM, and "garbage" as every API key) through the generated
// authenticator stub, TrustGateway, first on a local server and then as
// Lambda events whose request context says API Gateway verified:
//
//	local  jwt  jwtRead  cognito  cognitoKey  iam  iamKey  apiKey  lambda
//
// jwt grants scopes read and write, jwtRead only read; cognitoKey and
// iamKey add a REST API key ID to the Cognito claims or the IAM caller;
// lambda is a Lambda authorizer's context. Each event goes to every
// operation, so a gateway check the route does not configure must not
// count either.
//
// The columns of local are a local server with checker as the
// authenticator and these credentials:
//
//	none  keys  token  read  basic  keys+token  keys+read  keys+basic
//
// and jwtKeys is a Lambda event carrying JWT claims (scopes read and
// write) and good keys, with checker, the same for both API types.
var cases = []struct {
	op string
	// challenge lists the schemes the 401 challenges, in order.
	challenge            string
	trustHTTP, trustREST string
	local                string
	jwtKeys              string
}{
	{"open", "", "222222222", "222222222", "22222222", "2"},
	{"key", "key", "111111111", "111121221", "12111222", "2"},
	{"qkey", "qkey", "111111111", "111111111", "12111222", "2"},
	{"ckey", "ckey", "111111111", "111111111", "12111222", "2"},
	{"basic", "basic", "111111111", "111111111", "11112112", "1"},
	{"bearer", "bearer", "122221111", "122221111", "11221221", "2"},
	{"oauth", "oauth", "123221111", "123221111", "11231231", "2"},
	{"oidc", "oidc", "122221111", "122221111", "11221221", "2"},
	{"iam", "sig", "111112211", "111112211", "11111111", "1"},
	// The defect this suite was written for: a verified token beside a
	// garbage key must not admit.
	{"keyAndOauth", "key oauth", "111111111", "111121111", "11111231", "2"},
	{"keyAndIam", "key sig", "111111111", "111111211", "11111111", "1"},
	{"qkeyAndBearer", "bearer qkey", "111111111", "111111111", "11111221", "2"},
	{"keyAndBasic", "basic key", "111111111", "111111111", "11111112", "1"},
	{"keyOrOauth", "key oauth", "111111111", "111111111", "12231222", "2"},
	{"oauthOrOidc", "oauth oidc", "122221111", "122221111", "11221221", "2"},
	{"iamOrBearer", "sig bearer", "111111111", "111111111", "11221221", "1"},
	{"keyAndOauthOrBasic", "key oauth basic", "111111111", "111111111", "11112232", "1"},
	{"keyAndOauthOrCkeyAndOidc", "key oauth ckey oidc", "111111111", "111111111", "11111221", "2"},
	{"oauthOrAnonymous", "", "222222222", "222222222", "22222222", "2"},
	{"keyOrAnonymous", "", "222222222", "222222222", "22222222", "2"},
	// nokey is defined nowhere: an alternative that needs it is dropped,
	// and an operation left with none refuses everyone.
	{"inherited", "nokey", "111111111", "111111111", "11111111", "1"},
	{"nokeyAndKey", "nokey", "111111111", "111111111", "11111111", "1"},
	{"nokeyOrKey", "key", "111111111", "111121221", "12111222", "2"},
	{"nokeyOrAnonymous", "", "222222222", "222222222", "22222222", "2"},
}

// challenges is each scheme's 401 challenge.
var challenges = map[string]string{
	"basic":  `Basic realm="api", charset="UTF-8"`,
	"bearer": `Bearer realm="api"`,
	"oauth":  `Bearer realm="api"`,
	"oidc":   `Bearer realm="api"`,
	"key":    `APIKey realm="api", in="header", name="X-API-Key"`,
	"qkey":   `APIKey realm="api", in="query", name="api_key"`,
	"ckey":   `APIKey realm="api", in="cookie", name="session"`,
	"sig":    `APIKey realm="api", in="header", name="Authorization"`,
	"nokey":  `Undefined realm="api", scheme="nokey"`,
}

// Every 403 in the table is for a token lacking scope write.
const insufficient = `Bearer realm="api", error="insufficient_scope", scope="write"`

const (
	garbageToken = "Bearer garbage-token"
	sigV4        = "AWS4-HMAC-SHA256 Credential=AKIA/20240101/eu-west-1/execute-api/aws4_request, SignedHeaders=host, Signature=00"
	goodKey      = "good-key"
	goodToken    = "Bearer good-token"
	readToken    = "Bearer read-token"
)

var goodBasic = "Basic " + base64.StdEncoding.EncodeToString([]byte("user:pass"))

// creds is what a request presents: one Authorization header, and one
// value sent as every API key (header, query and cookie).
type creds struct{ auth, key string }

// gateway is what API Gateway put in an event's request context, in the
// HTTP API (payload 2.0) and REST API (payload 1.0) forms.
type gateway struct {
	name       string
	v2, v1     string // the authorizer object
	identity   string // members of requestContext.identity
	v1Identity string // more of them that only REST APIs send
	auth       string
}

const iamV2 = `{"iam":{"accessKey":"AKIA","accountId":"123456789012","callerId":"AID","userArn":"arn:aws:iam::123456789012:user/u","userId":"AID"}}`

const iamV1 = `"accessKey":"AKIA","accountId":"123456789012","caller":"AID","user":"AID","userArn":"arn:aws:iam::123456789012:user/u"`

var gateways = []gateway{
	{name: "jwt", v2: `{"jwt":{"claims":{"sub":"user-1"},"scopes":["read","write"]}}`, v1: `{"claims":{"sub":"user-1"},"scopes":["read","write"]}`, auth: garbageToken},
	{name: "jwtRead", v2: `{"jwt":{"claims":{"sub":"user-1"},"scopes":["read"]}}`, v1: `{"claims":{"sub":"user-1"},"scopes":["read"]}`, auth: garbageToken},
	{name: "cognito", v2: `{"claims":{"sub":"user-1","scope":"read write"}}`, v1: `{"claims":{"sub":"user-1","scope":"read write"}}`, auth: garbageToken},
	{name: "cognitoKey", v2: `{"claims":{"sub":"user-1","scope":"read write"}}`, v1: `{"claims":{"sub":"user-1","scope":"read write"}}`, identity: `"apiKey":"garbage","apiKeyId":"key-1"`, auth: garbageToken},
	{name: "iam", v2: iamV2, v1Identity: iamV1, auth: sigV4},
	{name: "iamKey", v2: iamV2, v1Identity: iamV1, identity: `"apiKey":"garbage","apiKeyId":"key-1"`, auth: sigV4},
	{name: "apiKey", identity: `"apiKey":"garbage","apiKeyId":"key-1"`, auth: garbageToken},
	{name: "lambda", v2: `{"lambda":{"sub":"user-1","scope":"read write"}}`, v1: `{"principalId":"user-1","sub":"user-1","scope":"read write"}`, auth: garbageToken},
}

var localCreds = []creds{{}, {key: goodKey}, {auth: goodToken}, {auth: readToken}, {auth: goodBasic},
	{auth: goodToken, key: goodKey}, {auth: readToken, key: goodKey}, {auth: goodBasic, key: goodKey}}

// checker stands for a user's authenticator: it takes what the gateway
// verified and checks everything else itself.
var checker = api.AuthenticatorFunc(func(ctx context.Context, op string, c api.Credential) (*api.Identity, error) {
	if c.Verified() {
		return api.TrustGateway(ctx, op, c)
	}
	switch c.Scheme {
	case "key", "qkey", "ckey":
		if c.Value == goodKey {
			return &api.Identity{Subject: "key"}, nil
		}
	case "basic":
		if c.Username == "user" && c.Password == "pass" {
			return &api.Identity{Subject: "user"}, nil
		}
	case "bearer", "oauth", "oidc":
		switch "Bearer " + c.Value {
		case goodToken:
			return &api.Identity{Subject: "good", Scopes: []string{"read", "write"}}, nil
		case readToken:
			return &api.Identity{Subject: "reader", Scopes: []string{"read"}}, nil
		}
	}
	return nil, api.ErrUnauthenticated
})

func apiType(t *testing.T) string {
	t.Helper()
	a := os.Getenv("LAMBGEN_AUTH_API")
	if a != "http" && a != "rest" {
		t.Fatalf("LAMBGEN_AUTH_API is %q, want http or rest", a)
	}
	return a
}

func server(a api.Authenticator) http.Handler {
	return api.NewHandler(&handlers.Handlers{}, api.WithAuthenticator(a), api.WithClaims(gatewayClaims))
}

// answer is a response's status and WWW-Authenticate header.
type answer struct {
	status    int
	challenge string
	body      string
}

func local(t *testing.T, h http.Handler, op string, c creds) answer {
	t.Helper()
	target := "/" + op
	if c.key != "" {
		target += "?api_key=" + c.key
	}
	r := httptest.NewRequest("GET", target, nil)
	if c.auth != "" {
		r.Header.Set("Authorization", c.auth)
	}
	if c.key != "" {
		r.Header.Set("X-API-Key", c.key)
		r.AddCookie(&http.Cookie{Name: "session", Value: c.key})
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return answer{w.Code, w.Header().Get("WWW-Authenticate"), w.Body.String()}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// event is a GET of op in the form an API of type api delivers.
func event(api, op string, g gateway, c creds) []byte {
	headers := `"authorization":` + quote(c.auth) + `,"x-api-key":` + quote(c.key)
	if api == "http" {
		rc := `"http":{"method":"GET","path":"/` + op + `","protocol":"HTTP/1.1","sourceIp":"192.0.2.1"},"requestId":"r1","stage":"$default","domainName":"x.example.com","apiId":"x"`
		if g.v2 != "" {
			rc += `,"authorizer":` + g.v2
		}
		if g.identity != "" {
			rc += `,"identity":{` + g.identity + `}`
		}
		return []byte(`{"version":"2.0","routeKey":"GET /` + op + `","rawPath":"/` + op + `","rawQueryString":"api_key=` + c.key + `",
 "cookies":["session=` + c.key + `"],"headers":{` + headers + `},"requestContext":{` + rc + `},"isBase64Encoded":false}`)
	}
	id := `"sourceIp":"192.0.2.1"`
	for _, more := range []string{g.identity, g.v1Identity} {
		if more != "" {
			id += "," + more
		}
	}
	rc := `"resourcePath":"/` + op + `","httpMethod":"GET","path":"/Prod/` + op + `","stage":"Prod","requestId":"r1","domainName":"x.example.com","apiId":"x","identity":{` + id + `}`
	if g.v1 != "" {
		rc += `,"authorizer":` + g.v1
	}
	return []byte(`{"resource":"/` + op + `","path":"/` + op + `","httpMethod":"GET","headers":{` + headers + `,"cookie":"session=` + c.key + `"},
 "queryStringParameters":{"api_key":` + quote(c.key) + `},"requestContext":{` + rc + `},"body":null,"isBase64Encoded":false}`)
}

func invoke(t *testing.T, h http.Handler, ev []byte) answer {
	t.Helper()
	out, err := lambdahttp.New(h).Invoke(context.Background(), ev)
	if err != nil {
		t.Fatalf("invoke: %v\n%s", err, ev)
	}
	var resp struct {
		StatusCode        int                 `json:"statusCode"`
		Headers           map[string]string   `json:"headers"`
		MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
		Body              string              `json:"body"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("response %s: %v", out, err)
	}
	a := answer{status: resp.StatusCode, body: resp.Body}
	for k, v := range resp.Headers {
		if strings.EqualFold(k, "WWW-Authenticate") {
			a.challenge = v
		}
	}
	for k, v := range resp.MultiValueHeaders {
		if strings.EqualFold(k, "WWW-Authenticate") && len(v) > 0 {
			a.challenge = v[0]
		}
	}
	return a
}

// check compares a with the status digit want and, for 401 and 403, the
// challenge the operation owes.
func check(t *testing.T, where string, a answer, want byte, challenge string) {
	t.Helper()
	status := map[byte]int{'1': 401, '2': 200, '3': 403}[want]
	if a.status != status {
		t.Errorf("%s: status %d, want %d: %s", where, a.status, status, a.body)
		return
	}
	var wantChallenge string
	switch status {
	case 401:
		var parts []string
		for _, s := range strings.Fields(challenge) {
			parts = append(parts, challenges[s])
		}
		wantChallenge = strings.Join(parts, ", ")
	case 403:
		wantChallenge = insufficient
	}
	if a.challenge != wantChallenge {
		t.Errorf("%s: WWW-Authenticate %q, want %q", where, a.challenge, wantChallenge)
	}
}

// TestAuthTrustGateway: the generated authenticator stub admits exactly
// what the gateway verified for each scheme on each route.
func TestAuthTrustGateway(t *testing.T) {
	typ := apiType(t)
	h := server(&handlers.Handlers{})
	for _, c := range cases {
		want := c.trustHTTP
		if typ == "rest" {
			want = c.trustREST
		}
		check(t, c.op+" local", local(t, h, c.op, creds{auth: garbageToken, key: "garbage"}), want[0], c.challenge)
		for i, g := range gateways {
			cr := creds{auth: g.auth, key: "garbage"}
			check(t, c.op+" "+g.name, invoke(t, h, event(typ, c.op, g, cr)), want[i+1], c.challenge)
		}
	}
}

// TestAuthLocalAuthenticator: without a gateway, a user's authenticator
// decides every scheme, and AND, OR and anonymous alternatives combine
// its answers.
func TestAuthLocalAuthenticator(t *testing.T) {
	h := server(checker)
	for _, c := range cases {
		for i, cr := range localCreds {
			check(t, c.op+" "+cr.auth+" key="+cr.key, local(t, h, c.op, cr), c.local[i], c.challenge)
		}
	}
}

// TestAuthGatewayAndAuthenticator: on Lambda the gateway's verdict covers
// the schemes it checks and the authenticator the rest, so a verified
// token and a good key admit where the spec asks for both.
func TestAuthGatewayAndAuthenticator(t *testing.T) {
	typ := apiType(t)
	h := server(checker)
	for _, c := range cases {
		check(t, c.op+" jwt+keys", invoke(t, h, event(typ, c.op, gateways[0], creds{auth: garbageToken, key: goodKey})), c.jwtKeys[0], c.challenge)
	}
}

// TestAuthCredentials checks what an authenticator is told: which
// mechanism verified a scheme on the route, and a Lambda authorizer's
// context, which verifies nothing.
func TestAuthCredentials(t *testing.T) {
	typ := apiType(t)
	var seen []api.Credential
	h := server(api.AuthenticatorFunc(func(_ context.Context, _ string, c api.Credential) (*api.Identity, error) {
		seen = append(seen, c)
		return &api.Identity{Scopes: []string{"read", "write"}}, nil
	}))
	restKey := map[bool]string{true: "api-key", false: ""}[typ == "rest"]
	for _, c := range []struct {
		op      string
		gateway gateway
		want    map[string]string // scheme: VerifiedBy
	}{
		{"keyAndOauth", gateways[3], map[string]string{"key": restKey, "oauth": "jwt"}},
		{"keyAndOauth", gateways[6], map[string]string{"key": restKey, "oauth": ""}},
		{"keyAndIam", gateways[5], map[string]string{"key": restKey, "sig": "iam"}},
		{"keyOrOauth", gateways[0], map[string]string{"key": ""}},
		{"bearer", gateways[7], map[string]string{"bearer": ""}},
	} {
		seen = nil
		if a := invoke(t, h, event(typ, c.op, c.gateway, creds{auth: c.gateway.auth, key: "garbage"})); a.status != 200 {
			t.Errorf("%s %s: status %d: %s", c.op, c.gateway.name, a.status, a.body)
		}
		if len(seen) != len(c.want) {
			t.Errorf("%s %s: authenticator saw %d credentials, want %d", c.op, c.gateway.name, len(seen), len(c.want))
		}
		for _, cr := range seen {
			if cr.VerifiedBy != c.want[cr.Scheme] || cr.Verified() != (cr.Claims != nil) {
				t.Errorf("%s %s: %s verified by %q (claims %v), want %q", c.op, c.gateway.name, cr.Scheme, cr.VerifiedBy, cr.Claims, c.want[cr.Scheme])
			}
			if c.gateway.name == "lambda" && (cr.AuthorizerContext["sub"] != "user-1" || cr.Claims != nil) {
				t.Errorf("%s lambda: authorizer context %v, claims %v", c.op, cr.AuthorizerContext, cr.Claims)
			}
			if c.gateway.name != "lambda" && cr.AuthorizerContext != nil {
				t.Errorf("%s %s: authorizer context %v", c.op, c.gateway.name, cr.AuthorizerContext)
			}
		}
	}
}

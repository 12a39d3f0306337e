package model_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

func buildDeploy(t *testing.T, spec string, cfg config.Config) (*model.Deploy, error) {
	t.Helper()
	s, err := load.Bytes(context.Background(), "openapi.yaml", []byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	api, err := model.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Name == "" {
		cfg.Name = "svc"
	}
	cfg.Defaults()
	return model.BuildDeploy(s, api, cfg)
}

const schemes = `openapi: 3.0.3
info: {title: T, version: "1"}
servers: [{url: "https://example.com/base"}]
components:
  securitySchemes:
    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: "https://a.example.com", scopes: {r: r, w: w}}}}
    oidc: {type: openIdConnect, openIdConnectUrl: "https://login.example.com/realm/.well-known/openid-configuration"}
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    key: {type: apiKey, in: header, name: X-API-Key}
    qkey: {type: apiKey, in: query, name: key}
    sig: {type: apiKey, in: header, name: Authorization, x-amazon-apigateway-authtype: awsSigv4}
    custom: {type: apiKey, in: header, name: X-Internal}
paths:
`

// TestRouteAuth: the gateway checks what every alternative of an
// operation's security needs, and never more than the spec asks.
func TestRouteAuth(t *testing.T) {
	cases := []struct {
		security string
		http     string // Gateway(), plus "*" when the handler checks the rest
		rest     string
		scopes   []string
	}{
		{"[]", "none", "none", nil},
		{"[{oauth: [r]}]", "jwt(r)", "jwt(r)", []string{"r"}},
		{"[{oauth: [r]}, {oauth: [w]}]", "jwt(r w)", "jwt(r w)", []string{"r", "w"}},
		{"[{oauth: [r]}, {oidc: []}]", "jwt", "jwt", nil},
		{"[{bearer: []}]", "jwt", "jwt", nil},
		// Anonymous callers may come; a token that does come is the
		// handler's to check.
		{"[{oauth: [r]}, {}]", "none*", "none*", nil},
		{"[{key: []}]", "none*", "api-key", nil},
		{"[{key: [], oauth: [w]}]", "jwt(w)*", "jwt(w)+api-key", []string{"w"}},
		{"[{key: []}, {oauth: [w]}]", "none*", "none*", nil},
		{"[{sig: []}]", "iam", "iam", nil},
		{"[{custom: []}]", "iam", "iam", nil},
		{"[{basic: []}]", "none*", "none*", nil},
		{"[{qkey: []}]", "none*", "none*", nil},
	}
	var b strings.Builder
	b.WriteString(schemes)
	for i, c := range cases {
		b.WriteString("  /op" + string(rune('a'+i)) + ":\n    get:\n      operationId: op" + string(rune('a'+i)) +
			"\n      security: " + c.security + "\n      responses: {\"200\": {description: ok}}\n")
	}
	for _, api := range []string{"http", "rest"} {
		d, err := buildDeploy(t, b.String(), config.Config{API: api, Auth: config.Auth{IAM: []string{"custom"}}})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			r := d.Routes[i]
			got := r.Auth.Gateway()
			if r.Auth.FunctionChecks {
				got += "*"
			}
			want := c.http
			if api == "rest" {
				want = c.rest
			}
			if got != want || !cmp.Equal(r.Auth.Scopes, c.scopes) {
				t.Errorf("%s %s: gateway %q scopes %v, want %q %v", api, c.security, got, r.Auth.Scopes, want, c.scopes)
			}
		}
		if !d.Auth.JWT || !d.Auth.IAM || d.Auth.APIKey != (api == "rest") {
			t.Errorf("%s: API auth %+v", api, d.Auth)
		}
	}
}

func TestDeployParametersAndAuthorizers(t *testing.T) {
	spec := schemes + "  /x:\n    get:\n      operationId: x\n      security: [{oidc: []}]\n      responses: {\"200\": {description: ok}}\n"
	d, err := buildDeploy(t, spec, config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Parameter{
		{Name: "JwtIssuer", Type: "String", SLS: "jwtIssuer", Pattern: "^https://.+", Default: "https://login.example.com/realm", HasDefault: true,
			SLSDefault:  []string{"https://login.example.com/realm"},
			Description: "Issuer URL of the tokens the API accepts (auth.jwt.issuer in lambgen.yaml)"},
		{Name: "JwtAudience", Type: "CommaDelimitedList", SLS: "jwtAudience", SLSList: true,
			Description: "Audiences of which a token must name one (auth.jwt.audience in lambgen.yaml)"},
	}
	if diff := cmp.Diff(want, d.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	if r := d.Routes[0]; r.Auth.Authorizer != "JwtAuthorizer" || r.Path != "/base/x" || r.EventID != "X" {
		t.Errorf("route %+v", r)
	}
	d, err = buildDeploy(t, spec, config.Config{API: "rest", Auth: config.Auth{UserPoolARN: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_A"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Parameters) != 1 || d.Parameters[0].Name != "UserPoolArn" || d.Parameters[0].Default != "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_A" ||
		d.Routes[0].Auth.Authorizer != "CognitoAuthorizer" || d.URLPath != "/Prod/base" {
		t.Errorf("rest: parameters %+v, authorizer %q, URL path %q", d.Parameters, d.Routes[0].Auth.Authorizer, d.URLPath)
	}
	_, err = buildDeploy(t, spec, config.Config{Auth: config.Auth{IAM: []string{"sigv4"}}})
	want2 := "lambgen.yaml: auth.iam[0]: securityScheme \"sigv4\" is not in openapi.yaml (it has: basic, bearer, custom, key, oauth, oidc, qkey, sig)"
	if err == nil || err.Error() != want2 {
		t.Errorf("unknown iam scheme: %v, want %s", err, want2)
	}
}

func TestDeployCORSBinaryPoliciesEnvironment(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /img:
    get:
      operationId: getImage
      responses: {"200": {description: ok, content: {image/png: {}, application/json: {}}}}
    put:
      operationId: putImage
      requestBody: {content: {application/octet-stream: {}}}
      responses: {"204": {description: ok}}
`
	cfg := config.Config{API: "rest",
		Environment:    map[string]string{"B": "2", "A": "1"},
		S3Access:       []config.S3Access{{Bucket: "b1"}},
		DynamoDBAccess: []config.DynamoDBAccess{{Table: "t1", Access: "crud"}},
		CORS:           &config.CORS{AllowOrigins: []string{"https://a.example"}, MaxAge: 300},
	}
	d, err := buildDeploy(t, spec, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]model.BinaryType{{Plain: "application/octet-stream", SAM: "application~1octet-stream"}, {Plain: "image/png", SAM: "image~1png"}}, d.BinaryTypes); diff != "" {
		t.Errorf("binary types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]model.EnvVar{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}}, d.Environment); diff != "" {
		t.Errorf("environment (-want +got):\n%s", diff)
	}
	c := d.CORS
	if c.RESTOrigin != "'https://a.example'" || c.RESTMethods != "'GET,OPTIONS,PUT'" || c.RESTHeaders != "'Authorization,Content-Type'" || c.RESTMaxAge != "'300'" {
		t.Errorf("cors %+v", c)
	}
	if got := []string{d.Policies[0].Template, d.Policies[0].Value, d.Policies[1].Template, d.Policies[1].Resources[1]}; !cmp.Equal(got,
		[]string{"S3ReadPolicy", "b1", "DynamoDBCrudPolicy", "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t1/index/*"}) {
		t.Errorf("policies %v", got)
	}
}

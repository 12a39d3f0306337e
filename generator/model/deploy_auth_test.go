package model_test

import (
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/model"
)

// TestRouteVerifies: the server's gateway table names a scheme only when
// the route has API Gateway check it, by the mechanism that checks it; a
// check of one scheme never stands for another beside it.
func TestRouteVerifies(t *testing.T) {
	cases := []struct {
		security   string
		http, rest string
	}{
		{"[]", "", ""},
		{"[{key: []}]", "", "key:api-key"},
		{"[{qkey: []}]", "", ""},
		{"[{basic: []}]", "", ""},
		{"[{bearer: []}]", "bearer:jwt", "bearer:jwt"},
		{"[{oauth: [w]}]", "oauth:jwt", "oauth:jwt"},
		{"[{oidc: []}]", "oidc:jwt", "oidc:jwt"},
		{"[{sig: []}]", "sig:iam", "sig:iam"},
		{"[{custom: []}]", "custom:iam", "custom:iam"},
		{"[{key: [], oauth: [w]}]", "oauth:jwt", "key:api-key oauth:jwt"},
		{"[{key: [], sig: []}]", "sig:iam", "key:api-key sig:iam"},
		{"[{basic: [], key: []}]", "", "key:api-key"},
		{"[{bearer: [], qkey: []}]", "bearer:jwt", "bearer:jwt"},
		// A token and SigV4 in every alternative: a route takes one
		// authorizer, the token's, and SigV4 is the function's.
		{"[{oauth: [], sig: []}]", "oauth:jwt", "oauth:jwt"},
		{"[{key: []}, {oauth: [w]}]", "", ""},
		{"[{oauth: [r]}, {oidc: []}]", "oauth:jwt oidc:jwt", "oauth:jwt oidc:jwt"},
		{"[{sig: []}, {bearer: []}]", "", ""},
		{"[{key: [], oauth: [w]}, {basic: []}]", "", ""},
		{"[{key: [], oauth: [r]}, {key: [], oidc: []}]", "oauth:jwt oidc:jwt", "key:api-key oauth:jwt oidc:jwt"},
		{"[{oauth: [r]}, {}]", "", ""},
		{"[{key: []}, {}]", "", ""},
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
			want := c.http
			if api == "rest" {
				want = c.rest
			}
			if got := checks(r.Auth.Verifies); got != want {
				t.Errorf("%s %s: gateway verifies %q, want %q", api, c.security, got, want)
			}
			if got := checks(r.Op.Rules.Gateway); got != want {
				t.Errorf("%s %s: the server's gateway table says %q, want %q", api, c.security, got, want)
			}
			// The server finds schemes by index, so the index must be the
			// one its requirements use for that name.
			for _, g := range r.Op.Rules.Gateway {
				for _, req := range r.Op.Rules.Security {
					for _, u := range req.Uses {
						if u.Name == g.Name && u.Scheme != g.Scheme {
							t.Errorf("%s %s: %s is scheme %d in the requirements, %d in the gateway table", api, c.security, g.Name, u.Scheme, g.Scheme)
						}
					}
				}
			}
		}
	}
}

// TestRouteWho: the line the templates print above each route says who
// checks what, so that whoever edits a route's Auth sees what the server
// assumes of it.
func TestRouteWho(t *testing.T) {
	spec := schemes + `  /a:
    get:
      operationId: a
      security: [{key: [], oauth: [w]}]
      responses: {"200": {description: ok}}
  /b:
    get:
      operationId: b
      security: [{basic: []}, {}]
      responses: {"200": {description: ok}}
  /c:
    get:
      operationId: c
      responses: {"200": {description: ok}}
`
	for api, want := range map[string][]string{
		"http": {"API Gateway verifies oauth (jwt); the function's authenticator checks key", "the function's authenticator checks basic", ""},
		"rest": {"API Gateway verifies key (api-key), oauth (jwt)", "the function's authenticator checks basic", ""},
	} {
		d, err := buildDeploy(t, spec, config.Config{API: api})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range d.Routes {
			if r.Auth.Who != want[i] {
				t.Errorf("%s %s: %q, want %q", api, r.Op.ID, r.Auth.Who, want[i])
			}
		}
	}
}

func checks(gs []model.GatewayCheck) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, g.Name+":"+g.By)
	}
	return strings.Join(parts, " ")
}

// TestRouteUndefinedSchemes: no authorizer stands for a scheme the spec
// does not define. A route whose every alternative names one has no Auth
// and says the function refuses it; one with other alternatives is
// configured for those alone, as the server is.
func TestRouteUndefinedSchemes(t *testing.T) {
	cases := []struct {
		security   string
		spec       string
		http, rest string // Gateway(), "!" when denied, "*" when the function checks the rest
		verifies   string
	}{
		{"[{nokey: []}]", "nokey (undefined)", "none!", "none!", ""},
		{"[{key: [], nokey: []}]", "key + nokey (undefined)", "none!", "none!", ""},
		{"[{nokey: []}, {oauth: [w]}]", "nokey (undefined) | oauth(w)", "jwt(w)", "jwt(w)", "oauth:jwt"},
		{"[{nokey: []}, {key: []}]", "nokey (undefined) | key", "none*", "api-key", ""},
		{"[{nokey: []}, {}]", "nokey (undefined) | anonymous", "none", "none", ""},
	}
	var b strings.Builder
	b.WriteString(schemes)
	for i, c := range cases {
		b.WriteString("  /op" + string(rune('a'+i)) + ":\n    get:\n      operationId: op" + string(rune('a'+i)) +
			"\n      security: " + c.security + "\n      responses: {\"200\": {description: ok}}\n")
	}
	for _, api := range []string{"http", "rest"} {
		d, err := buildDeploy(t, b.String(), config.Config{API: api})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			a := d.Routes[i].Auth
			got := a.Gateway()
			if a.Denied {
				got += "!"
			}
			if a.FunctionChecks {
				got += "*"
			}
			want, verifies := c.http, c.verifies
			if api == "rest" {
				want = c.rest
				if c.security == "[{nokey: []}, {key: []}]" {
					verifies = "key:api-key"
				}
			}
			if got != want || a.Spec != c.spec || checks(a.Verifies) != verifies || checks(d.Routes[i].Op.Rules.Gateway) != verifies {
				t.Errorf("%s %s: gateway %q spec %q verifies %q, want %q %q %q", api, c.security, got, a.Spec, checks(a.Verifies), want, c.spec, verifies)
			}
			if a.Denied && (a.HasSAMAuth() || !strings.Contains(a.Who, "nokey") || !strings.Contains(a.Who, "401")) {
				t.Errorf("%s %s: denied route has Auth %v, comment %q", api, c.security, a.HasSAMAuth(), a.Who)
			}
		}
	}
}

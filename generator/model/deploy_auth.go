package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
)

// GatewayAuth is what the routes need declared once on the API.
type GatewayAuth struct {
	// JWT: some route needs a token checked, by the JWT authorizer of an
	// HTTP API or the Cognito authorizer of a REST API.
	JWT bool
	// IAM: some route needs SigV4 (an HTTP API must enable the IAM
	// authorizer for that).
	IAM bool
	// APIKey: some REST route needs an API key, so the API gets a usage
	// plan and a key.
	APIKey bool
}

func (g *GatewayAuth) use(a RouteAuth) {
	g.JWT = g.JWT || a.JWT
	g.IAM = g.IAM || a.IAM
	g.APIKey = g.APIKey || a.APIKey
}

// RouteAuth is how one route is protected.
type RouteAuth struct {
	// Spec is the operation's security as the spec states it: alternatives
	// split by " | ", schemes within one joined by " + ".
	Spec string
	// JWT, IAM and APIKey are what API Gateway checks. The gateway is never
	// stricter than the spec: it checks only what every alternative needs.
	JWT    bool
	IAM    bool
	APIKey bool
	// Scopes are the JWT scopes of which the token must carry one.
	Scopes []string
	// Authorizer is the SAM event's Auth.Authorizer: JwtAuthorizer,
	// CognitoAuthorizer, AWS_IAM, or "" for none.
	Authorizer string
	// FunctionChecks is true when the spec asks for something the gateway
	// does not check, which leaves it to the function.
	FunctionChecks bool
	// Denied is true when every alternative names a scheme the spec does
	// not define: no authorizer could check it, and the function answers
	// 401 to every request.
	Denied bool
	// Verifies names the schemes the gateway checks on this route; it is
	// also the operation's Rules.Gateway, which the server trusts.
	Verifies []GatewayCheck
	// Who says in a line who checks which scheme, for the templates: a
	// reader who changes a route's Auth should know what the server
	// assumes of it.
	Who string
}

// HasSAMAuth reports whether the SAM event needs an Auth block.
func (a RouteAuth) HasSAMAuth() bool { return a.Authorizer != "" || a.APIKey }

// Gateway says in a few words what API Gateway checks on the route.
func (a RouteAuth) Gateway() string {
	var parts []string
	if a.JWT {
		s := "jwt"
		if len(a.Scopes) > 0 {
			s += "(" + strings.Join(a.Scopes, " ") + ")"
		}
		parts = append(parts, s)
	}
	if a.IAM {
		parts = append(parts, "iam")
	}
	if a.APIKey {
		parts = append(parts, "api-key")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

type gatewayMechanism int

const (
	gwFunction gatewayMechanism = iota
	gwJWT
	gwIAM
	gwAPIKey
)

// gatewaySecurity classifies the spec's securitySchemes once.
type gatewaySecurity struct {
	kinds map[string]gatewayMechanism
	// defined are the schemes the spec defines; an alternative naming
	// another is dropped, as the server drops it.
	defined map[string]bool
	// oidcIssuers are the issuers the openIdConnect schemes name.
	oidcIssuers map[string]bool
}

func newGatewaySecurity(spec *load.Spec, cfg config.Config) (*gatewaySecurity, load.Problems) {
	s := &gatewaySecurity{kinds: map[string]gatewayMechanism{}, defined: map[string]bool{}, oidcIssuers: map[string]bool{}}
	var schemes openapi3.SecuritySchemes
	if spec.Doc.Components != nil {
		schemes = spec.Doc.Components.SecuritySchemes
	}
	iam := map[string]bool{}
	var problems load.Problems
	for i, name := range cfg.Auth.IAM {
		iam[name] = true
		if _, ok := schemes[name]; !ok {
			problems = append(problems, load.Problem{File: config.File, Message: fmt.Sprintf(
				"auth.iam[%d]: securityScheme %q is not in %s (it has: %s)", i, name, cfg.Spec, strings.Join(slices.Sorted(maps.Keys(schemes)), ", "))})
		}
	}
	for name, ref := range schemes {
		if ref == nil || ref.Value == nil {
			continue
		}
		s.defined[name] = true
		v := ref.Value
		authType, _ := v.Extensions["x-amazon-apigateway-authtype"].(string)
		switch {
		case iam[name] || strings.EqualFold(authType, "awsSigv4"):
			s.kinds[name] = gwIAM
		case v.Type == "oauth2", v.Type == "http" && strings.EqualFold(v.Scheme, "bearer"):
			s.kinds[name] = gwJWT
		case v.Type == "openIdConnect":
			s.kinds[name] = gwJWT
			if iss := strings.TrimSuffix(strings.TrimSuffix(v.OpenIdConnectUrl, "/.well-known/openid-configuration"), "/"); strings.HasPrefix(iss, "https://") {
				s.oidcIssuers[iss] = true
			}
		case v.Type == "apiKey" && v.In == "header" && strings.EqualFold(v.Name, "x-api-key"):
			s.kinds[name] = gwAPIKey
		}
	}
	return s, problems
}

// route decides what the gateway checks: a gatewayMechanism every alternative of
// the operation's security requires, and that this API type offers.
func (s *gatewaySecurity) route(spec *load.Spec, o *Operation, rest bool) RouteAuth {
	reqs := spec.Doc.Security
	if item := spec.Doc.Paths.Value(o.Path); item != nil {
		if op := item.GetOperation(o.Method); op != nil && op.Security != nil {
			reqs = *op.Security
		}
	}
	var a RouteAuth
	if len(reqs) == 0 {
		a.Spec = "none"
		return a
	}
	alts := make([]string, len(reqs))
	common := map[gatewayMechanism]int{}
	scopes := map[string]bool{}
	anyScopeless := false
	kept := 0
	for i, req := range reqs {
		names := slices.Sorted(maps.Keys(req))
		seen := map[gatewayMechanism]bool{}
		var parts []string
		for _, n := range names {
			p := n
			if len(req[n]) > 0 {
				p += "(" + strings.Join(req[n], " ") + ")"
			}
			if !s.defined[n] {
				p += " (undefined)"
			}
			parts = append(parts, p)
		}
		if len(parts) == 0 {
			parts = []string{"anonymous"}
		}
		alts[i] = strings.Join(parts, " + ")
		if !s.met(req) {
			continue
		}
		kept++
		for _, n := range names {
			m := s.kinds[n]
			if m == gwAPIKey && !rest {
				m = gwFunction
			}
			if m == gwFunction {
				a.FunctionChecks = true
				continue
			}
			seen[m] = true
			if m == gwJWT {
				if len(req[n]) == 0 {
					anyScopeless = true
				}
				for _, sc := range req[n] {
					scopes[sc] = true
				}
			}
		}
		for m := range seen {
			common[m]++
		}
	}
	a.Spec = strings.Join(alts, " | ")
	if kept == 0 {
		// No authorizer can check a scheme the spec leaves undefined; the
		// function refuses every request on its own.
		a.Denied = true
		var undefined []string
		for _, req := range reqs {
			for n := range req {
				if !s.defined[n] && !slices.Contains(undefined, n) {
					undefined = append(undefined, n)
				}
			}
		}
		slices.Sort(undefined)
		a.Who = comment("every alternative of the spec's security names an undefined scheme (" + strings.Join(undefined, ", ") +
			"): the function answers 401 to every request")
		if o.Rules != nil {
			o.Rules.Gateway = nil
		}
		return a
	}
	all := func(m gatewayMechanism) bool { return common[m] == kept }
	// A route takes one authorizer. When every alternative needs both a
	// token and SigV4, the gateway checks the token and leaves the rest to
	// the function.
	switch {
	case all(gwJWT):
		a.JWT = true
		a.Authorizer = "JwtAuthorizer"
		if rest {
			a.Authorizer = "CognitoAuthorizer"
		}
		if !anyScopeless {
			a.Scopes = slices.Sorted(maps.Keys(scopes))
		}
		if all(gwIAM) {
			a.FunctionChecks = true
		}
	case all(gwIAM):
		a.IAM = true
		a.Authorizer = "AWS_IAM"
	}
	a.APIKey = rest && all(gwAPIKey)
	if !a.JWT && !a.IAM && !a.APIKey && len(common) > 0 {
		a.FunctionChecks = true
	}
	if o.Rules != nil {
		a.Verifies = s.verifies(a, o.Rules.Security)
		o.Rules.Gateway = a.Verifies
		a.Who = who(a, o.Rules.Security)
	}
	return a
}

// met says whether an alternative can be met: it names only schemes the
// spec defines.
func (s *gatewaySecurity) met(req openapi3.SecurityRequirement) bool {
	for n := range req {
		if !s.defined[n] {
			return false
		}
	}
	return true
}

// verifies lists the schemes of reqs that the route's gateway checks. The
// JWT or Cognito authorizer checks the one token of the Authorization
// header, so it stands for every token scheme of the operation; IAM stands
// for the IAM schemes and a REST API key for the x-api-key schemes. What
// the route does not check stays unverified however much else it checks.
func (s *gatewaySecurity) verifies(a RouteAuth, reqs []Requirement) []GatewayCheck {
	var out []GatewayCheck
	seen := map[int]bool{}
	for _, req := range reqs {
		for _, u := range req.Uses {
			if seen[u.Scheme] {
				continue
			}
			seen[u.Scheme] = true
			by := ""
			switch m := s.kinds[u.Name]; {
			case m == gwJWT && a.JWT:
				by = "jwt"
			case m == gwIAM && a.IAM:
				by = "iam"
			case m == gwAPIKey && a.APIKey:
				by = "api-key"
			}
			if by != "" {
				out = append(out, GatewayCheck{Scheme: u.Scheme, Name: u.Name, By: by})
			}
		}
	}
	slices.SortFunc(out, func(x, y GatewayCheck) int { return x.Scheme - y.Scheme })
	return out
}

// who is RouteAuth.Who.
func who(a RouteAuth, reqs []Requirement) string {
	var gw, fn []string
	seen := map[int]bool{}
	for _, g := range a.Verifies {
		seen[g.Scheme] = true
		gw = append(gw, g.Name+" ("+g.By+")")
	}
	for _, req := range reqs {
		for _, u := range req.Uses {
			if !seen[u.Scheme] {
				seen[u.Scheme] = true
				fn = append(fn, u.Name)
			}
		}
	}
	var parts []string
	if len(gw) > 0 {
		parts = append(parts, "API Gateway verifies "+strings.Join(gw, ", "))
	}
	if len(fn) > 0 {
		parts = append(parts, "the function's authenticator checks "+strings.Join(fn, ", "))
	}
	return comment(strings.Join(parts, "; "))
}

// comment makes s fit a YAML comment, which a line break would end.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return ' '
		}
		return r
	}, s)
}

// parameters are the values the authorizers need that lambgen.yaml may not
// know; sam deploy --guided asks for those without a default.
func (g GatewayAuth) parameters(s *gatewaySecurity, cfg config.Config, rest bool) []Parameter {
	if !g.JWT {
		return nil
	}
	if rest {
		p := Parameter{Name: "UserPoolArn", Type: "String", SLS: "userPoolArn",
			Description: "ARN of the Cognito user pool whose tokens the API accepts (auth.user_pool_arn in lambgen.yaml)",
			Pattern:     `^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool/[\w-]+$`}
		if cfg.Auth.UserPoolARN != "" {
			p.Default, p.HasDefault, p.SLSDefault = cfg.Auth.UserPoolARN, true, []string{cfg.Auth.UserPoolARN}
		}
		return []Parameter{p}
	}
	iss := Parameter{Name: "JwtIssuer", Type: "String", SLS: "jwtIssuer", Pattern: "^https://.+",
		Description: "Issuer URL of the tokens the API accepts (auth.jwt.issuer in lambgen.yaml)"}
	issuer := cfg.Auth.JWT.Issuer
	if issuer == "" && len(s.oidcIssuers) == 1 {
		issuer = slices.Sorted(maps.Keys(s.oidcIssuers))[0]
	}
	if issuer != "" {
		iss.Default, iss.HasDefault, iss.SLSDefault = issuer, true, []string{issuer}
	}
	aud := Parameter{Name: "JwtAudience", Type: "CommaDelimitedList", SLS: "jwtAudience", SLSList: true,
		Description: "Audiences of which a token must name one (auth.jwt.audience in lambgen.yaml)"}
	if len(cfg.Auth.JWT.Audience) > 0 {
		aud.Default, aud.HasDefault, aud.SLSDefault = strings.Join(cfg.Auth.JWT.Audience, ","), true, cfg.Auth.JWT.Audience
	}
	return []Parameter{iss, aud}
}

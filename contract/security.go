package contract

import (
	"context"
	"encoding/base64"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Credential is what a request presented for one security scheme, and
// what API Gateway verified of it.
type Credential struct {
	// Scheme is the name under components.securitySchemes.
	Scheme string
	// Type is apiKey, http, oauth2 or openIdConnect.
	Type string
	// Value is the API key or the bearer token, as sent.
	Value string
	// Username and Password are set for HTTP basic.
	Username string
	Password string
	// VerifiedBy says what at API Gateway verified this scheme on this
	// route before the function ran: "jwt" (the JWT authorizer of an HTTP
	// API or the Cognito authorizer of a REST API), "iam" (SigV4) or
	// "api-key" (a REST API's key and usage plan). It is "" when the
	// gateway did not check this scheme here, however much it checked of
	// another: then only the authenticator can vouch for Value.
	VerifiedBy string
	// Claims and Scopes are what the gateway established when VerifiedBy
	// is set: a token's claims and granted scopes, the IAM caller, or the
	// API key's ID. They are never read from the request itself.
	Claims map[string]any
	Scopes []string
	// AuthorizerContext is what a Lambda authorizer returned (its context,
	// and its principalId). The generated templates configure no Lambda
	// authorizer, so nothing says which scheme it checked, if any: it
	// verifies nothing by itself and TrustGateway ignores it. An
	// authenticator that knows the authorizer in front of the route may
	// trust it.
	AuthorizerContext map[string]any
	// Required are the scopes the operation requires of this scheme.
	Required []string
}

// Verified reports whether API Gateway vouched for this scheme.
func (c Credential) Verified() bool { return c.VerifiedBy != "" }

// Identity is what an authenticator established about a caller.
type Identity struct {
	Subject string
	// Scopes are what the caller may do; an operation requiring scopes
	// admits the caller only if all of them are here.
	Scopes []string
	Claims map[string]any
}

// Authenticator decides what a credential is worth. It returns the
// caller's identity, ErrUnauthenticated (or any error) to answer 401, or a
// *Problem to answer with that problem instead.
type Authenticator interface {
	Authenticate(ctx context.Context, operationID string, c Credential) (*Identity, error)
}

// AuthenticatorFunc adapts a function to Authenticator.
type AuthenticatorFunc func(ctx context.Context, operationID string, c Credential) (*Identity, error)

func (f AuthenticatorFunc) Authenticate(ctx context.Context, operationID string, c Credential) (*Identity, error) {
	return f(ctx, operationID, c)
}

// ErrUnauthenticated rejects a credential.
var ErrUnauthenticated = errors.New("the credential is not valid")

// TrustGateway accepts exactly the credentials API Gateway verified for
// their scheme on the route, with the scopes its authorizer granted, and
// rejects everything else. It is the authenticator until one is configured.
func TrustGateway(_ context.Context, _ string, c Credential) (*Identity, error) {
	if !c.Verified() {
		return nil, ErrUnauthenticated
	}
	sub, _ := c.Claims["sub"].(string)
	return &Identity{Subject: sub, Scopes: c.Scopes, Claims: c.Claims}, nil
}

// GatewayIdentity is what API Gateway established about a request before
// the function ran. Each part counts only for the schemes the route's
// gateway table says that mechanism checks.
type GatewayIdentity struct {
	// Token holds the claims and scopes of a JWT or Cognito authorizer.
	Token *GatewayClaims
	// IAM holds the caller that SigV4 authorization verified.
	IAM *GatewayClaims
	// APIKeyID is the ID of the API key a REST API checked.
	APIKeyID string
	// Lambda is a Lambda authorizer's context; see
	// Credential.AuthorizerContext for why it verifies nothing.
	Lambda map[string]any
}

// GatewayClaims are the claims and granted scopes of one mechanism.
type GatewayClaims struct {
	Claims map[string]any
	Scopes []string
}

// ClaimsFunc returns what API Gateway established about the caller of r,
// or nil when the request did not come through it.
type ClaimsFunc func(r *http.Request) *GatewayIdentity

// vouch is what gw says for a scheme that the route's gateway checks by
// mechanism by: nothing unless the event carries that mechanism's result.
func (gw *GatewayIdentity) vouch(by string) (string, map[string]any, []string) {
	var g *GatewayClaims
	switch {
	case gw == nil:
	case by == "jwt":
		g = gw.Token
	case by == "iam":
		g = gw.IAM
	case by == "api-key" && gw.APIKeyID != "":
		g = &GatewayClaims{Claims: map[string]any{"sub": gw.APIKeyID, "apiKeyId": gw.APIKeyID}}
	}
	if g == nil || g.Claims == nil {
		return "", nil, nil
	}
	// Copies: a credential is the authenticator's to keep or change.
	return by, maps.Clone(g.Claims), slices.Clone(g.Scopes)
}

// SecurityScheme is one of components.securitySchemes, reduced to what
// finding its credential in a request takes.
type SecurityScheme struct {
	Name       string
	Type       string
	In         string
	Param      string
	HTTPScheme string
}

// Requirement is one alternative of an operation's security: all of its
// schemes must be satisfied.
type Requirement []SchemeUse

// SchemeUse is one scheme of a requirement and the scopes it demands.
type SchemeUse struct {
	Scheme int
	Scopes []string
}

// GatewayCheck says that API Gateway verifies a scheme on the route, by
// "jwt", "iam" or "api-key"; the same decision wrote the route's Auth in
// template.yaml and serverless.yml.
type GatewayCheck struct {
	Scheme int
	By     string
}

// checkedBy is the mechanism API Gateway verifies scheme with on op's
// route, or "" when it leaves the scheme to the function.
func (op *Operation) checkedBy(scheme int) string {
	for _, g := range op.Gateway {
		if g.Scheme == scheme {
			return g.By
		}
	}
	return ""
}

type identitiesKey struct{}

// IdentityFromContext returns the identity the named security scheme
// established for the request whose context is ctx.
func IdentityFromContext(ctx context.Context, scheme string) (*Identity, bool) {
	ids, _ := ctx.Value(identitiesKey{}).(map[string]*Identity)
	id, ok := ids[scheme]
	return id, ok
}

// authorize admits r if one of op's requirements is met. Missing or
// rejected credentials answer 401 with a challenge for every scheme that
// would do; valid credentials without the scopes answer 403.
func (c *Server) authorize(op *Operation, r *http.Request) (*http.Request, *Problem) {
	var gw *GatewayIdentity
	if c.cfg.Claims != nil {
		gw = c.cfg.Claims(r)
	}
	var forbidden *shortfall
	for _, req := range op.Security {
		ids, short, p := c.satisfy(op, req, gw, r)
		if p != nil {
			return nil, p
		}
		if short == nil {
			return r.WithContext(context.WithValue(r.Context(), identitiesKey{}, ids)), nil
		}
		if len(short.lacking) > 0 && forbidden == nil {
			forbidden = short
		}
	}
	if op.Anonymous {
		return r, nil
	}
	if forbidden != nil {
		return nil, forbidden.problem(c.spec)
	}
	return nil, c.spec.challenge(op)
}

// shortfall is why a requirement was not met: a credential was absent or
// rejected (lacking is empty), or the identity lacks scopes of use.
type shortfall struct {
	use     SchemeUse
	lacking []string
}

// problem is the 403 of a caller whose credentials lack scopes; for token
// schemes it tells the client which scopes to ask for (RFC 6750 §3).
func (s *shortfall) problem(sp *Spec) *Problem {
	p := &Problem{Status: http.StatusForbidden,
		Detail: "the credentials lack scopes the operation requires: " + strings.Join(s.lacking, ", ")}
	if sc := &sp.SecuritySchemes[s.use.Scheme]; sc.Type == "oauth2" || sc.Type == "openIdConnect" || sc.Type == "http" && sc.HTTPScheme == "bearer" {
		p.challenge = `Bearer realm="api", error="insufficient_scope", scope=` + quoted(strings.Join(s.use.Scopes, " "))
	}
	return p
}

// satisfy checks one requirement. It returns the identities when it is
// met, and otherwise the shortfall.
func (c *Server) satisfy(op *Operation, req Requirement, gw *GatewayIdentity, r *http.Request) (map[string]*Identity, *shortfall, *Problem) {
	ids := make(map[string]*Identity, len(req))
	for _, use := range req {
		cred, ok := c.spec.credential(op, use, gw, r)
		if !ok {
			return nil, &shortfall{use: use}, nil
		}
		id, err := c.cfg.Authenticator.Authenticate(r.Context(), op.ID, cred)
		var p *Problem
		switch {
		case errors.As(err, &p):
			return nil, nil, p
		case err != nil || id == nil:
			return nil, &shortfall{use: use}, nil
		}
		if lack := lacking(use.Scopes, id.Scopes); len(lack) > 0 {
			return nil, &shortfall{use: use, lacking: lack}, nil
		}
		ids[cred.Scheme] = id
	}
	return ids, nil, nil
}

func lacking(required, granted []string) []string {
	var out []string
	for _, s := range required {
		if !slices.Contains(granted, s) {
			out = append(out, s)
		}
	}
	return out
}

// credential finds what r presents for a scheme, and what the gateway
// verified of it on op's route: only the mechanism that route configures
// for this very scheme counts, so claims of a token authorizer never
// vouch for an API key sent beside the token.
func (sp *Spec) credential(op *Operation, use SchemeUse, gw *GatewayIdentity, r *http.Request) (Credential, bool) {
	sc := &sp.SecuritySchemes[use.Scheme]
	cred := Credential{Scheme: sc.Name, Type: sc.Type, Required: use.Scopes}
	if gw != nil {
		cred.AuthorizerContext = maps.Clone(gw.Lambda)
		cred.VerifiedBy, cred.Claims, cred.Scopes = gw.vouch(op.checkedBy(use.Scheme))
	}
	// What the gateway verified it found in the request (a token's
	// identity source may be another header), so it counts as presented.
	return cred, presented(sc, r, &cred) || cred.Verified()
}

// presented reads the scheme's credential from r into cred.
func presented(sc *SecurityScheme, r *http.Request, cred *Credential) bool {
	switch sc.Type {
	case "apiKey":
		switch sc.In {
		case "header":
			cred.Value = r.Header.Get(sc.Param)
		case "query":
			cred.Value = r.URL.Query().Get(sc.Param)
		case "cookie":
			if ck, err := r.Cookie(sc.Param); err == nil {
				cred.Value = ck.Value
			}
		}
		return cred.Value != ""
	case "http":
		scheme, value, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		value = strings.TrimSpace(value)
		if !strings.EqualFold(scheme, sc.HTTPScheme) || value == "" {
			return false
		}
		if sc.HTTPScheme == "basic" {
			raw, err := base64.StdEncoding.DecodeString(value)
			user, pass, ok := strings.Cut(string(raw), ":")
			if err != nil || !ok {
				return false
			}
			cred.Username, cred.Password = user, pass
		}
		cred.Value = value
		return true
	default: // oauth2, openIdConnect
		if scheme, value, _ := strings.Cut(r.Header.Get("Authorization"), " "); strings.EqualFold(scheme, "bearer") {
			cred.Value = strings.TrimSpace(value)
		}
		return cred.Value != ""
	}
}

// challenge is the 401 for op: one WWW-Authenticate challenge for each
// scheme that could admit the request.
func (sp *Spec) challenge(op *Operation) *Problem {
	seen := map[int]bool{}
	var challenges, names []string
	for _, req := range op.Security {
		for _, use := range req {
			if seen[use.Scheme] {
				continue
			}
			seen[use.Scheme] = true
			sc := &sp.SecuritySchemes[use.Scheme]
			names = append(names, sc.Name)
			switch {
			case sc.Type == "http" && sc.HTTPScheme == "basic":
				challenges = append(challenges, `Basic realm="api", charset="UTF-8"`)
			case sc.Type == "apiKey":
				challenges = append(challenges, `APIKey realm="api", in=`+quoted(sc.In)+`, name=`+quoted(sc.Param))
			default:
				challenges = append(challenges, `Bearer realm="api"`)
			}
		}
	}
	return &Problem{Status: http.StatusUnauthorized,
		Detail:    "the request lacks valid credentials: send " + strings.Join(names, " or "),
		challenge: strings.Join(challenges, ", ")}
}

// undefinedSchemes is the 401 of an operation whose every alternative
// names a scheme the spec does not define. A 401 must carry a challenge
// (RFC 9110 §11.6.1); naming the missing schemes tells a client that no
// credential it holds would do.
func undefinedSchemes(op *Operation) *Problem {
	challenges := make([]string, len(op.Undefined))
	for i, name := range op.Undefined {
		challenges[i] = `Undefined realm="api", scheme=` + quoted(name)
	}
	return &Problem{Status: http.StatusUnauthorized,
		Detail:    "no credentials are accepted: the operation requires security schemes the API does not define (" + strings.Join(op.Undefined, ", ") + ")",
		challenge: strings.Join(challenges, ", ")}
}

// quoted is s as an RFC 9110 quoted-string; the spec may name a scope or
// a parameter with a quote or backslash in it.
func quoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

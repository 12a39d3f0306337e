package model

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
)

// The security schemes are contract.SecurityScheme values: each entry of
// components.securitySchemes, reduced to what the server needs to find a
// credential in a request, in name order.

// Requirement is one alternative of an operation's security: every scheme
// it uses must be satisfied.
type Requirement struct {
	Uses []SchemeUse
}

// SchemeUse is one scheme of a requirement and the scopes it demands.
type SchemeUse struct {
	Scheme int
	Name   string
	Scopes []string
}

// GatewayCheck says that API Gateway verifies one scheme of an operation
// on its route before the function runs, and by what. On Lambda the server
// lets the request context vouch for exactly these schemes: a gateway that
// checked a token has not checked an API key beside it.
type GatewayCheck struct {
	Scheme int
	Name   string
	// By is "jwt" (the JWT authorizer of an HTTP API, or the Cognito
	// authorizer of a REST API), "iam" (SigV4) or "api-key" (a REST API's
	// key and usage plan).
	By string
}

// schemes indexes the spec's security schemes in name order.
type schemes struct {
	list   []*contract.SecurityScheme
	byName map[string]int
}

func newSchemes(doc *openapi3.T) *schemes {
	s := &schemes{byName: map[string]int{}}
	if doc.Components == nil {
		return s
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
		ref := doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		v := ref.Value
		sc := &contract.SecurityScheme{Name: name, Type: v.Type}
		switch v.Type {
		case "apiKey":
			sc.In, sc.Param = v.In, v.Name
		case "http":
			sc.HTTPScheme = strings.ToLower(v.Scheme)
		}
		s.byName[name] = len(s.list)
		s.list = append(s.list, sc)
	}
	return s
}

// requirements resolves an operation's security. Mutual TLS is checked by
// API Gateway's custom domain, so it asks nothing of the function; an http
// scheme other than bearer and basic still stands, and the authenticator
// decides it from the Authorization header. An alternative that names a
// scheme the spec does not define can never be met, so it is dropped; when
// that leaves none of a list that had some, undefined names those schemes
// and every request is refused.
func (s *schemes) requirements(reqs openapi3.SecurityRequirements) (out []Requirement, anonymous bool, undefined []string) {
	missing := map[string]bool{}
	for _, req := range reqs {
		if len(req) == 0 {
			anonymous = true
			continue
		}
		var r Requirement
		met := true
		for _, name := range slices.Sorted(maps.Keys(req)) {
			i, ok := s.byName[name]
			switch {
			case !ok:
				missing[name], met = true, false
			case s.list[i].Type != "mutualTLS":
				scopes := append([]string(nil), req[name]...)
				sort.Strings(scopes)
				r.Uses = append(r.Uses, SchemeUse{Scheme: i, Name: name, Scopes: scopes})
			}
		}
		switch {
		case !met:
			// Dropped: no credential meets a scheme nothing defines.
		case len(r.Uses) == 0:
			// Only mutual TLS, which API Gateway's custom domain checks
			// before the request exists: nothing is left to the function.
			anonymous = true
		default:
			out = append(out, r)
		}
	}
	if len(out) == 0 && !anonymous && len(missing) > 0 {
		undefined = slices.Sorted(maps.Keys(missing))
	}
	if len(out) == 0 {
		anonymous = false
	}
	return out, anonymous, undefined
}

// Denied lists, for the project's README, the operations whose every
// security alternative names an undefined scheme, as "`a`, `b`".
func (api *API) Denied() string {
	var ids []string
	for _, o := range api.Operations {
		if o.Rules != nil && len(o.Rules.Undefined) > 0 {
			ids = append(ids, "`"+o.ID+"`")
		}
	}
	return strings.Join(ids, ", ")
}

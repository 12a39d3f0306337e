package model

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// SecurityScheme is one entry of components.securitySchemes, reduced to
// what the server needs to find a credential in a request.
type SecurityScheme struct {
	Index int
	// Name is the key under securitySchemes.
	Name string
	// Type is apiKey, http, oauth2 or openIdConnect (mutualTLS has no
	// credential in the request and is left to the gateway).
	Type string
	// In and Param locate an apiKey: header, query or cookie, and its name.
	In    string
	Param string
	// HTTPScheme is the lower-case scheme of an http scheme: bearer or basic.
	HTTPScheme string
}

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
	list   []*SecurityScheme
	byName map[string]*SecurityScheme
}

func newSchemes(doc *openapi3.T) *schemes {
	s := &schemes{byName: map[string]*SecurityScheme{}}
	if doc.Components == nil {
		return s
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
		ref := doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		v := ref.Value
		sc := &SecurityScheme{Index: len(s.list), Name: name, Type: v.Type}
		switch v.Type {
		case "apiKey":
			sc.In, sc.Param = v.In, v.Name
		case "http":
			sc.HTTPScheme = strings.ToLower(v.Scheme)
		}
		s.list = append(s.list, sc)
		s.byName[name] = sc
	}
	return s
}

// requirements resolves an operation's security. Mutual TLS is checked by
// API Gateway's custom domain, so it asks nothing of the function; an http
// scheme other than bearer and basic still stands, and the authenticator
// decides it from the Authorization header.
func (s *schemes) requirements(reqs openapi3.SecurityRequirements) ([]Requirement, bool) {
	var out []Requirement
	anonymous := false
	for _, req := range reqs {
		if len(req) == 0 {
			anonymous = true
			continue
		}
		var r Requirement
		for _, name := range slices.Sorted(maps.Keys(req)) {
			sc, ok := s.byName[name]
			if !ok || sc.Type == "mutualTLS" {
				continue
			}
			scopes := append([]string(nil), req[name]...)
			sort.Strings(scopes)
			r.Uses = append(r.Uses, SchemeUse{Scheme: sc.Index, Name: name, Scopes: scopes})
		}
		if len(r.Uses) == 0 {
			// Only mutual TLS, which API Gateway's custom domain checks
			// before the request exists: nothing is left to the function.
			anonymous = true
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		anonymous = false
	}
	return out, anonymous
}

package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
)

// Request is a concrete HTTP request for the generated contract test.
type Request struct {
	Method      string
	Target      string // path and query, already escaped
	Headers     [][2]string
	ContentType string
	Body        string
	// Why says what makes a bad sample bad, for the test's failure message.
	Why string
	// WantStatus, WantIn, WantName and WantPointer are the answer a bad
	// sample must get: the status and one violation it must list.
	WantStatus  int
	WantIn      string
	WantName    string
	WantPointer string
	// Scopeless asks the test's authenticator to grant no scopes.
	Scopeless bool
	// Skip is set when no valid sample could be derived (a pattern with no
	// example, say); the test reports it instead of guessing.
	Skip string
}

// sampleParts is a request being assembled: its parts are kept apart so
// that each bad sample can break exactly one of them.
type sampleParts struct {
	path       string
	pathValues map[string]string
	query      [][2]string
	headers    [][2]string
	cookies    [][2]string
	// owned lists the query keys each parameter put in the query.
	owned map[string][]string
	body  sampleBody
	skip  string
}

func (p sampleParts) request(method string) Request {
	r := Request{Method: method, Headers: append([][2]string(nil), p.headers...),
		ContentType: p.body.contentType, Body: p.body.text, Skip: p.skip}
	r.Target = fillPath(p.path, p.pathValues, p.query)
	if len(p.cookies) > 0 {
		parts := make([]string, len(p.cookies))
		for i, c := range p.cookies {
			parts[i] = c[0] + "=" + c[1]
		}
		r.Headers = append(r.Headers, [2]string{"Cookie", strings.Join(parts, "; ")})
	}
	return r
}

// samples derives a request that satisfies the operation (credentials
// included) and, for each place the operation takes input, one that breaks
// it there.
func samples(method, path string, item *openapi3.PathItem, op *openapi3.Operation, rules *Rules, schemes []*contract.SecurityScheme) (Request, []Request) {
	params := mergedParams(item, op)
	good := sampleParts{path: path, pathValues: map[string]string{}, owned: map[string][]string{}}
	for _, p := range params {
		if !p.Required && p.In != openapi3.ParameterInPath {
			continue
		}
		v, skip := sampleParam(p)
		pairs, why := serialize(p, v)
		if skip == "" {
			skip = why
		}
		if skip != "" {
			good.skip = skip
		}
		for i, kv := range pairs {
			if i == 0 {
				good.set(p.In, kv[0], kv[1])
			} else {
				good.query = append(good.query, kv)
			}
			if p.In == openapi3.ParameterInQuery {
				good.owned[p.Name] = append(good.owned[p.Name], kv[0])
			}
		}
	}
	if len(rules.Security) > 0 {
		for _, use := range rules.Security[0].Uses {
			sc := schemes[use.Scheme]
			in, name, v := credentialFor(sc)
			good.set(in, name, v)
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		b, skip := sampleRequestBody(rb.Value.Content)
		good.body = b
		if skip != "" && rb.Value.Required {
			good.skip = skip
		}
	}
	req := good.request(method)
	if len(rules.Undefined) > 0 {
		return deniedSamples(req, rules.Undefined)
	}
	bad := badSamples(method, good, params, op, req)
	return req, append(bad, securitySamples(method, good, rules, schemes)...)
}

// deniedSamples are those of an operation whose every security alternative
// names an undefined scheme. No request is valid: the one that would be is
// the bad sample, answered 401, and any other would be answered 401 before
// its flaw is looked at, so it would show nothing.
func deniedSamples(req Request, undefined []string) (Request, []Request) {
	bad := req
	bad.Why = "every alternative of the operation's security names an undefined scheme (" + strings.Join(undefined, ", ") + ")"
	bad.WantStatus = 401
	if req.Skip == "" {
		req.Skip = bad.Why + ", so the server answers 401 to every request"
	}
	return req, []Request{bad}
}

// securitySamples are the good request without its credentials, which
// must get 401, and, when the operation requires scopes, with credentials
// that hold none, which must get 403.
func securitySamples(method string, good sampleParts, rules *Rules, schemes []*contract.SecurityScheme) []Request {
	if len(rules.Security) == 0 || rules.Anonymous || good.skip != "" {
		return nil
	}
	bare := good
	bare.query, bare.headers, bare.cookies = good.query, good.headers, good.cookies
	for _, use := range rules.Security[0].Uses {
		in, name, _ := credentialFor(schemes[use.Scheme])
		switch in {
		case "query":
			bare.query = without(bare.query, name)
		case "header":
			bare.headers = without(bare.headers, name)
		case "cookie":
			bare.cookies = without(bare.cookies, name)
		}
	}
	r := bare.request(method)
	r.Why, r.WantStatus = "the request carries no credentials", 401
	out := []Request{r}
	scoped := true
	for _, req := range rules.Security {
		has := false
		for _, use := range req.Uses {
			has = has || len(use.Scopes) > 0
		}
		scoped = scoped && has
	}
	if scoped {
		r := good.request(method)
		r.Why, r.WantStatus, r.Scopeless = "the credentials hold none of the required scopes", 403, true
		out = append(out, r)
	}
	return out
}

func (p *sampleParts) set(in, name, v string) {
	switch in {
	case openapi3.ParameterInPath:
		p.pathValues[name] = v
	case openapi3.ParameterInQuery:
		p.query = setPair(p.query, name, v)
	case openapi3.ParameterInHeader:
		p.headers = setPair(p.headers, name, v)
	case openapi3.ParameterInCookie:
		p.cookies = setPair(p.cookies, name, v)
	}
}

func setPair(pairs [][2]string, k, v string) [][2]string {
	for i := range pairs {
		if pairs[i][0] == k {
			pairs[i][1] = v
			return pairs
		}
	}
	return append(pairs, [2]string{k, v})
}

func without(pairs [][2]string, k string) [][2]string {
	var out [][2]string
	for _, p := range pairs {
		if p[0] != k {
			out = append(out, p)
		}
	}
	return out
}

// credentialFor is a credential the generated test's authenticator
// accepts for a scheme.
func credentialFor(sc *contract.SecurityScheme) (in, name, value string) {
	switch {
	case sc.Type == "apiKey":
		return sc.In, sc.Param, "test-key"
	case sc.Type == "http" && sc.HTTPScheme == "basic":
		return "header", "Authorization", "Basic dGVzdDpzZWNyZXQ="
	case sc.Type == "http" && sc.HTTPScheme != "" && sc.HTTPScheme != "bearer":
		return "header", "Authorization", strings.ToUpper(sc.HTTPScheme[:1]) + sc.HTTPScheme[1:] + " test-token"
	}
	return "header", "Authorization", "Bearer test-token"
}

// badSamples breaks one thing at a time: a typed path parameter, each
// required query, header and cookie parameter, then the body.
func badSamples(method string, good sampleParts, params []*openapi3.Parameter, op *openapi3.Operation, req Request) []Request {
	var out []Request
	add := func(p sampleParts, why, in, name, pointer string, status int) {
		r := p.request(method)
		r.Why, r.WantIn, r.WantName, r.WantPointer, r.WantStatus = why, in, name, pointer, status
		out = append(out, r)
	}
	for _, p := range params {
		bad := good
		switch {
		case p.In == openapi3.ParameterInPath && isNumeric(p):
			bad.pathValues = copyMap(good.pathValues)
			bad.pathValues[p.Name] = "not-a-number"
			add(bad, fmt.Sprintf("path parameter %q is not a number", p.Name), p.In, p.Name, "", 400)
		case p.In == openapi3.ParameterInQuery && p.Required:
			bad.query = good.query
			for _, k := range good.owned[p.Name] {
				bad.query = without(bad.query, k)
			}
			add(bad, fmt.Sprintf("required query parameter %q is missing", p.Name), p.In, p.Name, "", 400)
		case p.In == openapi3.ParameterInHeader && p.Required:
			bad.headers = without(good.headers, p.Name)
			add(bad, fmt.Sprintf("required header %q is missing", p.Name), p.In, p.Name, "", 400)
		case p.In == openapi3.ParameterInCookie && p.Required:
			bad.cookies = without(good.cookies, p.Name)
			add(bad, fmt.Sprintf("required cookie %q is missing", p.Name), p.In, p.Name, "", 400)
		}
	}
	rb := op.RequestBody
	if rb == nil || rb.Value == nil || good.body.contentType == "" || good.skip != "" {
		return out
	}
	if rb.Value.Required {
		bad := good
		bad.body = sampleBody{contentType: good.body.contentType}
		add(bad, "the required body is missing", "body", "", "", 400)
	}
	if !acceptsAnything(rb.Value.Content) {
		bad := good
		bad.body = sampleBody{contentType: "application/x-lambgen-unsupported", text: "x"}
		add(bad, "the body's media type is not one the operation accepts", "header", "Content-Type", "", 415)
	}
	if mediaKind(mediaType(good.body.contentType)) == contract.MediaJSON {
		bad := good
		bad.body = sampleBody{contentType: good.body.contentType, text: "["}
		add(bad, "the body is not valid JSON", "body", "", "", 400)
		if name, broken, ok := breakProperty(good.body.value, good.body.schema); ok {
			bad = good
			bad.body = sampleBody{contentType: good.body.contentType, text: broken}
			add(bad, fmt.Sprintf("body property %q is missing or has the wrong type", name), "body", "", "/"+escapePointer(name), 400)
		}
	}
	return out
}

// acceptsAnything reports whether a wildcard media type would take the
// made-up type a 415 sample sends.
func acceptsAnything(c openapi3.Content) bool {
	for ct := range c {
		if t := mediaType(ct); t == "*/*" || t == "application/*" {
			return true
		}
	}
	return false
}

// breakProperty removes a required property of the sample body, or gives
// an optional typed one a value of another type.
func breakProperty(v any, ref *openapi3.SchemaRef) (string, string, bool) {
	obj, ok := v.(map[string]any)
	if !ok || ref == nil || ref.Value == nil || len(ref.Value.OneOf)+len(ref.Value.AnyOf) > 0 {
		return "", "", false
	}
	for _, name := range slices.Sorted(maps.Keys(obj)) {
		if !contains(ref.Value.Required, name) {
			continue
		}
		rest := map[string]any{}
		for k, x := range obj {
			if k != name {
				rest[k] = x
			}
		}
		b, _ := json.Marshal(rest)
		return name, string(b), true
	}
	return "", "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mergedParams(item *openapi3.PathItem, op *openapi3.Operation) []*openapi3.Parameter {
	byKey := map[string]*openapi3.Parameter{}
	var keys []string
	add := func(ps openapi3.Parameters) {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil {
				continue
			}
			k := ref.Value.In + ":" + ref.Value.Name
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = ref.Value
		}
	}
	add(item.Parameters)
	add(op.Parameters)
	out := make([]*openapi3.Parameter, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out
}

func fillPath(path string, values map[string]string, query [][2]string) string {
	target := pathParamRE.ReplaceAllStringFunc(path, func(m string) string {
		name := strings.TrimSuffix(strings.TrimPrefix(m[1:len(m)-1], "."), "*")
		return url.PathEscape(values[name])
	})
	if len(query) == 0 {
		return target
	}
	parts := make([]string, 0, len(query))
	for _, kv := range query {
		parts = append(parts, url.QueryEscape(kv[0])+"="+url.QueryEscape(kv[1]))
	}
	return target + "?" + strings.Join(parts, "&")
}

func isNumeric(p *openapi3.Parameter) bool {
	return p.Schema != nil && p.Schema.Value != nil &&
		(p.Schema.Value.Type.Is("integer") || p.Schema.Value.Type.Is("number"))
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

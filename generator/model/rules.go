package model

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
)

// Validation is the API-wide part of what the generated server checks,
// as the contract package's own table types.
type Validation struct {
	// Schemas is the schema table; Schemas[0] accepts anything.
	Schemas []*contract.Schema
	// Patterns are the regular expressions schemas use, compiled by the
	// server the first time each is needed; a schema's Pattern is 1-based.
	Patterns []string
	Schemes  []*contract.SecurityScheme
	// Unenforced lists keywords the server does not check, each located
	// by JSON pointer into the spec.
	Unenforced []string
	// Routes is the routing tree; see routes.
	Routes []*contract.RouteNode
}

// Rules is what the generated server checks for one operation.
type Rules struct {
	// Params have their serialization resolved to the defaults OpenAPI
	// gives each location.
	Params []contract.Param
	Body   *contract.Body
	// Responses are the documented statuses, upper case ("2XX", "DEFAULT").
	Responses []contract.Response
	// Security lists alternative requirements, any one of which admits a
	// request; each requires every scheme it names.
	Security []Requirement
	// Anonymous is set when one alternative is empty: callers without
	// credentials are let in.
	Anonymous bool
	// Undefined names the schemes, missing from securitySchemes, of which
	// every alternative of the operation's security needs one: no request
	// can meet them, so the server answers 401 to all.
	Undefined []string
	// Gateway lists the schemes API Gateway verifies on this operation's
	// route. BuildDeploy fills it in with the same decision that writes
	// the route's Auth in template.yaml and serverless.yml, so the server
	// trusts the gateway for no more than the gateway is configured to do.
	Gateway []GatewayCheck
	// Wildcards are the ServeMux wildcard names of the path, in order.
	Wildcards []string
}

func (c *compiler) operation(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation, o *Operation, sec *schemes) *Rules {
	r := &Rules{}
	where := "#/paths/" + escapePointer(o.Path) + "/" + strings.ToLower(o.Method)
	for _, p := range mergedParams(item, op) {
		r.Params = append(r.Params, c.param(p, o, where))
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		r.Body = &contract.Body{Required: rb.Value.Required, Media: c.media(rb.Value.Content, where+"/requestBody")}
	}
	if op.Responses != nil {
		for _, code := range responseCodes(op) {
			resp := op.Responses.Value(code)
			if resp == nil || resp.Value == nil {
				continue
			}
			r.Responses = append(r.Responses, contract.Response{Status: strings.ToUpper(code), Media: c.media(resp.Value.Content, where+"/responses/"+code)})
		}
	}
	reqs := doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	r.Security, r.Anonymous, r.Undefined = sec.requirements(reqs)
	return r
}

func (c *compiler) param(p *openapi3.Parameter, o *Operation, where string) contract.Param {
	out := contract.Param{Name: p.Name, In: p.In, Style: p.Style, Required: p.Required || p.In == openapi3.ParameterInPath}
	if out.Style == "" {
		out.Style = "simple"
		if p.In == openapi3.ParameterInQuery || p.In == openapi3.ParameterInCookie {
			out.Style = "form"
		}
	}
	out.Explode = out.Style == "form"
	if p.Explode != nil {
		out.Explode = *p.Explode
	}
	where += "/parameters/" + p.In + "/" + p.Name
	if p.Schema != nil {
		out.Schema = c.schema(p.Schema, where)
	} else if ct, mt := pickMediaType(p.Content); mt != nil {
		out.Schema = c.schema(mt.Schema, where)
		out.JSON = strings.Contains(ct, "json")
	}
	for _, pp := range o.PathParams {
		if pp.Name == p.Name && p.In == openapi3.ParameterInPath {
			out.MuxName = pp.MuxName
		}
	}
	return out
}

func (c *compiler) media(content openapi3.Content, where string) []contract.Media {
	var out []contract.Media
	for _, name := range slices.Sorted(maps.Keys(content)) {
		mt := content[name]
		t := mediaType(name)
		m := contract.Media{Type: t, Kind: mediaKind(t)}
		if mt != nil {
			m.Schema = c.schema(mt.Schema, where+"/content/"+escapePointer(name)+"/schema")
			if m.Kind == contract.MediaForm || m.Kind == contract.MediaMultipart {
				m.Fields = c.fields(mt, m.Kind == contract.MediaMultipart)
			}
		}
		out = append(out, m)
	}
	// Exact types first, then type/*, then */*: the server takes the first
	// that matches.
	sort.SliceStable(out, func(i, j int) bool { return wildness(out[i].Type) < wildness(out[j].Type) })
	return out
}

func wildness(t string) int {
	switch {
	case t == "*/*":
		return 2
	case strings.HasSuffix(t, "/*"):
		return 1
	}
	return 0
}

func mediaKind(t string) contract.MediaKind {
	switch {
	case t == "application/json" || strings.HasSuffix(t, "+json"):
		return contract.MediaJSON
	case t == "application/x-www-form-urlencoded":
		return contract.MediaForm
	case strings.HasPrefix(t, "multipart/"):
		return contract.MediaMultipart
	case strings.HasPrefix(t, "text/"):
		return contract.MediaText
	}
	return contract.MediaBinary
}

// fields flattens the properties of a form body's schema, allOf included,
// since a form has no nesting to mirror the composition.
func (c *compiler) fields(mt *openapi3.MediaType, multipart bool) []contract.Field {
	props := map[string]*openapi3.SchemaRef{}
	var walk func(ref *openapi3.SchemaRef, depth int)
	walk = func(ref *openapi3.SchemaRef, depth int) {
		if ref == nil || ref.Value == nil || depth > 8 {
			return
		}
		for n, p := range ref.Value.Properties {
			props[n] = p
		}
		for _, sub := range ref.Value.AllOf {
			walk(sub, depth+1)
		}
	}
	walk(mt.Schema, 0)
	var out []contract.Field
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p := props[name]
		f := contract.Field{Name: name, Schema: c.schema(p, ""), Explode: true}
		if v := p.Value; v != nil {
			f.Binary = v.Format == "binary" || v.ContentMediaType != "" || v.ContentEncoding != ""
			if multipart && (v.Type.Is("object") || (v.Type.Is("array") && v.Items != nil && v.Items.Value != nil && v.Items.Value.Type.Is("object"))) {
				f.JSON = true
			}
			if v.Type.Is("array") && v.Items != nil && v.Items.Value != nil && v.Items.Value.Format == "binary" {
				f.Binary = true
			}
		}
		if enc := mt.Encoding[name]; enc != nil {
			if enc.ContentType != "" {
				f.JSON = strings.Contains(enc.ContentType, "json")
			}
			if enc.Explode != nil {
				f.Explode = *enc.Explode
			}
		}
		out = append(out, f)
	}
	return out
}

func (c *compiler) finish(sec *schemes) *Validation {
	v := &Validation{Schemas: c.schemas, Patterns: c.patterns, Schemes: sec.list}
	for u := range c.unenforced {
		v.Unenforced = append(v.Unenforced, u)
	}
	sort.Strings(v.Unenforced)
	return v
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

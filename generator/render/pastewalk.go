package render

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// pasteWalk visits what oapi-codegen's spec check reads before it pastes
// a string into Go source: every extension map (on operations,
// parameters, bodies, responses, headers, media types, schemas and the
// $ref nodes next to which it honours x-go-type) and every schema, each
// once, with a description of where it is for warnings. A $ref's target
// is visited where it is defined, as oapi-codegen checks it.
type pasteWalk struct {
	ext    func(ext map[string]any, o *openapi3.Origin, where string)
	schema func(s *openapi3.Schema, o *openapi3.Origin, where string)
	seen   map[any]bool
}

func (w *pasteWalk) document(doc *openapi3.T) {
	w.seen = map[any]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		w.params(item.Parameters, path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.Operations()[method]
			where := strings.ToUpper(method) + " " + path
			w.visitExt(op.Extensions, op.Origin, "operation "+where)
			w.params(op.Parameters, where)
			if b := op.RequestBody; b != nil {
				w.visitExt(b.Extensions, b.Origin, "request body of "+where)
				if b.Ref == "" && b.Value != nil {
					w.requestBody(b.Value, "request body of "+where)
				}
			}
			if op.Responses != nil {
				for _, code := range sortedKeys(op.Responses.Map()) {
					w.responseRef(op.Responses.Value(code), "response "+code+" of "+where)
				}
			}
		}
	}
	c := doc.Components
	if c == nil {
		return
	}
	for _, name := range sortedKeys(c.Schemas) {
		if s := c.Schemas[name]; s != nil && s.Value != nil {
			w.schemaValue(s.Value, s.Value.Origin, fmt.Sprintf("schema %q", name))
		}
	}
	for _, name := range sortedKeys(c.Parameters) {
		if p := c.Parameters[name]; p != nil && p.Value != nil {
			w.param(p.Value, fmt.Sprintf("parameter component %q", name))
		}
	}
	for _, name := range sortedKeys(c.RequestBodies) {
		if b := c.RequestBodies[name]; b != nil && b.Value != nil {
			w.requestBody(b.Value, fmt.Sprintf("request body component %q", name))
		}
	}
	for _, name := range sortedKeys(c.Responses) {
		if r := c.Responses[name]; r != nil && r.Value != nil {
			w.response(r.Value, fmt.Sprintf("response component %q", name))
		}
	}
	for _, name := range sortedKeys(c.Headers) {
		if h := c.Headers[name]; h != nil && h.Value != nil {
			w.header(h.Value, fmt.Sprintf("header component %q", name))
		}
	}
}

func (w *pasteWalk) visitExt(ext map[string]any, o *openapi3.Origin, where string) {
	if len(ext) > 0 && w.ext != nil {
		w.ext(ext, o, where)
	}
}

func (w *pasteWalk) params(ps openapi3.Parameters, where string) {
	for _, p := range ps {
		if p == nil || p.Value == nil {
			continue
		}
		at := fmt.Sprintf("%s parameter %q of %s", p.Value.In, p.Value.Name, where)
		w.visitExt(p.Extensions, p.Origin, at)
		if p.Ref == "" {
			w.param(p.Value, at)
		}
	}
}

func (w *pasteWalk) param(p *openapi3.Parameter, where string) {
	if w.seen[p] {
		return
	}
	w.seen[p] = true
	w.visitExt(p.Extensions, p.Origin, where)
	w.content(p.Content, where)
	w.schemaRef(p.Schema, where)
}

func (w *pasteWalk) requestBody(b *openapi3.RequestBody, where string) {
	if w.seen[b] {
		return
	}
	w.seen[b] = true
	w.visitExt(b.Extensions, b.Origin, where)
	w.content(b.Content, where)
}

func (w *pasteWalk) responseRef(r *openapi3.ResponseRef, where string) {
	if r == nil {
		return
	}
	w.visitExt(r.Extensions, r.Origin, where)
	if r.Ref == "" && r.Value != nil {
		w.response(r.Value, where)
	}
}

func (w *pasteWalk) response(r *openapi3.Response, where string) {
	if w.seen[r] {
		return
	}
	w.seen[r] = true
	w.visitExt(r.Extensions, r.Origin, where)
	for _, name := range sortedKeys(r.Headers) {
		h := r.Headers[name]
		if h == nil {
			continue
		}
		at := fmt.Sprintf("header %q of %s", name, where)
		w.visitExt(h.Extensions, h.Origin, at)
		if h.Ref == "" && h.Value != nil {
			w.header(h.Value, at)
		}
	}
	w.content(r.Content, where)
}

func (w *pasteWalk) header(h *openapi3.Header, where string) {
	if w.seen[h] {
		return
	}
	w.seen[h] = true
	w.visitExt(h.Extensions, h.Origin, where)
	w.content(h.Content, where)
	w.schemaRef(h.Schema, where)
}

func (w *pasteWalk) content(c openapi3.Content, where string) {
	for _, mt := range sortedKeys(c) {
		if m := c[mt]; m != nil {
			at := mt + " " + where
			w.visitExt(m.Extensions, m.Origin, at)
			w.schemaRef(m.Schema, at)
		}
	}
}

// schemaRef visits an inline schema, or the extensions of a $ref node:
// the target is a component, visited as such.
func (w *pasteWalk) schemaRef(r *openapi3.SchemaRef, where string) {
	if r == nil {
		return
	}
	if r.Ref != "" {
		w.visitExt(r.Extensions, r.Origin, where)
		return
	}
	if r.Value != nil {
		o := r.Origin
		if o == nil {
			o = r.Value.Origin
		}
		w.schemaValue(r.Value, o, where)
	}
}

func (w *pasteWalk) schemaValue(s *openapi3.Schema, o *openapi3.Origin, where string) {
	if w.seen[s] {
		return
	}
	w.seen[s] = true
	w.visitExt(s.Extensions, s.Origin, where)
	w.schema(s, o, where)
	// Read after the visit, which may move properties.
	for _, name := range sortedKeys(s.Properties) {
		w.schemaRef(s.Properties[name], fmt.Sprintf("property %q of %s", name, where))
	}
	w.schemaRef(s.Items, "items of "+where)
	w.schemaRef(s.AdditionalProperties.Schema, "additionalProperties of "+where)
	for _, group := range []struct {
		name string
		refs openapi3.SchemaRefs
	}{{"allOf", s.AllOf}, {"anyOf", s.AnyOf}, {"oneOf", s.OneOf}} {
		for i, m := range group.refs {
			w.schemaRef(m, fmt.Sprintf("%s[%d] of %s", group.name, i, where))
		}
	}
	w.schemaRef(s.Not, "not of "+where)
}

package render

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/load"
)

// valueTypes are a schema's types other than "null", which only makes the
// value nullable.
func valueTypes(s *openapi3.Schema) []string {
	if s == nil || s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range s.Type.Slice() {
		if t != openapi3.TypeNull {
			out = append(out, t)
		}
	}
	return out
}

// untypeMultiTypes gives oapi-codegen no type for a schema of several
// (OpenAPI 3.1's type: [integer, string]), which it cannot turn into one Go
// type and refuses: the value becomes any (interface{}) in Go, and the
// server still checks it against the schema as written. Parameters are
// text already (stringParams), so only schemas elsewhere are met here.
func untypeMultiTypes(spec *load.Spec, doc *openapi3.T) load.Problems {
	var found load.Problems
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, r *openapi3.SchemaRef)
	walk = func(where string, r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || seen[r.Value] {
			return
		}
		s := r.Value
		seen[s] = true
		if ts := valueTypes(s); len(ts) > 1 {
			if s.Type.Includes(openapi3.TypeNull) {
				s.Nullable = true
			}
			s.Type = nil
			w := located(spec, s.Origin, fmt.Sprintf("%s has the types %s, which no one Go type holds, so it is any (interface{}) in Go, checked against its schema as written", where, strings.Join(ts, ", ")))
			w.Class = load.MultiType
			found = append(found, w)
		}
		for _, name := range sortedKeys(s.Properties) {
			walk(fmt.Sprintf("property %q of %s", name, where), s.Properties[name])
		}
		walk("the items of "+where, s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk("the additional properties of "+where, s.AdditionalProperties.Schema)
		}
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range group {
				walk("a member of "+where, m)
			}
		}
		walk("the not of "+where, s.Not)
	}
	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.Schemas) {
			walk(fmt.Sprintf("schema %q", name), doc.Components.Schemas[name])
		}
	}
	content := func(where string, c openapi3.Content) {
		for _, mt := range sortedKeys(c) {
			if c[mt] != nil {
				walk(where+" ("+mt+")", c[mt].Schema)
			}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.GetOperation(method)
			at := method + " " + path
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content("the request body of "+at, op.RequestBody.Value.Content)
			}
			if op.Responses == nil {
				continue
			}
			for _, code := range sortedKeys(op.Responses.Map()) {
				if r := op.Responses.Value(code); r != nil && r.Value != nil {
					content("response "+code+" of "+at, r.Value.Content)
				}
			}
		}
	}
	return found
}

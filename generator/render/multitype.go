package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

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

// inlineDeepRefs turns a $ref to a part of a schema (a property:
// #/components/schemas/container/properties/name) into the schema itself
// in oapi-codegen's copy: it names types only after whole components and
// refuses any deeper reference. The value was resolved by the loader.
func inlineDeepRefs(doc *openapi3.T) {
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
		if rest, ok := strings.CutPrefix(r.Ref, "#/components/schemas/"); ok && strings.Contains(rest, "/") && !recursive(r.Value) {
			r.Ref = ""
		}
	})
}

// recursive reports whether s reaches itself: inlined, such a schema has
// no end, and oapi-codegen recurses on it until the stack runs out (a
// crash no recover catches), where a $ref it refuses is a located error.
func recursive(s *openapi3.Schema) bool {
	seen := map[*openapi3.Schema]bool{}
	var reaches func(r *openapi3.SchemaRef) bool
	reaches = func(r *openapi3.SchemaRef) bool {
		if r == nil || r.Value == nil {
			return false
		}
		if r.Value == s {
			return true
		}
		if seen[r.Value] {
			return false
		}
		seen[r.Value] = true
		v := r.Value
		for _, p := range v.Properties {
			if reaches(p) {
				return true
			}
		}
		for _, group := range []openapi3.SchemaRefs{v.AllOf, v.OneOf, v.AnyOf} {
			for _, m := range group {
				if reaches(m) {
					return true
				}
			}
		}
		return reaches(v.Items) || reaches(v.AdditionalProperties.Schema) || reaches(v.Not)
	}
	if s == nil {
		return false
	}
	for _, p := range s.Properties {
		if reaches(p) {
			return true
		}
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range group {
			if reaches(m) {
				return true
			}
		}
	}
	return reaches(s.Items) || reaches(s.AdditionalProperties.Schema) || reaches(s.Not)
}

// collapseAnnotatedAllOf gives oapi-codegen the one member of an allOf
// whose other members only annotate it (AWS's descriptions are written
// allOf: [{$ref: TStamp}, {description: ...}]), which it otherwise fails
// to merge ("can not merge incompatible formats"). Only Go doc comments
// are lost; the server checks the schema as written.
func collapseAnnotatedAllOf(doc *openapi3.T) {
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
		if r.Ref != "" || r.Value == nil || len(r.Value.AllOf) < 2 {
			return
		}
		own := *r.Value
		own.AllOf = nil
		if !own.IsEmpty() || len(own.Properties) > 0 || own.Items != nil || len(own.OneOf) > 0 || len(own.AnyOf) > 0 {
			return
		}
		var keep *openapi3.SchemaRef
		for _, m := range r.Value.AllOf {
			if m == nil || m.Value == nil {
				return
			}
			if m.Ref == "" && m.Value.IsEmpty() && len(m.Value.Properties) == 0 && len(m.Value.AllOf) == 0 &&
				len(m.Value.OneOf) == 0 && len(m.Value.AnyOf) == 0 && m.Value.Items == nil {
				continue // description, title, example...
			}
			if keep != nil {
				return
			}
			keep = m
		}
		if keep != nil {
			*r = openapi3.SchemaRef{Ref: keep.Ref, Value: keep.Value}
		}
	})
}

// exportFieldNames gives an x-go-name to each property whose Go field name
// would not be exported ("/pets" is field pets): encoding/json skips such a
// field, so the body would lose it, and go vet refuses its tag. The name
// is the property's letters (Pets), or X and them when another property of
// the schema has that name.
func exportFieldNames(doc *openapi3.T) {
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
		if r.Ref != "" || r.Value == nil || len(r.Value.Properties) == 0 {
			return
		}
		used := map[string]bool{}
		for name := range r.Value.Properties {
			used[codegen.SchemaNameToTypeName(name)] = true
		}
		for _, name := range sortedKeys(r.Value.Properties) {
			p := r.Value.Properties[name]
			goName := codegen.SchemaNameToTypeName(name)
			if p == nil || p.Value == nil || (goName != "" && unicode.IsUpper([]rune(goName)[0])) {
				continue
			}
			if _, ok := p.Value.Extensions["x-go-name"]; ok {
				continue
			}
			fixed := codegen.SchemaNameToTypeName(strings.TrimLeftFunc(name, func(c rune) bool { return !unicode.IsLetter(c) }))
			if fixed == "" || !unicode.IsUpper([]rune(fixed)[0]) || used[fixed] {
				fixed = "X" + strings.ToUpper(goName[:min(1, len(goName))]) + goName[min(1, len(goName)):]
			}
			used[fixed] = true
			own := *p.Value
			own.Extensions = map[string]any{"x-go-name": fixed}
			for k, v := range p.Value.Extensions {
				own.Extensions[k] = v
			}
			r.Value.Properties[name] = &openapi3.SchemaRef{Ref: p.Ref, Value: &own}
		}
	})
}

// eachSchemaRef visits every schema reference in the document once,
// depth first, after the reference itself may have been changed by visit.
func eachSchemaRef(doc *openapi3.T, visit func(*openapi3.SchemaRef)) {
	seen := map[*openapi3.SchemaRef]bool{}
	var walk func(r *openapi3.SchemaRef)
	walk = func(r *openapi3.SchemaRef) {
		if r == nil || seen[r] {
			return
		}
		seen[r] = true
		visit(r)
		if r.Ref != "" || r.Value == nil {
			return // a whole component: walked as one
		}
		s := r.Value
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		walk(s.Not)
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range group {
				walk(m)
			}
		}
	}
	content := func(c openapi3.Content) {
		for _, m := range c {
			if m != nil {
				walk(m.Schema)
			}
		}
	}
	params := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p != nil && p.Value != nil {
				walk(p.Value.Schema)
				content(p.Value.Content)
			}
		}
	}
	if c := doc.Components; c != nil {
		for _, s := range c.Schemas {
			if s != nil && s.Value != nil {
				// The component itself keeps its name: its value is walked.
				seen[s] = true
				walk(&openapi3.SchemaRef{Value: s.Value})
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		params(item.Parameters)
		for _, op := range item.Operations() {
			params(op.Parameters)
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			if op.Responses == nil {
				continue
			}
			for _, r := range op.Responses.Map() {
				if r != nil && r.Value != nil {
					content(r.Value.Content)
					for _, h := range r.Value.Headers {
						if h != nil && h.Value != nil {
							walk(h.Value.Schema)
						}
					}
				}
			}
		}
	}
}

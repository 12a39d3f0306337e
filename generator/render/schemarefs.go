package render

import (
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// The rewrites below walk every schema of oapi-codegen's copy through
// eachSchemaRef.

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
	var reaches func(v *openapi3.Schema) bool
	reaches = func(v *openapi3.Schema) bool {
		for _, c := range subschemas(v) {
			if c.Value == s {
				return true
			}
			if !seen[c.Value] {
				seen[c.Value] = true
				if reaches(c.Value) {
					return true
				}
			}
		}
		return false
	}
	return s != nil && reaches(s)
}

// subschemas are the schemas directly inside s, resolved.
func subschemas(s *openapi3.Schema) []*openapi3.SchemaRef {
	var out []*openapi3.SchemaRef
	add := func(r *openapi3.SchemaRef) {
		if r != nil && r.Value != nil {
			out = append(out, r)
		}
	}
	for _, name := range sortedKeys(s.Properties) {
		add(s.Properties[name])
	}
	add(s.Items)
	add(s.AdditionalProperties.Schema)
	add(s.Not)
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range group {
			add(m)
		}
	}
	return out
}

// collapseAnnotatedAllOf gives oapi-codegen the one member of an allOf
// whose other members only annotate it (AWS's descriptions are written
// allOf: [{$ref: TStamp}, {description: ...}]), which it otherwise fails
// to merge ("can not merge incompatible formats"). Only Go doc comments
// are lost; the server checks the schema as written. A member that says
// only nullable: true (PandaScore's) moves to the wrapper, which keeps the
// one member: oapi-codegen then names that member's type, as a pointer.
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
		nullable := false
		for _, m := range r.Value.AllOf {
			if m == nil || m.Value == nil {
				return
			}
			bare := *m.Value
			bare.Nullable = false
			if m.Ref == "" && bare.IsEmpty() && len(m.Value.Properties) == 0 && len(m.Value.AllOf) == 0 &&
				len(m.Value.OneOf) == 0 && len(m.Value.AnyOf) == 0 && m.Value.Items == nil {
				nullable = nullable || m.Value.Nullable
				continue // description, title, example...
			}
			if keep != nil {
				return
			}
			keep = m
		}
		switch {
		case keep == nil:
		case nullable:
			own.AllOf, own.Nullable = openapi3.SchemaRefs{keep}, true
			*r = openapi3.SchemaRef{Value: &own}
		default:
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
			r.Value.Properties[name] = &openapi3.SchemaRef{Ref: p.Ref, Value: withGoName(p.Value, fixed)}
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
		for _, c := range subschemas(r.Value) {
			walk(c)
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

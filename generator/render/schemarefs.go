package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// The rewrites below walk every schema of oapi-codegen's copy through
// eachSchemaRef.

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
		separateFieldNames(r.Value)
	})
}

// clearFreeTextFormats leaves out of oapi-codegen's copy the formats
// written as prose with quotes in them (Rudder's "uuid (or \"root\")"):
// oapi-codegen copies a format into comments and refuses one with a quote,
// a backtick or a control character, while a format no one defines only
// annotates. The server checks the schema as written.
func clearFreeTextFormats(doc *openapi3.T) {
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
		if r.Value != nil && strings.ContainsFunc(r.Value.Format, func(c rune) bool { return c == '"' || c == '`' || unicode.IsControl(c) }) {
			r.Value.Format = "" // wherever the schema is used
		}
	})
}

// alignAllOfAccess gives oapi-codegen the members of an allOf whose
// readOnly or writeOnly differ (Azure Security's Compliance: a resource
// read-only as a whole, beside its properties) with neither: it refuses
// to merge them, while on a schema as a whole the two only say in which
// direction it travels, which the server checks as written.
func alignAllOfAccess(doc *openapi3.T) {
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
		v := r.Value
		if v == nil || len(v.AllOf) == 0 {
			return
		}
		// oapi-codegen merges the schema itself in too when it has
		// properties of its own.
		ro, wo := v.ReadOnly, v.WriteOnly
		outer := len(v.Properties) > 0
		differ := false
		for i, m := range v.AllOf {
			if m == nil || m.Value == nil {
				continue
			}
			if i == 0 && !outer {
				ro, wo = m.Value.ReadOnly, m.Value.WriteOnly
				continue
			}
			differ = differ || m.Value.ReadOnly != ro || m.Value.WriteOnly != wo
		}
		if !differ {
			return
		}
		if outer {
			v.ReadOnly, v.WriteOnly = false, false
		}
		members := make(openapi3.SchemaRefs, len(r.Value.AllOf))
		for i, m := range r.Value.AllOf {
			members[i] = m
			if m != nil && m.Value != nil && (m.Value.ReadOnly || m.Value.WriteOnly) {
				own := *m.Value
				own.ReadOnly, own.WriteOnly = false, false
				members[i] = &openapi3.SchemaRef{Ref: m.Ref, Value: &own}
			}
		}
		r.Value.AllOf = members
	})
}

// separateFieldNames gives the later of two properties that make one Go
// field name (Vercel's created-by and created_by, both CreatedBy) a
// numbered x-go-name, in key order: a struct cannot have both.
func separateFieldNames(s *openapi3.Schema) {
	field := func(name string, p *openapi3.SchemaRef) string {
		if n, ok := p.Value.Extensions["x-go-name"].(string); ok && n != "" {
			return n
		}
		return codegen.SchemaNameToTypeName(name)
	}
	used := map[string]bool{}
	for _, name := range sortedKeys(s.Properties) {
		if p := s.Properties[name]; p != nil && p.Value != nil {
			used[field(name, p)] = true
		}
	}
	seen := map[string]bool{}
	for _, name := range sortedKeys(s.Properties) {
		p := s.Properties[name]
		if p == nil || p.Value == nil {
			continue
		}
		f := field(name, p)
		if !seen[f] {
			seen[f] = true
			continue
		}
		fixed := f + "2"
		for i := 3; used[fixed]; i++ {
			fixed = fmt.Sprintf("%s%d", f, i)
		}
		used[fixed], seen[fixed] = true, true
		s.Properties[name] = &openapi3.SchemaRef{Ref: p.Ref, Value: withGoName(p.Value, fixed)}
	}
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

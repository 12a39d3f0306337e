package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// The rewrites below walk every schema of oapi-codegen's copy through
// eachSchemaRef.

// inlineDeepRefs turns a $ref to a part of a component (a property:
// #/components/schemas/container/properties/name; a parameter's schema:
// #/components/parameters/id/schema) into the schema itself in
// oapi-codegen's copy: it names types only after whole schema components
// and refuses any deeper reference. The value was resolved by the loader.
// A part that reaches itself cannot be inlined (it has no end): it becomes
// a schema component of its own, which the part's place then refers to
// too, so its type has the name it would have had there (TreeNode).
func inlineDeepRefs(doc *openapi3.T) {
	renamed := map[string]string{}
	// A hoisted part is walked as a component on the next round, which
	// may find more parts inside it.
	for {
		hoisted := map[string]*openapi3.SchemaRef{}
		eachSchemaRef(doc, func(r *openapi3.SchemaRef) {
			if to, ok := renamed[r.Ref]; ok {
				r.Ref = to
				return
			}
			rest, ok := strings.CutPrefix(r.Ref, "#/components/")
			if !ok || strings.Count(rest, "/") < 2 {
				return
			}
			if !recursive(r.Value) {
				r.Ref = ""
				return
			}
			hoisted[r.Ref] = &openapi3.SchemaRef{Value: r.Value}
		})
		if len(hoisted) == 0 {
			return
		}
		if doc.Components.Schemas == nil {
			doc.Components.Schemas = openapi3.Schemas{}
		}
		for _, ref := range sortedKeys(hoisted) {
			key := deepRefKey(ref)
			for i := 2; doc.Components.Schemas[key] != nil; i++ {
				key = fmt.Sprintf("%s%d", deepRefKey(ref), i)
			}
			doc.Components.Schemas[key] = hoisted[ref]
			renamed[ref] = "#/components/schemas/" + key
			partAt(doc, strings.TrimPrefix(ref, "#/components/"), &openapi3.SchemaRef{Ref: renamed[ref], Value: hoisted[ref].Value})
		}
	}
}

// deepRefKey names the component a recursive part becomes after the names
// along its pointer: Tree/properties/node is Tree_node (Go's TreeNode).
func deepRefKey(ref string) string {
	var names []string
	for i, tok := range strings.Split(strings.TrimPrefix(ref, "#/components/"), "/") {
		if i == 0 && tok == "schemas" {
			continue
		}
		switch tok {
		case "properties", "items", "additionalProperties", "definitions", "$defs", "schema", "allOf", "oneOf", "anyOf", "not":
			continue
		}
		names = append(names, unescapePointer(tok))
	}
	return strings.Join(names, "_")
}

func unescapePointer(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// partAt sets the schema a pointer below components names, when
// oapi-codegen generates a type there: a property, items,
// additionalProperties or a member of a schema component. Elsewhere (an
// unknown keyword such as an old definitions) it returns false.
func partAt(doc *openapi3.T, pointer string, to *openapi3.SchemaRef) bool {
	toks := strings.Split(pointer, "/")
	if len(toks) < 3 || toks[0] != "schemas" {
		return false
	}
	cur := doc.Components.Schemas[toks[1]]
	var set func(*openapi3.SchemaRef)
	for i := 2; i < len(toks); i++ {
		if cur == nil || cur.Value == nil {
			return false
		}
		v := cur.Value
		switch tok := toks[i]; tok {
		case "items":
			cur, set = v.Items, func(r *openapi3.SchemaRef) { v.Items = r }
		case "additionalProperties":
			cur, set = v.AdditionalProperties.Schema, func(r *openapi3.SchemaRef) { v.AdditionalProperties.Schema = r }
		case "not":
			cur, set = v.Not, func(r *openapi3.SchemaRef) { v.Not = r }
		case "properties":
			if i++; i == len(toks) {
				return false
			}
			name := unescapePointer(toks[i])
			cur, set = v.Properties[name], func(r *openapi3.SchemaRef) { v.Properties[name] = r }
		case "allOf", "oneOf", "anyOf":
			group := map[string]openapi3.SchemaRefs{"allOf": v.AllOf, "oneOf": v.OneOf, "anyOf": v.AnyOf}[tok]
			n := -1
			if i++; i < len(toks) {
				n, _ = strconv.Atoi(toks[i])
			}
			if n < 0 || n >= len(group) {
				return false
			}
			cur, set = group[n], func(r *openapi3.SchemaRef) { group[n] = r }
		default:
			return false
		}
	}
	if set == nil || cur == nil {
		return false
	}
	set(to)
	return true
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

package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

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

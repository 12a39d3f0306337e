package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"
)

// Bodies whose schemas oapi-codegen declares types for under names it
// does not use, or under one name for several media types, are given to
// it in a shape it names consistently: a schema of their own, or written
// in place in each operation.

// hoistResponseEnums moves the own schema of a response component whose
// parts oapi-codegen declares types for (enums, unions) into
// components/schemas: it declares those under one name (N400ErrorError)
// and uses them under another (N400ErrorJSONResponseBodyError). As a
// schema of its own (N400ErrorBody) they are declared and used under its
// name.
func hoistResponseEnums(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	taken := schemaTypeNames(doc)
	for _, key := range sortedKeys(doc.Components.Responses) {
		r := doc.Components.Responses[key]
		if r == nil || r.Value == nil {
			continue
		}
		// Media types of one response often share one schema written
		// out twice (json-patch+json and json-patch-query+json): one
		// type serves both.
		same := map[string]string{}
		for _, mt := range sortedKeys(r.Value.Content) {
			m := r.Value.Content[mt]
			if m == nil || m.Schema == nil || m.Schema.Ref != "" || m.Schema.Value == nil || !declaresInlineTypes(m.Schema.Value) {
				continue
			}
			text, err := json.Marshal(m.Schema.Value)
			name, ok := same[string(text)]
			if err != nil || !ok {
				name = hoistedName(codegen.SchemaNameToTypeName(key)+"Body", mt, len(same) == 0, taken)
				taken[name] = true
				if err == nil {
					same[string(text)] = name
				}
				doc.Components.Schemas[name] = &openapi3.SchemaRef{Value: m.Schema.Value}
			}
			m.Schema = &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: m.Schema.Value}
		}
	}
}

// hoistedName names a response's hoisted schema: base for its first media
// type, base and the media type's name for the others. A number after
// base would meet the names oapi-codegen gives a union's members (the
// third member of N200ResourcePatchBody is N200ResourcePatchBody2).
func hoistedName(base, mediaType string, first bool, taken map[string]bool) string {
	name := base
	if !first {
		name = base + codegen.SchemaNameToTypeName(strings.TrimPrefix(mediaType, "application/"))
	}
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%sV%d", base, i)
	}
	return name
}

// declaresInlineTypes says whether oapi-codegen declares types of its own
// for parts of s written in place: below the top, an enum (Mist's
// RrmEvents' results' band), an object with both properties and
// additionalProperties (count's results); anywhere, a union
// (ConstDeviceModels, an array of an anyOf) or an allOf, whose merged
// properties' enums it declares again (Telnyx's CommentResponse, Open
// Policy Agent's successQuery). In a response component it
// declares those under one name and uses them under another.
func declaresInlineTypes(s *openapi3.Schema) bool {
	seen := map[*openapi3.Schema]bool{}
	var walk func(v *openapi3.Schema, top bool) bool
	walk = func(v *openapi3.Schema, top bool) bool {
		if v == nil || seen[v] {
			return false
		}
		seen[v] = true
		extra := v.AdditionalProperties.Schema != nil || (v.AdditionalProperties.Has != nil && *v.AdditionalProperties.Has)
		if len(v.OneOf)+len(v.AnyOf)+len(v.AllOf) > 0 || (!top && (len(v.Enum) > 0 || (extra && len(v.Properties) > 0))) {
			return true
		}
		for _, c := range subschemas(v) {
			if c.Ref == "" && walk(c.Value, false) {
				return true
			}
		}
		return false
	}
	return walk(s, true)
}

// inlineSharedJSONBodies writes a request body component with more than
// one JSON media type in place in each operation that uses it, and drops
// the component. oapi-codegen declares one type per JSON media type of a
// request body component, all under the component's name (Order with
// application/json and merge-patch+json: "duplicate typename
// OrderRequestBody"); written in place, each gets a name of its own
// (CreateOrderJSONRequestBody, CreateOrderApplicationMergePatchPlusJSONRequestBody).
func inlineSharedJSONBodies(doc *openapi3.T) {
	if doc.Components == nil || len(doc.Components.RequestBodies) == 0 {
		return
	}
	// By value, so that a component that $refs a shared one goes too.
	shared := map[*openapi3.RequestBody]bool{}
	for _, b := range doc.Components.RequestBodies {
		if b == nil || b.Value == nil {
			continue
		}
		n := 0
		for mt := range b.Value.Content {
			if util.IsMediaTypeJson(mt) {
				n++
			}
		}
		shared[b.Value] = n > 1
	}
	for key, b := range doc.Components.RequestBodies {
		if b != nil && shared[b.Value] {
			delete(doc.Components.RequestBodies, key)
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && shared[op.RequestBody.Value] {
				op.RequestBody = &openapi3.RequestBodyRef{Value: op.RequestBody.Value}
			}
		}
	}
}

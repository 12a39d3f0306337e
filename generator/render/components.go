package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// Components whose keys oapi-codegen turns into Go names that meet
// another's, or that it declares under one name and uses under another,
// are moved to keys it handles, in the copy it is given. Each move is one
// key and the $refs to it (moveComponent, retarget).

// nameComponents gives the response, request body and parameter
// components keys whose Go names oapi-codegen declares once and uses
// consistently. The schemas keep theirs; then responses, request bodies and
// parameters, each in key order, keep theirs unless an earlier component
// has it, and otherwise get the key with their section's name after it
// (budget, beside schemas/budget, is BudgetResponse): adding a component
// renames only one that meets it and comes later in that order.
func nameComponents(spec *load.Spec, doc *openapi3.T) load.Problems {
	if doc.Components == nil {
		return nil
	}
	taken := map[string]string{}
	for name := range schemaTypeNames(doc) {
		taken[name] = "schemas"
	}
	for _, name := range model.ReservedNames() {
		taken[name] = "lambgen"
	}
	var found load.Problems
	warn := func(section, key, clashed, to string, o *openapi3.Origin) {
		found = append(found, located(spec, o, fmt.Sprintf(
			"%s component %q is named %s in Go, as another type has the name %s (give it an x-go-name to choose another)",
			section, key, codegen.SchemaNameToTypeName(to), codegen.SchemaNameToTypeName(clashed))))
	}
	nameResponseComponents(doc, taken, warn)
	nameRequestBodies(doc, taken, warn)
	nameParameters(doc, taken, warn)
	return found
}

// nameResponseComponents moves a response component to a key oapi-codegen
// names consistently:
//   - the x-go-name it has: oapi-codegen names the strict server's response
//     types after x-go-name where an operation uses the component, but after
//     the key where it declares them (ErrorResponseJSONResponse is used,
//     ErrorJSONResponse declared);
//   - a key that is no Go name (200Resource_Patch), which it prefixes
//     (N200ResourcePatch) everywhere but in one alias;
//   - key+Response, when the types it declares for the response would have
//     a taken name (see clashes).
func nameResponseComponents(doc *openapi3.T, taken map[string]string, warn func(section, key, clashed, to string, o *openapi3.Origin)) {
	rs := doc.Components.Responses
	moved := map[string]string{}
	for _, key := range sortedKeys(rs) {
		r := rs[key]
		if r == nil || r.Value == nil {
			continue
		}
		name := key
		if n, ok := r.Value.Extensions["x-go-name"].(string); ok && n != "" {
			name = n
		} else if key != "" && !unicode.IsLetter(rune(key[0])) {
			name = codegen.SchemaNameToTypeName(key)
		}
		clashed := ""
		if clashes(taken, name, r.Value.Content) {
			clashed, name = name, freeKey(rs, taken, name+"Response")
		}
		if name != key && moveComponent(rs, "responses", key, name, moved) {
			delete(r.Value.Extensions, "x-go-name")
			if clashed != "" {
				warn("response", key, clashed, name, r.Value.Origin)
			}
		} else {
			name = key
		}
		if declaresType(r.Value.Content) {
			taken[codegen.SchemaNameToTypeName(name)] = "responses"
		}
	}
	retarget(doc, moved)
}

// nameRequestBodies moves a request body component whose type would have
// a taken name (requestBodies/Bar beside schemas/Bar, which stops
// oapi-codegen with "duplicate typename") to the key BarRequestBody.
func nameRequestBodies(doc *openapi3.T, taken map[string]string, warn func(section, key, clashed, to string, o *openapi3.Origin)) {
	bs := doc.Components.RequestBodies
	moved := map[string]string{}
	for _, key := range sortedKeys(bs) {
		b := bs[key]
		if b == nil || b.Value == nil {
			continue
		}
		name := goName(key, b.Value.Extensions)
		if clashes(taken, name, b.Value.Content) {
			if _, own := b.Value.Extensions["x-go-name"]; !own {
				was := key
				if key = moveTo(bs, "requestBodies", key, freeKey(bs, taken, key+"RequestBody"), moved); key != was {
					warn("request body", was, name, key, b.Value.Origin)
				}
				name = codegen.SchemaNameToTypeName(key)
			}
		}
		if declaresType(b.Value.Content) {
			taken[name] = "requestBodies"
		}
	}
	retarget(doc, moved)
}

// nameParameters moves a parameter component whose key makes a taken Go
// name (parameters/id beside schemas/Id, which stops oapi-codegen with
// "duplicate typename") to the key idParameter.
func nameParameters(doc *openapi3.T, taken map[string]string, warn func(section, key, clashed, to string, o *openapi3.Origin)) {
	ps := doc.Components.Parameters
	moved := map[string]string{}
	for _, key := range sortedKeys(ps) {
		p := ps[key]
		if p == nil || p.Value == nil {
			continue
		}
		name := goName(key, p.Value.Extensions)
		if _, own := p.Value.Extensions["x-go-name"]; taken[name] != "" && !own {
			was := key
			if key = moveTo(ps, "parameters", key, freeKey(ps, taken, key+"Parameter"), moved); key != was {
				warn("parameter", was, name, key, p.Value.Origin)
			}
			name = codegen.SchemaNameToTypeName(key)
		}
		taken[name] = "parameters"
	}
	retarget(doc, moved)
}

// goName is the Go type name oapi-codegen gives a component.
func goName(key string, ext map[string]any) string {
	if n, ok := ext["x-go-name"].(string); ok && n != "" {
		return n
	}
	return codegen.SchemaNameToTypeName(key)
}

// freeKey is base, or base with the first number from 2 that makes it, that
// neither is a key of m nor makes a taken Go name.
func freeKey[V any](m map[string]V, taken map[string]string, base string) string {
	name := base
	for i := 2; ; i++ {
		if _, dup := m[name]; !dup && taken[codegen.SchemaNameToTypeName(name)] == "" {
			return name
		}
		name = fmt.Sprintf("%s%d", base, i)
	}
}

// moveTo is moveComponent that says which key the component has after it.
func moveTo[V any](m map[string]V, section, key, name string, moved map[string]string) string {
	if moveComponent(m, section, key, name, moved) {
		return name
	}
	return key
}

// declaresType says whether oapi-codegen declares a type for a response or
// request body component of this content: it does for JSON only.
func declaresType(c openapi3.Content) bool {
	for mt := range c {
		if util.IsMediaTypeJson(mt) {
			return true
		}
	}
	return false
}

// clashes says whether the types a component of this content declares
// under name meet a taken one: one of another response, request body or
// parameter always does; a schema's unless the component's schema is that
// schema (see declaresOther).
func clashes(taken map[string]string, name string, c openapi3.Content) bool {
	switch taken[codegen.SchemaNameToTypeName(name)] {
	case "":
		return false
	case "schemas":
		return declaresOther(c, name)
	}
	return true
}

// declaresOther says whether a component of this content declares a type
// that is not the component schema whose Go name is name: one of its own
// schema, or, for a $ref to another schema, an alias of it
// (responses/budget, whose schema is schemas/get-budget, is declared as
// Budget = GetBudget, which meets schemas/budget). Of the same schema it
// declares an alias oapi-codegen recognizes as the schema's own type.
func declaresOther(c openapi3.Content, name string) bool {
	for mt, m := range c {
		if m == nil || m.Schema == nil {
			continue
		}
		if m.Schema.Ref == "" {
			return true
		}
		k, ok := strings.CutPrefix(m.Schema.Ref, "#/components/schemas/")
		if util.IsMediaTypeJson(mt) && (!ok || codegen.SchemaNameToTypeName(k) != codegen.SchemaNameToTypeName(name)) {
			return true
		}
	}
	return false
}

// moveComponent moves the component at key to name in its section's map,
// unless name is taken, and records the $ref that changes.
func moveComponent[V any](m map[string]V, section, key, name string, moved map[string]string) bool {
	if _, taken := m[name]; taken {
		return false
	}
	m[name] = m[key]
	delete(m, key)
	moved["#/components/"+section+"/"+key] = "#/components/" + section + "/" + name
	return true
}

// retarget points the operations' $refs to moved components at their new
// keys: responses, request bodies and parameters, the path items' too.
func retarget(doc *openapi3.T, moved map[string]string) {
	if len(moved) == 0 {
		return
	}
	params := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p == nil {
				continue
			}
			if to, ok := moved[p.Ref]; ok {
				p.Ref = to
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		params(item.Parameters)
		for _, op := range item.Operations() {
			params(op.Parameters)
			if op.RequestBody != nil {
				if to, ok := moved[op.RequestBody.Ref]; ok {
					op.RequestBody.Ref = to
				}
			}
			if op.Responses == nil {
				continue
			}
			for _, r := range op.Responses.Map() {
				if to, ok := moved[r.Ref]; ok {
					r.Ref = to
				}
			}
		}
	}
}

// schemaTypeNames are the Go type names of the component schemas.
func schemaTypeNames(doc *openapi3.T) map[string]bool {
	out := map[string]bool{}
	for name := range doc.Components.Schemas {
		out[codegen.SchemaNameToTypeName(name)] = true
	}
	return out
}

// separateSchemaNames gives distinct Go names to component schemas whose
// keys make one (Id and id, kind and Kind), which stops oapi-codegen with
// "duplicate typename": the first key in sort order keeps the name, the
// others get a numbered x-go-name, and a warning says which. Adding a
// schema renames an existing type only when its key sorts before it.
func separateSchemaNames(spec *load.Spec, doc *openapi3.T) load.Problems {
	if doc.Components == nil {
		return nil
	}
	var found load.Problems
	taken := map[string]string{} // Go name → the key that has it
	for _, key := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[key]
		if s == nil || s.Value == nil {
			continue
		}
		if n, ok := s.Value.Extensions["x-go-name"].(string); ok && n != "" {
			taken[n] = key
			continue
		}
		name := codegen.SchemaNameToTypeName(key)
		prev, dup := taken[name]
		if !dup {
			taken[name] = key
			continue
		}
		renamed := name + "2"
		for i := 3; taken[renamed] != ""; i++ {
			renamed = fmt.Sprintf("%s%d", name, i)
		}
		taken[renamed] = key
		doc.Components.Schemas[key] = &openapi3.SchemaRef{Ref: s.Ref, Value: withGoName(s.Value, renamed)}
		found = append(found, located(spec, s.Value.Origin, fmt.Sprintf(
			"schema %q is Go type %s, as schema %q is %s (give it an x-go-name to choose another)", key, renamed, prev, name)))
	}
	return found
}

// withGoName is a copy of s whose x-go-name is name, its other extensions
// kept: the copy's schemas are shared with the spec's where a value is.
func withGoName(s *openapi3.Schema, name string) *openapi3.Schema {
	own := *s
	own.Extensions = map[string]any{"x-go-name": name}
	for k, v := range s.Extensions {
		if k != "x-go-name" {
			own.Extensions[k] = v
		}
	}
	return &own
}

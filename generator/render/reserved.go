package render

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// avoidReservedNames gives each component schema whose Go type would have
// a name the api package's own files declare (lambgen's Logger and
// BasePath, oapi-codegen's Handler) that name with Schema after it, in
// oapi-codegen's copy, and says so: the spec is right as it is, and naming
// the Go type is lambgen's job. Responses and request bodies of such names
// move in nameComponents, which counts these names as taken.
func avoidReservedNames(spec *load.Spec, doc *openapi3.T) load.Problems {
	if doc.Components == nil {
		return nil
	}
	used := map[string]bool{}
	goName := func(key string, s *openapi3.Schema) string {
		if n, ok := s.Extensions["x-go-name"].(string); ok && n != "" {
			return n
		}
		return codegen.SchemaNameToTypeName(key)
	}
	for key, s := range doc.Components.Schemas {
		if s != nil && s.Value != nil {
			used[goName(key, s.Value)] = true
		}
	}
	var found load.Problems
	for _, key := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[key]
		if s == nil || s.Value == nil || !model.Reserved(goName(key, s.Value)) {
			continue
		}
		was := goName(key, s.Value)
		name := was + "Schema"
		for i := 2; used[name] || model.Reserved(name); i++ {
			name = fmt.Sprintf("%sSchema%d", was, i)
		}
		used[name] = true
		doc.Components.Schemas[key] = &openapi3.SchemaRef{Ref: s.Ref, Value: withGoName(s.Value, name)}
		found = append(found, located(spec, s.Value.Origin, fmt.Sprintf(
			"schema %q is Go type %s, as the api package declares %s itself (give it an x-go-name to choose another)", key, name, was)))
	}
	return found
}

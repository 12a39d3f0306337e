package load

import "github.com/getkin/kin-openapi/openapi3"

// docParts visits the schema of every parameter and header and every
// content map of parameters, headers, request bodies and responses: those
// the paths' operations hold, and with components those of the components
// too, and the component schemas. A place reached twice (a $ref'd
// component) is visited twice; schemaTree's seen set keeps that cheap.
func docParts(doc *openapi3.T, components bool, schema func(*openapi3.SchemaRef), content func(openapi3.Content)) {
	param := func(p *openapi3.Parameter) {
		schema(p.Schema)
		content(p.Content)
	}
	headers := func(hs openapi3.Headers) {
		for _, h := range hs {
			if h != nil && h.Value != nil {
				schema(h.Value.Schema)
				content(h.Value.Content)
			}
		}
	}
	response := func(r *openapi3.ResponseRef) {
		if r != nil && r.Value != nil {
			content(r.Value.Content)
			headers(r.Value.Headers)
		}
	}
	if c := doc.Components; components && c != nil {
		for _, s := range c.Schemas {
			schema(s)
		}
		for _, p := range c.Parameters {
			if p != nil && p.Value != nil {
				param(p.Value)
			}
		}
		for _, b := range c.RequestBodies {
			if b != nil && b.Value != nil {
				content(b.Value.Content)
			}
		}
		for _, r := range c.Responses {
			response(r)
		}
		headers(c.Headers)
	}
	if doc.Paths == nil {
		return
	}
	for _, item := range doc.Paths.Map() {
		for _, p := range item.Parameters {
			if p != nil && p.Value != nil {
				param(p.Value)
			}
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p != nil && p.Value != nil {
					param(p.Value)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					response(r)
				}
			}
		}
	}
}

// schemaTree visits the schema r holds and every schema below it, each
// once across calls that share seen.
func schemaTree(seen map[*openapi3.Schema]bool, r *openapi3.SchemaRef, visit func(*openapi3.Schema)) {
	if r == nil || r.Value == nil || seen[r.Value] {
		return
	}
	s := r.Value
	seen[s] = true
	visit(s)
	for _, m := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf, {s.Not, s.Items, s.AdditionalProperties.Schema}} {
		for _, c := range m {
			schemaTree(seen, c, visit)
		}
	}
	for _, p := range s.Properties {
		schemaTree(seen, p, visit)
	}
}

// eachSchema visits every schema the served API reaches, once.
func eachSchema(doc *openapi3.T, visit func(*openapi3.Schema)) {
	seen := map[*openapi3.Schema]bool{}
	walk := func(r *openapi3.SchemaRef) { schemaTree(seen, r, visit) }
	docParts(doc, true, walk, func(c openapi3.Content) {
		for _, mt := range c {
			if mt != nil {
				walk(mt.Schema)
			}
		}
	})
}

// eachContent visits every media type map of the document.
func eachContent(doc *openapi3.T, visit func(openapi3.Content)) {
	docParts(doc, true, func(*openapi3.SchemaRef) {}, visit)
}

// operationSchemas are the schemas the paths' operations reach: their
// parameters, request bodies and responses, through every subschema.
func operationSchemas(doc *openapi3.T) map[*openapi3.Schema]bool {
	seen := map[*openapi3.Schema]bool{}
	walk := func(r *openapi3.SchemaRef) { schemaTree(seen, r, func(*openapi3.Schema) {}) }
	docParts(doc, false, walk, func(c openapi3.Content) {
		for _, mt := range c {
			if mt != nil {
				walk(mt.Schema)
			}
		}
	})
	return seen
}

package load

// The kinds of OpenAPI object bundle3 meets, and which field of each holds
// which: a $ref's target joins the components section of its kind.

// kind is what OpenAPI expects where a node stands, which decides the
// components section a $ref's target joins.
type kind int

const (
	kOther kind = iota
	kSchema
	kParameter
	kHeader
	kRequestBody
	kResponse
	kExample
	kLink
	kCallback
	kSecurityScheme
	kPathItem
	kDoc
	kComponents
	kOperation
	kMediaType
	kEncoding
)

// sectionOf is the components section of each kind a $ref can name.
var sectionOf = map[kind]string{
	kSchema: "schemas", kParameter: "parameters", kHeader: "headers", kRequestBody: "requestBodies",
	kResponse: "responses", kExample: "examples", kLink: "links", kCallback: "callbacks",
	kSecurityScheme: "securitySchemes", kPathItem: "pathItems",
}

var kindOfSection = func() map[string]kind {
	m := map[string]kind{}
	for k, s := range sectionOf {
		m[s] = k
	}
	return m
}()

var (
	operationKeys = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}
	// schemaOne are the schema keywords whose value is a schema (or, for
	// items in old drafts, a list of them); schemaMany those whose value
	// is a list of schemas, schemaNamed a map of them.
	schemaOne = map[string]bool{"items": true, "additionalProperties": true, "not": true, "contains": true, "if": true, "then": true, "else": true,
		"propertyNames": true, "unevaluatedItems": true, "unevaluatedProperties": true, "additionalItems": true, "contentSchema": true}
	schemaMany  = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true}
	schemaNamed = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "definitions": true, "dependentSchemas": true}
)

// childKind is what the field name of a k holds, when it is one object.
func (b *bundler3) childKind(k kind, name string) kind {
	switch k {
	case kDoc:
		if name == "components" {
			return kComponents
		}
	case kPathItem:
		if operationKeys[name] {
			return kOperation
		}
	case kSchema:
		if schemaOne[name] {
			return kSchema
		}
	}
	if name == "schema" && (k == kParameter || k == kHeader || k == kMediaType) {
		return kSchema
	}
	if name == "requestBody" && k == kOperation {
		return kRequestBody
	}
	return kOther
}

// many is the kind of each entry of the field name of a k, when the field
// holds a list or a map of them.
func (b *bundler3) many(k kind, name string) kind {
	switch k {
	case kDoc:
		switch name {
		case "paths", "webhooks":
			return kPathItem
		}
	case kComponents:
		if c, ok := kindOfSection[name]; ok {
			return c
		}
	case kPathItem:
		if name == "parameters" {
			return kParameter
		}
	case kOperation:
		switch name {
		case "parameters":
			return kParameter
		case "responses":
			return kResponse
		case "callbacks":
			return kCallback
		}
	case kCallback:
		return kPathItem
	case kParameter, kHeader:
		switch name {
		case "content":
			return kMediaType
		case "examples":
			return kExample
		}
	case kRequestBody:
		if name == "content" {
			return kMediaType
		}
	case kResponse:
		switch name {
		case "headers":
			return kHeader
		case "content":
			return kMediaType
		case "links":
			return kLink
		}
	case kMediaType:
		switch name {
		case "examples":
			return kExample
		case "encoding":
			return kEncoding
		}
	case kEncoding:
		if name == "headers" {
			return kHeader
		}
	case kSchema:
		if schemaMany[name] || schemaNamed[name] {
			return kSchema
		}
	}
	return 0
}

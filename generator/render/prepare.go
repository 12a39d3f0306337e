package render

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"

	"github.com/lambgen/lambgen/generator/load"
)

// prepare rewrites the copy of the spec that oapi-codegen sees, so that it
// never meets a construct it turns into code that does not compile. The
// server validates against the spec as written; only Go names and types
// come from this copy. retyped maps a component schema's property path
// ("Schema/prop") to the Go type name it must take instead of the one that
// collided; see retype.
func prepare(spec *load.Spec, doc *openapi3.T, retyped map[string]string) load.Problems {
	// lambgen serves no webhooks, and oapi-codegen declares their body types
	// while pruning the schemas those types use.
	doc.Webhooks = nil
	// Nor callbacks, whose receivers oapi-codegen declares once per
	// operation that has one: two with the same callback (Telnyx's
	// callDtmfReceived) declared it twice.
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			op.Callbacks = nil
		}
	}
	if doc.Components != nil {
		doc.Components.Callbacks = nil
	}
	dropOpaqueSchemas(doc)
	// Before the passes that read the extensions this one ignores, and
	// after the one that leaves out schemas no Go type is made of.
	unpasted := unpasteable(spec, doc)
	inlineDeepRefs(doc)
	collapseAnnotatedAllOf(doc)
	exportFieldNames(doc)
	clearFreeTextFormats(doc)
	alignAllOfAccess(doc)
	inlineSharedJSONBodies(doc)
	reserved := append(avoidReservedNames(spec, doc), nameComponents(spec, doc)...)
	hoistResponseEnums(doc)
	for path, name := range retyped {
		if s := propertySchema(doc, path); s != nil {
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions["x-go-type-name"] = name
		}
	}
	found := append(append(unpasted, reserved...), stringParams(spec, doc)...)
	found = append(found, separateParams(spec, doc)...)
	found = append(found, separateSchemaNames(spec, doc)...)
	return append(found, untypeMultiTypes(spec, doc)...)
}

// stringParams gives oapi-codegen a string schema for each parameter it
// cannot bind: one with no type (its binder refuses interface{}) or a
// oneOf or anyOf of scalars (it binds those as objects). The server still
// checks the value against the spec's schema; the handler gets the text.
func stringParams(spec *load.Spec, doc *openapi3.T) load.Problems {
	var found load.Problems
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.Operations()[method]
			for _, p := range effectiveParams(item.Parameters, op.Parameters) {
				if p.Value.Schema == nil || p.Value.Schema.Value == nil {
					continue
				}
				why := unbindable(p.Value.In, p.Value.Schema.Value)
				if why == "" {
					continue
				}
				own := *p.Value
				text := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}}
				own.Schema = text
				if _, list := scalarAlternatives(p.Value.Schema.Value); list || p.Value.Schema.Value.Type.Is(openapi3.TypeArray) {
					own.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeArray}, Items: text}}
				}
				replaceParam(op, p, &openapi3.ParameterRef{Value: &own})
				w := located(spec, p.Value.Origin, fmt.Sprintf(
					"%s parameter %q of %s %s is one oapi-codegen's binder cannot read (%s), so the handler receives it as text (checked against its schema as written)",
					p.Value.In, p.Value.Name, strings.ToUpper(method), path, why))
				w.Class = load.ParamAsString
				found = append(found, w)
			}
		}
	}
	return found
}

// unbindable says why oapi-codegen's parameter binder fails on every
// value of a schema, or "": no type at all, alternatives of scalars, a
// binary string (whose File type it never finds in a query), an array of
// binary or byte strings, or an object in a cookie (whose members it never
// converts from text).
func unbindable(in string, s *openapi3.Schema) string {
	str := func(s *openapi3.Schema, formats ...string) bool {
		return s != nil && s.Type.Is(openapi3.TypeString) && slices.Contains(formats, s.Format)
	}
	if len(valueTypes(s)) > 1 {
		return "it has several types (" + strings.Join(valueTypes(s), ", ") + ")"
	}
	if s.Type != nil && len(s.Type.Slice()) > 0 {
		switch {
		case str(s, "binary"):
			return "it is a binary string"
		case s.Type.Is(openapi3.TypeArray) && s.Items != nil && str(s.Items.Value, "binary", "byte"):
			return "it is an array of " + s.Items.Value.Format + " strings"
		case in == openapi3.ParameterInCookie && s.Type.Is(openapi3.TypeObject):
			return "it is an object in a cookie"
		}
		return ""
	}
	if len(s.Properties) > 0 || s.Items != nil || len(s.AllOf) > 0 || s.Not != nil {
		return ""
	}
	if len(s.OneOf)+len(s.AnyOf) == 0 {
		return "it has no type"
	}
	switch scalars, lists := scalarAlternatives(s); {
	case lists:
		return "it has no single type, only alternatives of scalars and of arrays of them"
	case scalars:
		return "it has no single type, only alternatives of scalars"
	}
	for _, a := range append(append([]*openapi3.SchemaRef{}, s.OneOf...), s.AnyOf...) {
		if a != nil && a.Value != nil && a.Ref == "" && (a.Value.Type.Is(openapi3.TypeObject) || a.Value.Type.Is(openapi3.TypeArray)) {
			// A union's inline members get types only in components'
			// schemas: a parameter's are named (N0, N1) and never declared
			// (PandaScore's page, an integer or an object).
			return "it has alternatives, an inline " + a.Value.Type.Slice()[0] + " among them, which it declares no types for"
		}
	}
	return ""
}

// scalarAlternatives says whether each of the oneOf and anyOf alternatives
// of s is a scalar or an array of scalars, and whether one is an array:
// oapi-codegen binds them as a union it never declares the members of
// (GitHub's has, a string or an array of strings), where an array of
// strings holds every value a parameter of them can be written as.
func scalarAlternatives(s *openapi3.Schema) (scalars, lists bool) {
	scalar := func(v *openapi3.Schema) bool {
		if v == nil || v.Type == nil || len(v.Type.Slice()) == 0 {
			return false
		}
		return !slices.Contains(v.Type.Slice(), openapi3.TypeObject) && !slices.Contains(v.Type.Slice(), openapi3.TypeArray)
	}
	for _, a := range append(append([]*openapi3.SchemaRef{}, s.OneOf...), s.AnyOf...) {
		switch {
		case a == nil || a.Value == nil:
			return false, false
		case a.Value.Type.Is(openapi3.TypeArray) && a.Value.Items != nil && scalar(a.Value.Items.Value):
			lists = true
		case !scalar(a.Value):
			return false, false
		}
	}
	return true, lists
}

// typedBody says whether oapi-codegen gives a body of this media type a Go
// type of its schema. Every other body is an io.Reader in the strict server,
// yet oapi-codegen still declares the enums of its schema for a type it
// never declares (FilterPets200XMLResponseBodyStatus).
func typedBody(mediaType string) bool {
	return util.IsMediaTypeJson(mediaType) || mediaType == "text/plain" ||
		mediaType == "application/x-www-form-urlencoded" || strings.HasPrefix(mediaType, "multipart/")
}

// dropOpaqueSchemas leaves out the schemas of bodies oapi-codegen gives
// no Go type of (see typedBody). A text/plain body of a schema other than
// a string's (Appcenter's, an object) is its text to oapi-codegen, which
// converts it to and from []byte: it gets a string's schema. The server
// checks either as the spec wrote it.
func dropOpaqueSchemas(doc *openapi3.T) {
	drop := func(c openapi3.Content) {
		for mt, m := range c {
			switch {
			case m == nil:
			case !typedBody(mt):
				m.Schema = nil
			case mt == "text/plain" && m.Schema != nil && m.Schema.Value != nil && !m.Schema.Value.Type.Is(openapi3.TypeString) &&
				(m.Schema.Value.Type != nil || len(m.Schema.Value.Properties) > 0 || m.Schema.Value.Items != nil):
				m.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}}
			}
		}
	}
	responses := func(rs map[string]*openapi3.ResponseRef) {
		for _, r := range rs {
			if r != nil && r.Value != nil {
				drop(r.Value.Content)
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				drop(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				responses(op.Responses.Map())
			}
		}
	}
	if doc.Components != nil {
		responses(doc.Components.Responses)
		for _, b := range doc.Components.RequestBodies {
			if b != nil && b.Value != nil {
				drop(b.Value.Content)
			}
		}
	}
}

// paramOrder is the order in which parameters keep their Go field name
// when two of an operation's would share one: the first keeps it, so adding
// a header never renames a query parameter the handlers already read.
var paramOrder = map[string]int{"query": 0, "header": 1, "cookie": 2}

// separateParams gives distinct Go field names to parameters that
// oapi-codegen would put into one Params struct under one name
// (query x-param and header X-Param are both XParam), and reports each new
// name where the parameter is written.
func separateParams(spec *load.Spec, doc *openapi3.T) load.Problems {
	var found load.Problems
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.Operations()[method]
			params := effectiveParams(item.Parameters, op.Parameters)
			sort.SliceStable(params, func(i, j int) bool {
				return paramOrder[params[i].Value.In] < paramOrder[params[j].Value.In]
			})
			taken := map[string]bool{}
			for _, p := range params {
				if p.Value.In == "path" {
					continue
				}
				name := codegen.SchemaNameToTypeName(p.Value.Name)
				if goName, ok := p.Value.Extensions["x-go-name"].(string); ok && goName != "" {
					name = codegen.SchemaNameToTypeName(goName)
				}
				if !taken[name] {
					taken[name] = true
					continue
				}
				renamed := name + codegen.SchemaNameToTypeName(p.Value.In)
				for i := 2; taken[renamed]; i++ {
					renamed = fmt.Sprintf("%s%s%d", name, codegen.SchemaNameToTypeName(p.Value.In), i)
				}
				taken[renamed] = true
				// The parameter may be a shared component: rename it for
				// this operation only.
				own := *p.Value
				own.Extensions = map[string]any{"x-go-name": renamed}
				for k, v := range p.Value.Extensions {
					if k != "x-go-name" {
						own.Extensions[k] = v
					}
				}
				replaceParam(op, p, &openapi3.ParameterRef{Ref: p.Ref, Value: &own})
				found = append(found, located(spec, p.Value.Origin, fmt.Sprintf(
					"%s parameter %q of %s %s is named %s in Go, as another of its parameters would be %s (give it an x-go-name to choose another)",
					p.Value.In, p.Value.Name, strings.ToUpper(method), path, renamed, name)))
			}
		}
	}
	return found
}

// effectiveParams is an operation's parameters with the path item's that
// it does not override.
func effectiveParams(shared, own openapi3.Parameters) []*openapi3.ParameterRef {
	var out []*openapi3.ParameterRef
	seen := map[string]bool{}
	for _, p := range own {
		if p != nil && p.Value != nil {
			out = append(out, p)
			seen[p.Value.In+" "+p.Value.Name] = true
		}
	}
	for _, p := range shared {
		if p != nil && p.Value != nil && !seen[p.Value.In+" "+p.Value.Name] {
			out = append(out, p)
		}
	}
	return out
}

// replaceParam swaps old for new in the operation; a path item's parameter
// becomes the operation's own, which overrides it.
func replaceParam(op *openapi3.Operation, old, new *openapi3.ParameterRef) {
	for i, p := range op.Parameters {
		if p == old {
			op.Parameters[i] = new
			return
		}
	}
	op.Parameters = append(op.Parameters, new)
}

// propertySchema finds the inline schema at "Schema/prop/prop..." below the
// component schemas.
func propertySchema(doc *openapi3.T, path string) *openapi3.Schema {
	if doc.Components == nil {
		return nil
	}
	parts := strings.Split(path, "/")
	ref := doc.Components.Schemas[parts[0]]
	for _, p := range parts[1:] {
		if ref == nil || ref.Value == nil {
			return nil
		}
		ref = ref.Value.Properties[p]
	}
	if ref == nil || ref.Ref != "" {
		return nil
	}
	return ref.Value
}

// located is a warning at an origin of the prepared copy, which was read
// from the same files as the spec.
func located(spec *load.Spec, o *openapi3.Origin, msg string) load.Problem {
	p := load.Problem{File: spec.Path, Line: 1, Column: 1, Class: load.GoName, Message: msg}
	if o != nil && o.Key != nil && o.Key.Line > 0 {
		p.File, p.Line, p.Column = spec.FileOf(o.Key), o.Key.Line, o.Key.Column
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package load

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// This file holds the work-arounds behind the warnings: each repairs the
// document the way its intent is unambiguous, and says so with a location.

// strayCallbackFields renames, in the source, a callback's fields that are
// not runtime expressions (description: ..., summary: ...) to extensions.
// kin-openapi would fail to decode them as path items, and lambgen does not
// serve callbacks anyway. Renaming in place keeps every position.
func strayCallbackFields(path string, src []byte, top *yaml.Node) ([]byte, Problems) {
	var ps Problems
	var keys []*yaml.Node
	each := func(callbacks *yaml.Node) {
		if callbacks == nil || callbacks.Kind != yaml.MappingNode {
			return
		}
		for i := 1; i < len(callbacks.Content); i += 2 {
			cb := callbacks.Content[i]
			if cb.Kind != yaml.MappingNode || mapValue(cb, "$ref") != nil {
				continue
			}
			for j := 0; j+1 < len(cb.Content); j += 2 {
				k, v := cb.Content[j], cb.Content[j+1]
				if strings.HasPrefix(k.Value, "x-") || v.Kind == yaml.MappingNode || v.Kind == yaml.AliasNode {
					continue
				}
				keys = append(keys, k)
				ps = append(ps, Problem{File: path, Line: k.Line, Column: k.Column, Class: CallbackStrayField,
					Message: fmt.Sprintf("callback %q: field %q is not a runtime expression with a path item (want keys such as '{$request.body#/url}'); ignored", callbacks.Content[i-1].Value, k.Value)})
			}
		}
	}
	eachOperation(top, func(_, _ string, op *yaml.Node) { each(mapValue(op, "callbacks")) })
	each(mapValue(mapValue(top, "components"), "callbacks"))
	return prefixKeys(src, keys), ps
}

// prefixKeys renames each key in the source to x-<key>, from the last, so
// that the earlier keys' positions stay valid.
func prefixKeys(src []byte, keys []*yaml.Node) []byte { return prefixKeysWith(src, keys, "x-") }

// prefixKeysWith puts prefix before each key in the source; only columns
// later on a key's own line move.
func prefixKeysWith(src []byte, keys []*yaml.Node, prefix string) []byte {
	if len(keys) == 0 {
		return src
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].Line > keys[j].Line || keys[i].Line == keys[j].Line && keys[i].Column > keys[j].Column
	})
	out := append([]byte{}, src...)
	for _, k := range keys {
		off := offsetOf(out, k.Line, k.Column)
		if off < 0 {
			continue
		}
		if out[off] == '"' || out[off] == '\'' {
			off++
		}
		out = append(out[:off], append([]byte(prefix), out[off:]...)...)
	}
	return out
}

// offsetOf is the byte offset of a 1-based line and character column.
func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		if off >= len(src) || src[off] == '\n' {
			return -1
		}
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	if off >= len(src) {
		return -1
	}
	return off
}

var methods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true, "query": true}

func eachOperation(top *yaml.Node, visit func(path, method string, op *yaml.Node)) {
	paths := mapValue(top, "paths")
	if paths == nil || paths.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := paths.Content[i+1]
		if item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			if methods[item.Content[j].Value] {
				visit(paths.Content[i].Value, item.Content[j].Value, item.Content[j+1])
			}
		}
	}
}

// notServed names each webhook and callback: lambgen generates handlers
// for paths only, so a spec that relies on them should know.
func notServed(path string, top *yaml.Node) Problems {
	var ps Problems
	if hooks := mapValue(top, "webhooks"); hooks != nil && hooks.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(hooks.Content); i += 2 {
			k := hooks.Content[i]
			ps = append(ps, Problem{File: path, Line: k.Line, Column: k.Column, Class: NotServed,
				Message: fmt.Sprintf("webhook %q is not served: lambgen generates handlers for paths only (want it under paths to serve it)", k.Value)})
		}
	}
	eachOperation(top, func(p, method string, op *yaml.Node) {
		cbs := mapValue(op, "callbacks")
		if cbs == nil || cbs.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(cbs.Content); i += 2 {
			k := cbs.Content[i]
			ps = append(ps, Problem{File: path, Line: k.Line, Column: k.Column, Class: NotServed,
				Message: fmt.Sprintf("callback %q of %s %s is not made: lambgen generates the server, and calling back is the handler's job", k.Value, strings.ToUpper(method), p)})
		}
	})
	return ps
}

// refSiblings reports fields next to a $ref that OpenAPI 3.0 ignores, and
// so does the code generated from it. Documentation siblings are accepted
// silently: ignoring them changes nothing.
func refSiblings(path string, top *yaml.Node) Problems {
	var ps Problems
	// names is set for a mapping of property names to schemas, where a
	// property may be called $ref (Kubernetes' JSONSchemaProps).
	var walk func(n *yaml.Node, names bool)
	walk = func(n *yaml.Node, names bool) {
		if n.Kind == yaml.MappingNode {
			hasRef := !names && mapValue(n, "$ref") != nil
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				if !names && (literal[k] || strings.HasPrefix(k, "x-")) {
					continue
				}
				if hasRef && k != "$ref" && !docSibling[k] {
					ps = append(ps, Problem{File: path, Line: n.Content[i].Line, Column: n.Content[i].Column, Class: RefSibling,
						Message: fmt.Sprintf("%q next to $ref is ignored in OpenAPI 3.0, and by the generated code (want it in the referenced schema, or allOf: [{$ref: ...}, {%s: ...}])", k, k)})
				}
				walk(n.Content[i+1], !names && (k == "properties" || k == "patternProperties"))
			}
			return
		}
		for _, c := range n.Content {
			walk(c, false)
		}
	}
	walk(top, false)
	return ps
}

// literal keys hold values, not OpenAPI objects: a "$ref" inside them is data.
var literal = map[string]bool{"example": true, "examples": true, "default": true, "enum": true, "const": true}

var docSibling = map[string]bool{"description": true, "summary": true, "example": true, "examples": true, "title": true}

// unquotedNulls reads a type list's YAML null (type: [string, null], which
// YAML reads as no value and kin-openapi as the type "") as "null", the
// type its author wrote: ogen's nullable type lists.
func unquotedNulls(path string, doc *openapi3.T) Problems {
	var ps Problems
	eachSchema(doc, func(s *openapi3.Schema) {
		if s.Type == nil || len(s.Type.Slice()) < 2 || !slices.Contains(s.Type.Slice(), "") {
			return
		}
		ts := slices.Clone(s.Type.Slice())
		for i, t := range ts {
			if t == "" {
				ts[i] = openapi3.TypeNull
			}
		}
		s.Type = (*openapi3.Types)(&ts)
		p := Problem{File: path, Class: UnquotedNull, Message: "a type list holds null unquoted, which YAML reads as no value (want 'null' quoted); read as the type null"}
		if s.Origin != nil && s.Origin.Key != nil {
			p.Line, p.Column = s.Origin.Key.Line, s.Origin.Key.Column
			if f := s.Origin.Key.File; f != "" {
				p.File = f
			}
		}
		ps = append(ps, p)
	})
	return ps
}

// arraysWithoutItems gives an array schema that lacks items the items an
// array of anything has, which is what oapi-codegen generates for it
// ([]interface{}), so that validation goes on and the model sees the same.
func arraysWithoutItems(path string, doc *openapi3.T) Problems {
	var ps Problems
	eachSchema(doc, func(s *openapi3.Schema) {
		if s.Type == nil || !s.Type.Is("array") || s.Items != nil {
			return
		}
		if _, tuple := s.Extensions["x-items"]; tuple {
			// Its items were a list, renamed and reported as tuple-items.
			s.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
			return
		}
		p := Problem{File: path, Class: ArrayWithoutItems,
			Message: "array schema has no items (want items: {...}); read as an array of any values"}
		if s.Origin != nil && s.Origin.Key != nil {
			p.Line, p.Column = s.Origin.Key.Line, s.Origin.Key.Column
			if f := s.Origin.Key.File; f != "" {
				p.File = f // a file of a split spec, named as problems name it by relabel
			}
		}
		ps = append(ps, p)
		s.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
	})
	return ps
}

// dropSamples removes the examples and defaults validation found invalid:
// the model uses them as sample values in generated tests, which would then
// send what the validator refuses.
func dropSamples(doc *openapi3.T, bad map[*openapi3.Origin]string) {
	if len(bad) == 0 {
		return
	}
	eachSchema(doc, func(s *openapi3.Schema) {
		if s.Origin == nil {
			return
		}
		switch bad[s.Origin] {
		case "example":
			s.Example = nil
		case "default":
			s.Default = nil
		}
	})
	eachParameter(doc, func(p *openapi3.Parameter) {
		if p.Origin != nil && bad[p.Origin] == "example" {
			p.Example = nil
		}
	})
}

func eachParameter(doc *openapi3.T, visit func(*openapi3.Parameter)) {
	if doc.Components != nil {
		for _, p := range doc.Components.Parameters {
			if p != nil && p.Value != nil {
				visit(p.Value)
			}
		}
	}
	if doc.Paths == nil {
		return
	}
	for _, item := range doc.Paths.Map() {
		for _, p := range item.Parameters {
			if p != nil && p.Value != nil {
				visit(p.Value)
			}
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p != nil && p.Value != nil {
					visit(p.Value)
				}
			}
		}
	}
}

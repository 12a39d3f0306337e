package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Repairs of the source that kin-openapi could not read otherwise. Each
// renames or rewrites in place, so that every other position stays, and
// says what it did with a location.

// schemaExamplesMaps renames, in the source, a schema's examples written as
// a map (as a media type's are) to x-examples: a schema's examples are a
// list (OpenAPI 3.1; 3.0 schemas have only example), kin-openapi cannot
// decode the map, and examples are documentation only. So is a pattern
// that is no string (api.video's pattern: 0) renamed, and not checked,
// and items written as a list (a tuple): the array is then one of any
// values, as one without items is.
func schemaExamplesMaps(path string, src []byte, top *yaml.Node) ([]byte, Problems) {
	var ps Problems
	var keys []*yaml.Node
	walkSpecYAML(top, func(k, v *yaml.Node, schema bool) bool {
		var p *Problem
		switch {
		case !schema:
		case k.Value == "examples" && v.Kind == yaml.MappingNode:
			p = &Problem{Class: ExampleMismatch, Message: "a schema's examples are written as a map (want a list, as OpenAPI 3.1 has them, or example); ignored, as examples are documentation"}
		case k.Value == "items" && v.Kind == yaml.SequenceNode:
			p = &Problem{Class: TupleItems, Message: "items is a list of schemas, a tuple, which OpenAPI 3.0 has no way to write (want one schema, or prefixItems in OpenAPI 3.1); read as an array of any values"}
		case k.Value == "pattern" && v.Kind == yaml.ScalarNode && v.Tag != "!!str":
			p = &Problem{Class: PatternUnsupported, Message: fmt.Sprintf("a pattern written as %s, not as a regular expression's text (want a string); not checked", v.Value)}
		}
		if p == nil {
			return false
		}
		p.File, p.Line, p.Column = path, k.Line, k.Column
		keys = append(keys, k)
		ps = append(ps, *p)
		return true
	})
	return prefixKeys(src, keys), ps
}

// sampleData are the keys whose values are data, not the document's.
var sampleData = map[string]bool{"example": true, "examples": true, "default": true, "enum": true, "const": true}

// walkSpecYAML visits every mapping entry of the document outside sample
// data and extensions, and says whether the mapping it is in is a schema:
// a key such as content or items means one thing in a schema and another
// outside (GitHub's schemas have properties named content). visit returns
// true when it has dealt with an entry, so that the walk does not go into
// its value. Inside a schema, only keys that hold schemas (the bundler's
// schemaOne, schemaNamed, schemaMany) are walked.
func walkSpecYAML(top *yaml.Node, visit func(k, v *yaml.Node, schema bool) bool) {
	var walk func(n *yaml.Node, schema bool)
	walk = func(n *yaml.Node, schema bool) {
		switch n.Kind {
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case visit(k, v, schema), sampleData[k.Value], strings.HasPrefix(k.Value, "x-"):
				case k.Value == "schema" || schemaOne[k.Value]:
					walk(v, true)
				case k.Value == "schemas" || schemaNamed[k.Value]:
					for j := 1; j < len(v.Content); j += 2 {
						walk(v.Content[j], true)
					}
				case schemaMany[k.Value]:
					for _, c := range v.Content {
						walk(c, true)
					}
				case !schema:
					walk(v, false)
				}
			}
		}
	}
	walk(top, false)
}

// plusAsSpaceRefs rewrites, in the source, a local $ref whose pointer
// reaches nothing but would with each + read as a space (Mermade's
// with+space for the property 'with space'), as form encoding writes
// spaces: the + becomes %20, which is what the pointer means.
func plusAsSpaceRefs(path string, src []byte, top *yaml.Node) ([]byte, Problems) {
	var ps Problems
	var fix []*yaml.Node
	walkRefs(top, func(n *yaml.Node) {
		frag, ok := strings.CutPrefix(n.Value, "#")
		if !ok || !strings.Contains(frag, "+") || pointer(top, unescaped(frag)) != nil {
			return
		}
		if pointer(top, strings.ReplaceAll(unescaped(frag), "+", " ")) == nil {
			return
		}
		fix = append(fix, n)
		ps = append(ps, Problem{File: path, Line: n.Line, Column: n.Column, Class: RefPlusSpace,
			Message: fmt.Sprintf("$ref %q: nothing is at that pointer, but there is with each + read as a space, as form encoding writes one (want %%20 for a space in a JSON pointer); read so", n.Value)})
	})
	if len(fix) == 0 {
		return src, nil
	}
	sort.Slice(fix, func(i, j int) bool { return fix[i].Line > fix[j].Line })
	out := append([]byte{}, src...)
	for _, n := range fix {
		off := offsetOf(out, n.Line, n.Column)
		if off < 0 {
			continue
		}
		end := bytes.IndexByte(out[off:], '\n')
		if end < 0 {
			end = len(out) - off
		}
		// Only this line changes, and only after the $ref's own text.
		line := string(out[off : off+end])
		hash := strings.IndexByte(line, '#')
		if hash < 0 {
			continue
		}
		fixed := line[:hash] + strings.ReplaceAll(line[hash:], "+", "%20")
		out = append(out[:off], append([]byte(fixed), out[off+end:]...)...)
	}
	return out, ps
}

func unescaped(frag string) string {
	if u, err := url.PathUnescape(frag); err == nil {
		return u
	}
	return frag
}

// mediaTypeKeywordPrefix marks the schema keywords found on a media type,
// so that mediaTypeSchemas can make them its schema after loading.
const mediaTypeKeywordPrefix = "x-lambgen-schema-"

// schemaKeywords are the keys that, on a media type with no schema, can
// only be its schema's.
var schemaKeywords = map[string]bool{"type": true, "format": true, "items": true, "properties": true, "enum": true,
	"pattern": true, "minLength": true, "maxLength": true, "minimum": true, "maximum": true, "nullable": true,
	"additionalProperties": true, "oneOf": true, "anyOf": true, "allOf": true, "minItems": true, "maxItems": true}

// mediaTypeKeywords renames, in the source, schema keywords written on a
// media type that has no schema (text/plain: {type: string}), which
// kin-openapi refuses as unknown fields: the schema they describe is not
// in doubt, and mediaTypeSchemas gives it to the media type.
func mediaTypeKeywords(path string, src []byte, top *yaml.Node) ([]byte, Problems) {
	var ps Problems
	var keys []*yaml.Node
	mediaTypes := func(v *yaml.Node) {
		for j := 1; j < len(v.Content); j += 2 {
			mt := v.Content[j]
			if mt.Kind != yaml.MappingNode || mapValue(mt, "schema") != nil || mapValue(mt, "$ref") != nil {
				continue
			}
			var found []string
			for l := 0; l+1 < len(mt.Content); l += 2 {
				if kw := mt.Content[l]; schemaKeywords[kw.Value] {
					keys = append(keys, kw)
					found = append(found, kw.Value)
				}
			}
			if len(found) > 0 {
				at := v.Content[j-1]
				ps = append(ps, Problem{File: path, Line: at.Line, Column: at.Column, Class: MediaTypeKeyword,
					Message: fmt.Sprintf("media type %q has no schema but the schema keywords %s (want them under schema:); read as its schema", at.Value, strings.Join(found, ", "))})
			}
		}
	}
	// Only a content map outside schemas is one of media types.
	walkSpecYAML(top, func(k, v *yaml.Node, schema bool) bool {
		if !schema && k.Value == "content" && v.Kind == yaml.MappingNode {
			mediaTypes(v)
		}
		return false
	})
	return prefixKeysWith(src, keys, mediaTypeKeywordPrefix), ps
}

// mediaTypeSchemas gives each media type the schema mediaTypeKeywords
// found written on it.
func mediaTypeSchemas(doc *openapi3.T) {
	fix := func(c openapi3.Content) {
		for _, m := range c {
			if m == nil || m.Schema != nil {
				continue
			}
			kw := map[string]any{}
			for k, v := range m.Extensions {
				if name, ok := strings.CutPrefix(k, mediaTypeKeywordPrefix); ok {
					kw[name] = v
					delete(m.Extensions, k)
				}
			}
			if len(kw) == 0 {
				continue
			}
			var s openapi3.Schema
			if js, err := json.Marshal(kw); err == nil && json.Unmarshal(js, &s) == nil {
				m.Schema = &openapi3.SchemaRef{Value: &s}
			}
		}
	}
	eachContent(doc, fix)
}

// templateVariable is one {…} of a path template, with RFC 6570's operator
// and explode modifier, which OpenAPI does not use: a parameter's style
// and explode say how its value is written.
var templateVariable = regexp.MustCompile(`\{([.;+#/?&]?)([^{}*]+)(\*?)\}`)

// pathOperators reads a path template's {.id}, {;id} and {id*} as {id}
// when id is a path parameter the path declares (oapi-codegen's
// round-trip spec writes its label and matrix paths so); kin-openapi
// finds no parameter ".id" for them. top, when given, locates the
// warnings.
func pathOperators(path string, doc *openapi3.T, top *yaml.Node) Problems {
	if doc.Paths == nil {
		return nil
	}
	var ps Problems
	for _, key := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(key)
		if item == nil || !strings.Contains(key, "{") {
			continue
		}
		declared := map[string]bool{}
		for _, p := range item.Parameters {
			if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInPath {
				declared[p.Value.Name] = true
			}
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInPath {
					declared[p.Value.Name] = true
				}
			}
		}
		changed, known := false, true
		plain := templateVariable.ReplaceAllStringFunc(key, func(v string) string {
			m := templateVariable.FindStringSubmatch(v)
			if m[1] == "" && m[3] == "" {
				return v
			}
			changed = true
			known = known && declared[m[2]]
			return "{" + m[2] + "}"
		})
		if !changed || !known || doc.Paths.Value(plain) != nil {
			continue
		}
		doc.Paths.Delete(key)
		doc.Paths.Set(plain, item)
		if at := mapKey(mapValue(top, "paths"), key); at != nil {
			ps = append(ps, Problem{File: path, Line: at.Line, Column: at.Column, Class: PathOperator,
				Message: fmt.Sprintf("path %q writes its parameters with RFC 6570 operators, which OpenAPI paths do not have (want {name}, and the parameter's style and explode); read as %q", key, plain)})
		}
	}
	return ps
}

// unusedRemoteComponents comments out, in the source, a component that is
// nothing but a remote $ref and that nothing uses: no $ref names it and,
// for a security scheme, no security requirement. Fetching it would be
// the only reason to refuse the spec, and it changes no generated line. A
// remote $ref that is used is still refused, as a build must not fetch.
// Only a block-style entry is cut, one whole line at a time.
func unusedRemoteComponents(path string, src []byte, top *yaml.Node) ([]byte, Problems) {
	comps := mapValue(top, "components")
	if comps == nil || comps.Kind != yaml.MappingNode || comps.Style == yaml.FlowStyle {
		return src, nil
	}
	used := map[string]bool{}
	walkRefs(top, func(n *yaml.Node) { used[n.Value] = true })
	var names func(n *yaml.Node)
	names = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "security" && n.Content[i+1].Kind == yaml.SequenceNode {
					for _, req := range n.Content[i+1].Content {
						for j := 0; j+1 < len(req.Content); j += 2 {
							used["#/components/securitySchemes/"+req.Content[j].Value] = true
						}
					}
				}
			}
		}
		for _, c := range n.Content {
			names(c)
		}
	}
	names(top)
	var ps Problems
	var lines [][2]int
	for i := 0; i+1 < len(comps.Content); i += 2 {
		section, entries := comps.Content[i].Value, comps.Content[i+1]
		if entries.Kind != yaml.MappingNode || entries.Style == yaml.FlowStyle {
			continue
		}
		for j := 0; j+1 < len(entries.Content); j += 2 {
			k, v := entries.Content[j], entries.Content[j+1]
			ref := mapValue(v, "$ref")
			if v.Kind != yaml.MappingNode || len(v.Content) != 2 || ref == nil || !strings.Contains(ref.Value, "://") ||
				used["#/components/"+section+"/"+k.Value] || ref.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				continue
			}
			lines = append(lines, [2]int{k.Line, ref.Line})
			ps = append(ps, Problem{File: path, Line: ref.Line, Column: ref.Column, Class: RemoteRefUnused,
				Message: fmt.Sprintf("remote $ref is not followed: %s; nothing uses components/%s/%s, so it is left out (download it and $ref the local copy to keep it)", ref.Value, section, k.Value)})
		}
	}
	if len(lines) == 0 {
		return src, nil
	}
	out := append([]byte{}, src...)
	for i := len(lines) - 1; i >= 0; i-- {
		for l := lines[i][1]; l >= lines[i][0]; l-- {
			if off := offsetOf(out, l, 1); off >= 0 {
				out = append(out[:off], append([]byte("#"), out[off:]...)...)
			}
		}
	}
	return out, ps
}

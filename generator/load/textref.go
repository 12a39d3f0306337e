package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Split specs written for Redocly often put a $ref where OpenAPI allows
// none, most of all `description: {$ref: ./intro.md}`. kin-openapi cannot
// decode an object where it wants a string, so such a $ref is replaced in
// the source by the text it names, keeping every other token's position.

// textFields are the string-valued fields a $ref is found in. A key of the
// same name inside a map of names (a property called "description") is a
// schema, not text, and is left to the loader.
var textFields = map[string]bool{"description": true, "summary": true, "title": true}

// nameMaps are the fields whose keys are user-chosen names.
var nameMaps = map[string]bool{
	"properties": true, "patternProperties": true, "definitions": true, "$defs": true, "dependentSchemas": true,
	"schemas": true, "parameters": true, "responses": true, "headers": true, "examples": true, "requestBodies": true,
	"securitySchemes": true, "links": true, "callbacks": true, "pathItems": true, "encoding": true, "content": true,
	"variables": true, "mapping": true, "webhooks": true, "paths": true,
}

type splice struct {
	start, end int
	text       string
}

// inlineTextRefs replaces each $ref whose target is text (a non-YAML file,
// or a string inside a YAML or JSON file) by that text. A $ref in a text
// field that reaches no text becomes an empty string and a warning: it
// documents, so it is never worth refusing a spec for.
func (s *sources) inlineTextRefs(abs string, src []byte, root *yaml.Node) ([]byte, Problems) {
	name := s.display(abs)
	var ps Problems
	var edits []splice
	var walk func(n *yaml.Node, inNames bool)
	walk = func(n *yaml.Node, inNames bool) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				ref := soleRef(v)
				if ref == nil {
					walk(v, !inNames && nameMaps[k.Value])
					continue
				}
				isText := textFields[k.Value] && !inNames
				text, why := s.refText(abs, root, ref.Value)
				if why != "" && !isText {
					continue
				}
				if why != "" {
					ps = append(ps, Problem{File: name, Line: ref.Line, Column: ref.Column, Class: TextRef,
						Message: fmt.Sprintf("%s: $ref %q reaches no text (%s); OpenAPI allows no $ref here, want the text itself or a $ref to a text file; left empty", k.Value, ref.Value, why)})
				}
				if e, ok := spliceFor(src, v, text); ok {
					edits = append(edits, e)
				}
			}
		}
	}
	walk(root, false)
	if len(edits) == 0 {
		return src, ps
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := append([]byte{}, src...)
	for _, e := range edits {
		out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	return out, ps
}

// soleRef is the value of a mapping's only key when that key is $ref.
func soleRef(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 || n.Content[0].Value != "$ref" || n.Content[1].Kind != yaml.ScalarNode {
		return nil
	}
	return n.Content[1]
}

// refText reads the text a $ref names; why says what it reached instead.
func (s *sources) refText(abs string, root *yaml.Node, ref string) (text, why string) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", "not a URI reference"
	}
	if u.Scheme != "" && u.Scheme != "file" || u.Host != "" {
		return "", "a remote $ref is not followed"
	}
	target := root
	if u.Path != "" {
		p := filepath.Join(filepath.Dir(abs), filepath.FromSlash(u.Path))
		if filepath.IsAbs(filepath.FromSlash(u.Path)) {
			p = filepath.FromSlash(u.Path)
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".yaml", ".yml", ".json":
			doc, prob := s.node(p)
			if prob != nil {
				return "", prob.Message
			}
			target = doc
		default:
			if u.Fragment != "" {
				return "", "a fragment of a text file"
			}
			if f := s.files[p]; f != nil {
				return string(f.data), ""
			}
			data, err := readRegular(p)
			if err != nil {
				return "", s.readError(p, err)
			}
			s.files[p] = &sourceFile{abs: p, data: data}
			return string(data), ""
		}
	}
	n := pointer(target, u.Fragment)
	switch {
	case n == nil:
		return "", "nothing at #" + u.Fragment
	case n.Kind != yaml.ScalarNode:
		return "", "an object or a list"
	}
	return n.Value, ""
}

// pointer follows a JSON pointer from a document node.
func pointer(n *yaml.Node, frag string) *yaml.Node {
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if frag == "" || frag == "/" {
		return n
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch {
		case n == nil:
			return nil
		case n.Kind == yaml.MappingNode:
			n = mapValue(n, tok)
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}

// spliceFor is the edit that replaces the mapping m, which holds only a
// $ref, by text as a double-quoted scalar. Line breaks inside the mapping
// are kept after it, so every later token keeps its line and column.
func spliceFor(src []byte, m *yaml.Node, text string) (splice, bool) {
	val := m.Content[1]
	start := offsetOf(src, m.Content[0].Line, m.Content[0].Column)
	flow := m.Style&yaml.FlowStyle != 0
	if flow {
		start = offsetOf(src, m.Line, m.Column)
	}
	end := scalarEnd(src, offsetOf(src, val.Line, val.Column), flow)
	if start < 0 || end < 0 {
		return splice{}, false
	}
	if flow {
		i := end
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
			i++
		}
		if i >= len(src) || src[i] != '}' {
			return splice{}, false
		}
		end = i + 1
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(text); err != nil {
		return splice{}, false
	}
	repl := strings.TrimSuffix(buf.String(), "\n")
	if breaks := bytes.Count(src[start:end], []byte("\n")); breaks > 0 {
		_, col := lineCol(src, end)
		repl += strings.Repeat("\n", breaks) + strings.Repeat(" ", col-1)
	}
	return splice{start: start, end: end, text: repl}, true
}

// scalarEnd is the offset just past the scalar that starts at off.
func scalarEnd(src []byte, off int, flow bool) int {
	if off < 0 || off >= len(src) {
		return -1
	}
	switch src[off] {
	case '"':
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return -1
	case '\'':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return -1
	}
	i := off
	for i < len(src) && src[i] != '\n' && src[i] != '\r' && !(flow && (src[i] == ',' || src[i] == '}' || src[i] == ']')) {
		if src[i] == '#' && i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
			break
		}
		i++
	}
	for i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	return i
}

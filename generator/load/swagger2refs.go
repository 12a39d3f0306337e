package load

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Swagger 2.0 has no loader that follows external $refs, and its converter
// keeps them as they are, so a split 2.0 spec is made one document first,
// in YAML, before it is converted. A definition, parameter or response
// that another file defines joins the root's section of that name; a
// whole-file $ref in a schema position becomes a definition named after the
// file; anything else (a path item, an inline parameter) is copied in
// place. Local $refs inside a copied part are read against its own file.

type bundler2 struct {
	s        *sources
	top      *yaml.Node // the root's top mapping
	names    map[string]string
	taken    map[string]bool
	inlining map[string]bool
	problems Problems
}

var sectionRef = regexp.MustCompile(`^/(definitions|parameters|responses)/([^/]+)$`)

// bundleSwagger2 rewrites top in place; the problems name the file, line
// and column of each $ref that cannot be followed.
func bundleSwagger2(s *sources, top *yaml.Node) Problems {
	b := &bundler2{s: s, top: top, names: map[string]string{}, taken: map[string]bool{}, inlining: map[string]bool{}}
	for _, sec := range []string{"definitions", "parameters", "responses"} {
		if m := mapValue(top, sec); m != nil && m.Kind == yaml.MappingNode {
			for i := 0; i < len(m.Content); i += 2 {
				b.taken[sec+"/"+m.Content[i].Value] = true
			}
		}
	}
	// A root entry that is only a $ref to another file takes that file's
	// content, so the definition keeps the root's name and is not copied
	// twice.
	for _, sec := range []string{"definitions", "parameters", "responses"} {
		m := mapValue(top, sec)
		if m == nil || m.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if r := soleRef(m.Content[i+1]); r != nil && !strings.HasPrefix(r.Value, "#") {
				if t, file, key := b.resolve(r, s.rootAbs); t != nil {
					b.names[key] = "#/" + sec + "/" + m.Content[i].Value
					part := deepCopy(t)
					b.walk(part, file, sec == "definitions", false)
					m.Content[i+1] = part
				}
			}
		}
	}
	b.walk(top, s.rootAbs, false, false)
	return b.problems
}

// schemaKeys are the fields whose value is a schema, and schemaLists
// those whose value is a list or a map of schemas.
var (
	schemaKeys  = map[string]bool{"schema": true, "items": true, "additionalProperties": true, "not": true}
	schemaLists = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "properties": true, "definitions": true, "patternProperties": true}
)

// walk follows n; isSchema says n is in a schema position, names that
// n's keys are names (paths, responses...), not fields.
func (b *bundler2) walk(n *yaml.Node, file string, isSchema, names bool) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			b.walk(c, file, isSchema, false)
		}
	case yaml.MappingNode:
		if ref := refValue(n); ref != nil {
			b.ref(n, ref, file, isSchema)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if r := soleRef(v); r != nil && textFields[k.Value] && !names {
				b.text(v, r, file, k.Value)
				continue
			}
			switch {
			case schemaKeys[k.Value] && v.Kind == yaml.MappingNode:
				b.walk(v, file, true, false)
			case schemaLists[k.Value] && (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode):
				b.walkEach(v, file)
			default:
				b.walk(v, file, false, !names && nameMaps[k.Value])
			}
		}
	}
}

func (b *bundler2) walkEach(n *yaml.Node, file string) {
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			b.walk(c, file, true, false)
		}
		return
	}
	for i := 1; i < len(n.Content); i += 2 {
		b.walk(n.Content[i], file, true, false)
	}
}

func refValue(n *yaml.Node) *yaml.Node {
	if v := mapValue(n, "$ref"); v != nil && v.Kind == yaml.ScalarNode {
		return v
	}
	return nil
}

// text replaces a $ref in a text field by the text it names.
func (b *bundler2) text(m, ref *yaml.Node, file, field string) {
	text, why := b.s.refText(file, b.s.files[file].root, ref.Value)
	if why != "" {
		b.problems = append(b.problems, Problem{File: b.s.display(file), Line: ref.Line, Column: ref.Column, Class: TextRef,
			Message: fmt.Sprintf("%s: $ref %q reaches no text (%s); OpenAPI allows no $ref here, want the text itself or a $ref to a text file; left empty", field, ref.Value, why)})
	}
	*m = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text, Line: m.Line, Column: m.Column}
}

func (b *bundler2) problem(file string, at *yaml.Node, class Class, format string, args ...any) {
	b.problems = append(b.problems, Problem{File: b.s.display(file), Line: at.Line, Column: at.Column, Class: class, Message: fmt.Sprintf(format, args...)})
}

func (b *bundler2) ref(n, ref *yaml.Node, file string, isSchema bool) {
	if strings.HasPrefix(ref.Value, "#") && file == b.s.rootAbs {
		return
	}
	t, target, key := b.resolve(ref, file)
	if t == nil {
		return
	}
	if target == b.s.rootAbs {
		ref.Value = "#" + key[strings.Index(key, "#")+1:]
		return
	}
	_, frag, _ := strings.Cut(key, "#")
	u := &url.URL{Fragment: frag}
	sec, name := "", ""
	if m := sectionRef.FindStringSubmatch(u.Fragment); m != nil {
		sec, name = m[1], m[2]
	} else if isSchema {
		sec, name = "definitions", strings.TrimSuffix(filepath.Base(target), filepath.Ext(target))
		if u.Fragment != "" {
			name = u.Fragment[strings.LastIndex(u.Fragment, "/")+1:]
		}
	}
	if sec == "" {
		b.inline(n, t, ref, key, file, target)
		return
	}
	if got, ok := b.names[key]; ok {
		ref.Value = got
		return
	}
	name = b.free(sec, name, target)
	ref.Value = "#/" + sec + "/" + name
	b.names[key] = ref.Value
	part := deepCopy(t)
	b.walk(part, target, sec == "definitions", false)
	secNode := mapValue(b.top, sec)
	if secNode == nil {
		secNode = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		b.top.Content = append(b.top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sec}, secNode)
	}
	secNode.Content = append(secNode.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, part)
}

// resolve finds the node a $ref in file names, the file it is in and a key
// for it; a nil node means a problem was recorded. A $ref into the root
// returns the root's top node, unresolved: the converter follows it.
func (b *bundler2) resolve(ref *yaml.Node, file string) (*yaml.Node, string, string) {
	u, err := url.Parse(ref.Value)
	if err != nil {
		b.problem(file, ref, BadRef, "$ref %q is not a URI reference (want a path such as definitions.yaml#/Pet)", ref.Value)
		return nil, "", ""
	}
	if u.Scheme != "" && u.Scheme != "file" || u.Host != "" {
		b.problem(file, ref, RemoteRef, "%s: %s (download it and $ref the local copy)", errRemoteRef, ref.Value)
		return nil, "", ""
	}
	target := file
	if u.Path != "" {
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
		if filepath.IsAbs(filepath.FromSlash(u.Path)) {
			target = filepath.Clean(filepath.FromSlash(u.Path))
		}
	}
	key := target + "#" + u.Fragment
	if target == b.s.rootAbs {
		return b.top, target, key
	}
	doc, p := b.s.node(target)
	if p != nil {
		p.Message = fmt.Sprintf("$ref %q: %s", ref.Value, p.Message)
		if p.Line == 0 {
			p.File, p.Line, p.Column = b.s.display(file), ref.Line, ref.Column
		}
		b.problems = append(b.problems, *p)
		return nil, "", ""
	}
	t := pointer(doc, u.Fragment)
	if t == nil {
		b.problem(file, ref, BadRef, "$ref %q: %s has nothing at #%s (want a JSON pointer to a definition, such as #/definitions/Pet)", ref.Value, b.s.display(target), u.Fragment)
		return nil, "", ""
	}
	return t, target, key
}

// free is name, or, when the root or another file already has it, the name
// qualified by the file's base name, then numbered.
func (b *bundler2) free(sec, name, file string) string {
	clean := func(s string) string { return regexp.MustCompile(`[^A-Za-z0-9._-]`).ReplaceAllString(s, "_") }
	name = clean(name)
	if !b.taken[sec+"/"+name] {
		b.taken[sec+"/"+name] = true
		return name
	}
	long := clean(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))) + "_" + name
	cand := long
	for i := 2; b.taken[sec+"/"+cand]; i++ {
		cand = long + "_" + strconv.Itoa(i)
	}
	b.taken[sec+"/"+cand] = true
	return cand
}

func (b *bundler2) inline(n, t, ref *yaml.Node, key, file, target string) {
	if b.inlining[key] {
		b.problem(file, ref, BadRef, "$ref %q refers back to itself through %s (want a definition, which may be recursive, or no cycle)", ref.Value, b.s.display(target))
		return
	}
	b.inlining[key] = true
	defer delete(b.inlining, key)
	part := deepCopy(t)
	b.walk(part, target, false, false)
	*n = *part
}

func deepCopy(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = deepCopy(k)
	}
	return &c
}

// node reads a referenced file as a YAML tree, once.
func (s *sources) node(abs string) (*yaml.Node, *Problem) {
	if f := s.files[abs]; f != nil && f.root != nil {
		return f.root, nil
	}
	data, err := readRegular(abs)
	if err != nil {
		return nil, &Problem{Class: BadRef, Message: s.readError(abs, err)}
	}
	f := &sourceFile{abs: abs, data: data}
	s.files[abs] = f
	src := data
	if isJSON(abs, src) {
		js, p := fromJSON(s.display(abs), src)
		if p != nil {
			return nil, p
		}
		src = js
	}
	root, p := parseYAML(s.display(abs), src)
	if p != nil {
		return nil, p
	}
	f.root = root
	return root, nil
}

// stringKeys turns the maps YAML gives for keys written as numbers or
// booleans (responses' 200: unquoted) into the string-keyed maps JSON has.
func stringKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = stringKeys(e)
		}
		return v
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fmt.Sprint(k)] = stringKeys(e)
		}
		return out
	case []any:
		for i, e := range v {
			v[i] = stringKeys(e)
		}
		return v
	}
	return v
}

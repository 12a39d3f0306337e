package load

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// A split OpenAPI 3 spec is made one document, in YAML, before the loader
// reads it. kin-openapi resolves a whole-file $ref (schemas/Pod.yaml) by
// decoding and resolving the file again at every $ref to it, sharing
// nothing, so a model whose files refer to common ones many times over is
// expanded into a tree: Kubernetes' description split by Redocly (1,041
// files) took more than 11 GB and ten minutes before it was stopped. Here
// each file is read once and each component it defines is copied once into
// the root's components, so the loader sees internal $refs only, as it
// does for a bundled spec.
//
// Every copied node keeps its file, line and column; the loader's origins,
// which point into the bundled text, are moved back to them (where), so a
// problem inside a referenced file still names that file and its own line.

// where is a position in one of the spec's files.
type where struct {
	file         string // absolute
	line, column int
}

// positions maps a line and column of the bundled text to where the node
// there came from; lines maps a line to the first node on it.
type positions struct {
	file  string // the bundled text's, the root's absolute path
	at    map[[2]int]where
	lines map[int]where
}

type bundler3 struct {
	s        *sources
	top      *yaml.Node // the bundled document's top mapping
	from     map[*yaml.Node]string
	names    map[string]string // kind and target -> internal $ref
	taken    map[string]bool   // section/name
	inlining map[string]bool
	pathItem bool // components may hold pathItems (3.1)
	problems Problems
}

// external says whether the document has a $ref to another file anywhere.
func external(n *yaml.Node) bool {
	found := false
	walkRefs(n, func(r *yaml.Node) {
		if !strings.HasPrefix(r.Value, "#") {
			found = true
		}
	})
	return found
}

// bundle3 makes the root's document (doc, already read as the loader would)
// one document. It returns the bundled text, where its nodes came from, and
// the problems met: errors for $refs that cannot be followed, warnings for
// text $refs that reach no text.
func bundle3(s *sources, doc *yaml.Node, openapi string) ([]byte, *positions, *yaml.Node, Problems) {
	top := doc.Content[0]
	b := &bundler3{s: s, top: top, from: map[*yaml.Node]string{}, names: map[string]string{}, taken: map[string]bool{},
		inlining: map[string]bool{}, pathItem: strings.HasPrefix(openapi, "3.1")}
	comps := mapValue(top, "components")
	if comps != nil && comps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(comps.Content); i += 2 {
			if sec := comps.Content[i+1]; sec.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(sec.Content); j += 2 {
					b.taken[comps.Content[i].Value+"/"+sec.Content[j].Value] = true
				}
			}
		}
		// A root component that is only a $ref to another file keeps the
		// root's name and takes the file's content.
		for i := 0; i+1 < len(comps.Content); i += 2 {
			secName, sec := comps.Content[i].Value, comps.Content[i+1]
			k, ok := kindOfSection[secName]
			if !ok || sec.Kind != yaml.MappingNode || (k == kPathItem && !b.pathItem) {
				continue
			}
			for j := 0; j+1 < len(sec.Content); j += 2 {
				r := soleRef(sec.Content[j+1])
				if r == nil || strings.HasPrefix(r.Value, "#") {
					continue
				}
				t, target, frag := b.resolve(r, s.rootAbs)
				if t == nil || target == s.rootAbs {
					continue
				}
				b.names[key(k, target, frag)] = "#/components/" + secName + "/" + sec.Content[j].Value
				part := b.copyOf(t, target)
				b.walk(part, target, k)
				sec.Content[j+1] = part
			}
		}
	}
	b.walk(top, s.rootAbs, kDoc)
	if errs, _ := b.problems.Split(); len(errs) > 0 {
		return nil, nil, nil, b.problems
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, nil, nil, append(b.problems, Problem{File: s.rootPath, Class: Unreadable, Message: "bundling the spec's files: " + err.Error()})
	}
	out := buf.Bytes()
	var again yaml.Node
	if err := yaml.Unmarshal(out, &again); err != nil {
		return nil, nil, nil, append(b.problems, Problem{File: s.rootPath, Class: Unreadable, Message: "bundling the spec's files: " + err.Error()})
	}
	pos := &positions{file: filepath.ToSlash(s.rootAbs), at: map[[2]int]where{}, lines: map[int]where{}}
	b.record(doc, &again, pos)
	return out, pos, &again, b.problems
}

// record pairs each node of the bundled tree with the same node read back
// from its text.
func (b *bundler3) record(orig, read *yaml.Node, pos *positions) {
	if orig.Line > 0 && read.Line > 0 {
		file := b.from[orig]
		if file == "" {
			file = b.s.rootAbs
		}
		w := where{file: file, line: orig.Line, column: orig.Column}
		pos.at[[2]int{read.Line, read.Column}] = w
		if _, ok := pos.lines[read.Line]; !ok {
			pos.lines[read.Line] = w
		}
	}
	if orig.Kind == yaml.AliasNode || len(orig.Content) != len(read.Content) {
		return
	}
	for i := range orig.Content {
		b.record(orig.Content[i], read.Content[i], pos)
	}
}

func key(k kind, target, frag string) string {
	return strconv.Itoa(int(k)) + " " + target + "#" + frag
}

// copyOf is a deep copy of n, each node remembered as coming from file.
func (b *bundler3) copyOf(n *yaml.Node, file string) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		// An alias's target is in the same file; copying it keeps the
		// bundled document free of anchors across files.
		return b.copyOf(n.Alias, file)
	}
	c := *n
	b.from[&c] = file
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = b.copyOf(k, file)
	}
	return &c
}

// walk follows n, a node of file where OpenAPI expects a k.
func (b *bundler3) walk(n *yaml.Node, file string, k kind) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			b.walk(c, file, k)
		}
		return
	case yaml.SequenceNode:
		if k == kSchema { // items as a list, in old drafts
			for _, c := range n.Content {
				b.walk(c, file, k)
			}
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	if _, refable := sectionOf[k]; refable {
		if r := refValue(n); r != nil {
			b.ref(n, r, file, k)
			if k != kSchema || n.Kind != yaml.MappingNode {
				return
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, v := n.Content[i], n.Content[i+1]
		name := kn.Value
		if name == "$ref" {
			continue
		}
		if r := soleRef(v); r != nil && textFields[name] {
			b.text(v, r, file, name)
			continue
		}
		if k == kSchema && name == "discriminator" {
			b.mapping(mapValue(v, "mapping"), file)
		}
		if many := b.many(k, name); many != 0 {
			b.each(v, file, many)
			continue
		}
		if child := b.childKind(k, name); child != kOther {
			b.walk(v, file, child)
			continue
		}
		b.other(v, file, nameMaps[name])
	}
}

// mapping points a discriminator's mapping values that name other files
// (Dog.yaml) at the components their files became.
func (b *bundler3) mapping(m *yaml.Node, file string) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(m.Content); i += 2 {
		v := m.Content[i]
		p, _, _ := strings.Cut(v.Value, "#")
		switch strings.ToLower(path.Ext(p)) {
		case ".yaml", ".yml", ".json":
			b.ref(nil, v, file, kSchema)
		}
	}
}

// each walks the entries of a list or a map, each a k.
func (b *bundler3) each(n *yaml.Node, file string, k kind) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			b.walk(c, file, k)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.walk(n.Content[i+1], file, k)
		}
	}
}

// other follows a node lambgen knows no OpenAPI object in (an example, an
// extension, info), replacing only $refs in text fields; names says n's
// keys are names, not fields (a property called description).
func (b *bundler3) other(n *yaml.Node, file string, names bool) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			b.other(c, file, false)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if r := soleRef(v); r != nil && textFields[k.Value] && !names {
				b.text(v, r, file, k.Value)
				continue
			}
			b.other(v, file, !names && nameMaps[k.Value])
		}
	}
}

// text replaces a $ref in a text field by the text it names.
func (b *bundler3) text(m, ref *yaml.Node, file, field string) {
	root := b.s.files[file].root
	text, why := b.s.refText(file, root, ref.Value)
	if why != "" {
		b.problems = append(b.problems, Problem{File: b.s.display(file), Line: ref.Line, Column: ref.Column, Class: TextRef,
			Message: fmt.Sprintf("%s: $ref %q reaches no text (%s); OpenAPI allows no $ref here, want the text itself or a $ref to a text file; left empty", field, ref.Value, why)})
	}
	from := b.from[m]
	*m = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text, Line: m.Line, Column: m.Column}
	if from != "" {
		b.from[m] = from
	}
}

// ref points the $ref in n, a k in file, into the bundled document.
func (b *bundler3) ref(n, ref *yaml.Node, file string, k kind) {
	if strings.HasPrefix(ref.Value, "#") && file == b.s.rootAbs {
		return
	}
	t, target, frag := b.resolve(ref, file)
	if t == nil {
		return
	}
	if target == b.s.rootAbs {
		ref.Value = "#" + frag
		return
	}
	sec := sectionOf[k]
	if k == kPathItem && !b.pathItem {
		b.inline(n, t, ref, key(k, target, frag), file, target, k)
		return
	}
	id := key(k, target, frag)
	if got, ok := b.names[id]; ok {
		ref.Value = got
		return
	}
	name := b.free(sec, target, frag)
	ref.Value = "#/components/" + sec + "/" + name
	b.names[id] = ref.Value
	part := b.copyOf(t, target)
	b.walk(part, target, k)
	comps := mapValue(b.top, "components")
	if comps == nil {
		comps = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		b.top.Content = append(b.top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "components"}, comps)
	}
	secNode := mapValue(comps, sec)
	if secNode == nil {
		secNode = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		comps.Content = append(comps.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sec}, secNode)
	}
	secNode.Content = append(secNode.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, part)
}

// inline puts a copy of what a $ref names in its place (a path item, which
// OpenAPI 3.0's components have no section for).
func (b *bundler3) inline(n, t, ref *yaml.Node, id, file, target string, k kind) {
	if b.inlining[id] {
		b.problem(file, ref, BadRef, "$ref %q refers back to itself through %s (want no cycle of path items)", ref.Value, b.s.display(target))
		return
	}
	b.inlining[id] = true
	defer delete(b.inlining, id)
	part := b.copyOf(t, target)
	b.walk(part, target, k)
	from := b.from[n]
	*n = *part
	b.from[n] = from
	if f := b.from[part]; f != "" {
		b.from[n] = f
	}
}

// free names a component as the author did: the last token of the
// fragment, or the file's name for a whole-file $ref. When the root or
// another target has that name, the name is qualified by the file's path
// (common_Failed), then numbered.
func (b *bundler3) free(sec, target, frag string) string {
	fr := strings.TrimRight(frag, "/")
	var short string
	if fr != "" {
		short = strings.NewReplacer("~1", "/", "~0", "~").Replace(fr[strings.LastIndex(fr, "/")+1:])
	} else {
		short = strings.TrimSuffix(filepath.Base(target), filepath.Ext(target))
	}
	clean := func(s string) string { return openapi3.InvalidIdentifierCharRegExp.ReplaceAllString(s, "_") }
	if name := clean(short); name != "" && !b.taken[sec+"/"+name] {
		b.taken[sec+"/"+name] = true
		return name
	}
	rel, err := filepath.Rel(filepath.Dir(b.s.rootAbs), target)
	if err != nil {
		rel = target
	}
	rel = filepath.ToSlash(rel)
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	long := strings.TrimLeft(rel, "./")
	if fr != "" {
		comp := strings.TrimPrefix(fr, "/components/"+sec)
		long += "_" + strings.TrimLeft(comp, "./")
	}
	long = clean(long)
	name := long
	for i := 2; b.taken[sec+"/"+name]; i++ {
		name = long + "_" + strconv.Itoa(i)
	}
	b.taken[sec+"/"+name] = true
	return name
}

func (b *bundler3) problem(file string, at *yaml.Node, class Class, format string, args ...any) {
	b.problems = append(b.problems, Problem{File: b.s.display(file), Line: at.Line, Column: at.Column, Class: class, Message: fmt.Sprintf(format, args...)})
}

// resolve finds the node a $ref in file names, the file it is in and the
// fragment; a nil node means a problem was recorded. A $ref into the root
// returns the root's top node: the loader follows it.
func (b *bundler3) resolve(ref *yaml.Node, file string) (*yaml.Node, string, string) {
	u, err := url.Parse(ref.Value)
	if err != nil {
		b.problem(file, ref, BadRef, "$ref %q is not a URI reference (want a path such as schemas/Pet.yaml)", ref.Value)
		return nil, "", ""
	}
	if u.Scheme != "" && u.Scheme != "file" || u.Host != "" {
		whole := *u
		whole.Fragment = ""
		b.problem(file, ref, RemoteRef, "%s: %s (download it and $ref the local copy)", errRemoteRef, whole.String())
		return nil, "", ""
	}
	target := file
	if u.Path != "" {
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
		if filepath.IsAbs(filepath.FromSlash(u.Path)) {
			target = filepath.Clean(filepath.FromSlash(u.Path))
		}
	}
	if target == b.s.rootAbs {
		return b.top, target, u.Fragment
	}
	doc, p := b.s.node(target)
	if p != nil {
		if p.Line == 0 {
			p.Message = fmt.Sprintf("$ref %q: %s (want a path relative to this file)", ref.Value, p.Message)
			p.File, p.Line, p.Column = b.s.display(file), ref.Line, ref.Column
		}
		b.problems = append(b.problems, *p)
		return nil, "", ""
	}
	t := pointer(doc, u.Fragment)
	if t == nil {
		in := b.s.display(target)
		if u.Path == "" {
			in = "this file"
		}
		b.problem(file, ref, BadRef, "$ref %q: %s has nothing at #%s (want a JSON pointer to what the file holds)", ref.Value, in, u.Fragment)
		return nil, "", ""
	}
	return t, target, u.Fragment
}

// place moves every origin the loader recorded in the bundled text back to
// the file, line and column its node came from.
func (p *positions) place(doc *openapi3.T) {
	eachOrigin(doc, func(o *openapi3.Origin) {
		if o.Key != nil {
			p.move(o.Key)
		}
		for i := range o.Fields {
			p.move(&o.Fields[i])
		}
		for _, ls := range o.Sequences {
			for i := range ls {
				p.move(&ls[i])
			}
		}
	})
}

func (p *positions) move(l *openapi3.Location) {
	if l.File != p.file {
		return
	}
	w, ok := p.at[[2]int{l.Line, l.Column}]
	if !ok {
		if w, ok = p.lines[l.Line]; !ok {
			return
		}
	}
	if w.file != l.File || w.line != l.Line {
		l.EndLine, l.EndColumn = 0, 0
	}
	l.File, l.Line, l.Column = w.file, w.line, w.column
}

// relocate moves problems found in the bundled text (named as the root)
// to the file, line and column they are in; without a bundle it is ps.
func (s *sources) relocate(ps Problems) Problems {
	if s.pos == nil {
		return ps
	}
	for i := range ps {
		p := &ps[i]
		if p.File != s.rootPath || p.Line == 0 {
			continue
		}
		w, ok := s.pos.at[[2]int{p.Line, p.Column}]
		if !ok {
			// A position between nodes: the first node on its line.
			if w, ok = s.pos.lines[p.Line]; !ok {
				continue
			}
		}
		p.File, p.Line = s.display(w.file), w.line
		if p.Column > 0 {
			p.Column = w.column
		}
	}
	return ps
}

// line is where a line of the bundled text came from, for a loader
// message that names only a line.
func (p *positions) line(n int) (where, bool) {
	w, ok := p.lines[n]
	return w, ok
}

// eachOrigin calls f once for every origin the document holds.
func eachOrigin(doc *openapi3.T, f func(*openapi3.Origin)) {
	type seenKey struct {
		p uintptr
		t reflect.Type
	}
	seen := map[seenKey]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			k := seenKey{v.Pointer(), v.Type()}
			if seen[k] {
				return
			}
			seen[k] = true
			if v.Type() == originType {
				f((*openapi3.Origin)(v.UnsafePointer()))
				return
			}
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Map:
			if v.IsNil() {
				return
			}
			k := seenKey{v.Pointer(), v.Type()}
			if seen[k] {
				return
			}
			seen[k] = true
			it := v.MapRange()
			for it.Next() {
				walk(it.Value())
			}
		case reflect.Slice:
			if v.IsNil() {
				return
			}
			fallthrough
		case reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 || v.Type().Elem().Kind() == reflect.String {
				return
			}
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(doc))
}

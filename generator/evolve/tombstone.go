package evolve

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

// TombstonePath is the generated file that keeps retired operations'
// types. It exists only while some operation is retired.
const TombstonePath = "api/tombstones.gen.go"

// carried is a declaration copied into the tombstone file and the doc
// comment it gets there.
type carried struct {
	d   *decl
	doc string
}

// tombstones renders the file that keeps each retired operation's types:
// every type of the previous generation whose name starts with the
// operation's Go name, everything those types need that the next
// generation no longer declares, and their methods. Copying the previous
// source text keeps the bytes stable from one run to the next.
func tombstones(retired []write.Retired, old, next *index) ([]byte, error) {
	if len(retired) == 0 {
		return nil, nil
	}
	keep := map[string]*carried{}
	var queue []*decl
	take := func(d *decl, doc string) {
		if _, ok := keep[d.name]; ok || next.decls[d.name] != nil {
			return
		}
		keep[d.name] = &carried{d: d, doc: doc}
		queue = append(queue, d)
	}
	for _, r := range retired {
		doc := opDoc(r)
		found := false
		for _, name := range slices.Sorted(maps.Keys(old.decls)) {
			d := old.decls[name]
			if d.kind == token.TYPE && strings.HasPrefix(name, r.GoName) {
				take(d, doc)
				found = true
			}
		}
		if !found {
			// The previous source is gone (deleted by hand); keep at least
			// the two types the handler's signature names.
			for _, d := range minimal(r.GoName) {
				take(d, doc)
			}
		}
	}
	methods := map[string][]*decl{}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if d.node == nil {
			continue
		}
		names, _ := refs(d.node)
		for _, n := range slices.Sorted(maps.Keys(names)) {
			if od := old.decls[n]; od != nil {
				take(od, fmt.Sprintf("// Deprecated: %s is no longer generated from the spec; lambgen keeps it because the types of retired operations use it.", n))
			}
		}
		if d.kind != token.TYPE {
			continue
		}
		for _, m := range old.methods[d.name] {
			methods[d.name] = append(methods[d.name], m)
			queue = append(queue, m)
		}
		for _, n := range slices.Sorted(maps.Keys(old.decls)) {
			if v := old.decls[n]; v.typeOf == d.name && v.kind == token.CONST {
				take(v, "// Deprecated: a value of "+d.name+", kept with it.")
			}
		}
	}
	return renderTombstones(keep, methods, old)
}

func renderTombstones(keep map[string]*carried, methods map[string][]*decl, old *index) ([]byte, error) {
	var body bytes.Buffer
	used := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(keep)) {
		c := keep[name]
		body.WriteString(c.doc + "\n")
		switch c.d.kind {
		case token.TYPE:
			body.WriteString("type ")
		case token.CONST:
			body.WriteString("const ")
		case token.VAR:
			body.WriteString("var ")
		}
		body.WriteString(c.d.text + "\n\n")
		ms := methods[name]
		sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
		for _, m := range ms {
			body.WriteString(m.text + "\n\n")
		}
		for _, d := range append([]*decl{c.d}, ms...) {
			if d.node == nil {
				continue
			}
			_, pkgs := refs(d.node)
			for p := range pkgs {
				used[p] = true
			}
		}
	}
	var out bytes.Buffer
	out.WriteString(files.Header + "\n\npackage api\n\n")
	if needsHTTP(keep) {
		used["http"] = true
		if old.imports["http"] == "" {
			old.imports["http"] = "net/http"
		}
	}
	var imports []string
	for name, p := range old.imports {
		if !used[name] {
			continue
		}
		if importName(p) == name {
			imports = append(imports, fmt.Sprintf("%q", p))
		} else {
			imports = append(imports, fmt.Sprintf("%s %q", name, p))
		}
	}
	sort.Strings(imports)
	if len(imports) > 0 {
		out.WriteString("import (\n\t" + strings.Join(imports, "\n\t") + "\n)\n\n")
	}
	out.WriteString("// This file keeps the types of operations that left the spec while the\n" +
		"// handlers still have methods for them, so the project keeps compiling.\n" +
		"// Each goes away on the first lambgen generate after its method is deleted.\n\n")
	out.Write(body.Bytes())
	src, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting %s (a lambgen bug): %w", TombstonePath, err)
	}
	return src, nil
}

func opDoc(r write.Retired) string {
	if r.RenamedTo != "" {
		return fmt.Sprintf("// Deprecated: operation %s (%s %s) is now %s; move method %s to the new name and its types with it. lambgen drops this type once Handlers has no method %s.",
			r.ID, r.Method, r.Path, r.RenamedTo, r.GoName, r.GoName)
	}
	return fmt.Sprintf("// Deprecated: operation %s (%s %s) was removed from the spec. lambgen drops this type once Handlers has no method %s.",
		r.ID, r.Method, r.Path, r.GoName)
}

// minimal is what a retired operation's handler signature needs when the
// previous generated source cannot be read.
func minimal(goName string) []*decl {
	return []*decl{
		{name: goName + "RequestObject", kind: token.TYPE, text: goName + "RequestObject struct{}"},
		{name: goName + "ResponseObject", kind: token.TYPE, text: goName + "ResponseObject interface {\n\tVisit" + goName + "Response(w http.ResponseWriter) error\n}", minimalHTTP: true},
	}
}

func needsHTTP(keep map[string]*carried) bool {
	for _, c := range keep {
		if c.d.minimalHTTP {
			return true
		}
	}
	return false
}

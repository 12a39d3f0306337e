package evolve

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"
)

// surface reports how the generated types the user's code can name changed
// between two generations: fields added, removed or retyped, and defined
// types that now stand for another type. These are what make handler code
// that compiled before stop compiling, so each says where it is used.
func surface(old, next *index, code userCode, retiredTypes map[string]bool) []string {
	var notes []string
	for _, name := range slices.Sorted(maps.Keys(old.decls)) {
		o := old.decls[name]
		if o.kind != token.TYPE || retiredTypes[name] || !ast.IsExported(name) {
			continue
		}
		n := next.decls[name]
		if n == nil {
			if where := code.uses(name); where != "" {
				notes = append(notes, fmt.Sprintf("gone: api.%s is no longer generated, but %s uses it; change that code to the spec's new types", name, where))
			}
			continue
		}
		if n.kind != token.TYPE || o.text == n.text {
			continue
		}
		changes := typeChanges(o.node.(*ast.TypeSpec), n.node.(*ast.TypeSpec))
		if len(changes) == 0 {
			continue
		}
		msg := fmt.Sprintf("changed: api.%s: %s", name, strings.Join(changes, "; "))
		if where := code.uses(name); where != "" {
			msg += " (used at " + where + ")"
		}
		notes = append(notes, msg)
	}
	return notes
}

func typeChanges(o, n *ast.TypeSpec) []string {
	os, ok1 := o.Type.(*ast.StructType)
	ns, ok2 := n.Type.(*ast.StructType)
	if !ok1 || !ok2 {
		if _, iface := o.Type.(*ast.InterfaceType); iface {
			return nil // interfaces list operations, reported per operation
		}
		ot, nt := types.ExprString(o.Type), types.ExprString(n.Type)
		if ot == nt {
			return nil
		}
		return []string{fmt.Sprintf("now %s (was %s)", nt, ot)}
	}
	of, nf := fieldsOf(os), fieldsOf(ns)
	var out []string
	for _, f := range of.names {
		switch nt, ok := nf.types[f]; {
		case !ok:
			out = append(out, fmt.Sprintf("field %s removed", f))
		case nt != of.types[f]:
			out = append(out, fmt.Sprintf("field %s %s → %s", f, of.types[f], nt))
		}
	}
	for _, f := range nf.names {
		if _, ok := of.types[f]; !ok {
			out = append(out, fmt.Sprintf("field %s %s added", f, nf.types[f]))
		}
	}
	return out
}

type fieldSet struct {
	names []string
	types map[string]string
}

func fieldsOf(st *ast.StructType) fieldSet {
	fs := fieldSet{types: map[string]string{}}
	for _, f := range st.Fields.List {
		t := types.ExprString(f.Type)
		if len(f.Names) == 0 {
			fs.names = append(fs.names, t)
			fs.types[t] = t
		}
		for _, id := range f.Names {
			fs.names = append(fs.names, id.Name)
			fs.types[id.Name] = t
		}
	}
	return fs
}

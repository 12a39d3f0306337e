package render

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/lambgen/lambgen/contract"
)

// literal writes v, a value of the contract package's table types, as the
// Go composite literal that declares it: fields at their zero value are
// left out, named constants are written by name, and every struct is
// keyed, so the file reads like the hand-written tables it replaces and
// go vet has nothing to say. A new table field needs nothing here.
type literal struct {
	buf    bytes.Buffer
	pkg    string // the contract package's name where the literal is used
	consts map[reflect.Type][]constName
	// comment, when set, annotates the elements of the top-level slices.
	comment func(field string, i int) string
}

type constName struct {
	name string
	v    uint64
}

// value writes v; elided is set for the elements of a slice, whose type
// the slice already names.
func (l *literal) value(v reflect.Value, field string, depth int, elided bool) {
	t := v.Type()
	if names, ok := l.consts[t]; ok {
		l.constant(names, v.Uint(), t)
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		l.buf.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		l.buf.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		l.buf.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		l.buf.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		l.buf.WriteString(strconv.Quote(v.String()))
	case reflect.Pointer:
		if !elided {
			l.buf.WriteString("&" + l.typeName(t.Elem()))
		}
		l.value(v.Elem(), field, depth, true)
	case reflect.Slice:
		if !elided {
			l.buf.WriteString(l.typeName(t))
		}
		l.elements(v, field, depth)
	case reflect.Struct:
		if !elided {
			l.buf.WriteString(l.typeName(t))
		}
		l.fields(v, depth)
	default:
		panic("render: no Go literal for " + t.String())
	}
}

func (l *literal) elements(v reflect.Value, field string, depth int) {
	top := depth == 1 && l.comment != nil
	l.buf.WriteByte('{')
	for i := 0; i < v.Len(); i++ {
		if top {
			l.buf.WriteString("\n")
		} else if i > 0 {
			l.buf.WriteString(", ")
		}
		l.value(v.Index(i), field, depth+1, true)
		if top {
			l.buf.WriteByte(',')
			if c := l.comment(field, i); c != "" {
				l.buf.WriteString(" // " + c)
			}
		}
	}
	if top {
		l.buf.WriteString("\n")
	}
	l.buf.WriteByte('}')
}

func (l *literal) fields(v reflect.Value, depth int) {
	t := v.Type()
	l.buf.WriteByte('{')
	first := true
	for i := 0; i < t.NumField(); i++ {
		f := v.Field(i)
		if !t.Field(i).IsExported() || f.IsZero() || (f.Kind() == reflect.Slice && f.Len() == 0) {
			continue
		}
		if depth == 0 {
			l.buf.WriteString("\n")
		} else if !first {
			l.buf.WriteString(", ")
		}
		first = false
		l.buf.WriteString(t.Field(i).Name + ": ")
		l.value(f, t.Field(i).Name, depth+1, false)
		if depth == 0 {
			l.buf.WriteByte(',')
		}
	}
	if depth == 0 {
		l.buf.WriteString("\n")
	}
	l.buf.WriteByte('}')
}

// constant writes a named constant, or for a set of flags (a type whose
// constants are powers of two) the constants that make it up.
func (l *literal) constant(names []constName, u uint64, t reflect.Type) {
	for _, c := range names {
		if c.v == u {
			l.buf.WriteString(l.pkg + "." + c.name)
			return
		}
	}
	var parts []string
	for _, c := range names {
		if c.v != 0 && c.v&(c.v-1) == 0 && u&c.v != 0 {
			parts = append(parts, l.pkg+"."+c.name)
			u &^= c.v
		}
	}
	if u != 0 || len(parts) == 0 {
		panic(fmt.Sprintf("render: %s(%d) has no constant", t, u))
	}
	l.buf.WriteString(strings.Join(parts, " | "))
}

func (l *literal) typeName(t reflect.Type) string {
	switch {
	case t.Kind() == reflect.Slice && t.Name() == "":
		return "[]" + l.typeName(t.Elem())
	case t.PkgPath() == reflect.TypeOf(contract.Spec{}).PkgPath():
		return l.pkg + "." + t.Name()
	}
	return t.String()
}

// contractConsts reads the names of the contract package's constants
// from its source, in declaration order, so that a new format or media
// kind is written by name without being listed twice. Only constants
// declared with iota (or 1 << iota) in a block of their type are taken.
func contractConsts(src fs.FS) (map[reflect.Type][]constName, error) {
	types := map[string]reflect.Type{}
	for _, v := range []any{contract.Type(0), contract.Format(0), contract.MediaKind(0)} {
		types[reflect.TypeOf(v).Name()] = reflect.TypeOf(v)
	}
	out := map[reflect.Type][]constName{}
	names, err := fs.Glob(src, "*.go")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	for _, n := range names {
		data, err := fs.ReadFile(src, n)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, n, data, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST || len(g.Specs) == 0 {
				continue
			}
			first := g.Specs[0].(*ast.ValueSpec)
			id, ok := first.Type.(*ast.Ident)
			if !ok || types[id.Name] == nil || len(first.Values) != 1 {
				continue
			}
			shift := false
			switch e := first.Values[0].(type) {
			case *ast.Ident:
				if e.Name != "iota" {
					continue
				}
			case *ast.BinaryExpr:
				shift = e.Op == token.SHL
				if !shift {
					continue
				}
			default:
				continue
			}
			t := types[id.Name]
			for i, s := range g.Specs {
				for _, name := range s.(*ast.ValueSpec).Names {
					v := uint64(i)
					if shift {
						v = 1 << i
					}
					out[t] = append(out[t], constName{name: name.Name, v: v})
				}
			}
		}
	}
	for name, t := range types {
		if len(out[t]) == 0 {
			return nil, fmt.Errorf("the contract source declares no constants of %s", name)
		}
	}
	return out, nil
}

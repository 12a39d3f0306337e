package evolve

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"

	"github.com/lambgen/lambgen/generator/write"
)

// decl is one package-level declaration, kept as its exact source text so
// that carrying it into another file changes no byte of it.
type decl struct {
	name string
	kind token.Token // TYPE, FUNC, CONST or VAR
	recv string      // receiver type, for methods
	text string      // source without doc comment or leading keyword for specs
	node ast.Node
	// typeOf is the declared type of a const or var spec, for enum values.
	typeOf string
	// minimalHTTP marks a stand-in declaration that needs net/http.
	minimalHTTP bool
}

// index is every declaration of a set of files of one package.
type index struct {
	decls   map[string]*decl   // types, funcs, consts and vars by name
	methods map[string][]*decl // by receiver type
	imports map[string]string  // local name -> import path
}

func newIndex() *index {
	return &index{decls: map[string]*decl{}, methods: map[string][]*decl{}, imports: map[string]string{}}
}

// add parses src into the index. Files that do not parse are skipped: they
// are lambgen's own output, and the writer reports hand edits separately.
func (ix *index) add(name string, src []byte) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return
	}
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		local := importName(p)
		if im.Name != nil {
			local = im.Name.Name
		}
		ix.imports[local] = p
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			fd := &decl{name: d.Name.Name, kind: token.FUNC, node: d}
			start := d.Type.Pos() // skips the doc comment
			fd.text = string(src[fset.Position(start).Offset:fset.Position(d.End()).Offset])
			if d.Recv != nil && len(d.Recv.List) == 1 {
				fd.recv = write.ReceiverType(d.Recv.List[0].Type)
				ix.methods[fd.recv] = append(ix.methods[fd.recv], fd)
				continue
			}
			ix.decls[fd.name] = fd
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					ix.decls[s.Name.Name] = &decl{name: s.Name.Name, kind: token.TYPE, text: text(s), node: s}
				case *ast.ValueSpec:
					if len(s.Names) != 1 || s.Values == nil {
						continue // iota groups and multi-name specs lose meaning alone
					}
					vd := &decl{name: s.Names[0].Name, kind: d.Tok, text: text(s), node: s}
					if id, ok := s.Type.(*ast.Ident); ok {
						vd.typeOf = id.Name
					}
					ix.decls[vd.name] = vd
				}
			}
		}
	}
}

// refs lists the identifiers a declaration mentions that could name
// package-level declarations, and the identifiers it selects from, which
// may be imports.
func refs(n ast.Node) (names, pkgs map[string]bool) {
	names, pkgs = map[string]bool{}, map[string]bool{}
	skip := map[*ast.Ident]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
			if id, ok := n.X.(*ast.Ident); ok {
				pkgs[id.Name] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				skip[id] = true
			}
		case *ast.Ident:
			if !skip[n] {
				names[n.Name] = true
			}
		}
		return true
	})
	return names, pkgs
}

// importName is the package name an import path conventionally gives.
func importName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	return strings.NewReplacer("-", "_", ".", "_").Replace(base)
}

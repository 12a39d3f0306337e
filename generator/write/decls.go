package write

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// declaredElsewhere reports where, if anywhere, the package-level names a
// new user-owned Go file would declare already exist in its directory. A
// user may move a stub's method into another file and delete the stub;
// writing the stub again would declare the method twice.
func declaredElsewhere(dir, rel string, data []byte) string {
	if !strings.HasSuffix(rel, ".go") {
		return ""
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, rel, data, parser.SkipObjectResolution)
	if err != nil {
		return ""
	}
	want := map[string]bool{}
	for name := range topLevel(fset, f) {
		want[name] = true
	}
	if len(want) == 0 {
		return ""
	}
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(path.Dir(rel))))
	if err != nil {
		return ""
	}
	var hits []string
	for _, e := range entries {
		name := e.Name()
		other := path.Join(path.Dir(rel), name)
		if e.IsDir() || !strings.HasSuffix(name, ".go") || other == rel {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(other)))
		if err != nil {
			continue
		}
		g, err := parser.ParseFile(fset, other, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for name, line := range topLevel(fset, g) {
			if want[name] {
				hits = append(hits, fmt.Sprintf("%s:%d (%s)", other, line, name))
			}
		}
	}
	sort.Strings(hits)
	return strings.Join(hits, ", ")
}

// topLevel maps each package-level name a file declares, methods as
// Type.Method, to its line.
func topLevel(fset *token.FileSet, f *ast.File) map[string]int {
	out := map[string]int{}
	add := func(id *ast.Ident, prefix string) {
		if id != nil && id.Name != "_" && id.Name != "init" {
			out[prefix+id.Name] = fset.Position(id.Pos()).Line
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			prefix := ""
			if d.Recv != nil && len(d.Recv.List) == 1 {
				prefix = ReceiverType(d.Recv.List[0].Type) + "."
			}
			add(d.Name, prefix)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name, "")
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n, "")
					}
				}
			}
		}
	}
	return out
}

// ReceiverType names a method's receiver type without pointer or type
// parameters.
func ReceiverType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

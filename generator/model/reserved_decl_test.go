package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"
)

// TestReservedNamesCoverAPIFiles: every exported name lambgen's own files
// declare in a generated api package (all but oapi-codegen's api.gen.go)
// is reserved or a contract re-export, so that a spec's component of that
// name is refused with a fix instead of breaking the build.
func TestReservedNamesCoverAPIFiles(t *testing.T) {
	files, err := filepath.Glob("../../golden/shop/api/*.gen.go")
	if err != nil || len(files) < 2 {
		t.Fatalf("no golden api files: %v", err)
	}
	for _, f := range files {
		if filepath.Base(f) == "api.gen.go" {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range exportedDecls(af) {
			if !reservedNames[name] && !ContractNames[name] {
				t.Errorf("%s declares %s, which reservedNames does not hold", filepath.Base(f), name)
			}
		}
	}
}

func exportedDecls(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.IsExported() {
				out = append(out, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() {
						out = append(out, s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							out = append(out, n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

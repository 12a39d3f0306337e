package render

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/lambgen/lambgen/generator/model"
)

// shadowed reads which of the contract names oapi-codegen's output
// declares. The output is the judge, not the spec's components: it prunes
// the components no operation uses, so a component named Problem that
// nothing references leaves the name to the contract's Problem.
func shadowed(apiGen []byte) (map[string]bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "api.gen.go", apiGen, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return shadowedIn(f), nil
}

// shadowedIn is shadowed on the parsed output.
func shadowedIn(f *ast.File) map[string]bool {
	out := map[string]bool{}
	mark := func(id *ast.Ident) {
		if model.ContractNames[id.Name] {
			out[id.Name] = true
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				mark(d.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					mark(s.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						mark(n)
					}
				}
			}
		}
	}
	return out
}

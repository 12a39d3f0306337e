package render

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"
)

// compileErrors type-checks oapi-codegen's output on its own, in memory, so
// that a spec it mishandles is caught before anything is written. The file
// depends only on the standard library and oapi-codegen's runtime, and what
// goes wrong in it is always its own names: a type used but never declared,
// one declared twice, a missing field. So imports are empty packages and
// every error about an imported name is dropped; go/types reports nothing
// further for values of those invalid types. Loading real export data would
// cost a "go list" per package, more than the whole command takes.
func compileErrors(src []byte) (*token.FileSet, *ast.File, []types.Error, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", src, parser.ParseComments)
	if err != nil {
		return nil, nil, nil, err
	}
	imported := map[string]bool{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := importName(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		imported[name] = true
	}
	var errs []types.Error
	conf := types.Config{
		Importer: emptyImporter{},
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok || aboutImport(te.Msg, imported) {
				return
			}
			errs = append(errs, te)
		},
	}
	_, _ = conf.Check("api", fset, []*ast.File{f}, nil)
	return fset, f, errs, nil
}

// importName is the package name an import path declares, for the paths
// oapi-codegen imports (none ends in a version element).
func importName(p string) string { return path.Base(p) }

func aboutImport(msg string, imported map[string]bool) bool {
	for name := range imported {
		if strings.Contains(msg, name+".") {
			return true
		}
	}
	return false
}

type emptyImporter struct{}

func (emptyImporter) Import(p string) (*types.Package, error) {
	pkg := types.NewPackage(p, importName(p))
	pkg.MarkComplete()
	return pkg, nil
}

// dropRepeatedFields removes, from the strict server's request objects, a
// field that repeats an earlier one's name and type. oapi-codegen gives every
// body of a media type it does not decode the one field "Body io.Reader",
// once per media type; its handler assigns r.Body to that field under each
// media type's test, so one field serves them all.
func dropRepeatedFields(fset *token.FileSet, f *ast.File) ([]byte, bool, error) {
	changed := false
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			ts := s.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !strings.HasSuffix(ts.Name.Name, "RequestObject") {
				continue
			}
			seen := map[string]string{}
			kept := st.Fields.List[:0]
			for _, field := range st.Fields.List {
				typ := exprString(fset, field.Type)
				if len(field.Names) == 1 {
					if t, dup := seen[field.Names[0].Name]; dup && t == typ {
						changed = true
						continue
					}
					seen[field.Names[0].Name] = typ
				}
				kept = append(kept, field)
			}
			st.Fields.List = kept
		}
	}
	if !changed {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, false, err
	}
	return buf.Bytes(), true, nil
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var buf bytes.Buffer
	_ = format.Node(&buf, fset, e)
	return buf.String()
}

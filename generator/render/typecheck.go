package render

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// compileErrors parses src and type-checks it (see checkFile).
func compileErrors(src []byte) (*token.FileSet, *ast.File, []types.Error, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", src, parser.ParseComments)
	if err != nil {
		return nil, nil, nil, err
	}
	errs, _ := checkFile(fset, f)
	return fset, f, errs, nil
}

// checkFile type-checks oapi-codegen's output on its own, in memory, so
// that a spec it mishandles is caught before anything is written. The file
// depends only on the standard library and oapi-codegen's runtime, and what
// goes wrong in it is always its own names: a type used but never declared,
// one declared twice, a missing field. So imports are empty packages and
// every error about an imported name is dropped; go/types reports nothing
// further for values of those invalid types. Loading real export data would
// cost a "go list" per package, more than the whole command takes.
//
// oapi-codegen's import list is a fixed superset that goimports prunes;
// the paths of the imports nothing uses are returned apart, so that the
// one tree can be pruned and printed without goimports parsing, fixing and
// printing the whole file again.
func checkFile(fset *token.FileSet, f *ast.File) (errs []types.Error, unused []string) {
	imported := map[string]bool{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := importName(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		imported[name] = true
	}
	conf := types.Config{
		Importer: emptyImporter{},
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			if m := unusedImportRE.FindStringSubmatch(te.Msg); m != nil {
				unused = append(unused, m[1])
				return
			}
			if aboutImport(te.Msg, imported) {
				return
			}
			errs = append(errs, te)
		},
	}
	_, _ = conf.Check("api", fset, []*ast.File{f}, nil)
	return errs, unused
}

var unusedImportRE = regexp.MustCompile(`^"([^"]+)" imported (?:as \w+ )?and not used$`)

// pruneImports deletes the imports of these paths and sorts the rest.
func pruneImports(fset *token.FileSet, f *ast.File, paths []string) {
	for _, p := range paths {
		for _, im := range f.Imports {
			if q, _ := strconv.Unquote(im.Path.Value); q == p {
				name := ""
				if im.Name != nil {
					name = im.Name.Name
				}
				astutil.DeleteNamedImport(fset, f, name, p)
				break
			}
		}
	}
	// Sorted here, format.Node would otherwise print, parse and sort the
	// whole file once more.
	ast.SortImports(fset, f)
}

// printFile prints the tree as gofmt would.
func printFile(fset *token.FileSet, f *ast.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// importName is the package name an import path declares, for the paths
// oapi-codegen imports: the last element, or the one before a major
// version ("go.yaml.in/yaml/v3" declares yaml).
func importName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		return path.Base(path.Dir(p))
	}
	return base
}

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
func dropRepeatedFields(fset *token.FileSet, f *ast.File) bool {
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
	return changed
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var buf bytes.Buffer
	_ = format.Node(&buf, fset, e)
	return buf.String()
}

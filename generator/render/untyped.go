package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
)

// wrapUntypedResponses fixes response types that oapi-codegen declares as
// an interface type (for a schema such as type: "null", an untyped oneOf,
// or a named schema that is itself untyped) and then gives methods, which
// Go forbids on interface types. Each becomes a struct whose Value is
// marshalled as-is, so the wire format stays the spec's. The declarations
// are found by parsing the source, and only their own bytes are replaced,
// so the rest of oapi-codegen's output is left exactly as it was written.
func wrapUntypedResponses(src string) string {
	// Parsing 5 MB of output to find nothing costs a tenth of a second; a
	// declaration that could start the chain looks like this.
	if !untypedDeclRE.MatchString(src) {
		return src
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", src, parser.SkipObjectResolution)
	if err != nil {
		// gofmt reports the syntax error with its position next.
		return src
	}
	under := map[string]string{} // a type's name → what it is declared as
	decls := map[string]*ast.GenDecl{}
	methods := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE || len(d.Specs) != 1 || d.Lparen.IsValid() {
				continue
			}
			ts := d.Specs[0].(*ast.TypeSpec)
			switch t := ts.Type.(type) {
			case *ast.Ident:
				under[ts.Name.Name] = t.Name
			case *ast.InterfaceType:
				if len(t.Methods.List) == 0 {
					under[ts.Name.Name] = "any"
				}
			}
			decls[ts.Name.Name] = d
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) == 1 {
				if id, ok := d.Recv.List[0].Type.(*ast.Ident); ok {
					methods[id.Name] = true
				}
			}
		}
	}
	untyped := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, u := range under {
			if !untyped[name] && (u == "any" || untyped[u]) {
				untyped[name], changed = true, true
			}
		}
	}
	var wrap []*ast.GenDecl
	for name := range untyped {
		if methods[name] {
			wrap = append(wrap, decls[name])
		}
	}
	// Replace from the end, so earlier offsets stay valid.
	sort.Slice(wrap, func(i, j int) bool { return wrap[i].Pos() > wrap[j].Pos() })
	for _, d := range wrap {
		name := d.Specs[0].(*ast.TypeSpec).Name.Name
		start, end := fset.Position(d.Pos()).Offset, fset.Position(d.End()).Offset
		src = src[:start] + "// " + name + " carries a body the spec does not type; set Value to any JSON value.\n" +
			"type " + name + " struct{ Value any }\n\n" +
			"// MarshalJSON encodes Value itself, so the body is exactly Value.\n" +
			"func (r " + name + ") MarshalJSON() ([]byte, error) { return json.Marshal(r.Value) }" + src[end:]
	}
	return src
}

var untypedDeclRE = regexp.MustCompile(`(?m)^\s*type\s+\w+\s+(?:=\s*)?(?:interface\s*\{\s*\}|any)\s*$`)

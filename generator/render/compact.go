package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"sync"
)

// compactServer makes two of the bodies oapi-codegen repeats for every
// operation and response into calls of one function each: a JSON
// response's Visit method (encode, set Content-Type, write the status and
// the bytes) and a query parameter's binding error in the std-http wrapper.
// The code does what it did; the compiler builds each body once instead
// of a thousand times (on a 768-operation spec, the Visit bodies alone were
// a quarter of the api package's compile). A body that is not exactly the
// one oapi-codegen writes (a response with headers, say) is left as it is.
// The functions are in the file already (withCompactHelpers); one that no
// body ends up calling is deleted.
func compactServer(f *ast.File) {
	compactPatternsOnce.Do(parseCompactPatterns)
	haveVisit, haveQuery := declaresFunc(f, "visitJSON"), declaresFunc(f, "queryParamError")
	visits, queries := 0, 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Recv == nil || len(fd.Recv.List) != 1 {
			continue
		}
		switch {
		case haveVisit && strings.HasPrefix(fd.Name.Name, "Visit") && strings.HasSuffix(fd.Name.Name, "Response"):
			if compactVisit(fd) {
				visits++
			}
		case haveQuery && receiverType(fd) == "ServerInterfaceWrapper":
			queries += compactQueryErrors(fd.Body)
		}
	}
	if haveVisit && visits == 0 {
		deleteFunc(f, "visitJSON")
	}
	if haveQuery && queries == 0 {
		deleteFunc(f, "queryParamError")
	}
}

// withCompactHelpers appends compactServer's functions to oapi-codegen's
// output, each if the output has the code it stands for (so the types it
// uses are declared) and declares no name of it (which would then be the
// spec's, not this function).
func withCompactHelpers(src string) string {
	if strings.Contains(src, "json.NewEncoder(&buf).Encode(") && !strings.Contains(src, "visitJSON") {
		src += visitJSONSrc
	}
	if strings.Contains(src, "var requiredError *runtime.RequiredParameterError") && !strings.Contains(src, "queryParamError") {
		src += queryParamErrorSrc
	}
	return src
}

// deleteFunc deletes the function declared as name, with the comments in it.
func deleteFunc(f *ast.File, name string) {
	for i, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != name {
			continue
		}
		f.Decls = append(f.Decls[:i], f.Decls[i+1:]...)
		start := fd.Pos()
		if fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		kept := f.Comments[:0]
		for _, c := range f.Comments {
			if c.Pos() < start || c.End() > fd.End() {
				kept = append(kept, c)
			}
		}
		f.Comments = kept
		return
	}
}

const visitJSONSrc = `
// visitJSON writes a JSON response for the Visit methods: body is encoded
// before anything is written, so that an error leaves the response unsent.
func visitJSON(w http.ResponseWriter, status int, contentType string, body any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(body); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
`

const queryParamErrorSrc = `
// queryParamError reports a query parameter the wrapper could not bind:
// missing when it is required, malformed otherwise.
func queryParamError(siw *ServerInterfaceWrapper, w http.ResponseWriter, r *http.Request, name string, err error) {
	var requiredError *runtime.RequiredParameterError
	if errors.As(err, &requiredError) {
		siw.ErrorHandlerFunc(w, r, &RequiredParamError{ParamName: name})
	} else {
		siw.ErrorHandlerFunc(w, r, &InvalidParamFormatError{ParamName: name, Err: err})
	}
}
`

// The bodies oapi-codegen v2 writes, as its templates do; an identifier
// ending in _ stands for the expression found there.
const compactPatternsSrc = `package p

func visit() {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(BODY_); err != nil {
		return err
	}
	w.Header().Set("Content-Type", TYPE_)
	w.WriteHeader(STATUS_)
	_, err := buf.WriteTo(w)
	return err
}

func query() {
	if err != nil {
		var requiredError *runtime.RequiredParameterError
		if errors.As(err, &requiredError) {
			siw.ErrorHandlerFunc(w, r, &RequiredParamError{ParamName: NAME_})
		} else {
			siw.ErrorHandlerFunc(w, r, &InvalidParamFormatError{ParamName: NAME_, Err: err})
		}
		return
	}
}
`

var (
	compactPatternsOnce sync.Once
	visitPattern        []ast.Stmt
	queryPattern        ast.Stmt
)

func parseCompactPatterns() {
	f, err := parser.ParseFile(token.NewFileSet(), "patterns.go", compactPatternsSrc, parser.SkipObjectResolution)
	if err != nil {
		panic("render: compactServer's patterns do not parse: " + err.Error())
	}
	visitPattern = f.Decls[0].(*ast.FuncDecl).Body.List
	queryPattern = f.Decls[1].(*ast.FuncDecl).Body.List[0]
}

// compactVisit makes a JSON Visit method's body one call of visitJSON.
func compactVisit(fd *ast.FuncDecl) bool {
	caps := map[string]ast.Expr{}
	if !matchStmts(visitPattern, fd.Body.List, caps) {
		return false
	}
	at := fd.Body.Lbrace
	fd.Body = &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{&ast.ReturnStmt{Return: at, Results: []ast.Expr{
		call(at, "visitJSON", ident(at, "w"), clone(caps["STATUS_"], at), clone(caps["TYPE_"], at), clone(caps["BODY_"], at)),
	}}}}
	return true
}

// compactQueryErrors makes each query parameter's error handling in a
// wrapper method one call of queryParamError, and says how many it made.
func compactQueryErrors(body *ast.BlockStmt) int {
	n := 0
	for _, s := range body.List {
		caps := map[string]ast.Expr{}
		if !match(reflect.ValueOf(queryPattern), reflect.ValueOf(s), caps) {
			continue
		}
		b := s.(*ast.IfStmt).Body
		at := b.Lbrace
		b.List = []ast.Stmt{
			&ast.ExprStmt{X: call(at, "queryParamError", ident(at, "siw"), ident(at, "w"), ident(at, "r"),
				clone(caps["NAME_"], at), ident(at, "err"))},
			&ast.ReturnStmt{Return: at},
		}
		b.Rbrace = at
		n++
	}
	return n
}

func matchStmts(pattern, list []ast.Stmt, caps map[string]ast.Expr) bool {
	if len(pattern) != len(list) {
		return false
	}
	for i := range pattern {
		if !match(reflect.ValueOf(pattern[i]), reflect.ValueOf(list[i]), caps) {
			return false
		}
	}
	return true
}

var (
	identType   = reflect.TypeFor[*ast.Ident]()
	posType     = reflect.TypeFor[token.Pos]()
	objectType  = reflect.TypeFor[*ast.Object]()
	scopeType   = reflect.TypeFor[*ast.Scope]()
	commentType = reflect.TypeFor[*ast.CommentGroup]()
)

// match reports whether n is the tree p, positions and comments aside. An
// identifier of p ending in _ matches a simple expression (see clone),
// the same one wherever it recurs, which caps records.
func match(p, n reflect.Value, caps map[string]ast.Expr) bool {
	if p.Kind() == reflect.Interface {
		if p.IsNil() || n.IsNil() {
			return p.IsNil() && n.IsNil()
		}
		p, n = p.Elem(), n.Elem()
	}
	if id, ok := wildcard(p); ok && caps != nil {
		e, ok := n.Interface().(ast.Expr)
		if !ok || !simple(e) {
			return false
		}
		if prev, seen := caps[id.Name]; seen {
			return match(reflect.ValueOf(prev), reflect.ValueOf(e), nil)
		}
		caps[id.Name] = e
		return true
	}
	if p.Type() != n.Type() {
		return false
	}
	switch p.Kind() {
	case reflect.Pointer:
		if p.IsNil() || n.IsNil() {
			return p.IsNil() && n.IsNil()
		}
		return match(p.Elem(), n.Elem(), caps)
	case reflect.Struct:
		for i := 0; i < p.NumField(); i++ {
			switch p.Type().Field(i).Type {
			case posType, objectType, scopeType, commentType:
				continue
			}
			if !match(p.Field(i), n.Field(i), caps) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if p.Len() != n.Len() {
			return false
		}
		for i := 0; i < p.Len(); i++ {
			if !match(p.Index(i), n.Index(i), caps) {
				return false
			}
		}
		return true
	case reflect.String:
		return p.String() == n.String()
	case reflect.Bool:
		return p.Bool() == n.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return p.Int() == n.Int()
	}
	return false
}

// wildcard reports whether p is a pattern's wildcard: a name in capitals
// that ends in _ (not the blank identifier).
func wildcard(p reflect.Value) (*ast.Ident, bool) {
	if p.Kind() != reflect.Pointer || p.Type() != identType || p.IsNil() {
		return nil, false
	}
	id := p.Interface().(*ast.Ident)
	name := strings.TrimSuffix(id.Name, "_")
	return id, len(name) > 0 && len(name) < len(id.Name) && strings.ToUpper(name) == name
}

// simple are the expressions a pattern's wildcard stands for: a literal, a
// name, or a field of one (response.Body.union).
func simple(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit, *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return simple(e.X)
	}
	return false
}

// clone copies a simple expression to the position at, so that the printer
// keeps the call it is an argument of on one line.
func clone(e ast.Expr, at token.Pos) ast.Expr {
	switch e := e.(type) {
	case *ast.BasicLit:
		return &ast.BasicLit{ValuePos: at, Kind: e.Kind, Value: e.Value}
	case *ast.Ident:
		return ident(at, e.Name)
	case *ast.SelectorExpr:
		return &ast.SelectorExpr{X: clone(e.X, at), Sel: ident(at, e.Sel.Name)}
	}
	panic("render: clone of an expression that is not simple")
}

func ident(at token.Pos, name string) *ast.Ident { return &ast.Ident{NamePos: at, Name: name} }

func call(at token.Pos, fn string, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: ident(at, fn), Lparen: at, Args: args, Rparen: at}
}

// declaresFunc reports whether f declares a function (not a method) name.
func declaresFunc(f *ast.File, name string) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name {
			return true
		}
	}
	return false
}

// receiverType is the name of a method's receiver type, without the star.
func receiverType(fd *ast.FuncDecl) string {
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

package render

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// quoteNames gives oapi-codegen a stand-in for each parameter and response
// header name that HTTP carries but that it refuses to paste between
// quotes (a query parameter ev"il, a header X-Ev`il; those HTTP cannot
// carry are gone since loading), and returns the stand-ins with the names
// they stand for. restoreNames then writes each name back into the output
// as a Go literal that says it exactly, so the binding reads the name the
// spec gives. A stand-in differs only in characters Go names skip, so the
// Go names are the same; path parameters are left as they are (their
// names are in routing patterns too).
func quoteNames(doc *openapi3.T) map[string]string {
	var params []*openapi3.Parameter
	var headers []openapi3.Headers
	seen := map[any]bool{}
	param := func(p *openapi3.ParameterRef) {
		if p != nil && p.Value != nil && !seen[p.Value] && p.Value.In != openapi3.ParameterInPath && pasteBreaker(p.Value.Name) != "" {
			seen[p.Value] = true
			params = append(params, p.Value)
		}
	}
	response := func(r *openapi3.ResponseRef) {
		if r == nil || r.Value == nil || seen[r.Value] {
			return
		}
		seen[r.Value] = true
		for name := range r.Value.Headers {
			if pasteBreaker(name) != "" {
				headers = append(headers, r.Value.Headers)
				return
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, p := range item.Parameters {
			param(p)
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				param(p)
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					response(r)
				}
			}
		}
	}
	if c := doc.Components; c != nil {
		for _, p := range c.Parameters {
			param(p)
		}
		for _, r := range c.Responses {
			response(r)
		}
	}
	if len(params)+len(headers) == 0 {
		return nil
	}
	// A stand-in must be no string the spec holds, or its literal could
	// be another's.
	text, _ := doc.MarshalJSON()
	standIns := map[string]string{}
	standIn := func(name string) string {
		base := strings.Map(func(r rune) rune {
			if pasteBreaker(string(r)) != "" {
				return '?' // neither a letter nor a separator to Go names
			}
			return r
		}, name)
		for s := base + "?"; ; s += "?" {
			if _, taken := standIns[s]; !taken && !strings.Contains(string(text), s) {
				standIns[s] = name
				return s
			}
		}
	}
	for _, p := range params {
		p.Name = standIn(p.Name)
	}
	for _, hs := range headers {
		for _, name := range sortedKeys(hs) {
			if pasteBreaker(name) != "" {
				hs[standIn(name)] = hs[name]
				delete(hs, name)
			}
		}
	}
	return standIns
}

// restoreNames puts the names quoteNames stood in for back into
// oapi-codegen's output: string literals and quotes in comments become
// the name, quoted by Go's rules, and struct tags name it as
// reflect.StructTag reads a quoted value. A tag that then holds a backtick
// is written as an interpreted string.
func restoreNames(f *ast.File, standIns map[string]string) {
	if len(standIns) == 0 {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				restoreTag(n.Tag, standIns)
			}
			return true
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(n.Value); err == nil {
				if name, ok := standIns[s]; ok {
					n.Value = strconv.Quote(name)
				}
			}
		}
		return true
	})
	// Comments quote names too ("Optional query parameter").
	for _, g := range f.Comments {
		for _, c := range g.List {
			for s, name := range standIns {
				c.Text = strings.ReplaceAll(c.Text, `"`+s+`"`, strconv.Quote(name))
			}
		}
	}
}

func restoreTag(lit *ast.BasicLit, standIns map[string]string) {
	tag, err := strconv.Unquote(lit.Value)
	if err != nil {
		return
	}
	was := tag
	for s, name := range standIns {
		quoted := strconv.Quote(name)
		quoted = quoted[1 : len(quoted)-1]
		tag = strings.ReplaceAll(tag, `"`+s+`"`, `"`+quoted+`"`)
		tag = strings.ReplaceAll(tag, `"`+s+`,`, `"`+quoted+`,`)
	}
	if tag == was {
		return
	}
	if strings.Contains(tag, "`") {
		lit.Value = strconv.Quote(tag)
	} else {
		lit.Value = "`" + tag + "`"
	}
}

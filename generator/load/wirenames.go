package load

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// unsendable leaves out of the document the names no HTTP message can
// carry: a media type with a control character (a Content-Type field value
// holds none but a tab), and a header or cookie name that is not an
// RFC 9110 token. No client can send them and no response can hold them,
// so the contract, the docs and oapi-codegen's copy all go without them.
// An operation that cannot be called without one (a required body none of
// whose media types is left, a required header) is not served; when no
// operation is left, the problems are errors. It runs on the loaded
// document and again on each fresh copy, so that both read alike.
func unsendable(path string, doc *openapi3.T) Problems {
	u := &unsend{path: path, seen: map[any]bool{}}
	if doc.Components != nil {
		c := doc.Components
		for _, name := range sortedNames(c.RequestBodies) {
			if b := c.RequestBodies[name]; b != nil && b.Value != nil {
				u.content(b.Value.Content, fmt.Sprintf("request body component %q", name))
			}
		}
		for _, name := range sortedNames(c.Responses) {
			u.response(c.Responses[name], fmt.Sprintf("response component %q", name))
		}
		for _, name := range sortedNames(c.Parameters) {
			if p := c.Parameters[name]; p != nil && p.Value != nil && u.param(p.Value) {
				delete(c.Parameters, name)
			}
		}
	}
	if doc.Paths == nil {
		return u.found
	}
	had, left := 0, 0
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		shared := u.params(&item.Parameters)
		removed := false
		for _, method := range sortedNames(item.Operations()) {
			op := item.Operations()[method]
			had++
			where := strings.ToUpper(method) + " " + path
			why := requiredGone(u.params(&op.Parameters))
			if why == "" {
				var inherited []*openapi3.Parameter
				for _, p := range shared {
					if !overridden(op.Parameters, p) {
						inherited = append(inherited, p)
					}
				}
				why = requiredGone(inherited)
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				b := op.RequestBody.Value
				u.content(b.Content, "request body of "+where)
				if len(b.Content) == 0 {
					if b.Required && why == "" {
						why = "its request body is required and none of its media types can be sent"
					}
					op.RequestBody = nil
				}
			}
			if op.Responses != nil {
				for _, code := range sortedNames(op.Responses.Map()) {
					u.response(op.Responses.Value(code), "response "+code+" of "+where)
				}
			}
			if why != "" {
				u.add(op.Origin, NotServed, fmt.Sprintf("operation %s is not served: %s, so no request can reach it (want names and media types HTTP allows)", where, why))
				item.SetOperation(method, nil)
				delete(item.AdditionalOperations, method)
				removed = true
				continue
			}
			left++
		}
		if removed && len(item.Operations()) == 0 {
			doc.Paths.Delete(path)
		}
	}
	if had > 0 && left == 0 {
		// Nothing sensible is left: refuse, for the reasons each was not.
		for i := range u.found {
			if u.found[i].Class == NotServed {
				u.found[i].Class = Invalid
				u.found[i].Message += "; no operation of the spec is left to serve"
			}
		}
	}
	return u.found
}

type unsend struct {
	path  string
	seen  map[any]bool
	found Problems
}

func (u *unsend) add(o *openapi3.Origin, class Class, msg string) {
	p := Problem{File: u.path, Line: 1, Column: 1, Class: class, Message: msg}
	if o != nil && o.Key != nil && o.Key.Line > 0 {
		p.Line, p.Column = o.Key.Line, o.Key.Column
		if o.Key.File != "" {
			p.File = o.Key.File // named as problems name it by relabel
		}
	}
	u.found = append(u.found, p)
}

// content drops the media types no Content-Type can name. A value shared
// through a component is cleaned, and reported, once.
func (u *unsend) content(c openapi3.Content, where string) {
	for _, mt := range sortedNames(c) {
		bad := ""
		for _, r := range mt {
			if r < 0x20 && r != '\t' || r == 0x7f {
				bad = fmt.Sprintf("%U", r)
				break
			}
		}
		if bad == "" {
			continue
		}
		if m := c[mt]; m != nil && !u.seen[m] {
			u.seen[m] = true
			u.add(m.Origin, UnsendableName, fmt.Sprintf("%s: media type %q has the control character %s, which no Content-Type header can carry: left out", where, mt, bad))
		}
		delete(c, mt)
	}
}

func (u *unsend) response(ref *openapi3.ResponseRef, where string) {
	if ref == nil || ref.Value == nil || u.seen[ref.Value] {
		return
	}
	r := ref.Value
	u.seen[r] = true
	u.content(r.Content, where)
	for _, name := range sortedNames(r.Headers) {
		if isToken(name) {
			continue
		}
		var o *openapi3.Origin
		if h := r.Headers[name]; h != nil && h.Value != nil {
			o = h.Value.Origin
		}
		u.add(o, UnsendableName, fmt.Sprintf("%s: header %q is not an HTTP field name (%s), so no response can carry it: left out", where, name, notToken(name)))
		delete(r.Headers, name)
	}
}

// param reports whether p is a header or cookie parameter whose name no
// request can carry, and warns of it once.
func (u *unsend) param(p *openapi3.Parameter) bool {
	if (p.In != openapi3.ParameterInHeader && p.In != openapi3.ParameterInCookie) || isToken(p.Name) {
		return false
	}
	if !u.seen[p] {
		u.seen[p] = true
		field := "an HTTP field name"
		if p.In == openapi3.ParameterInCookie {
			field = "a cookie name"
		}
		u.add(p.Origin, UnsendableName, fmt.Sprintf("%s parameter %q is not %s (%s), so no request can carry it: left out", p.In, p.Name, field, notToken(p.Name)))
	}
	return true
}

// params drops the parameters no request can carry from ps and returns
// them.
func (u *unsend) params(ps *openapi3.Parameters) []*openapi3.Parameter {
	var gone []*openapi3.Parameter
	kept := (*ps)[:0]
	for _, p := range *ps {
		if p != nil && p.Value != nil && u.param(p.Value) {
			gone = append(gone, p.Value)
			continue
		}
		kept = append(kept, p)
	}
	*ps = kept
	return gone
}

// overridden says whether an operation's own parameters (those left)
// replace the path item's p.
func overridden(own openapi3.Parameters, p *openapi3.Parameter) bool {
	for _, o := range own {
		if o != nil && o.Value != nil && o.Value.In == p.In && o.Value.Name == p.Name {
			return true
		}
	}
	return false
}

// requiredGone names the first required parameter left out, or is "".
func requiredGone(gone []*openapi3.Parameter) string {
	for _, p := range gone {
		if p.Required {
			return fmt.Sprintf("its required %s parameter %q cannot be sent", p.In, p.Name)
		}
	}
	return ""
}

// isToken is RFC 9110's token, which header field names and cookie names
// are.
func isToken(s string) bool {
	return s != "" && notToken(s) == ""
}

func notToken(s string) string {
	if s == "" {
		return "it is empty"
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("!#$%&'*+-.^_`|~", r):
		case r == '"':
			return "it has a double quote"
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("it has the control character %U", r)
		case r == ' ':
			return "it has a space"
		default:
			return fmt.Sprintf("it has %q, which a token cannot hold", r)
		}
	}
	return ""
}

func sortedNames[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package contract

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Param is one parameter of an operation, with its style resolved.
type Param struct {
	Name     string
	In       string
	Style    string
	Explode  bool
	Required bool
	Schema   int
	JSON     bool
	MuxName  string
}

// rawValue is a parameter as serialized: one string, a list, or pairs for
// an object.
type rawValue struct {
	scalar string
	list   []string
	pairs  [][2]string
	deep   *deepNode
	shape  Type // typeString, typeArray or typeObject
}

// checkParams validates every parameter of op and appends what is wrong.
func (e *Server) checkParams(op *Operation, r *http.Request, out []Violation) []Violation {
	var query url.Values
	for i := range op.Params {
		p := &op.Params[i]
		if p.In == "query" && query == nil {
			// r.URL.Query drops what it cannot parse, and past its limit
			// everything: the handler would see a different query than
			// the client sent.
			var err error
			if query, err = url.ParseQuery(r.URL.RawQuery); err != nil {
				return append(out, Violation{In: "query", Detail: "is not a valid query string: " + queryProblem(err)})
			}
		}
		raw, present, why := e.extract(p, r, query)
		if why != "" {
			out = append(out, Violation{In: p.In, Name: p.Name, Detail: why})
			continue
		}
		if !present {
			if p.Required {
				out = append(out, Violation{In: p.In, Name: p.Name, Detail: "is required"})
			}
			continue
		}
		doc := e.paramJSON(p, raw)
		if p.JSON && !validJSON(doc) {
			out = append(out, jsonProblem(doc, p.In, p.Name))
			continue
		}
		if !utf8.Valid(doc) {
			// A schema's strings are Unicode text; bytes that are not UTF-8
			// would reach the handler as something no schema describes.
			out = append(out, Violation{In: p.In, Name: p.Name, Detail: "is not UTF-8 text once percent-decoded"})
			continue
		}
		c := checker{e: e, data: doc, in: p.In, name: p.Name}
		out = append(out, c.run(p.Schema)...)
	}
	return out
}

// shapeOf says how a parameter's schema wants it split.
func (e *Server) shapeOf(si int) Type {
	s := &e.spec.Schemas[si]
	switch {
	case s.Types&TypeArray != 0:
		return TypeArray
	case s.Types&TypeObject != 0, s.Types == 0 && len(s.Properties) > 0:
		return TypeObject
	}
	return TypeString
}

// extract reads a parameter as its style serializes it.
func (e *Server) extract(p *Param, r *http.Request, query url.Values) (rawValue, bool, string) {
	shape := e.shapeOf(p.Schema)
	if p.JSON {
		shape = TypeString
	}
	var v string
	switch p.In {
	case "path":
		v = r.PathValue(p.MuxName)
		switch p.Style {
		case "label":
			if !strings.HasPrefix(v, ".") {
				return rawValue{}, true, "want label style, a value starting with \".\""
			}
			v = v[1:]
			if shape == TypeArray && p.Explode {
				return rawValue{list: strings.Split(v, "."), shape: shape}, true, ""
			}
		case "matrix":
			return matrix(p, v, shape)
		}
		return split(v, ",", shape, p.Explode), true, ""
	case "query":
		return e.fromQuery(p, query, shape)
	case "header":
		vs := r.Header.Values(p.Name)
		if len(vs) == 0 {
			return rawValue{}, false, ""
		}
		if len(vs) > 1 {
			return rawValue{}, true, "is sent on " + strconv.Itoa(len(vs)) + " header lines; send it on one"
		}
		v = strings.Join(vs, ",")
		if shape == TypeArray {
			items := strings.Split(v, ",")
			for i := range items {
				items[i] = strings.TrimSpace(items[i])
			}
			return rawValue{list: items, shape: shape}, true, ""
		}
		return split(v, ",", shape, p.Explode), true, ""
	case "cookie":
		ck, err := r.Cookie(p.Name)
		if err != nil {
			return rawValue{}, false, ""
		}
		return split(ck.Value, ",", shape, false), true, ""
	}
	return rawValue{}, false, ""
}

func matrix(p *Param, v string, shape Type) (rawValue, bool, string) {
	prefix := ";" + p.Name + "="
	switch {
	case shape == TypeArray && p.Explode:
		var items []string
		for _, part := range strings.Split(v, ";")[1:] {
			if !strings.HasPrefix(";"+part, prefix) {
				return rawValue{}, true, "want matrix style, such as " + prefix + "1" + prefix + "2"
			}
			items = append(items, part[len(prefix)-1:])
		}
		return rawValue{list: items, shape: shape}, true, ""
	case shape == TypeObject && p.Explode:
		return split(strings.TrimPrefix(v, ";"), ";", shape, true), true, ""
	}
	if !strings.HasPrefix(v, prefix) {
		return rawValue{}, true, "want matrix style, such as " + prefix + "value"
	}
	return split(v[len(prefix):], ",", shape, false), true, ""
}

// split turns one serialized string into the shape the schema wants;
// exploded objects are key=value pairs, others alternate keys and values.
func split(v, sep string, shape Type, explode bool) rawValue {
	switch shape {
	case TypeArray:
		return rawValue{list: strings.Split(v, sep), shape: shape}
	case TypeObject:
		parts := strings.Split(v, sep)
		var pairs [][2]string
		if explode {
			for _, kv := range parts {
				k, val, _ := strings.Cut(kv, "=")
				pairs = append(pairs, [2]string{k, val})
			}
		} else {
			for i := 0; i+1 < len(parts); i += 2 {
				pairs = append(pairs, [2]string{parts[i], parts[i+1]})
			}
		}
		return rawValue{pairs: pairs, shape: shape}
	}
	return rawValue{scalar: v, shape: shape}
}

func (e *Server) fromQuery(p *Param, q url.Values, shape Type) (rawValue, bool, string) {
	if p.Style == "deepObject" {
		root, why := deepObject(p.Name, q)
		if why != "" {
			return rawValue{}, true, why
		}
		return rawValue{deep: root, shape: TypeObject}, root != nil, ""
	}
	if shape == TypeObject && p.Explode {
		var pairs [][2]string
		for _, prop := range e.spec.Schemas[p.Schema].Properties {
			if vs, ok := q[prop.Name]; ok && len(vs) > 0 {
				if len(vs) > 1 && e.shapeOf(prop.Schema) != TypeArray {
					return rawValue{}, true, "its property " + strconv.Quote(prop.Name) + " is sent " + strconv.Itoa(len(vs)) + " times; send it once"
				}
				pairs = append(pairs, [2]string{prop.Name, vs[0]})
			}
		}
		return rawValue{pairs: pairs, shape: shape}, len(pairs) > 0, ""
	}
	vs, ok := q[p.Name]
	if !ok || len(vs) == 0 {
		return rawValue{}, false, ""
	}
	if shape == TypeArray && p.Explode {
		return rawValue{list: vs, shape: shape}, true, ""
	}
	if len(vs) > 1 && p.Explode && e.arrayAlternative(p.Schema) > 0 {
		// A value or a list (GitHub's has: a string, or an array of them):
		// sent more than once, it can only be the list.
		return rawValue{list: vs, shape: TypeArray}, true, ""
	}
	if len(vs) > 1 {
		return rawValue{}, true, "is sent " + strconv.Itoa(len(vs)) + " times; send it once"
	}
	if shape == TypeArray {
		switch p.Style {
		case "spaceDelimited":
			return split(vs[0], " ", shape, false), true, ""
		case "pipeDelimited":
			return split(vs[0], "|", shape, false), true, ""
		}
	}
	return split(vs[0], ",", shape, p.Explode), true, ""
}

// queryProblem says in the client's terms why a query string or form
// body could not be parsed.
func queryProblem(err error) string {
	var esc url.EscapeError
	msg := err.Error()
	switch {
	case errors.As(err, &esc):
		return "it has the invalid percent-encoding " + strconv.Quote(string(esc))
	case strings.Contains(msg, "semicolon"):
		return "it separates parameters with \";\"; separate them with \"&\""
	case strings.Contains(msg, "exceeded"):
		return "it has more parameters than the server reads"
	}
	return "it cannot be parsed as name=value pairs"
}

// paramJSON writes a parameter as the JSON value its schema describes,
// so that one checker serves parameters, forms and bodies alike.
func (e *Server) paramJSON(p *Param, raw rawValue) []byte {
	if p.JSON {
		return []byte(raw.scalar)
	}
	return e.appendRaw(nil, raw, p.Schema)
}

func (e *Server) appendRaw(buf []byte, raw rawValue, si int) []byte {
	s := &e.spec.Schemas[si]
	if raw.deep != nil {
		return e.appendDeep(buf, raw.deep, si)
	}
	switch raw.shape {
	case TypeArray:
		items := s.Items
		if alt := e.arrayAlternative(si); s.Types&TypeArray == 0 && alt > 0 {
			items = e.spec.Schemas[alt].Items
		}
		buf = append(buf, '[')
		for i, v := range raw.list {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = e.appendScalar(buf, v, items)
		}
		return append(buf, ']')
	case TypeObject:
		buf = append(buf, '{')
		for i, kv := range raw.pairs {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, kv[0])
			buf = append(buf, ':')
			sub := s.Additional
			if p := findProperty(s.Properties, appendString(nil, kv[0])); p >= 0 {
				sub = s.Properties[p].Schema
			}
			buf = e.appendScalar(buf, kv[1], sub)
		}
		return append(buf, '}')
	}
	return e.appendScalar(buf, raw.scalar, si)
}

// appendScalar writes v as a number or boolean when the schema allows one
// and v is one, and as a string otherwise; the checker then reports a
// mismatch in the schema's own terms.
func (e *Server) appendScalar(buf []byte, v string, si int) []byte {
	t := e.scalarTypes(si)
	if t&(TypeInteger|TypeNumber) != 0 && isNumber(v) {
		return append(buf, v...)
	}
	if t&TypeBoolean != 0 && (v == "true" || v == "false") {
		return append(buf, v...)
	}
	if t&TypeNull != 0 && v == "null" {
		return append(buf, v...)
	}
	return appendString(buf, v)
}

// scalarTypes are the types a schema allows, looking one level into
// combinators for schemas that state none themselves.
func (e *Server) scalarTypes(si int) Type {
	s := &e.spec.Schemas[si]
	t := s.Types
	if t == 0 {
		for _, list := range [][]int{s.AllOf, s.AnyOf, s.OneOf} {
			for _, sub := range list {
				t |= e.spec.Schemas[sub].Types
			}
		}
	}
	return t
}

// arrayAlternative is the first array among the anyOf and oneOf
// alternatives of a schema that has no type of its own, or 0.
func (e *Server) arrayAlternative(si int) int {
	s := &e.spec.Schemas[si]
	if s.Types != 0 {
		return 0
	}
	for _, list := range [][]int{s.AnyOf, s.OneOf} {
		for _, sub := range list {
			if e.spec.Schemas[sub].Types&TypeArray != 0 {
				return sub
			}
		}
	}
	return 0
}

func isNumber(v string) bool {
	end, ok := validNumber([]byte(v), 0)
	return ok && end == len(v)
}

// appendString writes s as a JSON string.
func appendString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

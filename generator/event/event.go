package event

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/model"
)

// Sources are the event sources, by the name --source takes.
var Sources = []string{"rest", "http", "alb", "url"}

// Options say which event to build.
type Options struct {
	// Operation is an operationId (or its Go name).
	Operation string
	// Source is one of Sources; empty means the project's API type.
	Source string
	// Params are name=value pairs that replace the sample's parameters
	// (path, query, header or cookie, as the spec declares the name).
	Params []string
	// Body replaces the sample body when BodySet.
	Body    []byte
	BodySet bool
	// Now stamps the event; zero means the current time.
	Now time.Time
}

// request is the HTTP request the event carries, before a source shapes
// it: the path is the full path the client asked for, escaped.
type request struct {
	method     string
	path       string
	query      [][2]string
	headers    [][2]string
	cookies    [][2]string
	pathParams map[string]string
	// rawParams are the path parameters as they appear in the path,
	// escaped and styled (;point=1;point=2 for a matrix parameter).
	rawParams   map[string]string
	contentType string
	body        []byte
	route       *model.Route
}

// Build returns the event as indented JSON.
func Build(p *deploy.Project, o Options) ([]byte, error) {
	route, err := findRoute(p, o.Operation)
	if err != nil {
		return nil, err
	}
	src := o.Source
	if src == "" {
		src = "http"
		if p.Deploy.REST {
			src = "rest"
		}
	}
	if !slices.Contains(Sources, src) {
		return nil, fmt.Errorf("--source %q is not one lambgen knows (want %s)", src, strings.Join(Sources, ", "))
	}
	op := route.Op
	if op.Sample.Skip != "" && len(o.Params) == 0 && !o.BodySet {
		return nil, fmt.Errorf("operation %s: no valid sample request could be made (%s); pass --param and --body", op.ID, op.Sample.Skip)
	}
	r, err := fromSample(p, route)
	if err != nil {
		return nil, err
	}
	if err := r.override(p, o.Params); err != nil {
		return nil, err
	}
	if o.BodySet {
		r.body = o.Body
		if r.contentType == "" {
			r.contentType = "application/json"
		}
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	var ev any
	switch src {
	case "rest":
		ev = r.rest(p, now.UTC())
	case "http":
		ev = r.httpAPI(p, now.UTC(), false)
	case "url":
		ev = r.httpAPI(p, now.UTC(), true)
	case "alb":
		ev = r.alb()
	}
	return json.MarshalIndent(ev, "", "  ")
}

// ReadBody reads --body: a file, or standard input for "-".
func ReadBody(name string) ([]byte, error) {
	f := os.Stdin
	if name != "-" {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	return readAll(f)
}

func findRoute(p *deploy.Project, name string) (*model.Route, error) {
	var ids []string
	for _, r := range p.Deploy.Routes {
		if r.Op == nil {
			continue
		}
		if r.Op.ID == name || r.Op.GoName == name {
			return r, nil
		}
		ids = append(ids, r.Op.ID)
	}
	if name == "" {
		return nil, fmt.Errorf("name an operation (one of %s)", strings.Join(ids, ", "))
	}
	return nil, fmt.Errorf("the spec has no operation %q (want one of %s)", name, strings.Join(ids, ", "))
}

func fromSample(p *deploy.Project, route *model.Route) (*request, error) {
	op := route.Op
	s := op.Sample
	u, err := url.Parse(s.Target)
	if err != nil {
		return nil, fmt.Errorf("operation %s: sample target %q: %v", op.ID, s.Target, err)
	}
	r := &request{method: s.Method, pathParams: map[string]string{}, contentType: s.ContentType, body: []byte(s.Body), route: route}
	if s.Body == "" {
		r.body = nil
	}
	raw, ok := matchPath(op.Path, u.EscapedPath())
	if !ok {
		return nil, fmt.Errorf("operation %s: the sample path %s does not match %s", op.ID, u.EscapedPath(), op.Path)
	}
	r.rawParams = raw
	for k, v := range raw {
		if r.pathParams[k], err = url.PathUnescape(v); err != nil {
			return nil, fmt.Errorf("operation %s: sample path value %q: %v", op.ID, v, err)
		}
	}
	r.path = fullPath(p.API.BasePath, fillTemplate(op.Path, raw))
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("operation %s: sample query %q does not decode", op.ID, u.RawQuery)
		}
		r.query = append(r.query, [2]string{dk, dv})
	}
	for _, h := range s.Headers {
		if strings.EqualFold(h[0], "Cookie") {
			for _, c := range strings.Split(h[1], "; ") {
				n, v, _ := strings.Cut(c, "=")
				r.cookies = append(r.cookies, [2]string{n, v})
			}
			continue
		}
		r.headers = append(r.headers, [2]string{http.CanonicalHeaderKey(h[0]), h[1]})
	}
	return r, nil
}

// matchPath reads the values of a path's parameters as the path has
// them, escaped; a segment that is one parameter is the common case, and
// a segment that mixes text and parameters keeps the sample's text.
func matchPath(template, path string) (map[string]string, bool) {
	ts := strings.Split(template, "/")
	ps := strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	vals := map[string]string{}
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") && strings.Count(t, "{") == 1 {
			vals[t[1:len(t)-1]] = ps[i]
		} else if !strings.Contains(t, "{") && t != ps[i] {
			return nil, false
		}
	}
	return vals, true
}

func fillTemplate(template string, raw map[string]string) string {
	ts := strings.Split(template, "/")
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if v, ok := raw[t[1:len(t)-1]]; ok {
				ts[i] = v
			}
		}
	}
	return strings.Join(ts, "/")
}

// escapeSegment escapes a --param value for a path segment, leaving the
// characters that path styles use (;point=1, .a.b, a,b) as they are.
func escapeSegment(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func fullPath(base, p string) string {
	if base != "" && p == "/" {
		return base
	}
	return base + p
}

// override applies --param name=value by where the spec declares name.
func (r *request) override(p *deploy.Project, params []string) error {
	op := r.route.Op
	declared := map[string]string{}
	if item := p.Spec.Doc.Paths.Value(op.Path); item != nil {
		for _, list := range []openapi3.Parameters{item.Parameters, opParams(item, op.Method)} {
			for _, ref := range list {
				if ref != nil && ref.Value != nil {
					declared[ref.Value.Name] = ref.Value.In
				}
			}
		}
	}
	for _, kv := range params {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			return fmt.Errorf("--param %q is not name=value", kv)
		}
		switch declared[name] {
		case openapi3.ParameterInPath:
			r.pathParams[name] = value
			r.rawParams[name] = escapeSegment(value)
			r.path = fullPath(p.API.BasePath, fillTemplate(op.Path, r.rawParams))
		case openapi3.ParameterInQuery:
			r.query = setPair(r.query, name, value)
		case openapi3.ParameterInHeader:
			r.headers = setPair(r.headers, http.CanonicalHeaderKey(name), value)
		case openapi3.ParameterInCookie:
			r.cookies = setPair(r.cookies, name, value)
		default:
			names := make([]string, 0, len(declared))
			for n := range declared {
				names = append(names, n)
			}
			slices.Sort(names)
			if len(names) == 0 {
				return fmt.Errorf("--param %s: operation %s has no parameters", name, op.ID)
			}
			return fmt.Errorf("--param %s: operation %s has no parameter of that name (want one of %s)", name, op.ID, strings.Join(names, ", "))
		}
	}
	return nil
}

func opParams(item *openapi3.PathItem, method string) openapi3.Parameters {
	if op := item.GetOperation(method); op != nil {
		return op.Parameters
	}
	return nil
}

func setPair(pairs [][2]string, name, value string) [][2]string {
	out := pairs[:0:0]
	for _, kv := range pairs {
		if kv[0] != name {
			out = append(out, kv)
		}
	}
	return append(out, [2]string{name, value})
}

package contract

import (
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
)

// RouteNode is one node of the static routing tree in Spec.Routes. The tree
// replaces http.ServeMux, whose registration of every pattern at start-up
// costs about two microseconds a route: milliseconds of cold start for a
// large API.
type RouteNode struct {
	Literals []RouteEdge // sorted by segment
	Wildcard int
	Ops      []RouteOp // sorted by method
}

// RouteEdge is a literal path segment and the node it leads to.
type RouteEdge struct {
	Segment string
	Node    int
}

// RouteOp ties a method to an operation's index in Spec.Operations.
type RouteOp struct {
	Method string
	Op     int
}

// find matches a request the way http.ServeMux does with oapi-codegen's
// patterns: segment by segment, a literal before a wildcard, GET serving
// HEAD too. It returns the operation's index and the wildcard values, or -1.
func (sp *Spec) find(method, escapedPath string) (int, []string) {
	if !strings.HasPrefix(escapedPath, "/") {
		return -1, nil
	}
	rest := escapedPath[1:]
	var values []string
	if op, ok := sp.walk(0, rest, method, &values); ok {
		return op, values
	}
	if method == http.MethodHead {
		if op, ok := sp.walk(0, rest, http.MethodGet, &values); ok {
			return op, values
		}
	}
	return -1, nil
}

// allowedMethods are the methods of the operations whose path matches,
// sorted, counting the path with a trailing slash too, as ServeMux does.
func (sp *Spec) allowedMethods(escapedPath string) []string {
	seen := map[string]bool{}
	if strings.HasPrefix(escapedPath, "/") {
		sp.allowedAt(0, escapedPath[1:], seen)
		if !strings.HasSuffix(escapedPath, "/") {
			sp.allowedAt(0, escapedPath[1:]+"/", seen)
		}
	}
	allowed := make([]string, 0, len(seen))
	for m := range seen {
		allowed = append(allowed, m)
	}
	sort.Strings(allowed)
	return allowed
}

// route finds the operation for r, or answers r itself as ServeMux would:
// 307 to the clean path or to the path with a trailing slash, 405 with
// Allow, or 404.
func (s *Server) route(w http.ResponseWriter, r *http.Request) (int, []string) {
	escaped := r.URL.EscapedPath()
	clean := escaped
	if r.Method != http.MethodConnect {
		clean = cleanPath(escaped)
	}
	op, values := s.spec.find(r.Method, clean)
	if op < 0 && clean != "" && !strings.HasSuffix(clean, "/") {
		if slashed, _ := s.spec.find(r.Method, clean+"/"); slashed >= 0 {
			redirect(w, r, clean+"/")
			return -1, nil
		}
	}
	if clean != escaped {
		redirect(w, r, clean)
		return -1, nil
	}
	if op < 0 {
		unrouted(w, r, s.spec.allowedMethods(clean))
	}
	return op, values
}

// redirect answers 307 to an already escaped path, which is written as
// it is: escaping it again would turn %20 into %2520. The path is
// relative to the API; whatever stripped the base path puts it back.
func redirect(w http.ResponseWriter, r *http.Request, escaped string) {
	loc := escaped
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, loc, http.StatusTemporaryRedirect)
}

// cleanPath is path.Clean that keeps a trailing slash, as ServeMux does.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		if len(p) == len(np)+1 && strings.HasPrefix(p, np) {
			np = p
		} else {
			np += "/"
		}
	}
	return np
}

// segment splits off the next path segment, unescaped.
func segment(rest string) (seg, tail string, more, ok bool) {
	seg, tail, more = strings.Cut(rest, "/")
	if strings.IndexByte(seg, '%') >= 0 {
		u, err := url.PathUnescape(seg)
		if err != nil {
			return "", "", false, false
		}
		seg = u
	}
	return seg, tail, more, true
}

func (n *RouteNode) literal(seg string) int {
	lo, hi := 0, len(n.Literals)
	for lo < hi {
		m := (lo + hi) / 2
		if n.Literals[m].Segment < seg {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(n.Literals) && n.Literals[lo].Segment == seg {
		return n.Literals[lo].Node
	}
	return 0
}

// walk matches the rest of the path below node for method, backtracking
// from a literal to the wildcard when the literal leads nowhere.
func (sp *Spec) walk(node int, rest, method string, values *[]string) (int, bool) {
	seg, tail, more, ok := segment(rest)
	if !ok {
		return 0, false
	}
	n := &sp.Routes[node]
	try := func(next int) (int, bool) {
		if more {
			return sp.walk(next, tail, method, values)
		}
		for _, o := range sp.Routes[next].Ops {
			if o.Method == method {
				return o.Op, true
			}
		}
		return 0, false
	}
	if next := n.literal(seg); next != 0 {
		if op, ok := try(next); ok {
			return op, true
		}
	}
	if n.Wildcard != 0 && seg != "" {
		*values = append(*values, seg)
		if op, ok := try(n.Wildcard); ok {
			return op, true
		}
		*values = (*values)[:len(*values)-1]
	}
	return 0, false
}

// allowedAt collects the methods of every operation whose path matches.
func (sp *Spec) allowedAt(node int, rest string, seen map[string]bool) {
	seg, tail, more, ok := segment(rest)
	if !ok {
		return
	}
	n := &sp.Routes[node]
	visit := func(next int) {
		if more {
			sp.allowedAt(next, tail, seen)
			return
		}
		for _, o := range sp.Routes[next].Ops {
			seen[o.Method] = true
			if o.Method == http.MethodGet {
				seen[http.MethodHead] = true
			}
		}
	}
	if next := n.literal(seg); next != 0 {
		visit(next)
	}
	if n.Wildcard != 0 && seg != "" {
		visit(n.Wildcard)
	}
}

// operationFor finds the operation oapi-codegen registers under a ServeMux
// pattern ("GET /items/{item_id}", "POST /items/{$}") by walking the
// routing tree with the pattern's own segments, so the tables need no
// second index from patterns to operations; -1 if none.
func (sp *Spec) operationFor(pattern string) int {
	method, rest, _ := strings.Cut(pattern, " ")
	rest = strings.TrimPrefix(strings.TrimSuffix(rest, "{$}"), "/")
	node := 0
	// Segment by segment with Cut, not Split: NewHandler registers every
	// operation, and a slice per pattern would cost a large API's cold start.
	for more := true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if node >= len(sp.Routes) {
			return -1
		}
		n := &sp.Routes[node]
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			node = n.Wildcard
		} else {
			if strings.IndexByte(seg, '%') >= 0 {
				if u, err := url.PathUnescape(seg); err == nil {
					seg = u
				}
			}
			node = n.literal(seg)
		}
		if node == 0 {
			return -1
		}
	}
	for _, o := range sp.Routes[node].Ops {
		if o.Method == method && sp.Operations[o.Op].Pattern == pattern {
			return o.Op
		}
	}
	return -1
}

package contract

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// deepNode is a deepObject parameter as its binder assembles it: a value,
// or members keyed by the names between brackets.
type deepNode struct {
	value   string
	leaf    bool
	members map[string]*deepNode
}

// deepObject assembles the query keys of a deepObject parameter exactly
// as oapi-codegen's binder does (brackets trimmed, then split at "]["; a
// repeated key becomes indexed members), so that what is checked is what
// the handler receives.
func deepObject(name string, q url.Values) (*deepNode, string) {
	var root *deepNode
	keys := make([]string, 0, 4)
	for k := range q {
		if strings.HasPrefix(k, name+"[") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := q[k]
		if !bracketed(k[len(name):]) {
			// The binder would trim stray brackets and guess; a key it has
			// to guess at is the client's mistake, not a value.
			return nil, "has the malformed key " + strconv.Quote(k) + ": want " + name + "[property], such as " + name + "[a][b]"
		}
		path := strings.Split(strings.TrimRight(strings.TrimLeft(k[len(name):], "["), "]"), "][")
		for i, v := range vs {
			p := path
			if len(vs) > 1 {
				p = append(path[:len(path):len(path)], strconv.Itoa(i))
			}
			if root == nil {
				root = &deepNode{}
			}
			if !root.put(p, v) {
				return nil, "sets " + strconv.Quote(k) + " both as a value and as an object"
			}
		}
	}
	return root, ""
}

// bracketed reports whether s is one or more [name] groups, each name
// free of brackets.
func bracketed(s string) bool {
	if s == "" {
		return false
	}
	for s != "" {
		if s[0] != '[' {
			return false
		}
		end := strings.IndexByte(s, ']')
		if end < 0 || strings.IndexByte(s[1:end], '[') >= 0 {
			return false
		}
		s = s[end+1:]
	}
	return true
}

func (n *deepNode) put(path []string, v string) bool {
	for _, key := range path {
		if n.leaf {
			return false
		}
		if n.members == nil {
			n.members = map[string]*deepNode{}
		}
		next := n.members[key]
		if next == nil {
			next = &deepNode{}
			n.members[key] = next
		}
		n = next
	}
	if n.leaf || n.members != nil {
		return false
	}
	n.value, n.leaf = v, true
	return true
}

// appendDeep writes a deepObject as JSON: members keyed 0..n-1 as an
// array where the schema wants one, other members as an object, so the
// checker judges it in the schema's own terms.
func (e *Server) appendDeep(buf []byte, n *deepNode, si int) []byte {
	if n.leaf {
		return e.appendScalar(buf, n.value, si)
	}
	s := &e.spec.Schemas[si]
	if e.shapeOf(si) == TypeArray && isIndexed(n) {
		buf = append(buf, '[')
		for i := 0; i < len(n.members); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = e.appendDeep(buf, n.members[strconv.Itoa(i)], s.Items)
		}
		return append(buf, ']')
	}
	keys := make([]string, 0, len(n.members))
	for k := range n.members {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf = append(buf, '{')
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, k)
		buf = append(buf, ':')
		sub := s.Additional
		if p := findProperty(s.Properties, appendString(nil, k)); p >= 0 {
			sub = s.Properties[p].Schema
		}
		buf = e.appendDeep(buf, n.members[k], sub)
	}
	return append(buf, '}')
}

// isIndexed reports whether n's members are keyed 0, 1, ... n-1.
func isIndexed(n *deepNode) bool {
	for i := 0; i < len(n.members); i++ {
		if n.members[strconv.Itoa(i)] == nil {
			return false
		}
	}
	return true
}

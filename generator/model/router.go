package model

import (
	"net/url"
	"sort"
	"strings"
)

// RouteNode is one node of the routing tree the generated server matches
// request paths with: a static table, so that a cold start registers
// nothing. Node 0 is the root.
type RouteNode struct {
	Index int
	// Literals are the children reached by a literal segment, sorted.
	Literals []RouteEdge
	// Wildcard is the child reached by any non-empty segment, or 0.
	Wildcard int
	// Ops are the operations whose path ends here, by method.
	Ops []RouteOp
}

// RouteEdge is a literal path segment and the node it leads to.
type RouteEdge struct {
	Segment string
	Node    int
}

// RouteOp ties a method to an operation's index in API.Operations.
type RouteOp struct {
	Method string
	Op     int
}

// routes builds the tree from the ServeMux patterns oapi-codegen uses
// ("GET /items/{item_id}", "POST /items/{$}"), with the same meaning: a
// literal segment beats a wildcard, and {$} matches the trailing slash.
// It also records each operation's wildcard names in path order.
func routes(ops []*Operation) []*RouteNode {
	nodes := []*RouteNode{{Index: 0}}
	child := func(n *RouteNode, seg string, wild bool) *RouteNode {
		if wild {
			if n.Wildcard == 0 {
				n.Wildcard = len(nodes)
				nodes = append(nodes, &RouteNode{Index: len(nodes)})
			}
			return nodes[n.Wildcard]
		}
		for _, e := range n.Literals {
			if e.Segment == seg {
				return nodes[e.Node]
			}
		}
		c := &RouteNode{Index: len(nodes)}
		nodes = append(nodes, c)
		n.Literals = append(n.Literals, RouteEdge{Segment: seg, Node: c.Index})
		return c
	}
	for i, o := range ops {
		method, path, _ := strings.Cut(o.MuxPattern, " ")
		path = strings.TrimSuffix(path, "{$}")
		n := nodes[0]
		o.Rules.Wildcards = nil
		for _, seg := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				o.Rules.Wildcards = append(o.Rules.Wildcards, strings.TrimSuffix(seg[1:len(seg)-1], "..."))
				n = child(n, "", true)
				continue
			}
			if u, err := url.PathUnescape(seg); err == nil {
				seg = u
			}
			n = child(n, seg, false)
		}
		n.Ops = append(n.Ops, RouteOp{Method: method, Op: i})
	}
	for _, n := range nodes {
		sort.Slice(n.Literals, func(i, j int) bool { return n.Literals[i].Segment < n.Literals[j].Segment })
		sort.Slice(n.Ops, func(i, j int) bool { return n.Ops[i].Method < n.Ops[j].Method })
	}
	return nodes
}

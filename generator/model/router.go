package model

import (
	"net/url"
	"sort"
	"strings"

	"github.com/lambgen/lambgen/contract"
)

// routes builds the tree from the ServeMux patterns oapi-codegen uses
// ("GET /items/{item_id}", "POST /items/{$}"), with the same meaning: a
// literal segment beats a wildcard, and {$} matches the trailing slash.
// It also records each operation's wildcard names in path order.
func routes(ops []*Operation) []*contract.RouteNode {
	nodes := []*contract.RouteNode{{}}
	child := func(n *contract.RouteNode, seg string, wild bool) *contract.RouteNode {
		if wild {
			if n.Wildcard == 0 {
				n.Wildcard = len(nodes)
				nodes = append(nodes, &contract.RouteNode{})
			}
			return nodes[n.Wildcard]
		}
		for _, e := range n.Literals {
			if e.Segment == seg {
				return nodes[e.Node]
			}
		}
		c := &contract.RouteNode{}
		n.Literals = append(n.Literals, contract.RouteEdge{Segment: seg, Node: len(nodes)})
		nodes = append(nodes, c)
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
		n.Ops = append(n.Ops, contract.RouteOp{Method: method, Op: i})
	}
	for _, n := range nodes {
		sort.Slice(n.Literals, func(i, j int) bool { return n.Literals[i].Segment < n.Literals[j].Segment })
		sort.Slice(n.Ops, func(i, j int) bool { return n.Ops[i].Method < n.Ops[j].Method })
	}
	return nodes
}

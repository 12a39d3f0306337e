package load

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// maxExpandedNodes bounds what a document's aliases may expand to. kin-openapi
// decodes the document through yaml.v3 into plain values, which copies every
// alias: a few lines of nested aliases ("billion laughs") would take the
// memory of the machine. Real specs share a handful of small anchors, far
// below this.
const maxExpandedNodes = 1 << 20

// parseYAML reads YAML into a node tree and refuses, with the alias's
// position, anchors that contain themselves and aliases that expand past
// maxExpandedNodes. yaml.v3 reports the first without a line, and the second
// only after allocating.
func parseYAML(name string, src []byte) (*yaml.Node, *Problem) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		p := yamlProblem(name, src, err)
		return nil, &p
	}
	if p := checkAliases(name, &root); p != nil {
		return nil, p
	}
	return &root, nil
}

// checkAliases measures the tree as it would be with every alias expanded,
// memoizing each node's size so that the walk itself stays linear.
func checkAliases(name string, root *yaml.Node) *Problem {
	size := map[*yaml.Node]int{}
	open := map[*yaml.Node]bool{}
	var problem *Problem
	var walk func(n *yaml.Node) int
	walk = func(n *yaml.Node) int {
		if problem != nil {
			return 0
		}
		if s, ok := size[n]; ok {
			return s
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if open[n.Alias] {
				problem = &Problem{File: name, Line: n.Line, Column: n.Column, Class: Unreadable,
					Message: fmt.Sprintf("invalid YAML: alias *%s is inside the value of its own anchor &%s (line %d), so that value would be infinite (want an alias outside the anchored value)",
						n.Value, n.Alias.Anchor, n.Alias.Line)}
				return 0
			}
			s := walk(n.Alias)
			size[n] = s
			return s
		}
		open[n] = true
		total := 1
		for _, c := range n.Content {
			total += walk(c)
			if problem == nil && total > maxExpandedNodes {
				problem = &Problem{File: name, Line: c.Line, Column: c.Column, Class: Unreadable,
					Message: fmt.Sprintf("invalid YAML: its aliases expand to more than %d values (want fewer or smaller anchors; a spec's shared definitions belong in components and $ref)", maxExpandedNodes)}
			}
			if problem != nil {
				break
			}
		}
		delete(open, n)
		size[n] = total
		return total
	}
	walk(root)
	return problem
}

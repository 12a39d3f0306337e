package load

import (
	"fmt"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// What OpenAPI 3.1 makes a MUST that no generated code could settle, read
// off the document as written.

// serverVariables checks what OpenAPI 3.1 makes a MUST and 3.0 only a
// SHOULD: a variable's enum is not empty and holds its default. The first
// server's URL, with defaults filled in, is the base path every route is
// served under, so a default the enum rules out leaves it in doubt.
func serverVariables(path string, top *yaml.Node, t *openapi3.T) Problems {
	var ps Problems
	servers := mapValue(top, "servers")
	for i, s := range t.Servers {
		if s == nil {
			continue
		}
		names := make([]string, 0, len(s.Variables))
		for n := range s.Variables {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			v := s.Variables[n]
			if v == nil || v.Enum == nil {
				continue
			}
			line, col := top.Line, top.Column
			if servers != nil && servers.Kind == yaml.SequenceNode && i < len(servers.Content) {
				if vars := mapValue(servers.Content[i], "variables"); vars != nil {
					if at := mapValue(vars, n); at != nil {
						line, col = at.Line, at.Column
					}
				}
			}
			switch {
			case len(v.Enum) == 0:
				ps = append(ps, Problem{File: path, Line: line, Column: col, Class: Invalid,
					Message: fmt.Sprintf("server variable %q has an empty enum (OpenAPI 3.1 wants at least one value, the default among them)", n)})
			case !slices.Contains(v.Enum, v.Default):
				ps = append(ps, Problem{File: path, Line: line, Column: col, Class: Invalid,
					Message: fmt.Sprintf("server variable %q has default %q, which its enum %q does not hold (OpenAPI 3.1 wants the default among the values), so the base path is in doubt", n, v.Default, v.Enum)})
			}
		}
	}
	return ps
}

// misplacedAllowReserved finds allowReserved where OpenAPI 3.1 forbids it:
// on a parameter not in the query, or on a header. Only a query parameter
// and an encoding object (a value in an encoding map) take it.
func misplacedAllowReserved(path string, n *yaml.Node, parentKey string) Problems {
	var ps Problems
	switch n.Kind {
	case yaml.MappingNode:
		in := mapValue(n, "in")
		// A parameter has in; a header, schema or content but no in (a
		// properties map may name a property allowReserved).
		object := in != nil || (parentKey != "properties" && (mapValue(n, "schema") != nil || mapValue(n, "content") != nil))
		if key := mapKey(n, "allowReserved"); key != nil && object && parentKey != "encoding" {
			if in == nil || in.Value != "query" {
				where := "a header"
				if in != nil {
					where = "a " + in.Value + " parameter"
				}
				ps = append(ps, Problem{File: path, Line: key.Line, Column: key.Column, Class: Invalid,
					Message: "allowReserved on " + where + " (OpenAPI 3.1 allows it only on query parameters and encodings; remove it)"})
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			// A map's entries are named by the user; their values are
			// objects whose own parent is the map's key.
			ps = append(ps, misplacedAllowReserved(path, n.Content[i+1], childKey(parentKey, n.Content[i].Value))...)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			ps = append(ps, misplacedAllowReserved(path, c, "")...)
		}
	}
	return ps
}

// childKey is what a value's parentKey is: an entry of an encoding map
// (whose keys are property names) keeps "encoding".
func childKey(parentKey, key string) string {
	if key == "encoding" {
		return "encoding-map"
	}
	if parentKey == "encoding-map" {
		return "encoding"
	}
	return key
}

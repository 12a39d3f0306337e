package deploy

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/load"
)

// readYAML parses a file into its root mapping; problems carry the file
// and, where yaml.v3 says, the line.
func readYAML(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, load.Problems{{File: path, Message: "file does not exist (run lambgen new or lambgen generate)"}}
		}
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var line int
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return nil, load.Problems{{File: path, Line: line, Message: "invalid YAML: " + msg}}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, load.Problems{{File: path, Line: 1, Column: 1, Message: "not a YAML mapping"}}
	}
	return &doc, nil
}

// get returns the key and value nodes of key in mapping m, or nils.
func get(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// val returns the value node of key in mapping m, or nil.
func val(m *yaml.Node, key string) *yaml.Node {
	_, v := get(m, key)
	return v
}

// pairs iterates a mapping's keys and values in document order.
func pairs(m *yaml.Node) [][2]*yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := make([][2]*yaml.Node, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, [2]*yaml.Node{m.Content[i], m.Content[i+1]})
	}
	return out
}

// scalar returns a scalar node's value, or "" for anything else.
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// at makes a problem located at node n of file.
func at(file string, n *yaml.Node, format string, args ...any) load.Problem {
	p := load.Problem{File: file, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Column = n.Line, n.Column
	}
	return p
}

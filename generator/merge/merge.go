package merge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
)

// OverridesFile is the user-owned file merged into TemplateFile.
const (
	OverridesFile = "template.overrides.yaml"
	TemplateFile  = "template.yaml"
)

// Template merges overrides into the rendered template. When overrides
// holds nothing but comments, the rendered bytes come back untouched.
// Problems in overrides are located in name.
func Template(rendered, overrides []byte, name string) ([]byte, error) {
	over, err := parse(overrides, name)
	if err != nil {
		return nil, err
	}
	if over == nil {
		return rendered, nil
	}
	if over.Kind != yaml.MappingNode {
		return nil, load.Problems{{File: name, Line: over.Line, Column: over.Column,
			Message: fmt.Sprintf("the overrides must be a mapping of template keys (such as Resources:), found %s", kindName(over))}}
	}
	base, err := parse(rendered, TemplateFile)
	if err != nil {
		return nil, fmt.Errorf("the rendered template does not parse (a lambgen bug): %w", err)
	}
	if base == nil || base.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the rendered template is not a mapping (a lambgen bug)")
	}
	mergeMapping(base, over)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{base}}); err != nil {
		return nil, fmt.Errorf("encoding the merged template: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte(files.YAMLHeader+"\n")) {
		out = append([]byte(files.YAMLHeader+"\n"), out...)
	}
	return out, nil
}

// parse returns the root node of a one-document YAML file, or nil when the
// file holds no value.
func parse(data []byte, name string) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, located(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, load.Problems{{File: name, Line: extra.Line, Column: extra.Column,
			Message: "a second YAML document; the file must hold one mapping (remove the --- separator)"}}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	// The rendered template's header comment belongs to the document; keep
	// it on the root so the encoder writes it first.
	if doc.HeadComment != "" && root.HeadComment == "" {
		root.HeadComment = doc.HeadComment
	}
	return root, nil
}

// mergeMapping folds over into base in place. Keys base already has keep
// their position; new keys follow in the order the user wrote them.
func mergeMapping(base, over *yaml.Node) {
	for i := 0; i+1 < len(over.Content); i += 2 {
		k, v := over.Content[i], over.Content[i+1]
		j := indexOf(base, k)
		if j < 0 {
			base.Content = append(base.Content, k, v)
			continue
		}
		old := base.Content[j+1]
		if old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode && old.Tag == v.Tag {
			mergeMapping(old, v)
			continue
		}
		base.Content[j+1] = v
	}
}

func indexOf(m, key *yaml.Node) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == key.Kind && k.Value == key.Value {
			return i
		}
	}
	return -1
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.ScalarNode:
		return fmt.Sprintf("the scalar %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func located(name string, err error) error {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return load.Problems{{File: name, Line: line, Message: "invalid YAML: " + m[2]}}
	}
	return load.Problems{{File: name, Message: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}}
}

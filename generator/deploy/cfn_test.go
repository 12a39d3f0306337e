package deploy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/internal/testtool"
)

// cfnValue turns a CloudFormation YAML node into the JSON value AWS reads,
// expanding the short forms (!Ref X becomes {"Ref": "X"}).
func cfnValue(n *yaml.Node) (any, error) {
	if n.Kind == yaml.DocumentNode {
		return cfnValue(n.Content[0])
	}
	if n.Kind == yaml.AliasNode {
		return cfnValue(n.Alias)
	}
	var v any
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			c, err := cfnValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = c
		}
		v = m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			x, err := cfnValue(c)
			if err != nil {
				return nil, err
			}
			l = append(l, x)
		}
		v = l
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int":
			i, err := strconv.ParseInt(n.Value, 0, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n.Line, err)
			}
			v = i
		case "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n.Line, err)
			}
			v = f
		case "!!bool":
			v = n.Value == "true"
		case "!!null":
			v = nil
		default:
			v = n.Value
		}
	}
	if !strings.HasPrefix(n.Tag, "!") || strings.HasPrefix(n.Tag, "!!") {
		return v, nil
	}
	fn := strings.TrimPrefix(n.Tag, "!")
	switch fn {
	case "Ref", "Condition":
		return map[string]any{fn: v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			parts := strings.SplitN(s, ".", 2)
			return map[string]any{"Fn::GetAtt": []any{parts[0], parts[len(parts)-1]}}, nil
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	default:
		return map[string]any{"Fn::" + fn: v}, nil
	}
}

// cfnJSON parses CloudFormation YAML into the value a JSON schema sees.
func cfnJSON(t *testing.T, name string, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	v, err := cfnValue(&doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// notPrefix is the one lookahead pattern in SAM's schema,
// ^(?!AWS::Serverless::).+$, which Go's regexp cannot compile: it keeps
// resources that are not SAM's from matching the plain CloudFormation
// resource schema.
type notPrefix struct{ pattern, prefix string }

func (r notPrefix) MatchString(s string) bool { return s != "" && !strings.HasPrefix(s, r.prefix) }
func (r notPrefix) String() string            { return r.pattern }

var lookahead = regexp.MustCompile(`^\^\(\?!([A-Za-z0-9:]+)\)\.\+\$$`)

// schemaRegexp compiles patterns with Go's regexp, except the negative
// prefix lookahead above; any other lookahead fails compilation loudly
// rather than being skipped.
func schemaRegexp(pattern string) (jsonschema.Regexp, error) {
	if m := lookahead.FindStringSubmatch(pattern); m != nil {
		return notPrefix{pattern: pattern, prefix: m[1]}, nil
	}
	return regexp.Compile(pattern)
}

var (
	samOnce   sync.Once
	samSchema *jsonschema.Schema
	samErr    error
)

// loadSAMSchema compiles the SAM template schema (draft-04) once.
func loadSAMSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	samSchemaPath := testtool.Corpus(t, "schemas/sam/sam.schema.json")
	samOnce.Do(func() {
		f, err := os.Open(samSchemaPath)
		if err != nil {
			samErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			samErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		c.UseRegexpEngine(schemaRegexp)
		if samErr = c.AddResource("sam.schema.json", doc); samErr != nil {
			return
		}
		samSchema, samErr = c.Compile("sam.schema.json")
	})
	if samErr != nil {
		t.Fatalf("SAM schema %s: %v", samSchemaPath, samErr)
	}
	return samSchema
}

// cmpAny reports how two decoded documents differ, or "".
func cmpAny(a, b any) string {
	x, _ := json.MarshalIndent(a, "", " ")
	y, _ := json.MarshalIndent(b, "", " ")
	if bytes.Equal(x, y) {
		return ""
	}
	return fmt.Sprintf("want %s\ngot  %s", x, y)
}

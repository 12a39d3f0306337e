// Package config reads and writes lambgen.yaml, the project's record of
// how it was generated: the spec, the module, the name and the options,
// as mangum.yaml is for mangum-cli.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/load"
)

// File is the config's name inside a project.
const File = "lambgen.yaml"

// Config is lambgen.yaml.
type Config struct {
	Name         string `yaml:"name"`
	Module       string `yaml:"module"`
	Spec         string `yaml:"spec"`
	API          string `yaml:"api"`
	Architecture string `yaml:"architecture"`
	Memory       int    `yaml:"memory"`
	Timeout      int    `yaml:"timeout"`
	// Environment is set on the function, sorted by name when rendered.
	Environment map[string]string `yaml:"environment,omitempty"`
	// S3Access and DynamoDBAccess grant the function one SAM policy
	// template each, scoped to the named bucket or table.
	S3Access       []S3Access       `yaml:"s3_access,omitempty"`
	DynamoDBAccess []DynamoDBAccess `yaml:"dynamodb_access,omitempty"`
	CORS           *CORS            `yaml:"cors,omitempty"`
	Auth           Auth             `yaml:"auth,omitempty"`
	// ValidateResponses makes the generated server check every response
	// against the spec and log the ones that break it.
	ValidateResponses bool `yaml:"validate_responses,omitempty"`
	// Docs serves interactive documentation of the contract.
	Docs Docs `yaml:"docs,omitempty"`
	// Telemetry tunes the generated logs, metrics and tracing.
	Telemetry Telemetry `yaml:"telemetry,omitempty"`
}

// Docs says where the generated server serves its contract: an interactive
// page (Swagger UI) and the spec as JSON and YAML.
type Docs struct {
	// Local serves them when the project runs outside Lambda; nil is on.
	Local *bool `yaml:"local,omitempty"`
	// Lambda serves them on Lambda too, and adds their routes to
	// template.yaml and serverless.yml: a deployed API shows its contract
	// to anyone who can reach it, so it is a decision, not a default.
	Lambda bool `yaml:"lambda,omitempty"`
	// Path is the page's path below the base path (default /docs).
	Path string `yaml:"path,omitempty"`
}

// Default reports whether nothing about the docs was set, so lambgen.yaml
// can show the section as a comment.
func (d Docs) Default() bool {
	return d.Local == nil && !d.Lambda && (d.Path == "" || d.Path == DefaultDocsPath)
}

// LocalOn reports whether the docs are served outside Lambda.
func (d Docs) LocalOn() bool { return d.Local == nil || *d.Local }

// DefaultDocsPath is where the docs page is served unless lambgen.yaml
// says otherwise.
const DefaultDocsPath = "/docs"

// Defaults fills every option the user did not set.
func (c *Config) Defaults() {
	if c.Spec == "" {
		c.Spec = "openapi.yaml"
	}
	if c.API == "" {
		c.API = "http"
	}
	if c.Architecture == "" {
		c.Architecture = "arm64"
	}
	if c.Memory == 0 {
		c.Memory = 128
	}
	if c.Timeout == 0 {
		c.Timeout = 10
	}
	if c.Docs.Path == "" {
		c.Docs.Path = DefaultDocsPath
	}
	c.Telemetry.defaults()
	for i := range c.S3Access {
		if c.S3Access[i].Access == "" {
			c.S3Access[i].Access = "read"
		}
	}
	for i := range c.DynamoDBAccess {
		if c.DynamoDBAccess[i].Access == "" {
			c.DynamoDBAccess[i].Access = "read"
		}
	}
}

// GoArch is the GOARCH for the configured Lambda architecture.
func (c Config) GoArch() string {
	if c.Architecture == "x86_64" {
		return "amd64"
	}
	return "arm64"
}

var (
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	// docsPathRE keeps the docs path to plain segments: it becomes an API
	// Gateway route and a prefix the server compares bytes against.
	docsPathRE = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+$`)
)

// issue is one invalid value; key is its dotted path in lambgen.yaml
// ("s3_access.0.bucket"), so that Read can put a line number on it. A
// trailing "!" points at the key itself rather than its value, for
// problems with a name.
type issue struct {
	key, msg string
}

// Check reports every invalid value, located in file (which may be "").
func (c Config) Check(file string) error {
	return toProblems(file, c.issues(), nil)
}

func (c Config) issues() []issue {
	var is []issue
	bad := func(key, format string, args ...any) { is = append(is, issue{key, fmt.Sprintf(format, args...)}) }
	if !nameRE.MatchString(c.Name) {
		bad("name", "name %q must be lower case letters, digits and dashes, starting with a letter", c.Name)
	}
	if c.Module == "" || strings.ContainsAny(c.Module, " \t\\") {
		bad("module", "module %q is not a Go module path", c.Module)
	}
	if c.API != "http" && c.API != "rest" {
		bad("api", "api %q is not supported (want http or rest)", c.API)
	}
	if c.Architecture != "arm64" && c.Architecture != "x86_64" {
		bad("architecture", "architecture %q is not supported (want arm64 or x86_64)", c.Architecture)
	}
	if c.Memory < 128 || c.Memory > 10240 {
		bad("memory", "memory %d is outside Lambda's 128-10240 MB", c.Memory)
	}
	if c.Timeout < 1 || c.Timeout > 900 {
		bad("timeout", "timeout %d is outside Lambda's 1-900 seconds", c.Timeout)
	}
	if !docsPathRE.MatchString(c.Docs.Path) || strings.Contains("/"+c.Docs.Path+"/", "/./") || strings.Contains("/"+c.Docs.Path+"/", "/../") {
		bad("docs.path", "docs.path %q is not a plain path (want segments of letters, digits, ., _, ~ and -, such as /docs)", c.Docs.Path)
	} else if c.Docs.Path == "/openapi.json" || c.Docs.Path == "/openapi.yaml" {
		bad("docs.path", "docs.path %q is where the spec itself is served (want another path, such as /docs)", c.Docs.Path)
	}
	is = append(is, c.deployIssues()...)
	return append(is, c.Telemetry.issues()...)
}

func toProblems(file string, is []issue, root *yaml.Node) error {
	if len(is) == 0 {
		return nil
	}
	ps := make(load.Problems, 0, len(is))
	for _, i := range is {
		p := load.Problem{File: file, Message: i.msg}
		if n := find(root, i.key); n != nil {
			p.Line, p.Column = n.Line, n.Column
		}
		ps = append(ps, p)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		return ps[i].Line < ps[j].Line || ps[i].Line == ps[j].Line && ps[i].Column < ps[j].Column
	})
	return ps
}

// find walks a dotted key path through a decoded document and returns the
// value node it names, or the deepest node on the way.
func find(root *yaml.Node, key string) *yaml.Node {
	if root == nil || len(root.Content) == 0 {
		return nil
	}
	n := root.Content[0]
	atKey := strings.HasSuffix(key, "!")
	parts := strings.Split(strings.TrimSuffix(key, "!"), ".")
	for i, part := range parts {
		if atKey && i == len(parts)-1 && n.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == part {
					return n.Content[j]
				}
			}
		}
		next := child(n, part)
		if next == nil {
			break
		}
		n = next
	}
	if n == root.Content[0] {
		return nil
	}
	return n
}

func child(n *yaml.Node, part string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == part {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		var idx int
		if _, err := fmt.Sscanf(part, "%d", &idx); err == nil && idx >= 0 && idx < len(n.Content) {
			return n.Content[idx]
		}
	}
	return nil
}

// Read loads lambgen.yaml from path; unknown keys are errors so that a
// typo never silently falls back to a default.
func Read(path string) (Config, error) {
	var c Config
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return c, load.Problems{{File: path, Message: "no lambgen.yaml here (run lambgen new first, or pass --dir)"}}
		}
		return c, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return c, load.Problems{{File: path, Message: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, load.Problems{{File: path, Message: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	c.Defaults()
	return c, toProblems(path, c.issues(), &root)
}

// Slug makes a project name from an API title: "Pet Store API" becomes
// "pet-store-api". An empty result falls back to "api".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "api"
	}
	return b.String()
}

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
	// ValidateResponses makes the generated server check every response
	// against the spec and log the ones that break it.
	ValidateResponses bool `yaml:"validate_responses,omitempty"`
}

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
}

// GoArch is the GOARCH for the configured Lambda architecture.
func (c Config) GoArch() string {
	if c.Architecture == "x86_64" {
		return "amd64"
	}
	return "arm64"
}

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Check reports every invalid value, located in file (which may be "").
func (c Config) Check(file string) error {
	var ps load.Problems
	bad := func(msg string) { ps = append(ps, load.Problem{File: file, Message: msg}) }
	if !nameRE.MatchString(c.Name) {
		bad(fmt.Sprintf("name %q must be lower case letters, digits and dashes, starting with a letter", c.Name))
	}
	if c.Module == "" || strings.ContainsAny(c.Module, " \t\\") {
		bad(fmt.Sprintf("module %q is not a Go module path", c.Module))
	}
	if c.API != "http" && c.API != "rest" {
		bad(fmt.Sprintf("api %q is not supported (want http or rest)", c.API))
	}
	if c.Architecture != "arm64" && c.Architecture != "x86_64" {
		bad(fmt.Sprintf("architecture %q is not supported (want arm64 or x86_64)", c.Architecture))
	}
	if c.Memory < 128 || c.Memory > 10240 {
		bad(fmt.Sprintf("memory %d is outside Lambda's 128-10240 MB", c.Memory))
	}
	if c.Timeout < 1 || c.Timeout > 900 {
		bad(fmt.Sprintf("timeout %d is outside Lambda's 1-900 seconds", c.Timeout))
	}
	if len(ps) > 0 {
		return ps
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
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, load.Problems{{File: path, Message: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	c.Defaults()
	return c, c.Check(path)
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

package load

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// validate runs kin-openapi's validation in multi-error mode and locates
// and classifies every leaf problem. It runs twice: once without the checks
// whose findings are warnings, so that a bad example cannot cut short the
// checks after it in the same schema, and once in full, for the warnings.
func validate(ctx context.Context, path, abs string, doc *openapi3.T, top *yaml.Node) Problems {
	var ps Problems
	bad := map[*openapi3.Origin]string{}
	add := func(err error, warningsOnly bool) {
		for _, leaf := range leaves(err) {
			c, msg := classify(doc, leaf)
			if warningsOnly && c != ExampleMismatch && c != DefaultMismatch && c != UnknownField && c != NewerVersionField {
				continue
			}
			if c == "" {
				continue // accepted silently
			}
			var sve *openapi3.SchemaValueError
			if errors.As(leaf, &sve) && sve.Origin != nil && (c == ExampleMismatch || c == DefaultMismatch) {
				bad[sve.Origin] = sve.ValueKind
			}
			p := Problem{File: path, Message: msg, Class: c}
			if loc := locate(doc, leaf); loc != nil {
				p.Line, p.Column = loc.Line, loc.Column
				if loc.File != "" && loc.File != abs {
					p.File = loc.File
				}
			} else if key := sectionKey(top, leaf); key != nil {
				p.Line, p.Column = key.Line, key.Column
			}
			ps = append(ps, p)
		}
	}
	add(doc.Validate(ctx, openapi3.EnableMultiError(), openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(), openapi3.AllowExtraSiblingFields(newerFieldNames()...)), false)
	add(doc.Validate(ctx, openapi3.EnableMultiError()), true)
	dropSamples(doc, bad)
	return ps.Sorted()
}

func leaves(err error) []error {
	if err == nil {
		return nil
	}
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 && err.Error() == me.Error() {
		return me
	}
	return []error{err}
}

// locate finds the most specific source position for a validation error:
// the innermost Origin any error in the chain carries, else the node that
// the chain's context wrappers (section, path, operation, component) name.
func locate(doc *openapi3.T, err error) *openapi3.Location {
	var best *openapi3.Location
	var pathKey, method, section, component, webhook string
	for e := err; e != nil; e = errors.Unwrap(e) {
		if loc := originOf(e); loc != nil {
			best = loc
		}
		switch w := e.(type) {
		case *openapi3.PathValidationError:
			pathKey = w.Path
		case *openapi3.OperationValidationError:
			method = w.Method
		case *openapi3.ComponentValidationError:
			section, component = w.Section, w.Name
		case *openapi3.WebhookValidationError:
			webhook = w.Name
		}
	}
	if best != nil {
		return best
	}
	if pathKey != "" && doc.Paths != nil {
		if item := doc.Paths.Value(pathKey); item != nil {
			if method != "" {
				if op := item.GetOperation(strings.ToUpper(method)); op != nil && op.Origin != nil && op.Origin.Key != nil {
					return op.Origin.Key
				}
			}
			if item.Origin != nil && item.Origin.Key != nil {
				return item.Origin.Key
			}
		}
	}
	if item := doc.Webhooks[webhook]; webhook != "" && item != nil {
		if op := item.GetOperation(strings.ToUpper(method)); op != nil && op.Origin != nil && op.Origin.Key != nil {
			return op.Origin.Key
		}
		if item.Origin != nil && item.Origin.Key != nil {
			return item.Origin.Key
		}
	}
	if section == "schema" && doc.Components != nil {
		if s := doc.Components.Schemas[component]; s != nil && s.Value != nil && s.Value.Origin != nil {
			return s.Value.Origin.Key
		}
	}
	return nil
}

var originType = reflect.TypeFor[*openapi3.Origin]()

// originOf reads an Origin field from an error struct. kin-openapi's error
// types carry one under that name when the loader recorded origins, and
// reflection keeps this working as new error types appear upstream.
func originOf(err error) *openapi3.Location {
	v := reflect.ValueOf(err)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != originType || f.IsNil() {
		return nil
	}
	o := f.Interface().(*openapi3.Origin)
	if o.Key == nil || o.Key.Line == 0 {
		return nil
	}
	return o.Key
}

// loaderProblem locates a loader failure. Those are almost always about a
// $ref, so the position is the $ref whose target the message names.
func loaderProblem(path string, root *yaml.Node, err error) Problems {
	msg := err.Error()
	if ms := constructRE.FindAllStringSubmatch(msg, -1); ms != nil {
		var ps Problems
		for _, m := range ms {
			line, _ := strconv.Atoi(m[1])
			ps = append(ps, Problem{File: path, Line: line, Message: strings.TrimSpace(m[2])})
		}
		return ps.Sorted()
	}
	p := Problem{File: path, Message: strings.TrimPrefix(msg, "failed to load OpenAPI document: ")}
	if errors.Is(err, errRemoteRef) {
		i := strings.Index(msg, errRemoteRef.Error())
		p.Message = msg[i:]
	}
	var best *yaml.Node
	walkRefs(root, func(n *yaml.Node) {
		if n.Value != "" && strings.Contains(msg, n.Value) && (best == nil || len(n.Value) > len(best.Value)) {
			best = n
		}
	})
	if best != nil {
		p.Line, p.Column = best.Line, best.Column
	}
	return Problems{p}
}

// constructRE finds the per-line parts of a YAML decoding failure, such as
// "line 11: cannot construct !!int `0` into openapi3.Schema in /x".
var constructRE = regexp.MustCompile(`line (\d+): ([^;]+)`)

func walkRefs(n *yaml.Node, visit func(*yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" && n.Content[i+1].Kind == yaml.ScalarNode {
				visit(n.Content[i+1])
			}
		}
	}
	for _, c := range n.Content {
		walkRefs(c, visit)
	}
}

// sectionKey is the last resort for a problem no origin locates: the
// top-level key (paths, webhooks, components...) of the section it is in.
func sectionKey(top *yaml.Node, err error) *yaml.Node {
	var sec *openapi3.SectionValidationError
	if top == nil || !errors.As(err, &sec) {
		return nil
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == sec.Section {
			return top.Content[i]
		}
	}
	return nil
}

package load

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// validate runs kin-openapi's validation in multi-error mode and locates
// and classifies every leaf problem. It runs twice: once without the checks
// whose findings are warnings, so that a bad example cannot cut short the
// checks after it in the same schema, and once in full, for the warnings.
func validate(ctx context.Context, path, abs string, doc *openapi3.T, top *yaml.Node, files *sources) Problems {
	var ps Problems
	bad := map[*openapi3.Origin]string{}
	// A schema keyword met through a path is reported without the schema's
	// name; at the place of one classed as a schema's, it is the same.
	keywords := map[[3]any]bool{}
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
			if loc := files.requirementAt(leaf); loc != nil {
				p.Line, p.Column, p.File = loc.Line, loc.Column, loc.File
			} else if loc := locate(doc, leaf); loc != nil {
				p.Line, p.Column = loc.Line, loc.Column
				if loc.File != "" && loc.File != abs {
					p.File = loc.File
				}
			} else if key := sectionKey(top, leaf); key != nil {
				p.Line, p.Column = key.Line, key.Column
			}
			var sib *openapi3.ExtraSiblingFieldsError
			if errors.As(leaf, &sib) && top != nil && p.Line == top.Line && p.Column == top.Column && len(sib.Fields) > 0 {
				// A field of the document itself: at its key, not the top.
				if k := mapKey(top, sib.Fields[0]); k != nil {
					p.Line, p.Column = k.Line, k.Column
				}
			}
			at := [3]any{p.File, p.Line, p.Column}
			if c == SchemaKeyword {
				keywords[at] = true
			} else if c == UnknownField && keywords[at] {
				p.Class = SchemaKeyword
				p.Message = strings.Replace(p.Message, " (no OpenAPI version defines them here: want a known field, or an x- extension)",
					" (JSON Schema, which OpenAPI 3.1 schemas are, ignores keywords it does not know; so does lambgen)", 1)
			}
			ps = append(ps, p)
		}
	}
	add(doc.Validate(ctx, openapi3.EnableMultiError(), openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(), openapi3.AllowExtraSiblingFields(newerFieldNames()...)), false)
	add(doc.Validate(ctx, openapi3.EnableMultiError()), true)
	dropSamples(doc, bad)
	requirePathParams(doc)
	return ps.Sorted()
}

// requirePathParams makes every path parameter required, as the
// path-param-not-required warning says it reads them: the model and
// oapi-codegen then agree that the value is always there.
func requirePathParams(doc *openapi3.T) {
	eachParameter(doc, func(p *openapi3.Parameter) {
		if p.In == openapi3.ParameterInPath {
			p.Required = true
		}
	})
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
// $ref, so the position is the $ref, in whichever file holds it, whose
// target the message names.
func (s *sources) loaderProblem(err error) Problems {
	if s.failed != nil {
		return Problems{*s.failed}
	}
	msg := err.Error()
	if u := s.unread; u != nil {
		if p, ok := s.refTo(filepath.ToSlash(u.abs), u.why); ok {
			return Problems{p}
		}
	}
	if m := missingFragment.FindStringSubmatch(msg); m != nil {
		if p, ok := s.refToFragment(m[1]); ok {
			return Problems{p}
		}
	}
	if ms := constructRE.FindAllStringSubmatch(msg, -1); ms != nil {
		file := s.rootPath
		// The loader names the file it was decoding only by its URI.
		for abs := range s.files {
			if strings.Contains(msg, abs) && abs != s.rootAbs {
				file = s.display(abs)
			}
		}
		var ps Problems
		for _, m := range ms {
			line, _ := strconv.Atoi(m[1])
			p := Problem{File: file, Line: line, Class: Invalid, Message: strings.TrimSpace(m[2])}
			if s.pos != nil {
				// The loader read the bundled text: its line came from one
				// of the files.
				if w, ok := s.pos.line(line); ok {
					p.File, p.Line = s.display(w.file), w.line
				}
			}
			ps = append(ps, p)
		}
		return ps.Sorted()
	}
	p := Problem{File: s.rootPath, Message: s.relative(strings.TrimPrefix(msg, "failed to load OpenAPI document: "))}
	if errors.Is(err, errRemoteRef) {
		i := strings.Index(msg, errRemoteRef.Error())
		p.Message = msg[i:]
		p.Class = RemoteRef
	}
	var best *yaml.Node
	for _, f := range s.sorted() {
		if f.root == nil {
			continue
		}
		walkRefs(f.root, func(n *yaml.Node) {
			if n.Value != "" && strings.Contains(msg, refTarget(f.abs, n.Value)) && (best == nil || len(n.Value) > len(best.Value)) {
				best = n
				p.File = s.display(f.abs)
			}
		})
	}
	if best != nil {
		p.Line, p.Column = best.Line, best.Column
	}
	return Problems{p}
}

// refTo locates the first $ref, in any file, to the file at abs.
func (s *sources) refTo(abs, why string) (Problem, bool) {
	var ps Problems
	for _, f := range s.sorted() {
		if f.root == nil {
			continue
		}
		walkRefs(f.root, func(n *yaml.Node) {
			if t, _, _ := strings.Cut(refTarget(f.abs, n.Value), "#"); t == abs {
				ps = append(ps, Problem{File: s.display(f.abs), Line: n.Line, Column: n.Column, Class: BadRef,
					Message: fmt.Sprintf("$ref %q: %s (want a path relative to this file)", n.Value, why)})
			}
		})
	}
	if len(ps) == 0 {
		return Problem{}, false
	}
	return ps.Sorted()[0], true
}

// missingFragment finds the pointer in the loader's message for a $ref
// whose file exists but holds nothing there; the message names no file.
var missingFragment = regexp.MustCompile(`in fragment in URI: "(#[^"]*)"`)

// refToFragment locates the $ref that ends in frag, preferring one that
// names another file: the loader reports a missing local target itself.
func (s *sources) refToFragment(frag string) (Problem, bool) {
	var ps Problems
	for _, f := range s.sorted() {
		if f.root == nil {
			continue
		}
		walkRefs(f.root, func(n *yaml.Node) {
			file, fr, ok := strings.Cut(n.Value, "#")
			if !ok || "#"+fr != frag {
				return
			}
			in := "this file"
			if file != "" {
				t, _, _ := strings.Cut(refTarget(f.abs, n.Value), "#")
				in = s.display(filepath.FromSlash(t))
			}
			ps = append(ps, Problem{File: s.display(f.abs), Line: n.Line, Column: n.Column, Class: BadRef,
				Message: fmt.Sprintf("$ref %q: %s has nothing at %s (want a JSON pointer to what the file holds)", n.Value, in, frag)})
		})
	}
	if len(ps) == 0 {
		return Problem{}, false
	}
	return ps.Sorted()[0], true
}

// refTarget is what a loader message quotes of a $ref: the value itself
// for a fragment of the same file, else the file's absolute path with the
// fragment, as the loader resolved it.
func refTarget(abs, ref string) string {
	file, frag, _ := strings.Cut(ref, "#")
	if file == "" || strings.Contains(file, "://") {
		return ref
	}
	p := filepath.ToSlash(filepath.Join(filepath.Dir(abs), filepath.FromSlash(file)))
	if frag != "" {
		return p + "#" + frag
	}
	return p
}

// relative rewrites the absolute paths of the spec's files in a loader
// message as problems name them.
func (s *sources) relative(msg string) string {
	for _, f := range s.sorted() {
		msg = strings.ReplaceAll(msg, filepath.ToSlash(f.abs), s.display(f.abs))
	}
	return msg
}

// relabel names each file in problems as the user would: origins carry
// absolute paths.
func (s *sources) relabel(ps Problems) Problems {
	for i := range ps {
		if _, ok := s.files[ps[i].File]; ok {
			ps[i].File = s.display(ps[i].File)
		}
	}
	return ps
}

// sorted is the files longest path first, so that replacing one path never
// clips another that it is a prefix of.
func (s *sources) sorted() []*sourceFile {
	out := make([]*sourceFile, 0, len(s.files))
	for _, f := range s.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].abs) != len(out[j].abs) {
			return len(out[i].abs) > len(out[j].abs)
		}
		return out[i].abs < out[j].abs
	})
	return out
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

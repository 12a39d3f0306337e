package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Spec is a loaded, validated OpenAPI 3 document and the bytes it came from.
type Spec struct {
	// Path is the spec file as the user named it; every problem uses it.
	Path string
	// Source is the file's bytes, unchanged, so that a project can carry a
	// verbatim copy of its contract.
	Source []byte
	// Doc is the validated document, with origins recorded.
	Doc *openapi3.T
	// Files is every file the spec was read from, the root first, then
	// each local file its $refs reach, by path.
	Files []Source
	// Converted is true when Source was Swagger 2.0.
	Converted bool
	// Warnings are findings that did not stop generation, sorted; the
	// caller prints them, or refuses the spec under --strict.
	Warnings Problems

	files *sources
	// loaderSrc is the root's bytes as the loader read them (JSON made
	// YAML-safe, stray callback fields and text $refs dealt with), so that
	// Reparse can hand the loader the same bytes without reading the YAML
	// tree again.
	loaderSrc []byte
}

// FileOf names the file an origin is in as problems name it. Origins carry
// absolute paths, and a part of a split spec keeps its own file's lines.
func (s *Spec) FileOf(loc *openapi3.Location) string {
	if loc == nil || loc.File == "" || s.files == nil {
		return s.Path
	}
	return s.files.display(loc.File)
}

// File loads and validates the spec at path. A non-nil error is always a
// Problems value.
func File(ctx context.Context, path string) (*Spec, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		msg := "cannot read spec: " + err.Error()
		if errors.Is(err, os.ErrNotExist) {
			msg = "spec file does not exist"
		}
		return nil, Problems{{File: path, Class: Unreadable, Message: msg}}
	}
	return Bytes(ctx, path, src)
}

// Bytes loads and validates a spec held in memory; path names it in
// problems and anchors relative $refs.
func Bytes(ctx context.Context, path string, src []byte) (*Spec, error) {
	p, err := parse(ctx, path, src)
	if err != nil {
		return nil, err
	}
	found := append(Problems{}, p.warnings...)
	found = append(found, validate(ctx, path, p.abs, p.doc, p.top, p.files)...)
	if errs, _ := found.Split(); len(errs) == 0 && !p.converted {
		found = append(found, semantic(path, p.doc)...)
	}
	found = p.files.relabel(found).Sorted()
	if errs, _ := found.Split(); len(errs) > 0 {
		return nil, found
	}
	// Validation ran on the document as written, so that origins name each
	// file; what the model and the renderers see is the bundled one.
	bundle(ctx, p.doc, p.files.rootAbs)
	dropped := p.files.relabel(unsendable(path, p.doc))
	found = append(found, dropped...).Sorted()
	if errs, _ := dropped.Split(); len(errs) > 0 {
		return nil, found
	}
	return &Spec{Path: path, Source: src, Doc: p.doc, Files: p.files.list(), Converted: p.converted, Warnings: found, files: p.files, loaderSrc: p.loaderSrc}, nil
}

// Reparse returns a fresh copy of the document for a consumer that mutates
// what it is given (oapi-codegen does). The spec was validated when it was
// loaded, so this only parses.
func (s *Spec) Reparse(ctx context.Context) (*openapi3.T, error) {
	if s.loaderSrc == nil || s.files == nil {
		p, err := parse(ctx, s.Path, s.Source)
		if err != nil {
			return nil, err
		}
		return s.asLoaded(ctx, p.doc, p.files.rootAbs), nil
	}
	// The loader is given what it read the first time, root and $ref'd
	// files alike: on a large spec, reading the YAML tree again for
	// locations and fixes nothing will report costs as much as the load.
	files := s.files.snapshot()
	t, err := newLoader(ctx, files).LoadFromDataWithPath(s.loaderSrc, &url.URL{Path: filepath.ToSlash(files.rootAbs)})
	if err != nil {
		return nil, files.loaderProblem(err)
	}
	if files.pos != nil {
		files.pos.place(t)
	}
	if t.Paths == nil {
		t.Paths = openapi3.NewPaths()
	}
	return s.asLoaded(ctx, t, files.rootAbs), nil
}

// asLoaded makes a fresh copy read as the loaded document was: bundled,
// without the names no HTTP message carries, and with what validation read
// differently from the text (path parameters required, enums of the wrong
// type) read so too.
func (s *Spec) asLoaded(ctx context.Context, t *openapi3.T, rootAbs string) *openapi3.T {
	bundle(ctx, t, rootAbs)
	mediaTypeSchemas(t)
	pathOperators(s.Path, t, nil)
	unsendable(s.Path, t)
	unquotedNulls(s.Path, t)
	requirePathParams(t)
	semantic(s.Path, t)
	return t
}

// newLoader reads $refs through files, with origins, as every load does.
func newLoader(ctx context.Context, files *sources) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = files.read
	return loader
}

// parsed is a document before validation, with what validation needs to
// locate its problems.
type parsed struct {
	doc       *openapi3.T
	top       *yaml.Node // the document's top mapping; nil for Swagger 2.0
	abs       string     // the absolute path origins carry; "" for Swagger 2.0
	files     *sources
	converted bool
	// warnings are what reading the document found and worked around.
	warnings Problems
	// loaderSrc is what the loader read for the root (see Spec).
	loaderSrc []byte
}

func parse(ctx context.Context, path string, src []byte) (*parsed, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, Problems{{File: path, Message: err.Error()}}
	}
	files := newSources(path, abs)
	root := &sourceFile{abs: abs, data: src}
	files.files[abs] = root
	if isJSON(path, src) {
		js, p := fromJSON(path, src)
		if p != nil {
			return nil, Problems{*p}
		}
		src = js
	}
	docp, yp := parseYAML(path, src)
	if yp != nil {
		return nil, Problems{*yp}
	}
	doc := *docp
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: NotOpenAPI, Message: "spec is not a YAML or JSON object (want an OpenAPI 3 document with an openapi field)"}}
	}
	top := doc.Content[0]
	root.root = &doc
	if v := mapValue(top, "swagger"); v != nil {
		var numbered Problems
		if v.Value == "2.0" && v.Tag != "!!str" {
			// swagger: 2.0 unquoted is a YAML number; the version meant
			// is not in doubt.
			v.Tag, v.Style = "!!str", 0
			numbered = Problems{{File: path, Line: v.Line, Column: v.Column, Class: VersionNumber,
				Message: `swagger: 2.0 is a number; Swagger 2.0 wants the string "2.0" (read as "2.0")`}}
		}
		if v.Value == "2.0" {
			if ps, _ := bundleSwagger2(files, top).Sorted().Split(); len(ps) > 0 {
				return nil, ps
			}
		}
		conv, err := convert(path, top, v)
		if err != nil {
			return nil, err
		}
		return &parsed{doc: conv, files: files, converted: true, warnings: numbered}, nil
	}
	if mapValue(top, "openapi") == nil {
		return nil, Problems{{File: path, Line: top.Line, Column: top.Column, Class: NotOpenAPI, Message: "missing openapi field (want openapi: 3.0.x or 3.1.x)"}}
	}

	var warnings Problems
	if fixed, remote := unusedRemoteComponents(path, src, top); len(remote) > 0 {
		// Read again, so that what follows sees no remote $ref.
		again, yp := parseYAML(path, fixed)
		if yp != nil {
			return nil, Problems{*yp}
		}
		src, doc, top = fixed, *again, again.Content[0]
		root.root = &doc
		warnings = append(warnings, remote...)
	}
	// A spec split over files is made one document first (bundle3); the
	// passes below then read the bundled text, as they read a spec written
	// in one file, and what they find is moved back to the file it is in.
	rootTop := top
	if external(top) {
		fresh, yp := parseYAML(path, src)
		if yp != nil {
			return nil, Problems{*yp}
		}
		bundled, pos, again, ps := bundle3(files, fresh, mapValue(top, "openapi").Value)
		errs, ws := ps.Split()
		if len(errs) > 0 {
			return nil, errs.Sorted()
		}
		warnings = append(warnings, ws...)
		src, top, files.pos = bundled, again.Content[0], pos
	}
	src, strays := strayCallbackFields(path, src, top)
	warnings = append(warnings, files.relocate(strays)...)
	src, examples := schemaExamplesMaps(path, src, top)
	warnings = append(warnings, files.relocate(examples)...)
	src, plus := plusAsSpaceRefs(path, src, top)
	warnings = append(warnings, files.relocate(plus)...)
	src, keywords := mediaTypeKeywords(path, src, top)
	warnings = append(warnings, files.relocate(keywords)...)
	if files.pos == nil {
		var texts Problems
		src, texts = files.inlineTextRefs(abs, src, &doc)
		warnings = append(warnings, texts...)
	}
	warnings = append(warnings, files.relocate(notServed(path, top))...)
	t, err := newLoader(ctx, files).LoadFromDataWithPath(src, &url.URL{Path: filepath.ToSlash(abs)})
	if err != nil {
		return nil, files.loaderProblem(err)
	}
	if files.pos != nil {
		files.pos.place(t)
	}
	if t.Paths == nil {
		// OpenAPI 3.1 asks for one of the three keys, even if empty.
		if mapValue(top, "components") == nil && mapValue(top, "webhooks") == nil {
			return nil, Problems{{File: path, Line: top.Line, Column: top.Column, Class: Invalid,
				Message: "the document has no paths, components or webhooks, so there is nothing to generate (want at least one; OpenAPI 3.1 requires it)"}}
		}
		// OpenAPI 3.1 lets a document leave paths out, and one that does
		// in 3.0 means the same: no operations, which the model reports.
		t.Paths = openapi3.NewPaths()
	}
	mediaTypeSchemas(t)
	warnings = append(warnings, files.relocate(pathOperators(path, t, top))...)
	if strings.HasPrefix(t.OpenAPI, "3.1") {
		if ps := append(serverVariables(path, top, t), misplacedAllowReserved(path, top, "")...); len(ps) > 0 {
			return nil, files.relocate(ps).Sorted()
		}
	}
	warnings = append(warnings, files.warnings...)
	warnings = append(warnings, arraysWithoutItems(path, t)...)
	warnings = append(warnings, unquotedNulls(path, t)...)
	if strings.HasPrefix(t.OpenAPI, "3.0") {
		warnings = append(warnings, files.relocate(refSiblings(path, top))...)
	}
	return &parsed{doc: t, top: rootTop, abs: abs, files: files, warnings: warnings, loaderSrc: src}, nil
}

func convert(path string, top *yaml.Node, version *yaml.Node) (*openapi3.T, error) {
	if version.Value != "2.0" {
		return nil, Problems{{File: path, Line: version.Line, Column: version.Column, Class: NotOpenAPI,
			Message: fmt.Sprintf("swagger version %q is not supported (want 2.0, or an OpenAPI 3 document)", version.Value)}}
	}
	// openapi2's types decode from JSON only, so go through a generic tree.
	var tree any
	if err := top.Decode(&tree); err != nil {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: Unreadable, Message: "swagger 2.0: " + err.Error()}}
	}
	js, err := json.Marshal(stringKeys(tree))
	if err != nil {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: Unreadable, Message: "swagger 2.0: " + err.Error()}}
	}
	var v2 openapi2.T
	if err := json.Unmarshal(js, &v2); err != nil {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: Invalid, Message: "swagger 2.0: " + err.Error()}}
	}
	converted, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: Invalid, Message: "converting swagger 2.0 to OpenAPI 3: " + err.Error()}}
	}
	// A round trip through JSON gives the same normalized document a native
	// OpenAPI 3 file would, which oapi-codegen relies on.
	js, err = converted.MarshalJSON()
	if err == nil {
		converted, err = openapi3.NewLoader().LoadFromData(js)
	}
	if err != nil {
		return nil, Problems{{File: path, Line: 1, Column: 1, Class: Invalid, Message: "converting swagger 2.0 to OpenAPI 3: " + err.Error()}}
	}
	if converted.Paths == nil {
		converted.Paths = openapi3.NewPaths()
	}
	return converted, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlProblem(path string, src []byte, err error) Problem {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{File: path, Line: line, Class: Unreadable, Message: "invalid YAML: " + m[2]}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	// yaml.v3 gives no position for these two; find the offending bytes.
	off := -1
	switch {
	case strings.Contains(msg, "control characters"):
		off = bytes.IndexFunc(src, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 && r != 0x85
		})
		msg += " (want them escaped inside a double-quoted string, as \\t or \\x01)"
	case strings.Contains(msg, "invalid Unicode character escape"):
		if m := surrogateEscape.FindIndex(src); m != nil {
			off = m[0]
		}
		msg += " (YAML has no surrogate pairs: want the character itself, or \\U0001F600 for U+1F600)"
	}
	if off >= 0 {
		line, col := lineCol(src, off)
		return Problem{File: path, Line: line, Column: col, Class: Unreadable, Message: "invalid YAML: " + msg}
	}
	return Problem{File: path, Class: Unreadable, Message: "invalid YAML: " + msg}
}

var surrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F][0-9a-fA-F]{2}`)

// mapKey is the key node of key in mapping m, for locating it.
func mapKey(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

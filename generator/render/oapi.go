package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// oapiMu serializes oapi-codegen: it keeps its options and spec in package
// globals, and it mutates the spec it is given (pruning, renaming).
var oapiMu sync.Mutex

// freshDoc reloads the spec so that nothing oapi-codegen or the embedding
// does leaks into the caller's document, gives operations without an
// operationId the names the model chose, and leaves out the operations
// whose code does not compile.
func freshDoc(spec *load.Spec, api *model.API, skip map[string]brokenOp) (*openapi3.T, error) {
	doc, err := spec.Reparse(context.Background())
	if err != nil {
		return nil, err
	}
	served := map[string]bool{}
	for _, op := range api.Operations {
		served[op.Method+" "+op.Path] = true
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+path] {
				// Under a method the model does not serve (it warned).
				item.SetOperation(method, nil)
				delete(item.AdditionalOperations, method)
			}
		}
		if len(item.Operations()) == 0 {
			doc.Paths.Delete(path)
		}
	}
	for _, op := range api.Operations {
		item := doc.Paths.Value(op.Path)
		if item == nil || item.GetOperation(op.Method) == nil {
			continue
		}
		if _, skipped := skip[op.ID]; skipped {
			item.SetOperation(op.Method, nil)
			if len(item.Operations()) == 0 {
				doc.Paths.Delete(op.Path)
			}
			continue
		}
		id := op.ID
		if op.GoID != "" {
			id = op.GoID
		}
		item.GetOperation(op.Method).OperationID = id
	}
	return doc, nil
}

// oapiCodegen renders models, the strict server interface and the std-http
// routing with oapi-codegen, used as a library, on a prepared copy of the
// spec (prepare.go), and type-checks what it returns: a spec whose code
// would not compile is refused here, with the operations involved, before
// anything is written. Warnings about Go names it had to change are added
// to the spec's.
func oapiCodegen(spec *load.Spec, api *model.API) (generated, error) {
	oapiMu.Lock()
	defer oapiMu.Unlock()
	retyped := map[string]string{}
	var renamed load.Problems
	skip := map[string]brokenOp{}
	prefixEnums := false
	for attempt := 0; ; attempt++ {
		doc, err := freshDoc(spec, api, skip)
		if err != nil {
			return generated{}, err
		}
		typeSchemalessJSON(doc)
		warnings := prepare(spec, doc, retyped)
		// After prepare, whose warnings name parameters as the spec does.
		standIns := quoteNames(doc)
		src, err := safeGenerate(doc, oapiConfig(len(api.Operations) == 0, prefixEnums))
		forgetSpec()
		if err != nil {
			if more := retypeDuplicate(spec, err, retyped); len(more) > 0 && attempt < 8 {
				renamed = append(renamed, more...)
				continue
			}
			return generated{}, load.Problems{codegenProblem(spec, err)}
		}
		code := []byte(files.Header + "\n\n" + withCompactHelpers(wrapUntypedResponses(stripPreamble(src))))
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "api.gen.go", code, parser.ParseComments)
		if err != nil {
			// formatGo fails on it too, and says so with the raw output kept.
			_, ferr := formatGo("oapi-codegen output", code)
			return generated{}, ferr
		}
		defineRecursiveAliases(f)
		hideRepeatedJSONTags(f)
		restoreNames(f, standIns)
		// oapi-codegen names an enum's constants by their values alone when
		// no two enums share one; a value such as HealthCheckPath then
		// meets a name lambgen's own api files declare. Prefixed with
		// their type's name, the constants keep clear of them.
		if !prefixEnums && declaresReserved(f) {
			prefixEnums = true
			continue
		}
		if clashes := enumTypeClashes(f); len(clashes) > 0 {
			if !prefixEnums {
				prefixEnums = true
				continue
			}
			warnings = append(warnings, renameClashingConstants(spec, doc, f, clashes)...)
		}
		errs, unused := checkFile(fset, f)
		if len(errs) > 0 && dropRepeatedFields(fset, f) {
			errs, unused = checkFile(fset, f)
		}
		// Each retry renames at least one type, and a rename can only meet
		// a collision the previous attempt did not have in a spec built to
		// defeat it: two are plenty.
		if more := retype(spec, errs, retyped); len(more) > 0 && attempt < 2 {
			renamed = append(renamed, more...)
			continue
		}
		if len(errs) > 0 {
			if more := skippable(spec, api, f, errs, skip); len(more) > 0 && attempt < 8 {
				for id, b := range more {
					skip[id] = b
				}
				continue
			}
			return generated{}, notGenerated(spec, api, f, errs)
		}
		// After the check: the calls compactServer makes are of functions
		// it declares, with the arguments of the bodies they replace.
		compactServer(f)
		pruneImports(fset, f, unused)
		out := generated{shadowed: shadowedIn(f), skipped: map[string]string{}}
		for id, b := range skip {
			out.skipped[id] = b.decl + ": " + b.msg
			warnings = append(warnings, skippedOperation(spec, b))
		}
		if out.src, err = printFile(fset, f); err != nil {
			return generated{}, err
		}
		spec.Warnings = append(append(spec.Warnings, warnings...), renamed...).Sorted()
		return out, nil
	}
}

// declaresReserved reports whether the output declares, at its top level,
// a constant or variable named as one of lambgen's own api declarations.
func declaresReserved(f *ast.File) bool {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || (g.Tok != token.CONST && g.Tok != token.VAR) {
			continue
		}
		for _, sp := range g.Specs {
			for _, n := range sp.(*ast.ValueSpec).Names {
				if model.Reserved(n.Name) {
					return true
				}
			}
		}
	}
	return false
}

// generated is oapi-codegen's output, checked and formatted, with the
// contract names it declares (see shadowed).
type generated struct {
	src      []byte
	shadowed map[string]bool
	// skipped are the operations left out, by ID, with the compile error
	// that made lambgen leave each out.
	skipped map[string]string
	err     error
}

// skippable are the operations to generate the rest without, when every
// error is in the code of operations not yet left out and some others
// remain: a broken shared schema, or a spec none of whose operations
// compile, is an error.
func skippable(spec *load.Spec, api *model.API, f *ast.File, errs []types.Error, skip map[string]brokenOp) map[string]brokenOp {
	byOp, rest := attribute(spec, api, f, errs)
	if len(rest) > 0 || len(byOp) == 0 {
		return nil
	}
	for id := range byOp {
		if _, again := skip[id]; again {
			return nil
		}
	}
	if len(skip)+len(byOp) >= len(api.Operations) {
		return nil
	}
	return byOp
}

// forgetSpec makes oapi-codegen drop the document it keeps in package
// state after a run, by running it on an empty one: on a large spec that
// copy is a quarter of the heap while its output is parsed and checked.
func forgetSpec() {
	empty := &openapi3.T{OpenAPI: "3.0.3", Info: &openapi3.Info{Title: "empty", Version: "0"}, Paths: openapi3.NewPaths()}
	_, _ = safeGenerate(empty, codegen.Configuration{PackageName: "api",
		Generate: codegen.GenerateOptions{Models: true}, OutputOptions: codegen.OutputOptions{SkipFmt: true}})
}

// oapiConfig is built anew for each run: oapi-codegen keeps what it is
// given in package state. It prunes the schemas no operation uses; with no
// operations at all, the schemas are all the spec has, so all are kept.
func oapiConfig(keepAll, prefixEnums bool) codegen.Configuration {
	return codegen.Configuration{
		Compatibility: codegen.CompatibilityOptions{AlwaysPrefixEnumValues: prefixEnums},
		PackageName:   "api",
		Generate: codegen.GenerateOptions{
			StdHTTPServer: true,
			Strict:        true,
			Models:        true,
		},
		OutputOptions: codegen.OutputOptions{
			// Formatted once, from the tree that is also type-checked.
			SkipFmt:   true,
			SkipPrune: keepAll,
			// JSON numbers are float64 in Go; float32 would silently round
			// the client's values.
			TypeMapping: &codegen.TypeMapping{Number: codegen.FormatMapping{Default: codegen.SimpleTypeSpec{Type: "float64"}}},
		},
	}
}

// stripPreamble drops oapi-codegen's own header and build constraint; the
// project's go directive already requires a Go with ServeMux patterns.
func stripPreamble(src string) string {
	i := strings.Index(src, "\npackage ")
	if i < 0 {
		return src
	}
	return src[i+1:]
}

// embeddableSpec is the spec the server validates against, as JSON. The
// loaded document is already one bundled document, and the model has
// given it the operationIds it chose, so it is encoded as it is: parsing
// the spec again for this would only repeat the loader's work.
func embeddableSpec(spec *load.Spec) (string, error) {
	raw, err := spec.Doc.MarshalJSON()
	if err != nil {
		return "", fmt.Errorf("encoding the spec as JSON: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", fmt.Errorf("compacting the spec: %w", err)
	}
	return buf.String(), nil
}

// typeSchemalessJSON gives JSON media types that have no schema a concrete
// Go type. oapi-codegen would declare their response types as interface{},
// and methods on an interface type do not compile. Only the copy handed to
// oapi-codegen changes; validation still sees the spec as written.
func typeSchemalessJSON(doc *openapi3.T) {
	fix := func(c openapi3.Content) {
		for mt, m := range c {
			if m == nil || !strings.Contains(mt, "json") {
				continue
			}
			if m.Schema == nil || m.Schema.Value == nil || (m.Schema.Ref == "" && m.Schema.Value.IsEmpty()) {
				m.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Extensions: map[string]any{"x-go-type": "map[string]any"}}}
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				fix(op.RequestBody.Value.Content)
			}
			if op.Responses == nil {
				continue
			}
			for _, r := range op.Responses.Map() {
				if r.Value != nil {
					fix(r.Value.Content)
				}
			}
		}
	}
}

// safeGenerate turns a panic inside oapi-codegen into an error: a spec it
// cannot handle must fail the command, not crash it.
func safeGenerate(doc *openapi3.T, cfg codegen.Configuration) (src string, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("it crashed on this spec (%v); simplify the schema it names or report it upstream", v)
		}
	}()
	return codegen.Generate(doc, cfg)
}

// codegenProblem locates an oapi-codegen failure at the operation or schema
// its message names; failing that, at the top of the spec, so that every
// problem still carries a line.
func codegenProblem(spec *load.Spec, err error) load.Problem {
	msg := err.Error()
	p := load.Problem{File: spec.Path, Line: 1, Column: 1, Class: load.NotGenerated, Message: "oapi-codegen cannot generate code for this spec: " + msg}
	at := func(o *openapi3.Origin) bool {
		if o == nil || o.Key == nil || o.Key.Line == 0 {
			return false
		}
		p.File, p.Line, p.Column = spec.FileOf(o.Key), o.Key.Line, o.Key.Column
		return true
	}
	best := ""
	for path := range spec.Doc.Paths.Map() {
		if strings.Contains(msg, path) && len(path) > len(best) {
			best = path
		}
	}
	if best != "" {
		item := spec.Doc.Paths.Value(best)
		for method, op := range item.Operations() {
			if strings.Contains(msg, method+" ") || strings.Contains(msg, method+"/") {
				if at(op.Origin) {
					return p
				}
			}
		}
		if at(item.Origin) {
			return p
		}
	}
	if spec.Doc.Components != nil {
		for name, s := range spec.Doc.Components.Schemas {
			if s != nil && s.Value != nil && (strings.Contains(msg, "'"+name+"'") || strings.Contains(msg, `"`+name+`"`)) {
				if at(s.Value.Origin) {
					return p
				}
			}
		}
	}
	return p
}

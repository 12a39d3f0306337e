package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
// does leaks into the caller's document, and gives operations without an
// operationId the names the model chose.
func freshDoc(spec *load.Spec, api *model.API) (*openapi3.T, error) {
	fresh, err := load.Bytes(context.Background(), spec.Path, spec.Source)
	if err != nil {
		return nil, err
	}
	doc := fresh.Doc
	for _, op := range api.Operations {
		if item := doc.Paths.Value(op.Path); item != nil {
			if o := item.GetOperation(op.Method); o != nil {
				o.OperationID = op.ID
			}
		}
	}
	return doc, nil
}

// oapiCodegen renders models, the strict server interface and the std-http
// routing with oapi-codegen, used as a library.
func oapiCodegen(spec *load.Spec, api *model.API) ([]byte, error) {
	oapiMu.Lock()
	defer oapiMu.Unlock()
	doc, err := freshDoc(spec, api)
	if err != nil {
		return nil, err
	}
	typeSchemalessJSON(doc)
	cfg := codegen.Configuration{
		PackageName: "api",
		Generate: codegen.GenerateOptions{
			StdHTTPServer: true,
			Strict:        true,
			Models:        true,
		},
		OutputOptions: codegen.OutputOptions{
			// JSON numbers are float64 in Go; float32 would silently round
			// the client's values.
			TypeMapping: &codegen.TypeMapping{Number: codegen.FormatMapping{Default: codegen.SimpleTypeSpec{Type: "float64"}}},
		},
	}
	src, err := safeGenerate(doc, cfg)
	if err != nil {
		return nil, load.Problems{{File: spec.Path, Message: "oapi-codegen: " + err.Error()}}
	}
	return formatGo("oapi-codegen output", []byte(files.Header+"\n\n"+stripPreamble(src)))
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

// embeddableSpec is the spec the server validates against: JSON, with
// every external $ref internalized and the model's operationIds applied.
func embeddableSpec(spec *load.Spec, api *model.API) (string, error) {
	oapiMu.Lock()
	defer oapiMu.Unlock()
	doc, err := freshDoc(spec, api)
	if err != nil {
		return "", err
	}
	doc.InternalizeRefs(context.Background(), nil)
	raw, err := doc.MarshalJSON()
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

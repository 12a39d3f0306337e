package render

import (
	"context"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
)

const unpasteableSpec = `openapi: 3.0.3
info: {title: s, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      security:
        - oauth: ['ev"il', read]
      parameters:
        - name: q
          in: query
          x-go-name: "9 lives"
          schema: {$ref: '#/components/schemas/Color'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  securitySchemes:
    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: "https://example.com/auth", scopes: {read: r}}}}
  schemas:
    Color: {type: string, enum: [red, "blue\ninjected"]}
    Thing:
      type: object
      additionalProperties: false
      required: ['ev` + "`" + `il', name]
      properties:
        'ev` + "`" + `il': {type: string}
        name:
          type: string
          x-go-type-name: "not an identifier"
          x-oapi-codegen-extra-tags: {validate: 'ev` + "`" + `il', db: name, "a b": x}
        size: {type: string, x-go-type: "int; var pwned = 1"}
        child:
          $ref: '#/components/schemas/Child'
          x-go-type: "int; var pwned = 1"
        pet: {$ref: '#/components/schemas/Pet'}
    Child: {type: object, properties: {name: {type: string}}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
      discriminator: {propertyName: 'ev"il'}
    Cat: {type: object, properties: {kind: {type: string}}}
    Both:
      allOf:
        - $ref: '#/components/schemas/Thing'
        - {type: object, additionalProperties: {type: integer}}
`

// TestUnpasteable checks each rewrite of oapi-codegen's copy: the spec is
// one oapi-codegen refuses as it is and accepts once rewritten, each
// change is a located warning, and what is left is what the spec says.
func TestUnpasteable(t *testing.T) {
	spec, err := load.Bytes(context.Background(), "s.yaml", []byte(unpasteableSpec))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Reparse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := codegen.ValidateSpec(doc); err == nil {
		t.Fatal("oapi-codegen accepts the spec as written; the test no longer tests anything")
	}
	got := unpasteable(spec, doc)
	if err := codegen.ValidateSpec(doc); err != nil {
		t.Fatalf("oapi-codegen refuses the rewritten copy: %v", err)
	}
	want := []string{
		`s.yaml:12:11: warning: query parameter "q" of GET /a: x-go-name "9 lives" is not a Go identifier (want letters, digits and underscores, not starting with a digit, and no Go keyword): ignored, the Go name is the one it has without it`,
		`s.yaml:24:39: warning: schema "Color": enum value "blue\ninjected" has the control character U+000A, which oapi-codegen cannot write into a Go constant: the schema has no enum constants in Go, and the server still accepts only the enum's values`,
		"s.yaml:30:9: warning: schema \"Thing\": property \"ev`il\" cannot be a Go field, as encoding/json reads a name with a backtick from no struct tag: the Go type holds it among its additional properties, by name (AdditionalProperties, or the type itself once no field is left)",
		`s.yaml:33:11: warning: property "name" of schema "Thing": x-go-type-name "not an identifier" is not a Go identifier (want letters, digits and underscores, not starting with a digit, and no Go keyword): ignored, the Go name is the one it has without it`,
		`s.yaml:34:11: warning: property "name" of schema "Thing": x-oapi-codegen-extra-tags key "a b" is no struct tag key (it has a space): that tag is left out`,
		"s.yaml:34:11: warning: property \"name\" of schema \"Thing\": x-oapi-codegen-extra-tags validate: \"ev`il\" has a backtick, which a struct tag cannot hold: that tag is left out",
		`s.yaml:35:30: warning: property "size" of schema "Thing": x-go-type "int; var pwned = 1" is not a Go type expression (it has a semicolon): ignored, the Go type is the schema's own`,
		`s.yaml:38:11: warning: property "child" of schema "Thing": x-go-type "int; var pwned = 1" is not a Go type expression (it has a semicolon): ignored, the Go type is the schema's own`,
		`s.yaml:44:7: warning: schema "Pet": the discriminator cannot be written into Go source (its propertyName "ev\"il" has a double quote): its Go type has no discriminator methods, and From and Merge do not set the property; the server still tells the alternatives apart by it`,
		`s.yaml:49:26: warning: allOf[1] of schema "Both": its additional properties hold any value in Go, as the allOf merges them with properties that cannot be Go fields`,
	}
	if g := got.Sorted().Error(); g != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", g, strings.Join(want, "\n"))
	}
	for _, w := range got {
		if w.Severity() != load.Warning || w.Line == 0 {
			t.Errorf("not a located warning: %s (%s)", w, w.Class)
		}
	}
	thing := doc.Components.Schemas["Thing"].Value
	name := thing.Properties["name"].Value
	if _, ok := name.Extensions["x-go-type-name"]; ok {
		t.Error("the x-go-type-name is still there")
	}
	if tags := name.Extensions["x-oapi-codegen-extra-tags"].(map[string]any); len(tags) != 1 || tags["db"] != "name" {
		t.Errorf("extra tags left: %v; want the valid one alone", tags)
	}
	if thing.Properties["ev`il"] != nil || strings.Join(thing.Required, ",") != "name" || thing.AdditionalProperties.Has == nil || !*thing.AdditionalProperties.Has {
		t.Errorf("the property is not among Thing's additional properties: %v, required %v", thing.Properties, thing.Required)
	}
	if len(doc.Components.Schemas["Color"].Value.Enum) != 0 || doc.Components.Schemas["Pet"].Value.Discriminator != nil {
		t.Error("the enum or the discriminator is still there")
	}
	if ap := doc.Components.Schemas["Both"].Value.AllOf[1].Value.AdditionalProperties; ap.Schema != nil {
		t.Error("the allOf member's additional properties are still typed")
	}
	if scopes := (*doc.Paths.Value("/a").Get.Security)[0]["oauth"]; len(scopes) != 1 || scopes[0] != "read" {
		t.Errorf("scopes left in the copy: %v", scopes)
	}
	// The contract's document is the spec as written.
	if s := spec.Doc.Components.Schemas["Color"].Value; len(s.Enum) != 2 {
		t.Errorf("the loaded spec lost its enum: %v", s.Enum)
	}
	if s := (*spec.Doc.Paths.Value("/a").Get.Security)[0]["oauth"]; len(s) != 2 {
		t.Errorf("the loaded spec lost its scopes: %v", s)
	}
}

// TestQuotedNames checks that names HTTP carries and oapi-codegen will not
// paste reach the output as Go literals of exactly those names, in code,
// tags and comments, with the Go names they would have had.
func TestQuotedNames(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      parameters:\n" +
		"        - {name: 'ev\"il', in: query, required: true, schema: {type: integer}}\n" +
		"        - {name: 'X-Ev`il', in: header, schema: {type: string}}\n" +
		"        - {name: 'ev?il?', in: query, schema: {type: string}}\n" +
		"      responses:\n        \"204\":\n          description: done\n          headers:\n            'X-Out`put': {schema: {type: string}}\n"
	spec, err := load.Bytes(context.Background(), "s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Reparse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	standIns := quoteNames(doc)
	out, err := codegen.Generate(doc, oapiConfig(false, false))
	forgetSpec()
	if err != nil {
		t.Fatalf("oapi-codegen refuses the stand-ins: %v", err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", out, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	restoreNames(f, standIns)
	printed, err := printFile(fset, f)
	if err != nil {
		t.Fatal(err)
	}
	code := string(printed)
	for _, want := range []string{
		"runtime.BindQueryParameterWithOptions(\"form\", true, true, \"ev\\\"il\", r.URL.Query(), &params.Evil,",
		"`form:\"ev\\\"il\" json:\"ev\\\"il\"`",
		`XEvil *string "json:\"X-Ev` + "`" + `il,omitempty\""`,
		"headers[http.CanonicalHeaderKey(\"X-Ev`il\")]",
		"w.Header().Set(\"X-Out`put\", fmt.Sprint(*response.Headers.XOutput))",
		"// ------------- Required query parameter \"ev\\\"il\" -------------",
		// The spec's own name that looks like a stand-in is left alone.
		"\"ev?il?\", r.URL.Query()",
	} {
		if !strings.Contains(code, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	for s := range standIns {
		if strings.Count(code, `"`+s+`"`) > 0 {
			t.Errorf("stand-in %q is left in the output", s)
		}
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "api.gen.go", printed, 0); err != nil {
		t.Errorf("the output is not Go: %v", err)
	}
}

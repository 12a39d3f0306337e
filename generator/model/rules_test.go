package model

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/load"

	"github.com/lambgen/lambgen/contract"
)

func build(t *testing.T, src string) *API {
	t.Helper()
	spec, err := load.Bytes(context.Background(), "openapi.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	api, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

const petSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
security: [{bearer: []}]
paths:
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1, exclusiveMinimum: true}}]
    get:
      operationId: getPet
      security: [{bearer: [read], key: []}, {}]
      parameters:
        - {name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: X-Trace, in: header, required: true, schema: {type: string, format: uuid}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
    delete:
      operationId: deletePet
      security: []
      responses: {"204": {description: gone}}
  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}, tags: {type: array, items: {type: string}}}}
          application/json: {schema: {$ref: "#/components/schemas/Pet"}}
          "*/*": {schema: {type: string, format: binary}}
      responses: {"201": {description: made}}
components:
  securitySchemes:
    bearer: {type: http, scheme: Bearer}
    key: {type: apiKey, in: cookie, name: k}
  schemas:
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator: {propertyName: kind, mapping: {kitty: "#/components/schemas/Cat"}}
    Cat:
      type: object
      required: [kind, lives]
      additionalProperties: false
      properties:
        kind: {type: string}
        lives: {type: integer, maximum: 9, nullable: true}
        mood: {type: string, enum: [calm, "<wild>"], pattern: "^[a-z<>]+$"}
    Dog:
      type: object
      properties:
        kind: {type: string}
        toys: {type: array, items: {type: string}, minItems: 1, maxItems: 3, uniqueItems: true}
        meta: {type: object, additionalProperties: {type: number}}
`

// TestOperationRules pins what the model hands the server for every kind
// of input: parameters with resolved styles, bodies by media type with
// wildcards last, responses, and security as alternatives.
var mediaNames = map[contract.MediaKind]string{contract.MediaJSON: "mediaJSON", contract.MediaForm: "mediaForm",
	contract.MediaMultipart: "mediaMultipart", contract.MediaText: "mediaText", contract.MediaBinary: "mediaBinary"}

func TestOperationRules(t *testing.T) {
	api := build(t, petSpec)
	byID := map[string]*Rules{}
	for _, o := range api.Operations {
		byID[o.ID] = o.Rules
	}
	get := byID["getPet"]
	wantParams := []contract.Param{
		{Name: "id", In: "path", Style: "simple", Required: true, Schema: get.Params[0].Schema, MuxName: "id"},
		{Name: "tags", In: "query", Style: "pipeDelimited", Explode: false, Schema: get.Params[1].Schema},
		{Name: "X-Trace", In: "header", Style: "simple", Required: true, Schema: get.Params[2].Schema},
	}
	if diff := cmp.Diff(wantParams, get.Params); diff != "" {
		t.Errorf("getPet params (-want +got):\n%s", diff)
	}
	wantSec := []Requirement{{Uses: []SchemeUse{{Scheme: 0, Name: "bearer", Scopes: []string{"read"}}, {Scheme: 1, Name: "key"}}}}
	if diff := cmp.Diff(wantSec, get.Security); diff != "" || !get.Anonymous {
		t.Errorf("getPet security (-want +got):\n%s; anonymous %v, want true", diff, get.Anonymous)
	}
	if del := byID["deletePet"]; del.Security != nil || del.Anonymous {
		t.Errorf("deletePet has security: [] yet got %+v, anonymous %v", del.Security, del.Anonymous)
	}
	create := byID["createPet"]
	if got := create.Security; len(got) != 1 || got[0].Uses[0].Name != "bearer" {
		t.Errorf("createPet should inherit the global bearer requirement, got %+v", got)
	}
	var kinds []string
	for _, m := range create.Body.Media {
		kinds = append(kinds, m.Type+" "+mediaNames[m.Kind])
	}
	if diff := cmp.Diff([]string{"application/json mediaJSON", "application/x-www-form-urlencoded mediaForm", "*/* mediaBinary"}, kinds); diff != "" {
		t.Errorf("createPet media (-want +got):\n%s", diff)
	}
	form := create.Body.Media[1].Fields
	if len(form) != 2 || form[0].Name != "name" || form[1].Name != "tags" || !form[1].Explode {
		t.Errorf("form fields = %+v", form)
	}
	wantSchemes := []*contract.SecurityScheme{{Name: "bearer", Type: "http", HTTPScheme: "bearer"}, {Name: "key", Type: "apiKey", In: "cookie", Param: "k"}}
	if diff := cmp.Diff(wantSchemes, api.Validation.Schemes); diff != "" {
		t.Errorf("schemes (-want +got):\n%s", diff)
	}
}

// TestCompiledSchemas pins the table entries for the keywords the server
// enforces.
func TestCompiledSchemas(t *testing.T) {
	api := build(t, petSpec)
	v := api.Validation
	byName := map[string]*contract.Schema{}
	index := map[string]int{}
	for i, s := range v.Schemas {
		if s.Name != "" {
			byName[s.Name], index[s.Name] = s, i
		}
	}
	id := v.Schemas[api.Operations[1].Rules.Params[0].Schema]
	if !id.HasMin || id.Min != 1 || !id.ExclusiveMin || id.Types != contract.TypeInteger {
		t.Errorf("id schema = %+v", id)
	}
	pet, cat, dog := byName["Pet"], byName["Cat"], byName["Dog"]
	if diff := cmp.Diff([]contract.Mapping{{Value: "Dog", Schema: index["Dog"]}, {Value: "kitty", Schema: index["Cat"]}}, pet.Mapping); diff != "" || pet.Discriminator != "kind" {
		t.Errorf("Pet discriminator %q mapping (-want +got):\n%s", pet.Discriminator, diff)
	}
	if !cat.NoAdditional || len(cat.Properties) != 3 || !cat.Properties[0].Required || !cat.Properties[1].Required || cat.Properties[2].Required {
		t.Errorf("Cat = %+v", cat)
	}
	lives, mood := v.Schemas[cat.Properties[1].Schema], v.Schemas[cat.Properties[2].Schema]
	if !lives.Nullable || !lives.HasMax || lives.Max != 9 {
		t.Errorf("lives = %+v", lives)
	}
	if diff := cmp.Diff([]string{"calm", "<wild>"}, mood.EnumStrings); diff != "" || v.Patterns[mood.Pattern-1] != "^[a-z<>]+$" {
		t.Errorf("mood enum (-want +got):\n%s; pattern %d of %q", diff, mood.Pattern, v.Patterns)
	}
	toys, meta := v.Schemas[dog.Properties[2].Schema], v.Schemas[dog.Properties[1].Schema]
	if toys.MinItems != 1 || !toys.HasMaxItems || toys.MaxItems != 3 || !toys.UniqueItems || toys.Items == 0 {
		t.Errorf("toys = %+v", toys)
	}
	if meta.Additional == 0 || v.Schemas[meta.Additional].Types != contract.TypeNumber {
		t.Errorf("meta = %+v", meta)
	}
}

// TestUnenforcedKeywordsAreListed checks that keywords the server does
// not check are named, with where they are.
func TestUnenforcedKeywordsAreListed(t *testing.T) {
	api := build(t, `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/A"}
      responses: {"200": {description: ok}}
components:
  schemas:
    A:
      type: object
      if: {required: [x]}
      then: {required: [y]}
      dependentRequired: {x: [z]}
`)
	want := []string{"#/components/schemas/A: if"}
	if diff := cmp.Diff(want, api.Validation.Unenforced); diff != "" {
		t.Errorf("unenforced (-want +got):\n%s", diff)
	}
}

// TestMutualTLSIsTheGatewaysJob checks that a requirement of mutual TLS
// alone lets every caller reach the function, and that mutual TLS next to
// another scheme leaves only that scheme.
func TestMutualTLSIsTheGatewaysJob(t *testing.T) {
	api := build(t, `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      security: [{mtls: []}]
      responses: {"200": {description: ok}}
  /b:
    get:
      security: [{mtls: [], key: []}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    mtls: {type: mutualTLS}
    key: {type: apiKey, in: header, name: X-Key}
`)
	a, b := api.Operations[0].Rules, api.Operations[1].Rules
	if len(a.Security) != 0 {
		t.Errorf("/a: security %+v, want none", a.Security)
	}
	if len(b.Security) != 1 || len(b.Security[0].Uses) != 1 || b.Security[0].Uses[0].Name != "key" || b.Anonymous {
		t.Errorf("/b: security %+v anonymous %v, want key alone", b.Security, b.Anonymous)
	}
}

// TestPatternsAsGoReadsThem: an ECMAScript \u escape becomes Go's \x{...},
// so the server checks it as kin-openapi does, and a pattern Go cannot
// compile (a lookahead, warned of when the spec loads) is not kept.
func TestPatternsAsGoReadsThem(t *testing.T) {
	c := newCompiler()
	if i := c.pattern(`^\u0041[0-9]+$`); i == 0 || c.patterns[i-1] != `^\x{0041}[0-9]+$` {
		t.Errorf("\\u escape: index %d, patterns %q", i, c.patterns)
	}
	if i := c.pattern(`^(?!aws).*`); i != 0 {
		t.Errorf("lookahead kept at index %d", i)
	}
}

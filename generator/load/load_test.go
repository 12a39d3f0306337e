package load

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestProblemsAreLocated pins the exact text a user sees for each kind of
// bad input: file, line, column and what is wrong.
func TestProblemsAreLocated(t *testing.T) {
	cases := []struct {
		file string
		want string
	}{
		{"testdata/missing.yaml", "testdata/missing.yaml: spec file does not exist"},
		{"testdata/remote_ref.yaml", "testdata/remote_ref.yaml:15:23: remote $ref is not followed: https://example.com/schemas/pet.yaml (download it and $ref the local copy)"},
		{"testdata/bad_type.yaml", `testdata/bad_type.yaml:10:11: invalid paths: invalid path /items/{item_id}: invalid operation GET: parameter "item_id" schema is invalid: unsupported 'type' value "integr"`},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			_, err := File(context.Background(), c.file)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			if got := ps.Error(); got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestYAMLSyntaxErrorNamesLine(t *testing.T) {
	_, err := Bytes(context.Background(), "spec.yaml", []byte("openapi: 3.0.3\ninfo:\n  title: x\n   version: 1\n"))
	if got, want := err.Error(), "spec.yaml:4: invalid YAML: mapping values are not allowed in this context"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNotAnOpenAPIDocument(t *testing.T) {
	for src, want := range map[string]string{
		"- a\n- b\n":         "s.yaml:1:1: spec is not a YAML or JSON object (want an OpenAPI 3 document with an openapi field)",
		"info: {title: x}\n": "s.yaml:1:1: missing openapi field (want openapi: 3.0.x or 3.1.x)",
		"swagger: \"1.2\"\n": `s.yaml:1:10: swagger version "1.2" is not supported (want 2.0, or an OpenAPI 3 document)`,
	} {
		_, err := Bytes(context.Background(), "s.yaml", []byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	_, err := File(context.Background(), "testdata/two_problems.yaml")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want Problems, got %v", err)
	}
	for _, p := range ps {
		if p.Line == 0 {
			t.Errorf("unlocated: %s", p)
		}
	}
	if len(ps) == 0 {
		t.Fatal("no problems reported")
	}
	t.Logf("%s", ps.Error())
}

func TestSwagger2IsConverted(t *testing.T) {
	spec, err := File(context.Background(), "testdata/swagger2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !spec.Converted {
		t.Fatal("Converted is false for a Swagger 2.0 document")
	}
	op := spec.Doc.Paths.Value("/pets/{id}").Get
	if op == nil || op.OperationID != "getPet" {
		t.Fatalf("converted document lost GET /pets/{id}")
	}
	if got := spec.Doc.Servers[0].URL; got != "/v1" {
		t.Fatalf("basePath became server %q, want /v1", got)
	}
}

// TestSemanticProblems pins the checks for schemas that are valid OpenAPI
// but that no value can match.
func TestSemanticProblems(t *testing.T) {
	// A request body's: a response's are warnings (TestUnrequestedUnsatisfiable).
	head := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /a:\n    post:\n      operationId: a\n      responses: {\"200\": {description: ok}}\n      requestBody:\n        content:\n          application/json:\n              schema:\n"
	cases := map[string]struct{ schema, want string }{
		"enum of the wrong type": {
			"                type: integer\n                enum: [\"one\", \"2\"]\n",
			`s.yaml:10:11: no enum value is of the schema's type integer (the first is "one"), so nothing can match; quote or unquote them`},
		"allOf conflict": {
			"                allOf:\n                  - {type: object, properties: {foo: {type: string}}}\n                  - {type: object, properties: {foo: {type: integer}}}\n",
			`s.yaml:10:11: allOf members give property "foo" the types string and integer, so no value can match; make them agree`},
		"self-made schema": {
			"                $ref: \"#/components/schemas/Loop\"\ncomponents:\n  schemas:\n    Loop:\n      allOf:\n        - $ref: \"#/components/schemas/Loop\"\n",
			`s.yaml:15:5: schema "Loop" is built only from itself through allOf, oneOf or anyOf, so no value can match it; put the recursion inside a property or array items`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Bytes(context.Background(), "s.yaml", []byte(head+c.schema))
			if err == nil || err.Error() != c.want {
				t.Fatalf("got  %v\nwant %s", err, c.want)
			}
		})
	}
	// A mixed enum keeps its schema satisfiable, and so does a schema that
	// includes itself next to other members; both are accepted.
	for _, ok := range []string{
		"                type: string\n                enum: [wasd, 2, true]\n",
		"                $ref: \"#/components/schemas/R\"\ncomponents:\n  schemas:\n    R:\n      allOf:\n        - {type: object, properties: {a: {type: string}}}\n        - $ref: \"#/components/schemas/R\"\n",
	} {
		if _, err := Bytes(context.Background(), "s.yaml", []byte(head+ok)); err != nil {
			t.Errorf("refused a satisfiable schema: %v", err)
		}
	}
	// Recursion through a property is how trees are written; it is fine.
	tree := head + "                $ref: \"#/components/schemas/Node\"\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        children:\n          type: array\n          items: {$ref: \"#/components/schemas/Node\"}\n"
	if _, err := Bytes(context.Background(), "s.yaml", []byte(tree)); err != nil {
		t.Fatalf("a recursive tree was refused: %v", err)
	}
}

// TestSwagger2AsYAMLWritesIt covers what YAML makes of a Swagger 2.0
// document written by hand: swagger: 2.0 unquoted is a number (read as
// "2.0", with a located warning), and unquoted status codes are integer
// keys (read as the codes they are).
func TestSwagger2AsYAMLWritesIt(t *testing.T) {
	src := []byte(`swagger: 2.0
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        200:
          description: the pets
`)
	spec, err := Bytes(context.Background(), "hand.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if r := spec.Doc.Paths.Value("/pets").Get.Responses.Value("200"); r == nil {
		t.Errorf("response 200 was lost")
	}
	if len(spec.Warnings) != 1 || spec.Warnings[0].Class != VersionNumber || spec.Warnings[0].Line != 1 || spec.Warnings[0].Column != 10 {
		t.Errorf("warnings = %v, want one version-number warning at 1:10", spec.Warnings)
	}
}

// TestMissingPathsIsNoOperations: a document without paths (optional in
// 3.1, and meaning the same in 3.0 and Swagger 2.0) loads with empty ones.
func TestMissingPathsIsNoOperations(t *testing.T) {
	for _, src := range []string{
		"openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\ncomponents: {schemas: {A: {type: string}}}\n",
		"openapi: 3.1.0\ninfo: {title: T, version: \"1\"}\ncomponents: {schemas: {A: {type: string}}}\n",
		"swagger: \"2.0\"\ninfo: {title: T, version: \"1\"}\ndefinitions: {A: {type: string}}\n",
	} {
		spec, err := Bytes(context.Background(), "nopaths.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if spec.Doc.Paths == nil || spec.Doc.Paths.Len() != 0 {
			t.Errorf("%q: paths = %v, want empty", src, spec.Doc.Paths)
		}
	}
}

// TestLenientReadings covers findings that are warnings because the intent
// is plain: an empty example object, and a path parameter without
// required: true, which the loaded document (and its fresh copy for
// oapi-codegen) reads as required.
func TestLenientReadings(t *testing.T) {
	src := []byte(`openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, schema: {type: string}}
      responses:
        "200":
          description: the item
          content:
            application/json:
              schema: {type: string}
              examples:
                nothing: {$ref: '#/components/examples/Nothing'}
components:
  examples:
    Nothing: {summary: an example with nothing in it}
`)
	spec, err := Bytes(context.Background(), "lenient.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	classes := map[Class]int{}
	for _, w := range spec.Warnings {
		classes[w.Class]++
		if w.Line == 0 {
			t.Errorf("warning without a line: %v", w)
		}
	}
	if classes[EmptyExample] != 1 || classes[PathParamOptional] != 1 {
		t.Errorf("warnings = %v, want one empty-example and one path-param-not-required", spec.Warnings)
	}
	fresh, err := spec.Reparse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]*openapi3.T{"loaded": spec.Doc, "reparsed": fresh} {
		if p := doc.Paths.Value("/items/{id}").Get.Parameters[0].Value; !p.Required {
			t.Errorf("%s document: path parameter id is not required", name)
		}
	}
}

// TestAllowReservedOnlyWhere31AllowsIt: on a path parameter and on a
// header it is refused with its line; on a query parameter, in an encoding
// and as a property's name it is fine.
func TestAllowReservedOnlyWhere31AllowsIt(t *testing.T) {
	src := []byte(`openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /items/{id}:
    post:
      parameters:
        - {name: id, in: path, required: true, allowReserved: false, schema: {type: string}}
        - {name: q, in: query, allowReserved: true, schema: {type: string}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                allowReserved: {type: boolean}
                schema: {type: string}
            encoding:
              allowReserved: {allowReserved: true, contentType: text/plain}
      responses:
        "204":
          description: done
          headers:
            X-Rate: {allowReserved: true, schema: {type: integer}}
`)
	_, err := Bytes(context.Background(), "reserved.yaml", src)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want problems, got %v", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		"reserved.yaml:7:48: allowReserved on a path parameter (OpenAPI 3.1 allows it only on query parameters and encodings; remove it)",
		"reserved.yaml:23:22: allowReserved on a header (OpenAPI 3.1 allows it only on query parameters and encodings; remove it)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEnumsReadAsMeant: an enum all of whose members are of another type is
// read as its author plainly meant, with a warning, in the loaded document
// and in oapi-codegen's copy alike: numbers written as strings, and an
// array's item values written on the array (EPA's and Zoom's descriptions).
func TestEnumsReadAsMeant(t *testing.T) {
	src := []byte(`openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: a
      parameters:
        - {name: level, in: query, schema: {type: number, enum: ["2", "2.5"]}}
        - {name: code, in: query, schema: {type: string, enum: [1, 2]}}
        - name: regions
          in: query
          schema: {type: array, items: {type: string}, enum: [EU, US]}
      responses:
        "204": {description: done}
`)
	spec, err := Bytes(context.Background(), "e.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(spec.Warnings); n != 3 {
		t.Errorf("warnings %v, want 3", spec.Warnings)
	}
	fresh, err := spec.Reparse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]*openapi3.T{"loaded": spec.Doc, "reparsed": fresh} {
		ps := doc.Paths.Value("/a").Get.Parameters
		if got := ps[0].Value.Schema.Value.Enum; len(got) != 2 || got[0] != 2.0 || got[1] != 2.5 {
			t.Errorf("%s: level enum %v, want [2 2.5]", name, got)
		}
		if got := ps[1].Value.Schema.Value.Enum; len(got) != 2 || got[0] != "1" {
			t.Errorf("%s: code enum %v, want [\"1\" \"2\"]", name, got)
		}
		arr := ps[2].Value.Schema.Value
		if len(arr.Enum) != 0 || len(arr.Items.Value.Enum) != 2 {
			t.Errorf("%s: regions enum %v, items enum %v; want none and [EU US]", name, arr.Enum, arr.Items.Value.Enum)
		}
	}
}

// TestUnusedUnsatisfiable checks that a schema no value can match is a
// warning in a component no operation uses (oapi-codegen's
// anyof-allof-oneof example has such a component and no paths), an error
// in a response, and that one built only from itself is refused anywhere.
func TestUnusedUnsatisfiable(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: integer\n                enum: [1]\n" +
		"components:\n  schemas:\n    Unused:\n      allOf:\n        - {type: object, properties: {foo: {type: string}}}\n        - {type: object, properties: {foo: {type: integer}}}\n"
	spec, err := Bytes(context.Background(), "s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `s.yaml:16:5: warning: allOf members give property "foo" the types string and integer, so no value can match; make them agree (no operation uses it, so it is generated as written)`
	if got := spec.Warnings.Error(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	response := strings.Replace(src, "enum: [1]", "enum: [one]", 1)
	if _, err := Bytes(context.Background(), "s.yaml", []byte(response)); err == nil || !strings.Contains(err.Error(), `no enum value is of the schema's type integer`) {
		t.Fatalf("a response no value can match: got %v, want it refused", err)
	}
	loop := src[:strings.Index(src, "    Unused:")] + "    Unused:\n      allOf:\n        - $ref: '#/components/schemas/Unused'\n"
	if _, err := Bytes(context.Background(), "s.yaml", []byte(loop)); err == nil || !strings.Contains(err.Error(), `schema "Unused" is built only from itself`) {
		t.Fatalf("a schema built only from itself: got %v, want it refused", err)
	}
}

package load

import (
	"context"
	"strings"
	"testing"
)

// TestFindingsAreClassified pins, for each class, the exact located line a
// user sees, and whether the spec still loads.
func TestFindingsAreClassified(t *testing.T) {
	head := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema:\n"
	cases := []struct {
		name, src, want string
		loads           bool
	}{
		{"example-mismatch", head + "                type: integer\n                example: many\n", `s.yaml:11:13: warning: invalid paths: invalid path /a: invalid operation GET: invalid example: value must be an integer (want an example the schema accepts; it is left out of generated test samples)`, true},
		{"default-mismatch", head + "                type: integer\n                default: many\n", `s.yaml:11:13: warning: invalid paths: invalid path /a: invalid operation GET: invalid default: value must be an integer (want a default the schema accepts; the generated code never applies defaults, and leaves it out of test samples)`, true},
		{"enum-member-type", head + "                type: string\n                enum: [a, 2]\n", `s.yaml:11:13: warning: enum value 2 is not of the schema's type string, so no value can match it (want it quoted or unquoted to match); left out`, true},
		{"enum-member-type on an array and its items", head + "                type: array\n                enum: [a, b]\n                items: {type: string, enum: [a, b, c]}\n", `s.yaml:11:13: warning: no enum value is of the schema's type array (the first is "a"); read as its items' enum, which lists them too`, true},
		{"array-without-items", head + "                type: array\n", `s.yaml:11:13: warning: array schema has no items (want items: {...}); read as an array of any values`, true},
		{"ref-sibling", head + "                $ref: \"#/components/schemas/S\"\n                nullable: true\ncomponents:\n  schemas:\n    S: {type: string}\n", `s.yaml:14:17: warning: "nullable" next to $ref is ignored in OpenAPI 3.0, and by the generated code (want it in the referenced schema, or allOf: [{$ref: ...}, {nullable: ...}])`, true},
		{"empty-info-version", strings.Replace(head, `version: "1"`, `version: ""`, 1) + "                type: string\n", `s.yaml:2:1: warning: invalid info: value of version must be a non-empty string (want a version such as "1.0.0"; it only labels the document)`, true},
		{"empty-server-url", strings.Replace(head, "paths:", "servers:\n  - url: \"\"\npaths:", 1) + "                type: string\n", `s.yaml:4:5: warning: invalid servers: value of url must be a non-empty string (an empty url is relative to where the document is served, so the API has no base path)`, true},
		{"missing-metadata", strings.Replace(head, `title: s,`, `title: "",`, 1) + "                type: string\n", `s.yaml:2:1: warning: invalid info: value of title must be a non-empty string (it is documentation only)`, true},
		{"pattern-unsupported, a number", head + "                type: string\n                pattern: 0\n", `s.yaml:14:17: warning: a pattern written as 0, not as a regular expression's text (want a string); not checked`, true},
		{"unquoted-null", strings.Replace(head, "openapi: 3.0.3", "openapi: 3.1.0", 1) + "                type: [string, null]\n", `s.yaml:11:13: warning: a type list holds null unquoted, which YAML reads as no value (want 'null' quoted); read as the type null`, true},
		{"newer-version-field", strings.Replace(head, "paths:", "tags:\n  - {name: t, kind: nav}\npaths:", 1) + "                type: string\n", `s.yaml:4:6: warning: invalid tags: tag "t": extra sibling fields: [kind] (fields of OpenAPI 3.2 in an OpenAPI 3.0.3 document; read as 3.2 defines them)`, true},
		{"not-served", strings.Replace(head, "openapi: 3.0.3", "openapi: 3.1.0", 1) + "                type: string\nwebhooks:\n  ping:\n    post:\n      responses: {\"200\": {description: ok}}\n", `s.yaml:15:3: warning: webhook "ping" is not served: lambgen generates handlers for paths only (want it under paths to serve it)`, true},
		{"unknown-field", strings.Replace(head, "operationId: a", "operationId: a\n      paramters: []", 1) + "                type: string\n", `s.yaml:5:5: invalid paths: invalid path /a: invalid operation GET: extra sibling fields: [paramters] (no OpenAPI version defines them here: want a known field, or an x- extension)`, false},
		{"vendor-field", strings.Replace(head, "paths:", "source: {url: {}}\npaths:", 1) + "                type: string\n", `s.yaml:3:1: warning: extra sibling fields: [source] (no OpenAPI field is spelled near them, so they are no typo of one; ignored, as an x- extension is)`, true},
		{"unknown-field near security", strings.Replace(head, "paths:", "securty: [{k: []}]\npaths:", 1) + "                type: string\n", `s.yaml:3:1: extra sibling fields: [securty] (no OpenAPI version defines them here: want a known field, or an x- extension)`, false},
		{"unsatisfiable-schema", head + "                type: integer\n                enum: [\"one\"]\n", `s.yaml:11:13: no enum value is of the schema's type integer (the first is "one"), so nothing can match; quote or unquote them`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec, err := Bytes(context.Background(), "s.yaml", []byte(c.src))
			var got string
			switch {
			case err != nil && c.loads:
				t.Fatalf("refused: %v", err)
			case err == nil && !c.loads:
				t.Fatalf("accepted, want refused with %s", c.want)
			case err != nil:
				got = err.Error()
			default:
				got = spec.Warnings.Error()
			}
			if got != c.want {
				t.Fatalf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestStrayCallbackField checks that a callback's non-expression field is
// a warning, not a decoding failure.
func TestStrayCallbackField(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /a:\n    post:\n      responses: {\"200\": {description: ok}}\n      callbacks:\n        done:\n          description: fired\n          '{$request.body#/url}':\n            post:\n              responses: {\"200\": {description: ok}}\n"
	spec, err := Bytes(context.Background(), "s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "s.yaml:8:9: warning: callback \"done\" of POST /a is not made: lambgen generates the server, and calling back is the handler's job\n" +
		"s.yaml:9:11: warning: callback \"done\": field \"description\" is not a runtime expression with a path item (want keys such as '{$request.body#/url}'); ignored"
	if got := spec.Warnings.Error(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// TestJSONIsReadAsJSON checks escapes YAML cannot read, and that a raw
// control character is refused at its line and column.
func TestJSONIsReadAsJSON(t *testing.T) {
	spec, err := File(context.Background(), "testdata/escapes.json")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spec.Doc.Info.Title, "Café 😀 a/b"; got != want {
		t.Fatalf("title %q, want %q", got, want)
	}
	if loc := spec.Doc.Paths.Value("/a").Get.Origin.Key; loc.Line != 4 || loc.Column != 20 {
		t.Fatalf("GET /a located at %d:%d, want 4:20", loc.Line, loc.Column)
	}
	_, err = File(context.Background(), "testdata/control.json")
	want := `testdata/control.json:3:25: invalid JSON: invalid character '\t' in string literal (control characters in strings must be escaped, as \t or \u0001)`
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}

// TestTableIsComplete keeps every class in the one severity table.
func TestTableIsComplete(t *testing.T) {
	for _, c := range []Class{Unreadable, NotOpenAPI, RemoteRef, BadRef, Invalid, UnknownField, Unsatisfiable,
		ExampleMismatch, DefaultMismatch, EnumMemberType, ArrayWithoutItems, NewerVersionField, RefSibling,
		EmptyVersion, MissingDescription, MissingMetadata, NotServed, CallbackStrayField, UndefinedScheme} {
		if _, ok := Classes()[c]; !ok {
			t.Errorf("class %s is not in the severity table", c)
		}
	}
}

// TestPropertyNamedRef checks that properties called $ref, default or
// example (Kubernetes' JSONSchemaProps has $ref and $schema) are read as
// the properties they are, not as a $ref with siblings or as data.
func TestPropertyNamedRef(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Props:\n      type: object\n      properties:\n" +
		"        $ref: {type: string}\n        $schema: {type: string}\n        description: {type: string}\n        default:\n          $ref: \"#/components/schemas/Props\"\n          nullable: true\n"
	spec, err := Bytes(context.Background(), "s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `s.yaml:14:11: warning: "nullable" next to $ref is ignored in OpenAPI 3.0, and by the generated code (want it in the referenced schema, or allOf: [{$ref: ...}, {nullable: ...}])`
	if got := spec.Warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant\n%s", got, want)
	}
}

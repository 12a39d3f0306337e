package load

import (
	"context"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestRepairs pins each repair's located warning and checks that the
// document, and the fresh copy Reparse gives oapi-codegen, read as the
// warning says.
func TestRepairs(t *testing.T) {
	head := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\n"
	ok := "      responses: {\"200\": {description: ok}}\n"
	cases := []struct {
		name, src, want string
		check           func(*openapi3.T) string
	}{
		{"tuple-items", head + "paths: {}\ncomponents:\n  schemas:\n    T:\n      type: array\n      items:\n        - {type: string}\n        - {type: integer}\n",
			`s.yaml:8:7: warning: items is a list of schemas, a tuple, which OpenAPI 3.0 has no way to write (want one schema, or prefixItems in OpenAPI 3.1); read as an array of any values`,
			func(d *openapi3.T) string {
				// Reparse leaves an array without items as written, which
				// oapi-codegen reads as one of any values too.
				if s := d.Components.Schemas["T"].Value; s.Items != nil && (s.Items.Value == nil || s.Items.Value.Type != nil) {
					return "T's items are not any value"
				}
				return ""
			}},
		{"path-template-operator", head + "paths:\n  /a/{.id}/{b*}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, style: label, schema: {type: integer}}\n        - {name: b, in: path, required: true, explode: true, schema: {type: array, items: {type: string}}}\n" + ok,
			`s.yaml:4:3: warning: path "/a/{.id}/{b*}" writes its parameters with RFC 6570 operators, which OpenAPI paths do not have (want {name}, and the parameter's style and explode); read as "/a/{id}/{b}"`,
			func(d *openapi3.T) string {
				if d.Paths.Value("/a/{id}/{b}") == nil || d.Paths.Value("/a/{.id}/{b*}") != nil {
					return "the path was not read as /a/{id}/{b}"
				}
				return ""
			}},
		{"media-type-keyword", head + "paths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            text/plain:\n              type: string\n              maxLength: 5\n",
			`s.yaml:10:13: warning: media type "text/plain" has no schema but the schema keywords type, maxLength (want them under schema:); read as its schema`,
			func(d *openapi3.T) string {
				m := d.Paths.Value("/a").Get.Responses.Value("200").Value.Content["text/plain"]
				if m.Schema == nil || !m.Schema.Value.Type.Is("string") || m.Schema.Value.MaxLength == nil || *m.Schema.Value.MaxLength != 5 || len(m.Extensions) != 0 {
					return "text/plain's schema is not {type: string, maxLength: 5}"
				}
				return ""
			}},
		{"ref-plus-space", head + "paths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/C/properties/with+space'\ncomponents:\n  schemas:\n    C:\n      type: object\n      properties:\n        'with space': {type: integer}\n",
			`s.yaml:12:23: warning: $ref "#/components/schemas/C/properties/with+space": nothing is at that pointer, but there is with each + read as a space, as form encoding writes one (want %20 for a space in a JSON pointer); read so`,
			func(d *openapi3.T) string {
				s := d.Paths.Value("/a").Get.Responses.Value("200").Value.Content["application/json"].Schema
				if s.Value == nil || !s.Value.Type.Is("integer") {
					return "the $ref did not reach the integer property"
				}
				return ""
			}},
		{"responses-missing", head + "paths:\n  /a:\n    get:\n      operationId: a\n",
			`s.yaml:5:5: warning: invalid paths: invalid path /a: invalid operation GET: value of responses must be an object (OpenAPI 3.0 wants at least one; read as an operation that documents no response, whose handler can answer only with an error)`,
			nil},
		{"server-variables-undeclared", strings.Replace(head, "3.0.3", "3.1.0", 1) + "servers:\n  - url: https://example.com/v1/{tenant}\npaths:\n  /a:\n    get:\n" + ok,
			`s.yaml:4:5: warning: invalid servers: server has undeclared variables (a base path that holds one is unknown, so the paths are served without it)`,
			nil},
		{"remote-ref-unused", head + "paths: {}\ncomponents:\n  schemas:\n    Local: {type: string}\n    Far:\n      $ref: 'https://example.com/s.yaml#/Far'\n",
			`s.yaml:8:13: warning: remote $ref is not followed: https://example.com/s.yaml#/Far; nothing uses components/schemas/Far, so it is left out (download it and $ref the local copy to keep it)`,
			func(d *openapi3.T) string {
				if _, ok := d.Components.Schemas["Far"]; ok || d.Components.Schemas["Local"] == nil {
					return "Far was kept, or Local lost"
				}
				return ""
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec, err := Bytes(context.Background(), "s.yaml", []byte(c.src))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if got := spec.Warnings.Error(); got != c.want {
				t.Fatalf("got  %s\nwant %s", got, c.want)
			}
			if c.check == nil {
				return
			}
			if why := c.check(spec.Doc); why != "" {
				t.Error(why)
			}
			fresh, err := spec.Reparse(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if why := c.check(fresh); why != "" {
				t.Error("reparsed: " + why)
			}
		})
	}
	// Used, the remote $ref is still refused: a build must not fetch.
	used := head + "paths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Far'}\ncomponents:\n  schemas:\n    Far:\n      $ref: 'https://example.com/s.yaml#/Far'\n"
	if _, err := Bytes(context.Background(), "s.yaml", []byte(used)); err == nil || !strings.Contains(err.Error(), "remote $ref is not followed") {
		t.Fatalf("a used remote component: got %v, want it refused", err)
	}
}

// TestJSONTakesC1Controls checks that characters JSON takes raw in a
// string and YAML refuses, the C1 controls among them (DocuSign's
// mis-encoded apostrophes), are read as the text they are.
func TestJSONTakesC1Controls(t *testing.T) {
	src := "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"recipient\u0080\u0099s \u2028\u007f\", \"version\": \"1\"}, \"paths\": {}}"
	spec, err := Bytes(context.Background(), "s.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spec.Doc.Info.Title, "recipient\u0080\u0099s \u2028\u007f"; got != want {
		t.Fatalf("title %q, want %q", got, want)
	}
}

// TestContentPropertyIsNoMediaTypes checks that a schema's property named
// content, and sample data holding one, are left as they are: only a
// request's, response's, parameter's or header's content holds media
// types (GitHub's schemas have content properties whose own properties
// include type).
func TestContentPropertyIsNoMediaTypes(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Reaction:\n      type: object\n      properties:\n        content:\n          type: object\n          properties:\n            user: {type: object}\n            type: {type: string}\n      example:\n        content: {user: {type: x}}\n"
	spec, err := Bytes(context.Background(), "s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(spec.Warnings) != 0 {
		t.Fatalf("warnings: %s", spec.Warnings.Error())
	}
	content := spec.Doc.Components.Schemas["Reaction"].Value.Properties["content"].Value
	if content.Properties["type"] == nil || content.Properties["user"] == nil {
		t.Fatalf("content's properties are %v, want user and type", content.Properties)
	}
}

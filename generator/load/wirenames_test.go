package load

import (
	"context"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const unsendableSpec = `openapi: 3.0.3
info: {title: s, version: "1"}
paths:
  /a:
    parameters:
      - {name: 'X-Sha"red', in: header, schema: {type: string}}
    post:
      operationId: postA
      parameters:
        - {name: 'X-Ev"il', in: header, schema: {type: string}}
        - {name: 'my cookie', in: cookie, schema: {type: string}}
        - {name: 'X-Fine', in: header, schema: {type: string}}
        - $ref: '#/components/parameters/Bad'
      requestBody:
        content:
          "application/json\ninjected": {schema: {type: string}}
      responses:
        "200":
          description: ok
          headers:
            'X-No"pe': {schema: {type: string}}
            X-Yes: {schema: {type: string}}
          content:
            "text/plain\r": {schema: {type: string}}
            "application/json;\tcharset=utf-8": {schema: {type: string}}
  /b:
    post:
      operationId: postB
      requestBody:
        $ref: '#/components/requestBodies/Bad'
      responses:
        "204": {description: done}
  /c:
    get:
      operationId: getC
      parameters:
        - {name: 'X-Must"', in: header, required: true, schema: {type: string}}
      responses:
        "204": {description: done}
components:
  parameters:
    Bad: {name: 'Bad"', in: header, schema: {type: string}}
  requestBodies:
    Bad:
      required: true
      content:
        "application/json\u0001": {schema: {type: string}}
`

// TestUnsendableNames pins what no HTTP message can carry: each is left
// out with a located warning, in the loaded document and in every fresh
// copy, and an operation that requires one is not served.
func TestUnsendableNames(t *testing.T) {
	spec, err := Bytes(context.Background(), "s.yaml", []byte(unsendableSpec))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`s.yaml:6:10: warning: header parameter "X-Sha\"red" is not an HTTP field name (it has a double quote), so no request can carry it: left out`,
		`s.yaml:10:12: warning: header parameter "X-Ev\"il" is not an HTTP field name (it has a double quote), so no request can carry it: left out`,
		`s.yaml:11:12: warning: cookie parameter "my cookie" is not a cookie name (it has a space), so no request can carry it: left out`,
		`s.yaml:16:11: warning: request body of POST /a: media type "application/json\ninjected" has the control character U+000A, which no Content-Type header can carry: left out`,
		`s.yaml:21:13: warning: response 200 of POST /a: header "X-No\"pe" is not an HTTP field name (it has a double quote), so no response can carry it: left out`,
		`s.yaml:24:13: warning: response 200 of POST /a: media type "text/plain\r" has the control character U+000D, which no Content-Type header can carry: left out`,
		`s.yaml:27:5: warning: operation POST /b is not served: its request body is required and none of its media types can be sent, so no request can reach it (want names and media types HTTP allows)`,
		`s.yaml:34:5: warning: operation GET /c is not served: its required header parameter "X-Must\"" cannot be sent, so no request can reach it (want names and media types HTTP allows)`,
		`s.yaml:37:12: warning: header parameter "X-Must\"" is not an HTTP field name (it has a double quote), so no request can carry it: left out`,
		`s.yaml:42:5: warning: header parameter "Bad\"" is not an HTTP field name (it has a double quote), so no request can carry it: left out`,
		`s.yaml:47:9: warning: request body component "Bad": media type "application/json\x01" has the control character U+0001, which no Content-Type header can carry: left out`,
	}
	if got := spec.Warnings.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	fresh, err := spec.Reparse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		doc  *openapi3.T
	}{{"loaded", spec.Doc}, {"fresh", fresh}} {
		name, d := c.name, c.doc
		if d.Paths.Value("/b") != nil || d.Paths.Value("/c") != nil {
			t.Errorf("%s: the operations that cannot be called are still there", name)
		}
		a := d.Paths.Value("/a")
		if a == nil || a.Post == nil {
			t.Fatalf("%s: POST /a is gone", name)
		}
		if len(a.Parameters) != 0 || len(a.Post.Parameters) != 1 || a.Post.Parameters[0].Value.Name != "X-Fine" {
			t.Errorf("%s: parameters left: %d on the path, %v", name, len(a.Parameters), a.Post.Parameters)
		}
		if a.Post.RequestBody != nil {
			t.Errorf("%s: an optional body with no media type left is still there", name)
		}
		r := a.Post.Responses.Value("200").Value
		if len(r.Headers) != 1 || r.Headers["X-Yes"] == nil {
			t.Errorf("%s: response headers %v", name, r.Headers)
		}
		// A tab is whitespace a Content-Type may hold.
		if len(r.Content) != 1 || r.Content.Get("application/json;\tcharset=utf-8") == nil {
			t.Errorf("%s: response media types %v", name, r.Content)
		}
		if d.Components.Parameters["Bad"] != nil {
			t.Errorf("%s: the parameter component no request can carry is still there", name)
		}
	}
}

// TestUnsendableLeavesNothing checks that a spec none of whose operations
// can be called is refused, for the reasons each cannot.
func TestUnsendableLeavesNothing(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\npaths:\n  /c:\n    get:\n      parameters:\n" +
		"        - {name: 'X-Must\"', in: header, required: true, schema: {type: string}}\n      responses:\n        \"204\": {description: done}\n"
	_, err := Bytes(context.Background(), "s.yaml", []byte(src))
	want := `s.yaml:5:5: operation GET /c is not served: its required header parameter "X-Must\"" cannot be sent, so no request can reach it (want names and media types HTTP allows); no operation of the spec is left to serve` + "\n" +
		`s.yaml:7:12: warning: header parameter "X-Must\"" is not an HTTP field name (it has a double quote), so no request can carry it: left out`
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}

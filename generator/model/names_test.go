package model

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/load"
)

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"ReadItem":      "read_item",
		"GetHTTPStatus": "get_http_status",
		"ListV2Items":   "list_v2_items",
		"A":             "a",
		"UUIDLookup":    "uuid_lookup",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHandlerFileNameIsPlainSource(t *testing.T) {
	for in, want := range map[string]string{
		"ReadItem":    "read_item.go",
		"GetTest":     "get_test_op.go",
		"ListLinux":   "list_linux_op.go",
		"BuildArm64":  "build_arm64_op.go",
		"Test":        "test.go",
		"GetLinuxBox": "get_linux_box.go",
	} {
		if got := handlerFileName(in); got != want {
			t.Errorf("handlerFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSynthesizeID(t *testing.T) {
	cases := []struct{ method, path, want string }{
		{"GET", "/", "getRoot"},
		{"GET", "/items/{item_id}", "getItemsByItemId"},
		{"POST", "/items/", "postItems"},
		{"DELETE", "/users/{id}/pets/{pet-id}", "deleteUsersByIdPetsByPetId"},
	}
	for _, c := range cases {
		if got := synthesizeID(c.method, c.path); got != c.want {
			t.Errorf("synthesizeID(%s %s) = %q, want %q", c.method, c.path, got, c.want)
		}
	}
}

func TestBasePath(t *testing.T) {
	for url, want := range map[string]string{
		"":                               "",
		"/":                              "",
		"/v1":                            "/v1",
		"https://api.example.com/v1/":    "/v1",
		"https://{env}.example.com/base": "/base",
		"http://localhost:8080":          "",
		"https://{env}.example.com/v1/{tenant}/x": "", // tenant is not declared: no base path is known
		"/{env}/base": "/prod/base",
	} {
		doc := &openapi3.T{}
		if url != "" {
			doc.Servers = openapi3.Servers{{URL: url, Variables: map[string]*openapi3.ServerVariable{"env": {Default: "prod"}}}}
		}
		if got := basePath(doc); got != want {
			t.Errorf("basePath(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestIsText(t *testing.T) {
	for mt, want := range map[string]bool{
		"application/json": true, "application/problem+json": true, "text/csv; charset=utf-8": true,
		"application/xml": true, "image/png": false, "application/octet-stream": false, "application/pdf": false,
	} {
		if IsText(mt) != want {
			t.Errorf("IsText(%q) = %v, want %v", mt, !want, want)
		}
	}
}

const colliding = `openapi: 3.0.3
info: {title: Collide, version: "1"}
paths:
  /a:
    get:
      operationId: get-item
      responses: {"200": {description: ok}}
  /b:
    get:
      operationId: getItem
      responses: {"200": {description: ok}}
`

// TestGoNamesAreSettled: two operationIds that make one Go name, an
// operationId that makes none, and two paths whose made-up IDs would meet
// all get a Go name of their own, the same every time, and a located
// go-name warning each; the spec's operationIds stay what the spec says.
func TestGoNamesAreSettled(t *testing.T) {
	src := colliding + `  /c:
    get:
      operationId: "54763641281d830c"
      responses: {"200": {description: ok}}
  /items-list:
    get:
      responses: {"200": {description: ok}}
  /items_list:
    get:
      responses: {"200": {description: ok}}
`
	for run := 0; run < 2; run++ {
		spec, err := load.Bytes(context.Background(), "c.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		api, err := Build(spec)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, op := range api.Operations {
			got[op.ID] = op.GoName + " " + op.GoID
		}
		want := map[string]string{
			"get-item":         "GetItem ",
			"getItem":          "GetItem2 getItem2",
			"54763641281d830c": "Op54763641281d830c op54763641281d830c",
			"getItemsList":     "GetItemsList ",
			"getItemsList2":    "GetItemsList2 ",
		}
		if len(got) != len(want) {
			t.Fatalf("operations %v, want %v", got, want)
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("operation %s: Go name and GoID %q, want %q", id, got[id], w)
			}
		}
		n := 0
		for _, w := range spec.Warnings {
			if w.Class == load.GoName {
				n++
				if w.Line == 0 {
					t.Errorf("warning without a line: %v", w)
				}
			}
		}
		if n != 3 {
			t.Errorf("%d go-name warnings, want 3: %v", n, spec.Warnings)
		}
	}
}

func TestOperationsAreSortedAndNamed(t *testing.T) {
	spec, err := load.File(context.Background(), "../../examples/items/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	api, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, op := range api.Operations {
		got = append(got, op.Method+" "+op.Path+" "+op.GoName+" "+op.MuxPattern+" "+op.HandlerFile)
	}
	want := []string{
		"GET / ReadRoot GET /{$} handlers/read_root.go",
		"POST /items/ CreateItem POST /items/{$} handlers/create_item.go",
		"GET /items/{item_id} ReadItem GET /items/{item_id} handlers/read_item.go",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("operation %d = %q, want %q", i, got[i], want[i])
		}
	}
}

const injected = "openapi: 3.0.3\ninfo: {title: Inject, version: \"1\"}\npaths:\n  \"/foo\\ninjected\":\n    get:\n      operationId: foo\n      responses: {\"200\": {description: ok}}\n"

func TestControlCharactersAreRefused(t *testing.T) {
	spec, err := load.Bytes(context.Background(), "i.yaml", []byte(injected))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(spec)
	want := `i.yaml:5:5: operation GET "/foo\ninjected": the path or operationId contains the control character U+000A, which no HTTP route has; remove it`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestMixedSegment(t *testing.T) {
	for path, want := range map[string]string{
		"/items/{id}":         "",
		"/root/{a}{b}":        "{a}{b}",
		"/files/{name}.json":  "",
		"/x/{a}-{b}":          "",
		"/v1/{proxy+}":        "",
		"/a/{x}/{y}{z}/c":     "{y}{z}",
		"/plain/path/segment": "",
	} {
		if got := mixedSegment(path); got != want {
			t.Errorf("mixedSegment(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestWholeSegments(t *testing.T) {
	for seg, want := range map[string]string{
		"{name}:cancel":              "/{name}/cancel",
		"project.{output_format}":    "/project/{output_format}",
		"{time-period}.json":         "/{time-period}/json",
		"{foo}1234{bar}-{baz}!{kek}": "/{foo}/1234/{bar}/{baz}/{kek}",
	} {
		if got := wholeSegments(seg); got != want {
			t.Errorf("wholeSegments(%q) = %q, want %q", seg, got, want)
		}
	}
}

package deploy_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/deploy"
)

const securedSpec = `openapi: 3.0.3
info: {title: Secured, version: "1"}
servers: [{url: "https://api.example.com/v1"}]
security: [{oauth: [read]}]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {read: r, write: w}}}
    key: {type: apiKey, in: header, name: x-api-key}
    sigv4: {type: apiKey, in: header, name: Authorization, x-amazon-apigateway-authtype: awsSigv4}
paths:
  /health:
    get:
      operationId: health
      security: []
      responses: {"200": {description: ok}}
  /notes:
    get:
      operationId: listNotes
      responses: {"200": {description: ok}}
    post:
      operationId: addNote
      security: [{oauth: [write]}, {key: []}]
      responses: {"201": {description: created}}
  /export:
    get:
      operationId: exportNotes
      security: [{key: []}]
      responses: {"200": {description: ok}}
  /admin:
    delete:
      operationId: purge
      security: [{sigv4: []}]
      responses: {"204": {description: gone}}
`

func describe(t *testing.T, dir string, outputs []byte) string {
	t.Helper()
	p, err := deploy.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := deploy.Describe(p, outputs, "outputs.json")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := deploy.PrintRoutes(&buf, rows); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestDescribeRouteTable: method, path, operation, the spec's security,
// what the gateway checks, and where each handler lives; with stack
// outputs, each route's URL.
func TestDescribeRouteTable(t *testing.T) {
	dir := newProject(t, securedSpec, config.Config{Name: "notes"})
	t.Chdir(dir)
	want := "" +
		"METHOD  PATH     OPERATION    AUTH                GATEWAY                         HANDLER\n" +
		"DELETE  /admin   purge        sigv4               iam                             handlers/purge.go:10\n" +
		"GET     /export  exportNotes  key                 none (handler checks the rest)  handlers/export_notes.go:10\n" +
		"GET     /health  health       none                none                            handlers/health.go:10\n" +
		"GET     /notes   listNotes    oauth(read)         jwt(read)                       handlers/list_notes.go:10\n" +
		"POST    /notes   addNote      oauth(write) | key  none (handler checks the rest)  handlers/add_note.go:10\n"
	if diff := cmp.Diff(want, describe(t, ".", nil)); diff != "" {
		t.Errorf("http (-want +got):\n%s", diff)
	}
	outputs := []byte(`{"Stacks":[{"StackName":"notes","Outputs":[{"OutputKey":"FunctionArn","OutputValue":"arn:aws:lambda:eu-west-1:123456789012:function:notes"},{"OutputKey":"ApiUrl","OutputValue":"https://abc123.execute-api.eu-west-1.amazonaws.com/v1"}]}]}`)
	got := describe(t, ".", outputs)
	for _, url := range []string{"https://abc123.execute-api.eu-west-1.amazonaws.com/v1/admin\n", "https://abc123.execute-api.eu-west-1.amazonaws.com/v1/notes\n"} {
		if !bytes.Contains([]byte(got), []byte(url)) {
			t.Errorf("no URL %q in:\n%s", url, got)
		}
	}
	// The handler moved: describe follows it and reports a missing one.
	if err := os.Rename("handlers/purge.go", "handlers/admin.go"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove("handlers/health.go"); err != nil {
		t.Fatal(err)
	}
	got = describe(t, ".", nil)
	for _, s := range []string{"handlers/admin.go:10\n", "missing: no func (h *Handlers) Health in handlers/\n"} {
		if !bytes.Contains([]byte(got), []byte(s)) {
			t.Errorf("no %q in:\n%s", s, got)
		}
	}
}

// TestDescribeRESTAuth: on a REST API the API key is the gateway's to check.
func TestDescribeRESTAuth(t *testing.T) {
	dir := newProject(t, securedSpec, config.Config{Name: "notes", API: "rest"})
	got := describe(t, dir, nil)
	for _, s := range []string{"exportNotes  key                 api-key  ", "addNote      oauth(write) | key  none (handler checks the rest)"} {
		if !bytes.Contains([]byte(got), []byte(s)) {
			t.Errorf("no %q in:\n%s", s, got)
		}
	}
}

func TestDescribeOutputsErrors(t *testing.T) {
	p, err := deploy.Open(context.Background(), "../../examples/items")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		`{"Stacks":[{"Outputs":[]}]}`:                      "outputs.json: has no ApiUrl output (is it the stack deployed from this project's template.yaml?)",
		`[{"OutputKey":"ApiUrl","OutputValue":"ftp://x"}]`: `outputs.json: output ApiUrl "ftp://x" is not an https URL`,
		`not json`: `outputs.json: not the JSON aws cloudformation describe-stacks prints (want {"Stacks":[{"Outputs":[...]}]})`,
	} {
		_, err := deploy.Describe(p, []byte(in), "outputs.json")
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %s", in, err, want)
		}
	}
}

// TestDescribeUndefinedScheme: a route whose every alternative names a
// scheme the spec does not define shows as denied, in describe and in
// validate's notes; one with another alternative shows what is left.
func TestDescribeUndefinedScheme(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: Undefined, version: "1"}
security: [{nokey: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
paths:
  /a:
    get:
      operationId: inherited
      responses: {"200": {description: ok}}
  /b:
    get:
      operationId: either
      security: [{nokey: []}, {key: []}]
      responses: {"200": {description: ok}}
`
	dir := newProject(t, spec, config.Config{Name: "undefined"})
	t.Chdir(dir)
	want := "" +
		"METHOD  PATH  OPERATION  AUTH                     GATEWAY                                                 HANDLER\n" +
		"GET     /a    inherited  nokey (undefined)        none (denied: the server answers 401 to every request)  handlers/inherited.go:10\n" +
		"GET     /b    either     nokey (undefined) | key  none (handler checks the rest)                          handlers/either.go:10\n"
	if diff := cmp.Diff(want, describe(t, ".", nil)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	rep, err := deploy.Validate(context.Background(), ".")
	if err != nil {
		t.Fatal(err)
	}
	note := `GET /a: every alternative of "nokey (undefined)" names an undefined scheme, so the server answers 401 to every request`
	if len(rep.Notes) == 0 || rep.Notes[0] != note {
		t.Errorf("notes %q, want first %q", rep.Notes, note)
	}
}

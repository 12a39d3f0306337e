package model

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/contract"
)

// TestSerialize checks that sample values go on the wire in each style as
// OpenAPI's style examples show them.
func TestSerialize(t *testing.T) {
	yes, no := true, false
	arr := []any{3, 4}
	obj := map[string]any{"R": 100, "G": 200}
	cases := []struct {
		in, style string
		explode   *bool
		v         any
		want      [][2]string
	}{
		{"path", "", nil, arr, [][2]string{{"p", "3,4"}}},
		{"path", "label", nil, arr, [][2]string{{"p", ".3,4"}}},
		{"path", "label", &yes, arr, [][2]string{{"p", ".3.4"}}},
		{"path", "matrix", nil, arr, [][2]string{{"p", ";p=3,4"}}},
		{"path", "matrix", &yes, arr, [][2]string{{"p", ";p=3;p=4"}}},
		{"path", "matrix", &yes, obj, [][2]string{{"p", ";G=200;R=100"}}},
		{"path", "label", &yes, obj, [][2]string{{"p", ".G=200.R=100"}}},
		{"path", "", &yes, obj, [][2]string{{"p", "G=200,R=100"}}},
		{"header", "", nil, obj, [][2]string{{"p", "G,200,R,100"}}},
		{"query", "", nil, arr, [][2]string{{"p", "3"}, {"p", "4"}}},
		{"query", "form", &no, arr, [][2]string{{"p", "3,4"}}},
		{"query", "spaceDelimited", &no, arr, [][2]string{{"p", "3 4"}}},
		{"query", "pipeDelimited", &no, arr, [][2]string{{"p", "3|4"}}},
		{"query", "", nil, obj, [][2]string{{"G", "200"}, {"R", "100"}}},
		{"query", "deepObject", &yes, obj, [][2]string{{"p[G]", "200"}, {"p[R]", "100"}}},
		{"cookie", "", nil, arr, [][2]string{{"p", "3,4"}}},
		{"query", "", nil, jsonText{obj}, [][2]string{{"p", `{"G":200,"R":100}`}}},
	}
	for _, c := range cases {
		p := &openapi3.Parameter{Name: "p", In: c.in, Style: c.style, Explode: c.explode}
		got, skip := serialize(p, c.v)
		if skip != "" {
			t.Errorf("%s %s: skipped: %s", c.in, c.style, skip)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s style %q explode %v: (-want +got):\n%s", c.in, c.style, c.explode, diff)
		}
	}
	if _, skip := serialize(&openapi3.Parameter{Name: "n", In: "query"}, []any{[]any{1}}); skip != `parameter "n" nests arrays or objects; no sample` {
		t.Errorf("nested sample skip = %q", skip)
	}
}

// TestRoutes checks the routing tree: literals sorted, one wildcard child,
// the trailing slash of {$} as an empty segment, and wildcard names kept
// per operation.
func TestRoutes(t *testing.T) {
	ops := []*Operation{
		{MuxPattern: "GET /items/{id}", Rules: &Rules{}},
		{MuxPattern: "POST /items/{$}", Rules: &Rules{}},
		{MuxPattern: "GET /items/special", Rules: &Rules{}},
		{MuxPattern: "GET /{$}", Rules: &Rules{}},
	}
	got := routes(ops)
	want := []*contract.RouteNode{
		{Literals: []contract.RouteEdge{{Segment: "", Node: 5}, {Segment: "items", Node: 1}}},
		{Literals: []contract.RouteEdge{{Segment: "", Node: 3}, {Segment: "special", Node: 4}}, Wildcard: 2},
		{Ops: []contract.RouteOp{{Method: "GET", Op: 0}}},
		{Ops: []contract.RouteOp{{Method: "POST", Op: 1}}},
		{Ops: []contract.RouteOp{{Method: "GET", Op: 2}}},
		{Ops: []contract.RouteOp{{Method: "GET", Op: 3}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"id"}, ops[0].Rules.Wildcards); diff != "" {
		t.Errorf("wildcards (-want +got):\n%s", diff)
	}
}

// TestSamplesBreakOnePlaceEach checks the bad samples of an operation with
// every kind of input: each names the status and the violation it must
// produce. createPet accepts */*, so no media type earns it a 415.
func TestSamplesBreakOnePlaceEach(t *testing.T) {
	api := build(t, petSpec)
	type want struct {
		Why, In, Name, Pointer string
		Status                 int
	}
	var got []want
	for _, o := range api.Operations {
		if o.ID != "getPet" && o.ID != "createPet" {
			continue
		}
		for _, b := range o.BadSamples {
			got = append(got, want{b.Why, b.WantIn, b.WantName, b.WantPointer, b.WantStatus})
		}
	}
	expected := []want{
		{"the required body is missing", "body", "", "", 400},
		{"the body is not valid JSON", "body", "", "", 400},
		{"the request carries no credentials", "", "", "", 401},
		{`path parameter "id" is not a number`, "path", "id", "", 400},
		{`required header "X-Trace" is missing`, "header", "X-Trace", "", 400},
	}
	if diff := cmp.Diff(expected, got); diff != "" {
		t.Errorf("bad samples (-want +got):\n%s", diff)
	}
}

package render

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// TestCompileErrorsAreLocatedAtOperations pins the check that runs on
// oapi-codegen's output: names from imports are not errors (the check has
// no export data), its own undefined names are, and each is reported at the
// operation whose code holds it, not at a line of generated Go.
func TestCompileErrorsAreLocatedAtOperations(t *testing.T) {
	src := []byte(`package api

import (
	"net/http"

	"github.com/oapi-codegen/runtime"
)

type GetThingResponseObject interface {
	VisitGetThingResponse(w http.ResponseWriter) error
}

type GetThing500JSONResponse struct{ ErrorResponseJSONResponse }

func (response GetThing500JSONResponse) VisitGetThingResponse(w http.ResponseWriter) error {
	return runtime.BindStyledParameterWithOptions("simple", "id", "", nil, runtime.BindStyledParameterOptions{})
}

type ListThingsParams struct {
	Limit int
}
`)
	_, f, errs, err := compileErrors(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || errs[0].Msg != "undefined: ErrorResponseJSONResponse" {
		t.Fatalf("want one error, undefined: ErrorResponseJSONResponse; got %v", errs)
	}
	spec := &load.Spec{Path: "spec.yaml"}
	api := &model.API{Operations: []*model.Operation{
		{ID: "getThings", GoName: "GetThings", Method: "GET", Path: "/things", Origin: &openapi3.Location{Line: 4, Column: 5}},
		{ID: "getThing", GoName: "GetThing", Method: "GET", Path: "/things/{id}", Origin: &openapi3.Location{Line: 9, Column: 5}},
	}}
	got := notGenerated(spec, api, f, errs).Error()
	want := "spec.yaml:9:5: operation getThing (GET /things/{id}): the Go code oapi-codegen generates for it does not compile (GetThing500JSONResponse: undefined: ErrorResponseJSONResponse); lambgen has no workaround yet: simplify the operation or report it with this spec"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

package render

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// compactSrc is oapi-codegen's output in miniature, as its templates write
// it (unformatted): two JSON Visit methods without headers, one with a
// header, a no-content one, and a wrapper with one query parameter.
const compactSrc = `package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/oapi-codegen/runtime"
)

type ServerInterfaceWrapper struct {
	ErrorHandlerFunc func(w http.ResponseWriter, r *http.Request, err error)
}

type RequiredParamError struct{ ParamName string }

func (e *RequiredParamError) Error() string { return e.ParamName }

type InvalidParamFormatError struct {
	ParamName string
	Err       error
}

func (e *InvalidParamFormatError) Error() string { return e.ParamName }

type ListParams struct{ Limit *int }

func (siw *ServerInterfaceWrapper) List(w http.ResponseWriter, r *http.Request) {

  var err error
  _ = err
    var params ListParams

      err = runtime.BindQueryParameterWithOptions("form", true, false, "limit", r.URL.Query(), &params.Limit, runtime.BindQueryParameterOptions{Type: "integer", Format: ""})
      if err != nil {
        var requiredError *runtime.RequiredParameterError
        if errors.As(err, &requiredError) {
          siw.ErrorHandlerFunc(w, r, &RequiredParamError{ParamName: "limit"})
        } else {
          siw.ErrorHandlerFunc(w, r, &InvalidParamFormatError{ParamName: "limit", Err: err})
        }
        return
      }
}

type Get200JSONResponse struct{ Name string }

func (response Get200JSONResponse) VisitGetResponse(w http.ResponseWriter) error {

                    var buf bytes.Buffer
                    if err := json.NewEncoder(&buf).Encode(response); err != nil {
                        return err
                    }
                    w.Header().Set("Content-Type", "application/json")
                    w.WriteHeader(200)
                    _, err := buf.WriteTo(w)
                    return err
}

type GetdefaultJSONResponse struct {
	Body        Get200JSONResponse
	StatusCode  int
	ContentType string
}

func (response GetdefaultJSONResponse) VisitGetResponse(w http.ResponseWriter) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(response.Body); err != nil {
		return err
	}
	w.Header().Set("Content-Type", response.ContentType)
	w.WriteHeader(response.StatusCode)
	_, err := buf.WriteTo(w)
	return err
}

type Get201ResponseHeaders struct{ Location *string }

type Get201JSONResponse struct {
	Body    Get200JSONResponse
	Headers Get201ResponseHeaders
}

func (response Get201JSONResponse) VisitGetResponse(w http.ResponseWriter) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(response.Body); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	if response.Headers.Location != nil {
		w.Header().Set("Location", fmt.Sprint(*response.Headers.Location))
	}
	w.WriteHeader(201)
	_, err := buf.WriteTo(w)
	return err
}

type Get204Response struct{}

func (response Get204Response) VisitGetResponse(w http.ResponseWriter) error {
	w.WriteHeader(204)
	return nil
}
`

func compacted(t *testing.T, src string) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", withCompactHelpers(src), parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	compactServer(f)
	out, err := printFile(fset, f)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestCompactServer checks which bodies become calls, that the calls carry
// each body's status, content type and value, and that the result is
// formatted Go that type-checks.
func TestCompactServer(t *testing.T) {
	got := compacted(t, compactSrc)
	for _, want := range []string{
		"func (response Get200JSONResponse) VisitGetResponse(w http.ResponseWriter) error {\n\treturn visitJSON(w, 200, \"application/json\", response)\n}",
		"\treturn visitJSON(w, response.StatusCode, response.ContentType, response.Body)\n}",
		"\tif err != nil {\n\t\tqueryParamError(siw, w, r, \"limit\", err)\n\t\treturn\n\t}",
		"// visitJSON writes a JSON response",
		"func queryParamError(",
		// The one with a header keeps its own body.
		"\tif response.Headers.Location != nil {",
		"func (response Get204Response) VisitGetResponse(w http.ResponseWriter) error {\n\tw.WriteHeader(204)\n\treturn nil\n}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "json.NewEncoder(&buf)"); n != 2 {
		t.Errorf("%d bodies encode for themselves, want 2 (visitJSON and the one with a header):\n%s", n, got)
	}
	if n := strings.Count(got, "errors.As("); n != 1 {
		t.Errorf("%d errors.As calls, want only queryParamError's:\n%s", n, got)
	}
	if formatted, err := formatGo("compacted", []byte(got)); err != nil || string(formatted) != got {
		t.Errorf("output is not gofmt's (%v):\n%s", err, got)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "api.gen.go", got, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if errs, unused := checkFile(fset, f); len(errs) > 0 || len(unused) > 0 {
		t.Errorf("compacted output does not check: %v, unused imports %v", errs, unused)
	}
}

// TestCompactServerLeavesWhatItCannotCall checks that a helper is not
// declared when nothing calls it, nor when the spec's code already
// declares its name.
func TestCompactServerLeavesWhatItCannotCall(t *testing.T) {
	noWrapper := compactSrc[:strings.Index(compactSrc, "func (siw *ServerInterfaceWrapper) List")]
	got := compacted(t, noWrapper+"\ntype Extra struct{}\n")
	if strings.Contains(got, "queryParamError") {
		t.Errorf("queryParamError declared with no query parameter:\n%s", got)
	}
	headerOnly := strings.Replace(compactSrc, "w.WriteHeader(200)", "w.Header().Set(\"X\", \"y\")\n\tw.WriteHeader(200)", 1)
	headerOnly = strings.Replace(headerOnly, "w.WriteHeader(response.StatusCode)", "w.Header().Set(\"X\", \"y\")\n\tw.WriteHeader(response.StatusCode)", 1)
	got = compacted(t, headerOnly)
	if strings.Contains(got, "visitJSON") {
		t.Errorf("visitJSON declared with no body calling it:\n%s", got)
	}
	taken := compactSrc + "\ntype visitJSON struct{}\n"
	got = compacted(t, taken)
	if strings.Contains(got, "return visitJSON(") || strings.Count(got, "visitJSON") != 1 {
		t.Errorf("the spec's visitJSON was shadowed:\n%s", got)
	}
}

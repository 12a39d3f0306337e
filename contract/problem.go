package contract

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// Problem is an RFC 9457 problem detail. Handlers may return one as their
// error to answer with that status; every error lambgen's server produces
// is one.
type Problem struct {
	Type   string      `json:"type"`
	Title  string      `json:"title"`
	Status int         `json:"status"`
	Detail string      `json:"detail,omitempty"`
	Errors []Violation `json:"errors,omitempty"`

	// challenge is the WWW-Authenticate header of a 401.
	challenge string
	// headers go with the answer, such as Accept-Encoding with a 415.
	headers [][2]string
}

// Violation is one way a request (or, when responses are checked, a
// response) breaks the contract.
type Violation struct {
	// In is where: path, query, header, cookie, body or response.
	In string `json:"in"`
	// Name is the parameter's or header's name.
	Name string `json:"name,omitempty"`
	// Pointer is the JSON pointer to the offending value: into the body,
	// or into a parameter whose value is an array or object.
	Pointer string `json:"pointer,omitempty"`
	// Detail says what is wrong.
	Detail string `json:"detail"`
}

func (p *Problem) Error() string {
	if p.Detail != "" {
		return strconv.Itoa(p.Status) + " " + p.Detail
	}
	return strconv.Itoa(p.Status) + " " + http.StatusText(p.Status)
}

// NotImplemented is what a handler stub returns until it is filled in.
func NotImplemented(operationID string) error {
	return &Problem{Status: http.StatusNotImplemented, Detail: "operation " + operationID + " is not implemented"}
}

// ErrorStatus returns a problem with the given status and detail, for
// handlers that answer with an error the spec does not model.
func ErrorStatus(status int, detail string) error {
	return &Problem{Status: status, Detail: detail}
}

func writeProblem(w http.ResponseWriter, p *Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	body, err := json.Marshal(p)
	if err != nil {
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500}`)
		p.Status = http.StatusInternalServerError
	}
	h := w.Header()
	if p.challenge != "" {
		h.Set("WWW-Authenticate", p.challenge)
	}
	for _, kv := range p.headers {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}

// bindProblem explains an error from oapi-codegen's binding in the spec's
// terms. Validation runs first, so these are rare; the error itself names
// Go types and functions, so it goes to the log and never to the client.
func (s *Server) bindProblem(r *http.Request, err error) *Problem {
	v := Violation{In: "body", Detail: "could not be read as the API describes it"}
	var (
		typ    *json.UnmarshalTypeError
		syntax *json.SyntaxError
	)
	name, detail, ok := "", "", false
	if s.cfg.ParamError != nil {
		name, detail, ok = s.cfg.ParamError(err)
	}
	switch {
	case ok:
		v.Name, v.Detail = name, detail
	case errors.As(err, &typ):
		if typ.Field != "" {
			v.Pointer = "/" + strings.ReplaceAll(typ.Field, ".", "/")
		}
		v.Detail = "got " + typ.Value + ", which the schema does not take here"
	case errors.As(err, &syntax):
		v.Detail = "is not valid JSON (at byte " + strconv.FormatInt(syntax.Offset, 10) + ")"
	}
	if v.Name != "" {
		v.In = s.spec.paramLocation(r.Pattern, v.Name)
	}
	return &Problem{Status: http.StatusBadRequest, Detail: "the request does not match the API contract", Errors: []Violation{v}}
}

func (sp *Spec) paramLocation(pattern, name string) string {
	if i := sp.operationFor(pattern); i >= 0 {
		for _, p := range sp.Operations[i].Params {
			if p.Name == name {
				return p.In
			}
		}
	}
	return "query"
}

package contract

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// Operation is everything the server checks for one route.
type Operation struct {
	ID        string
	Method    string
	Path      string
	Pattern   string   // the ServeMux pattern oapi-codegen registers
	Wildcards []string // its wildcard names, in path order
	Params    []Param
	Body      *Body
	Responses []Response
	Security  []Requirement
	Anonymous bool
	// Undefined names the schemes, missing from the spec's
	// securitySchemes, that every alternative of the operation's security
	// needs: no credential can meet them, so every request is refused.
	Undefined []string
	Gateway   []GatewayCheck // the schemes API Gateway verifies on this route
}

// Response is one documented status ("200", "2XX" or "DEFAULT") and its
// media types.
type Response struct {
	Status string // "200", "2XX" or "DEFAULT"
	Media  []Media
}

// validate runs before oapi-codegen's binding: security first, so that a
// caller without credentials learns nothing about the contract, then every
// parameter and the body, with all violations reported together.
func (c *Server) validate(op *Operation, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(op.Undefined) > 0 {
			writeProblem(w, undefinedSchemes(op))
			return
		}
		if len(op.Security) > 0 {
			admitted, p := c.authorize(op, r)
			if p != nil {
				writeProblem(w, p)
				return
			}
			r = admitted
		}
		errs := c.checkParams(op, r, nil)
		if op.Body != nil {
			data, p := c.readBody(w, r)
			if p == nil {
				errs, p = c.checkBody(op.Body, r, data, errs)
			}
			if p != nil {
				writeProblem(w, p)
				return
			}
		}
		if len(errs) > 0 {
			writeProblem(w, &Problem{Status: http.StatusBadRequest, Detail: "the request does not match the API contract", Errors: errs})
			return
		}
		if c.cfg.ReportResponse == nil {
			next.ServeHTTP(w, r)
			return
		}
		rec := &responseCheck{w: w}
		next.ServeHTTP(rec, r)
		if !rec.exempt {
			if vs := c.checkResponse(op, rec.status(), w.Header(), rec.body.Bytes()); len(vs) > 0 {
				c.cfg.ReportResponse(op.ID, rec.status(), vs)
			}
		}
		rec.flush()
	})
}

// responseCheck holds a response back until it has been checked.
type responseCheck struct {
	w      http.ResponseWriter
	code   int
	body   bytes.Buffer
	exempt bool // the server's own safety-net answers are not the handler's
}

func (rc *responseCheck) Header() http.Header { return rc.w.Header() }
func (rc *responseCheck) Write(b []byte) (int, error) {
	if rc.code == 0 {
		rc.code = http.StatusOK
	}
	return rc.body.Write(b)
}
func (rc *responseCheck) WriteHeader(code int) {
	if rc.code == 0 {
		rc.code = code
	}
}

func (rc *responseCheck) status() int {
	if rc.code == 0 {
		return http.StatusOK
	}
	return rc.code
}

func (rc *responseCheck) flush() {
	rc.w.WriteHeader(rc.status())
	_, _ = rc.w.Write(rc.body.Bytes())
}

// checkResponse compares a response with what the spec documents for its
// status: the status itself, the media type and, for JSON, the body.
func (e *Server) checkResponse(op *Operation, status int, h http.Header, data []byte) []Violation {
	code := strconv.Itoa(status)
	var rule *Response
	for _, want := range []string{code, code[:1] + "XX", "DEFAULT"} {
		for i := range op.Responses {
			if op.Responses[i].Status == want {
				rule = &op.Responses[i]
				break
			}
		}
		if rule != nil {
			break
		}
	}
	if rule == nil {
		documented := make([]string, len(op.Responses))
		for i, r := range op.Responses {
			documented[i] = strings.ToLower(r.Status)
		}
		return []Violation{{In: "response", Detail: "status " + code + " is not documented (documented: " + strings.Join(documented, ", ") + ")"}}
	}
	if len(rule.Media) == 0 || len(data) == 0 {
		return nil
	}
	ct := h.Get("Content-Type")
	m := matchMedia(rule.Media, ct)
	if m == nil {
		return []Violation{{In: "response", Name: "Content-Type", Detail: strconv.Quote(ct) + " is not documented for status " + code}}
	}
	if m.Kind != MediaJSON {
		return nil
	}
	if !validJSON(data) {
		return []Violation{jsonProblem(data, "response", "")}
	}
	c := checker{e: e, data: data, in: "response", dir: inResponse}
	return c.run(m.Schema)
}

package contract

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// Config is what a generated project's options set.
type Config struct {
	// Logger gets panics, handler errors and responses that break the
	// contract.
	Logger *slog.Logger
	// MaxBodyBytes limits request bodies; larger ones get 413.
	MaxBodyBytes int64
	// Authenticator decides what credentials are worth.
	Authenticator Authenticator
	// Claims finds what API Gateway's authorizer established.
	Claims ClaimsFunc
	// ValidateResponses checks every response against the spec, and
	// ReportResponse gets each one that breaks it (logged when nil).
	ValidateResponses bool
	ReportResponse    func(operationID string, status int, violations []Violation)
	// ParamError names the parameter of an error from the generated
	// binder, whose error types only the generated package knows.
	ParamError func(err error) (name, detail string, ok bool)
	// Telemetry records each request; nil records nothing.
	Telemetry *Telemetry
}

// Option configures a Server; a generated project's api.With* functions
// make them.
type Option func(*Config)

// Server serves one spec's operations: it is the router oapi-codegen
// registers its handlers on, each wrapped in validation, and it routes
// with the static tree in the spec, so registering costs next to nothing.
type Server struct {
	spec     *Spec
	cfg      Config
	handlers []http.Handler
	compiled []compiledPattern
	// warm is false until the first request, which is the cold start.
	warm atomic.Bool
	// secret holds Telemetry.Sensitive, lower case.
	secret map[string]bool
}

// New serves spec; the tables are read, never copied or indexed, so a
// cold start costs a few allocations whatever the spec's size.
func New(spec *Spec, cfg Config) *Server {
	s := &Server{spec: spec, cfg: cfg, handlers: make([]http.Handler, len(spec.Operations)),
		compiled: make([]compiledPattern, len(spec.Patterns))}
	if s.cfg.Logger == nil {
		s.cfg.Logger = slog.Default()
	}
	if s.cfg.ValidateResponses && s.cfg.ReportResponse == nil {
		s.cfg.ReportResponse = s.logResponse
	}
	if !s.cfg.ValidateResponses {
		s.cfg.ReportResponse = nil
	}
	if s.cfg.Authenticator == nil {
		s.cfg.Authenticator = AuthenticatorFunc(TrustGateway)
	}
	if t := s.cfg.Telemetry; t != nil && t.Logger == nil {
		own := *t
		own.Logger = s.cfg.Logger
		s.cfg.Telemetry = &own
	}
	if t := s.cfg.Telemetry; t != nil && len(t.Sensitive) > 0 {
		s.secret = make(map[string]bool, len(t.Sensitive))
		for _, n := range t.Sensitive {
			s.secret[strings.ToLower(n)] = true
		}
	}
	return s
}

func (s *Server) logResponse(op string, status int, vs []Violation) {
	for _, v := range vs {
		s.cfg.Logger.Error("response breaks the API contract", "operation", op, "status", status,
			"in", v.In, "name", v.Name, "pointer", v.Pointer, "detail", v.Detail)
	}
}

// logger is the request's logger when telemetry gives it the request's
// ids, so that the server's own lines join the access line; else the
// configured one.
func (s *Server) logger(r *http.Request) *slog.Logger {
	if rec, ok := r.Context().Value(recordKey{}).(*record); ok && rec.base != nil {
		return Logger(r.Context())
	}
	return s.cfg.Logger
}

// HandleFunc takes the handler oapi-codegen registers for pattern.
func (s *Server) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	i := s.spec.operationFor(pattern)
	if i < 0 {
		panic("api: no operation is known for ServeMux pattern " + pattern + "; regenerate with lambgen")
	}
	s.handlers[i] = s.validate(&s.spec.Operations[i], http.HandlerFunc(h))
}

// ServeHTTP routes r; a panic in a handler is logged and answered 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Telemetry != nil {
		s.observe(w, r)
		return
	}
	s.serve(w, r, nil)
}

// serve routes r and notes its operation in rec, when there is one.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rec *record) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logger(r).Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			writeProblem(w, &Problem{Status: http.StatusInternalServerError})
		}
	}()
	i, values := s.route(w, r)
	if i < 0 {
		return
	}
	if s.handlers[i] == nil {
		unrouted(w, r, nil)
		return
	}
	op := &s.spec.Operations[i]
	if rec != nil {
		rec.op = op
	}
	r.Pattern = op.Pattern
	for j, name := range op.Wildcards {
		r.SetPathValue(name, values[j])
	}
	s.handlers[i].ServeHTTP(w, r)
}

// unrouted answers a request no operation takes: 405 with Allow when the
// path exists for other methods, 404 otherwise.
func unrouted(w http.ResponseWriter, r *http.Request, allowed []string) {
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeProblem(w, &Problem{Status: http.StatusMethodNotAllowed, Detail: "method " + r.Method + " is not allowed on " + r.URL.Path})
		return
	}
	writeProblem(w, &Problem{Status: http.StatusNotFound, Detail: "no operation matches " + r.Method + " " + r.URL.Path})
}

// BindError answers the errors oapi-codegen's binding raises. Validation
// runs first, so these are rare; they are still the client's fault.
func (s *Server) BindError(w http.ResponseWriter, r *http.Request, err error) {
	if rc, ok := w.(*responseCheck); ok {
		rc.exempt = true
	}
	var text any = err
	if s.cfg.ParamError != nil {
		// The binder's error quotes the value it could not read.
		if name, _, ok := s.cfg.ParamError(err); ok && s.secret[strings.ToLower(name)] {
			text = Redacted
		}
	}
	s.logger(r).Warn("request passed validation but could not be bound", "method", r.Method, "path", r.URL.Path, "error", text)
	writeProblem(w, s.bindProblem(r, err))
}

// HandlerError answers an error a handler returned: a *Problem is the
// handler's chosen answer; anything else is logged and becomes a 500 that
// reveals nothing.
func (s *Server) HandlerError(w http.ResponseWriter, r *http.Request, err error) {
	var p *Problem
	if errors.As(err, &p) {
		if rc, ok := w.(*responseCheck); ok && p.Status == http.StatusNotImplemented {
			rc.exempt = true
		}
		writeProblem(w, p)
		return
	}
	if rc, ok := w.(*responseCheck); ok {
		rc.exempt = true
	}
	s.logger(r).Error("handler failed", "method", r.Method, "path", r.URL.Path, "error", err)
	writeProblem(w, &Problem{Status: http.StatusInternalServerError})
}

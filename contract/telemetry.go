package contract

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Telemetry is what the server records about each request: one access
// line, one EMF metrics line, and the ids that a handler's logger carries.
// It is set up once, by the generated api package.
type Telemetry struct {
	// Out gets each request's access line and EMF document, together in
	// one write after the answer is written.
	Out io.Writer
	// Access is the access line's format; nil turns the lines off.
	Access *AccessLog
	// Metrics is the EMF document's contents; nil turns metrics off.
	Metrics *Metrics
	// Logger is what Logger(ctx) adds the request's ids to; nil means
	// Config.Logger.
	Logger *slog.Logger
	// Sensitive are the spec's secret-marked parameter names: an error
	// binding one is logged without its text, which quotes the value.
	Sensitive []string
	// IDs reads the Lambda and API Gateway request ids behind ctx; they
	// come from packages the contract does not import.
	IDs func(ctx context.Context) (lambdaID, gatewayID string)
}

// record is one request as telemetry sees it. It wraps the response
// writer, so that status and size are known whoever writes the answer:
// the handler, the validator or the panic guard.
type record struct {
	w                      http.ResponseWriter
	status, size           int
	op                     *Operation
	lambdaID, gatewayID    string
	traceHeader, traceRoot string
	cold                   bool
	handlerErr             error
	base                   *slog.Logger
	once                   sync.Once
	logger                 *slog.Logger
}

type recordKey struct{}

func (rec *record) Header() http.Header { return rec.w.Header() }
func (rec *record) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.w.Write(b)
	rec.size += n
	return n, err
}
func (rec *record) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.w.WriteHeader(code)
}

// Flush and Unwrap keep http.ResponseController and streaming handlers
// working through the wrapper.
func (rec *record) Flush() {
	if f, ok := rec.w.(http.Flusher); ok {
		f.Flush()
	}
}
func (rec *record) Unwrap() http.ResponseWriter { return rec.w }

// observe serves r with a record around it, then writes the access line
// and the metrics.
func (s *Server) observe(w http.ResponseWriter, r *http.Request) {
	t := s.cfg.Telemetry
	start := time.Now()
	ctx := r.Context()
	rec := &record{w: w, base: t.Logger, cold: !s.warm.Load()}
	if rec.cold {
		s.warm.Store(true)
	}
	if t.IDs != nil {
		rec.lambdaID, rec.gatewayID = t.IDs(ctx)
	}
	if rec.lambdaID == "" {
		// Off Lambda there is no request id to correlate by, so make one.
		rec.lambdaID = strconv.FormatUint(rand.Uint64(), 16)
	}
	rec.traceHeader = traceHeader(ctx, r)
	rec.traceRoot = traceRoot(rec.traceHeader)
	orig := r
	r = r.WithContext(context.WithValue(ctx, recordKey{}, rec))
	s.serve(rec, r, rec)
	// As ServeMux does, the request it was given learns its pattern, so
	// that a wrapper (RequestLines) can name the operation.
	orig.Pattern = r.Pattern
	elapsed := time.Since(start)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	if t.Access != nil || t.Metrics != nil {
		s.flush(r, rec, start, status, elapsed)
	}
}

// traceHeader is the X-Ray trace context of a request: Lambda's own (the
// runtime puts it in the invocation's context and in _X_AMZN_TRACE_ID),
// else the X-Amzn-Trace-Id header that API Gateway and ALB forward.
func traceHeader(ctx context.Context, r *http.Request) string {
	if v, ok := ctx.Value("x-amzn-trace-id").(string); ok && v != "" {
		return v
	}
	if v := r.Header.Get("X-Amzn-Trace-Id"); v != "" {
		return v
	}
	return os.Getenv("_X_AMZN_TRACE_ID")
}

// traceRoot is the Root field of a trace header ("Root=1-...;Parent=...;
// Sampled=1"), the trace id X-Ray and CloudWatch search by.
func traceRoot(h string) string {
	for h != "" {
		var field string
		field, h, _ = strings.Cut(h, ";")
		if v, ok := strings.CutPrefix(strings.TrimSpace(field), "Root="); ok {
			return v
		}
	}
	return ""
}

// Logger is the request's logger: the configured one with the request's
// ids (request_id, apigw_request_id, trace_id), so that a handler's lines
// can be joined to the access line. Outside a request it is slog.Default.
func Logger(ctx context.Context) *slog.Logger {
	rec, ok := ctx.Value(recordKey{}).(*record)
	if !ok || rec.base == nil {
		return slog.Default()
	}
	rec.once.Do(func() {
		rec.logger = rec.base.With(slog.String("request_id", rec.lambdaID),
			slog.String("apigw_request_id", rec.gatewayID), slog.String("trace_id", rec.traceRoot))
	})
	return rec.logger
}

// TraceHeader is the request's X-Ray trace header, to pass on to the
// services a handler calls; "" when there is none.
func TraceHeader(ctx context.Context) string {
	if rec, ok := ctx.Value(recordKey{}).(*record); ok {
		return rec.traceHeader
	}
	return ""
}

// OperationFromContext names the operation serving the request: its
// operationId and its path template in the spec.
func OperationFromContext(ctx context.Context) (id, route string, ok bool) {
	rec, found := ctx.Value(recordKey{}).(*record)
	if !found || rec.op == nil {
		return "", "", false
	}
	return rec.op.ID, rec.op.Path, true
}

// NoteHandlerError puts the error a handler returned on the access line,
// whatever the answer it was mapped to; the generated middleware calls it.
func NoteHandlerError(ctx context.Context, err error) {
	if rec, ok := ctx.Value(recordKey{}).(*record); ok && err != nil {
		rec.handlerErr = err
	}
}

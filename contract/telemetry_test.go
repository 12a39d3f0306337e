package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/internal/testtool"
)

type idsKey struct{}

// observed is a server for the Item API with telemetry writing JSON into
// one buffer, as a project's does into stdout.
func observed(t *testing.T) (*contract.Server, *bytes.Buffer) {
	t.Helper()
	c := compile(t, "../examples/items/openapi.yaml")
	var out bytes.Buffer
	o := contract.LogOptions{JSON: true, Level: slog.LevelInfo}
	tel := &contract.Telemetry{
		Out:     &out,
		Access:  &contract.AccessLog{JSON: true, Level: slog.LevelInfo},
		Logger:  contract.NewLogger(&out, o),
		Metrics: contract.NewMetrics("items", "items", []string{"Service", "Operation", "Route", "Method"}),
		IDs: func(ctx context.Context) (string, string) {
			ids, _ := ctx.Value(idsKey{}).([2]string)
			return ids[0], ids[1]
		},
	}
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, MaxBodyBytes: 1 << 20, Telemetry: tel})
	for _, op := range c.spec.Operations {
		srv.HandleFunc(op.Pattern, func(w http.ResponseWriter, r *http.Request) {
			contract.Logger(r.Context()).Info("handled", "item", r.PathValue("item_id"))
			id, route, _ := contract.OperationFromContext(r.Context())
			contract.NoteHandlerError(r.Context(), errors.New("noted"))
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"` + id + `","route":"` + route + `"}`))
		})
	}
	return srv, &out
}

func lines(t *testing.T, out *bytes.Buffer) []map[string]any {
	t.Helper()
	var got []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("not a JSON line: %s", l)
		}
		if _, ok := m["_aws"]; ok {
			if err := testtool.CheckEMF(l); err != nil {
				t.Errorf("EMF line breaks the specification: %v\n%s", err, l)
			}
		}
		delete(m, "time")
		got = append(got, m)
	}
	out.Reset()
	return got
}

// TestTelemetryLines: a request gives the handler's line, one access line
// with every field and one EMF document, all with the same request id; a
// refused request and an unrouted one are counted too.
func TestTelemetryLines(t *testing.T) {
	srv, out := observed(t)
	ctx := context.WithValue(context.Background(), idsKey{}, [2]string{"lambda-1", "gw-1"})
	r := httptest.NewRequestWithContext(ctx, "GET", "/items/5?q=x", nil)
	r.Header.Set("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	body := `{"id":"readItem","route":"/items/{item_id}"}`
	if w.Body.String() != body {
		t.Fatalf("body = %s, want %s", w.Body, body)
	}
	got := lines(t, out)
	if len(got) != 3 {
		t.Fatalf("%d lines, want 3: %v", len(got), got)
	}
	aws := got[2]["_aws"]
	ts := aws.(map[string]any)["Timestamp"]
	want := []map[string]any{
		{"level": "INFO", "msg": "handled", "item": "5", "request_id": "lambda-1", "apigw_request_id": "gw-1",
			"trace_id": "1-5759e988-bd862e3fe1be46a994272793"},
		{"level": "INFO", "msg": "request", "method": "GET", "route": "/items/{item_id}", "operation": "readItem",
			"status": 200.0, "duration_ms": got[1]["duration_ms"], "response_bytes": float64(len(body)),
			"request_id": "lambda-1", "apigw_request_id": "gw-1", "trace_id": "1-5759e988-bd862e3fe1be46a994272793",
			"cold_start": true, "error": "noted"},
		{"_aws": map[string]any{"Timestamp": ts, "CloudWatchMetrics": []any{map[string]any{
			"Namespace": "items", "Dimensions": []any{[]any{"Service", "Operation", "Route", "Method"}},
			"Metrics": []any{
				map[string]any{"Name": "Requests", "Unit": "Count"}, map[string]any{"Name": "Latency", "Unit": "Milliseconds"},
				map[string]any{"Name": "4xx", "Unit": "Count"}, map[string]any{"Name": "5xx", "Unit": "Count"}},
		}}}, "Service": "items", "Operation": "readItem", "Route": "/items/{item_id}", "Method": "GET",
			"Requests": 1.0, "Latency": got[2]["Latency"], "4xx": 0.0, "5xx": 0.0, "status": 200.0,
			"request_id": "lambda-1", "trace_id": "1-5759e988-bd862e3fe1be46a994272793"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if d, ok := got[1]["duration_ms"].(float64); !ok || d < 0 || got[2]["Latency"] != d {
		t.Errorf("duration_ms = %v, Latency = %v: want the same non-negative number", got[1]["duration_ms"], got[2]["Latency"])
	}

	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/five", nil))
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("DELETE", "/nowhere", nil))
	got = lines(t, out)
	if len(got) != 4 {
		t.Fatalf("%d lines, want 4: %v", len(got), got)
	}
	check := func(m map[string]any, key string, want any) {
		t.Helper()
		if m[key] != want {
			t.Errorf("%s = %v, want %v in %v", key, m[key], want, m)
		}
	}
	check(got[0], "status", 400.0)
	check(got[0], "cold_start", false)
	check(got[0], "operation", "readItem")
	check(got[1], "4xx", 1.0)
	check(got[1], "Operation", "readItem")
	check(got[2], "status", 404.0)
	check(got[2], "operation", "")
	check(got[3], "Operation", contract.Unrouted)
	check(got[3], "Route", contract.Unrouted)
	if id, _ := got[2]["request_id"].(string); id == "" {
		t.Error("a request off Lambda has no request id to correlate by")
	}
}

// TestTelemetryPanicIs5xx: the panic guard's 500 is what the access line
// and the metrics report.
func TestTelemetryPanicIs5xx(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	var out bytes.Buffer
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{Out: &out,
		Access: &contract.AccessLog{JSON: true}, Metrics: contract.NewMetrics("n", "s", []string{"Operation"})}})
	srv.HandleFunc("GET /{$}", func(http.ResponseWriter, *http.Request) { panic("boom") })
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	got := lines(t, &out)
	if len(got) != 2 || got[0]["status"] != 500.0 || got[0]["level"] != "ERROR" || got[1]["5xx"] != 1.0 {
		t.Fatalf("lines = %v, want an ERROR access line with status 500 and 5xx = 1", got)
	}
}

// TestLoggerRedacts: credentials and the spec's secret names never reach
// the output, under any key case, as attributes or inside headers, query
// values and URLs.
func TestLoggerRedacts(t *testing.T) {
	for _, json := range []bool{true, false} {
		var out bytes.Buffer
		l := contract.NewLogger(&out, contract.LogOptions{JSON: json, Sensitive: []string{"X-Session-Secret", "password"}})
		h := http.Header{"Authorization": {"Bearer SECRET1"}, "Cookie": {"s=SECRET2"}, "X-Session-Secret": {"SECRET3"}, "Accept": {"text/plain"}}
		u, _ := url.Parse("https://h/p?password=SECRET4&page=2")
		l.Info("m", "headers", h, "query", url.Values{"password": {"SECRET5"}, "page": {"2"}}, "url", u,
			"AUTHORIZATION", "Basic SECRET6", slog.Group("g", "x-api-key", "SECRET7"), "ok", "visible")
		s := out.String()
		if strings.Contains(s, "SECRET") {
			t.Errorf("json=%v: a secret was logged: %s", json, s)
		}
		for _, keep := range []string{"text/plain", "page", "visible", contract.Redacted} {
			if !strings.Contains(s, keep) {
				t.Errorf("json=%v: %q is missing: %s", json, keep, s)
			}
		}
	}
}

func TestParseLevel(t *testing.T) {
	for in, want := range map[string]slog.Level{"DEBUG": slog.LevelDebug, " warn": slog.LevelWarn, "Warning": slog.LevelWarn,
		"error": slog.LevelError, "info": slog.LevelInfo, "": slog.LevelWarn, "loud": slog.LevelWarn} {
		if got := contract.ParseLevel(in, slog.LevelWarn); got != want {
			t.Errorf("ParseLevel(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestTraceFromLambdaContext: the runtime's trace context wins over the
// header, and handlers can read it to pass on.
func TestTraceFromLambdaContext(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{}})
	var header string
	srv.HandleFunc("GET /{$}", func(_ http.ResponseWriter, r *http.Request) { header = contract.TraceHeader(r.Context()) })
	// aws-lambda-go's key is a plain string.
	ctx := context.WithValue(context.Background(), "x-amzn-trace-id", "Root=1-a-b;Parent=c;Sampled=1")
	r := httptest.NewRequestWithContext(ctx, "GET", "/", nil)
	r.Header.Set("X-Amzn-Trace-Id", "Root=1-other")
	srv.ServeHTTP(httptest.NewRecorder(), r)
	if header != "Root=1-a-b;Parent=c;Sampled=1" {
		t.Errorf("TraceHeader = %q", header)
	}
	if _, _, ok := contract.OperationFromContext(context.Background()); ok {
		t.Error("an operation outside a request")
	}
	if contract.Logger(context.Background()) != slog.Default() {
		t.Error("Logger outside a request is not slog.Default")
	}
}

// TestEMFEscapes: names that need escaping still make a valid document.
func TestEMFEscapes(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	var out bytes.Buffer
	for _, ns := range []string{"a\"b", "tab\there", "\x01ctl", "é/ü", "bad\xffutf8"} {
		srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{Out: &out,
			Metrics: contract.NewMetrics(ns, ns, []string{"Service"})}})
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		var m map[string]any
		if err := json.Unmarshal(out.Bytes(), &m); err != nil {
			t.Fatalf("%q: %v: %s", ns, err, out.Bytes())
		}
		if want := strings.ToValidUTF8(ns, "\ufffd"); m["Service"] != want {
			t.Errorf("Service = %q, want %q", m["Service"], want)
		}
		out.Reset()
	}
}

// TestAccessLineFormats: the text line reads like slog's text lines, the
// level filters it, and a handler's error of any text leaves the JSON
// line valid.
func TestAccessLineFormats(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	run := func(a *contract.AccessLog, status int, err error) string {
		var out bytes.Buffer
		srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{Out: &out, Access: a}})
		srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			contract.NoteHandlerError(r.Context(), err)
			w.WriteHeader(status)
		})
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		return out.String()
	}
	text := run(&contract.AccessLog{}, 204, errors.New(`said "no" = bad`))
	for _, want := range []string{" level=INFO msg=request method=GET route=/ operation=readRoot status=204 ",
		` apigw_request_id="" trace_id="" cold_start=true error="said \"no\" = bad"` + "\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text line lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(text, "time=") {
		t.Errorf("text line does not start with the time: %s", text)
	}
	if got := run(&contract.AccessLog{JSON: true, Level: slog.LevelWarn}, 200, nil); got != "" {
		t.Errorf("a 200 at level warn was logged: %s", got)
	}
	line := run(&contract.AccessLog{JSON: true, Level: slog.LevelWarn}, 503, errors.New("bad \x01 \"byte\" \xff"))
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil || m["level"] != "ERROR" || m["error"] != "bad \x01 \"byte\" \ufffd" {
		t.Errorf("5xx line = %v (%v): %s", m, err, line)
	}
}

// TestTelemetryKeepsWriterFeatures: a handler behind the record can still
// flush and reach the underlying writer through http.ResponseController.
func TestTelemetryKeepsWriterFeatures(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{}})
	var flushErr, deadlineErr error
	srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		flushErr = rc.Flush()
		deadlineErr = rc.SetWriteDeadline(time.Time{})
	})
	w := &deadlineWriter{ResponseRecorder: httptest.NewRecorder()}
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if flushErr != nil || !w.Flushed {
		t.Errorf("Flush: %v, flushed %v", flushErr, w.Flushed)
	}
	if deadlineErr != nil || !w.deadline {
		t.Errorf("SetWriteDeadline did not reach the writer through Unwrap: %v", deadlineErr)
	}
	if contract.TraceHeader(context.Background()) != "" {
		t.Error("a trace header outside a request")
	}
}

type deadlineWriter struct {
	*httptest.ResponseRecorder
	deadline bool
}

func (w *deadlineWriter) SetWriteDeadline(time.Time) error { w.deadline = true; return nil }

// TestServerLinesCarryIDs: the server's own line about a handler's error
// carries the request's ids, like the handler's lines.
func TestServerLinesCarryIDs(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	var out bytes.Buffer
	logger := contract.NewLogger(&out, contract.LogOptions{JSON: true})
	srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{Logger: logger,
		IDs: func(context.Context) (string, string) { return "lambda-7", "gw-7" }}})
	srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { srv.HandlerError(w, r, errors.New("db down")) })
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	var m map[string]any
	if w.Code != 500 || json.Unmarshal(out.Bytes(), &m) != nil || m["msg"] != "handler failed" || m["request_id"] != "lambda-7" || m["apigw_request_id"] != "gw-7" {
		t.Errorf("status %d, line %s", w.Code, out.Bytes())
	}
}

type bindErr struct{ name, value string }

func (e bindErr) Error() string { return "parameter " + e.name + ": cannot parse " + e.value }

// TestBindErrorHidesSecretValues: the binder's error quotes the value, so
// for a secret-marked parameter the server logs it without its text.
func TestBindErrorHidesSecretValues(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	for name, secret := range map[string]bool{"PIN": true, "q": false} {
		var out bytes.Buffer
		logger := contract.NewLogger(&out, contract.LogOptions{JSON: true})
		srv := contract.New(&c.spec, contract.Config{Logger: quiet, Telemetry: &contract.Telemetry{Logger: logger, Sensitive: []string{"pin"}},
			ParamError: func(err error) (string, string, bool) {
				var be bindErr
				if errors.As(err, &be) {
					return be.name, "is bad", true
				}
				return "", "", false
			}})
		srv.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			srv.BindError(w, r, bindErr{name, "VALUE-1234"})
		})
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		if got := strings.Contains(out.String(), "VALUE-1234"); got == secret {
			t.Errorf("%s (secret %v): value logged = %v: %s", name, secret, got, out.String())
		}
	}
}

// TestRequestLoggerDefaultsToConfig: without a logger of its own,
// telemetry's request logger is Config.Logger, which a project's
// WithLogger sets.
func TestRequestLoggerDefaultsToConfig(t *testing.T) {
	c := compile(t, "../examples/items/openapi.yaml")
	var out bytes.Buffer
	srv := contract.New(&c.spec, contract.Config{Logger: slog.New(slog.NewJSONHandler(&out, nil)), Telemetry: &contract.Telemetry{}})
	srv.HandleFunc("GET /{$}", func(_ http.ResponseWriter, r *http.Request) { contract.Logger(r.Context()).Info("mine") })
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(out.String(), `"msg":"mine"`) || !strings.Contains(out.String(), `"request_id":`) {
		t.Errorf("line = %s", out.String())
	}
}

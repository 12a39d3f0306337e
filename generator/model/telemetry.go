package model

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
)

// Telemetry is what the generated logs, metrics, tracing, health endpoint
// and error mapper do, decided here once for the Go and deploy templates.
type Telemetry struct {
	Logs, Metrics, Tracing bool
	// LogLevel is the slog level name used when LOG_LEVEL is unset
	// ("Info").
	LogLevel           string
	RetentionDays      int
	Namespace, Service string
	Dimensions         []string
	Metric             []Metric
	// Sensitive are the names, lower case and sorted, whose values the
	// logs redact beyond contract.AlwaysSensitive: the spec's API-key
	// parameters and its secret-marked parameters.
	Sensitive []string
	// HealthPath is the local health endpoint; HealthMoved says the
	// configured one was taken by the spec.
	HealthPath  string
	HealthMoved bool
	// Mappable are the statuses api declares a sentinel error for, and
	// ErrorOps which operations document which of them.
	Mappable []ErrorStatus
	ErrorOps []ErrorOp
}

// Metric is one EMF metric the function reports for every request.
type Metric struct{ Name, Unit, Meaning string }

// ErrorStatus is a status a handler's sentinel error maps to.
type ErrorStatus struct {
	Code int
	Var  string // the sentinel's name in the handlers package
	Text string
}

// ErrorOp is one operation and the mappable statuses its spec documents
// as problem+json (or without a body), so that the answer stays one the
// spec describes.
type ErrorOp struct {
	GoName string
	Codes  []ErrorStatus
}

// mappable are the statuses the scaffold gives a sentinel error: the
// answers a handler (rather than the validator) decides on.
var mappable = []ErrorStatus{
	{http.StatusForbidden, "ErrForbidden", "forbidden"},
	{http.StatusNotFound, "ErrNotFound", "not found"},
	{http.StatusConflict, "ErrConflict", "conflict"},
	{http.StatusGone, "ErrGone", "gone"},
	{http.StatusPreconditionFailed, "ErrPreconditionFailed", "precondition failed"},
	{http.StatusUnprocessableEntity, "ErrUnprocessable", "unprocessable"},
	{http.StatusTooManyRequests, "ErrTooManyRequests", "too many requests"},
}

// FallbackHealthPath is where the health endpoint goes when the spec
// serves the configured path itself.
const FallbackHealthPath = "/_lambgen/health"

// BuildTelemetry decides the telemetry of one project; a health path the
// spec takes is moved, with a warning located at the operation.
func BuildTelemetry(spec *load.Spec, api *API, cfg config.Config) (*Telemetry, load.Problems) {
	tc := cfg.Telemetry
	t := &Telemetry{
		Logs: tc.LogsOn(), Metrics: tc.MetricsOn(), Tracing: tc.Tracing,
		LogLevel:      strings.ToUpper(tc.LogLevel[:1]) + tc.LogLevel[1:],
		RetentionDays: tc.LogRetentionDays, Namespace: tc.Namespace, Service: cfg.Name,
		Dimensions: tc.Dimensions, HealthPath: tc.HealthPath,
		Metric: []Metric{
			{contract.MetricRequests, "Count", "requests served"},
			{contract.MetricLatency, "Milliseconds", "time to answer"},
			{contract.Metric4xx, "Count", "answers with a 4xx status"},
			{contract.Metric5xx, "Count", "answers with a 5xx status"},
		},
	}
	if t.Namespace == "" {
		t.Namespace = cfg.Name
	}
	var warnings load.Problems
	for _, op := range api.Operations {
		if pathMatches(api.BasePath+op.Path, t.HealthPath) {
			warnings = append(warnings, healthWarning(spec, op, t.HealthPath))
			t.HealthPath, t.HealthMoved = FallbackHealthPath, true
		}
	}
	t.Sensitive = sensitiveNames(spec.Doc)
	// Every sentinel is declared whatever the spec documents, so that a
	// handler naming one keeps compiling when an operation stops
	// documenting its status; it is then a 500.
	t.Mappable = mappable
	for _, op := range api.Operations {
		eo := ErrorOp{GoName: op.GoName}
		for _, st := range mappable {
			if problemDocumented(op, st.Code) {
				eo.Codes = append(eo.Codes, st)
			}
		}
		if len(eo.Codes) > 0 {
			t.ErrorOps = append(t.ErrorOps, eo)
		}
	}
	return t, warnings
}

func healthWarning(spec *load.Spec, op *Operation, path string) load.Problem {
	p := problemAt(spec, op.Origin, fmt.Sprintf(
		"operation %s %s takes the health endpoint's path %s; the local server answers health checks on %s instead (set telemetry.health_path to choose)",
		op.Method, op.Path, path, FallbackHealthPath))
	p.Class = load.HealthMoved
	return p
}

// pathMatches reports whether a request for literal would reach the spec
// path template.
func pathMatches(template, literal string) bool {
	ts, ls := strings.Split(template, "/"), strings.Split(literal, "/")
	if len(ts) != len(ls) {
		return false
	}
	for i := range ts {
		if ts[i] != ls[i] && !(strings.HasPrefix(ts[i], "{") && strings.HasSuffix(ts[i], "}")) {
			return false
		}
	}
	return true
}

// problemDocumented reports whether op documents code with a body a
// contract.Problem satisfies by its media type, or with none.
func problemDocumented(op *Operation, code int) bool {
	if op.Rules == nil {
		return false
	}
	want := fmt.Sprint(code)
	for _, r := range op.Rules.Responses {
		if r.Status != want {
			continue
		}
		if len(r.Media) == 0 {
			return true
		}
		for _, m := range r.Media {
			if m.Type == "application/problem+json" {
				return true
			}
		}
	}
	return false
}

// sensitiveNames are the names of the spec's API-key schemes and of every
// parameter marked secret: format password, writeOnly, or x-sensitive:
// true on the parameter or its schema.
func sensitiveNames(doc *openapi3.T) []string {
	set := map[string]bool{}
	if doc.Components != nil {
		for _, s := range doc.Components.SecuritySchemes {
			if s != nil && s.Value != nil && s.Value.Type == "apiKey" && s.Value.Name != "" {
				set[strings.ToLower(s.Value.Name)] = true
			}
		}
	}
	secret := func(p *openapi3.ParameterRef) {
		if p == nil || p.Value == nil {
			return
		}
		v := p.Value
		marked := v.Extensions["x-sensitive"] == true
		if s := v.Schema; s != nil && s.Value != nil {
			marked = marked || s.Value.Format == "password" || s.Value.WriteOnly || s.Value.Extensions["x-sensitive"] == true
		}
		if marked {
			set[strings.ToLower(v.Name)] = true
		}
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			for _, p := range item.Parameters {
				secret(p)
			}
			for _, op := range item.Operations() {
				for _, p := range op.Parameters {
					secret(p)
				}
			}
		}
	}
	for _, n := range contract.AlwaysSensitive {
		delete(set, n)
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

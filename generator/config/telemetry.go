package config

import (
	"fmt"
	"regexp"
	"strings"
)

// Telemetry is the telemetry: section of lambgen.yaml. Logs and metrics are
// on unless turned off, because a function that says nothing cannot be run
// in production; tracing costs cold-start time and is off unless turned on.
type Telemetry struct {
	// Logs turns the access line and the request-scoped logger on or off.
	Logs *bool `yaml:"logs,omitempty"`
	// Metrics turns the CloudWatch EMF lines on or off.
	Metrics *bool `yaml:"metrics,omitempty"`
	// Tracing sets Tracing: Active on the function.
	Tracing bool `yaml:"tracing,omitempty"`
	// LogLevel is the level when LOG_LEVEL is not set: debug, info, warn
	// or error.
	LogLevel string `yaml:"log_level,omitempty"`
	// LogRetentionDays is the function's log group retention; CloudWatch
	// accepts only a fixed list of values.
	LogRetentionDays int `yaml:"log_retention_days,omitempty"`
	// Namespace is the CloudWatch namespace of the metrics (default: the
	// project name).
	Namespace string `yaml:"namespace,omitempty"`
	// Dimensions are the metrics' dimensions, from MetricDimensions.
	Dimensions []string `yaml:"dimensions,omitempty"`
	// HealthPath is the local server's health endpoint.
	HealthPath string `yaml:"health_path,omitempty"`
}

// MetricDimensions are the dimensions the generated server can put on its
// metrics; each has one value per operation, so none multiplies the
// number of metrics CloudWatch bills beyond one set per operation.
var MetricDimensions = []string{"Service", "Operation", "Route", "Method"}

// RetentionDays are the values CloudWatch Logs accepts for RetentionInDays.
var RetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// IsDefault reports whether nothing differs from the defaults, so that
// lambgen.yaml can leave the section commented out.
func (t Telemetry) IsDefault() bool {
	return t.Logs == nil && t.Metrics == nil && !t.Tracing && t.LogLevel == "info" && t.LogRetentionDays == 30 &&
		t.Namespace == "" && strings.Join(t.Dimensions, ",") == "Service,Operation" && t.HealthPath == "/healthz"
}

// LogsOn reports whether the access line and request loggers are on.
func (t Telemetry) LogsOn() bool { return t.Logs == nil || *t.Logs }

// MetricsOn reports whether EMF metrics are on.
func (t Telemetry) MetricsOn() bool { return t.Metrics == nil || *t.Metrics }

// defaults leaves Namespace alone: the project name it falls back to is
// not known until the spec is read.
func (t *Telemetry) defaults() {
	if t.LogLevel == "" {
		t.LogLevel = "info"
	}
	if t.LogRetentionDays == 0 {
		t.LogRetentionDays = 30
	}
	if len(t.Dimensions) == 0 {
		t.Dimensions = []string{"Service", "Operation"}
	}
	if t.HealthPath == "" {
		t.HealthPath = "/healthz"
	}
}

// namespaceRE is CloudWatch's namespace grammar: ASCII letters, digits and
// . - _ / # : and space, 1 to 255 of them.
var (
	namespaceRE  = regexp.MustCompile(`^[0-9A-Za-z.\-_/#: ]{1,255}$`)
	healthPathRE = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+$`)
)

func (t Telemetry) issues() []issue {
	var is []issue
	bad := func(key, format string, args ...any) {
		is = append(is, issue{"telemetry." + key, fmt.Sprintf(format, args...)})
	}
	switch t.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log_level", "telemetry: log_level %q is not debug, info, warn or error", t.LogLevel)
	}
	ok := false
	for _, d := range RetentionDays {
		ok = ok || d == t.LogRetentionDays
	}
	if !ok {
		bad("log_retention_days", "telemetry: log_retention_days %d is not a CloudWatch Logs retention (want one of %s)", t.LogRetentionDays, joinInts(RetentionDays))
	}
	switch {
	case t.Namespace == "":
	case !namespaceRE.MatchString(t.Namespace) || strings.TrimSpace(t.Namespace) == "":
		bad("namespace", "telemetry: namespace %q is not a CloudWatch namespace (1-255 letters, digits, spaces and . - _ / # :)", t.Namespace)
	case strings.HasPrefix(t.Namespace, "AWS/"):
		bad("namespace", "telemetry: namespace %q starts with AWS/, which CloudWatch reserves for AWS services", t.Namespace)
	}
	seen := map[string]bool{}
	for i, d := range t.Dimensions {
		known := false
		for _, k := range MetricDimensions {
			known = known || k == d
		}
		switch {
		case !known:
			bad(fmt.Sprintf("dimensions.%d", i), "telemetry: dimension %q is not one of %s", d, strings.Join(MetricDimensions, ", "))
		case seen[d]:
			bad(fmt.Sprintf("dimensions.%d", i), "telemetry: dimension %q is listed twice", d)
		}
		seen[d] = true
	}
	if !healthPathRE.MatchString(t.HealthPath) {
		bad("health_path", "telemetry: health_path %q is not an absolute path of plain segments (like /healthz)", t.HealthPath)
	}
	return is
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/config"
)

// TestTelemetryLocatesProblems: each bad telemetry value is reported at its
// line and column, with what would have been accepted.
func TestTelemetryLocatesProblems(t *testing.T) {
	src := base + `telemetry:
  log_level: verbose
  log_retention_days: 10
  namespace: AWS/Lambda
  dimensions: [Service, Status, Service]
  health_path: healthz
`
	path := filepath.Join(t.TempDir(), "lambgen.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := config.Read(path)
	want := path + `:4:14: telemetry: log_level "verbose" is not debug, info, warn or error
` + path + `:5:23: telemetry: log_retention_days 10 is not a CloudWatch Logs retention (want one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)
` + path + `:6:14: telemetry: namespace "AWS/Lambda" starts with AWS/, which CloudWatch reserves for AWS services
` + path + `:7:25: telemetry: dimension "Status" is not one of Service, Operation, Route, Method
` + path + `:7:33: telemetry: dimension "Service" is listed twice
` + path + `:8:16: telemetry: health_path "healthz" is not an absolute path of plain segments (like /healthz)`
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTelemetryDefaults: logs and metrics are on and tracing off when the
// section is absent, and turning one off is kept.
func TestTelemetryDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lambgen.yaml")
	if err := os.WriteFile(path, []byte(base+"telemetry: {metrics: false, namespace: \"Shop/API v1\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	tel := c.Telemetry
	if !tel.LogsOn() || tel.MetricsOn() || tel.Tracing || tel.LogRetentionDays != 30 || tel.LogLevel != "info" ||
		tel.HealthPath != "/healthz" || tel.Namespace != "Shop/API v1" || tel.IsDefault() {
		t.Errorf("telemetry = %+v", tel)
	}
	var zero config.Config
	zero.Defaults()
	if !zero.Telemetry.IsDefault() || !zero.Telemetry.LogsOn() || !zero.Telemetry.MetricsOn() {
		t.Errorf("defaults = %+v, want logs and metrics on, nothing else set", zero.Telemetry)
	}
}

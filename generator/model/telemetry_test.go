package model_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

const telemetrySpec = `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /{page}:
    get:
      operationId: getPage
      parameters:
        - {name: page, in: path, required: true, schema: {type: string}}
        - {name: pin, in: query, schema: {type: string, format: password}}
        - {name: X-Token, in: header, x-sensitive: true, schema: {type: string}}
        - {name: secret, in: cookie, schema: {type: string, writeOnly: true}}
        - {name: plain, in: query, schema: {type: string}}
      responses:
        "200": {description: ok}
        "404": {description: none}
        "409":
          description: conflict
          content:
            application/problem+json: {schema: {type: object}}
        "422":
          description: a body of its own
          content:
            application/json: {schema: {type: object}}
  /other:
    get:
      operationId: other
      security: [{key: []}]
      responses:
        "200": {description: ok}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: Api_Key}
    header: {type: apiKey, in: header, name: X-API-Key}
`

// TestBuildTelemetry: the health path the spec takes moves with a located
// warning; secret parameters and API-key names are redacted; only statuses
// documented as problem+json or without a body get a sentinel.
func TestBuildTelemetry(t *testing.T) {
	spec, err := load.Bytes(context.Background(), "openapi.yaml", []byte(telemetrySpec))
	if err != nil {
		t.Fatal(err)
	}
	api, err := model.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{Name: "t"}
	cfg.Defaults()
	tel, warnings := model.BuildTelemetry(spec, api, cfg)
	if tel.HealthPath != model.FallbackHealthPath || !tel.HealthMoved {
		t.Errorf("health path = %s, moved %v", tel.HealthPath, tel.HealthMoved)
	}
	want := `openapi.yaml:5:5: warning: operation GET /{page} takes the health endpoint's path /healthz; the local server answers health checks on /_lambgen/health instead (set telemetry.health_path to choose)`
	if len(warnings) != 1 || warnings[0].String() != want || warnings[0].Severity() != load.Warning {
		t.Errorf("warnings = %v, want %s", warnings, want)
	}
	if diff := cmp.Diff([]string{"api_key", "pin", "secret", "x-token"}, tel.Sensitive); diff != "" {
		t.Errorf("sensitive (-want +got):\n%s", diff)
	}
	wantOps := []model.ErrorOp{{GoName: "GetPage", Codes: []model.ErrorStatus{
		{Code: 404, Var: "ErrNotFound", Text: "not found"}, {Code: 409, Var: "ErrConflict", Text: "conflict"}}}}
	if diff := cmp.Diff(wantOps, tel.ErrorOps); diff != "" {
		t.Errorf("error ops (-want +got):\n%s", diff)
	}
	if tel.Namespace != "t" || !tel.Logs || !tel.Metrics || tel.Tracing || tel.LogLevel != "Info" {
		t.Errorf("telemetry = %+v", tel)
	}
}

package model

import (
	"strings"
	"testing"
)

// TestSamplesTheServerRefusesAreSkipped builds a spec whose constraints
// the sample generator cannot meet (two allOf members that bound the same
// property differently) beside one it can: the first sample is marked to
// skip with the server's own violation, the second is left to run.
func TestSamplesTheServerRefusesAreSkipped(t *testing.T) {
	api := build(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /conflict:
    post:
      operationId: conflict
      requestBody:
        required: true
        content:
          application/json:
            schema:
              allOf:
                - {type: object, required: [foo], properties: {foo: {type: string}}}
                - {type: object, properties: {foo: {type: string, minLength: 10}}}
      responses:
        "204": {description: done}
  /plain:
    post:
      operationId: plain
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [foo], properties: {foo: {type: string, minLength: 3}}}
      responses:
        "204": {description: done}
`)
	skip := map[string]string{}
	for _, o := range api.Operations {
		skip[o.ID] = o.Sample.Skip
	}
	if want := "body /foo: is 6 characters long, want at least 10"; !strings.Contains(skip["conflict"], want) {
		t.Errorf("conflict: skip = %q, want it to name %q", skip["conflict"], want)
	}
	if skip["plain"] != "" {
		t.Errorf("plain: skip = %q, want its sample to run", skip["plain"])
	}
}

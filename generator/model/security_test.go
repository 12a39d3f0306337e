package model

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUndefinedSchemes: an alternative that names a scheme the spec does
// not define is dropped, and an operation left with none is refused
// outright rather than left open; an anonymous alternative still admits.
func TestUndefinedSchemes(t *testing.T) {
	api := build(t, `openapi: 3.0.3
info: {title: t, version: "1"}
security: [{nokey: []}]
paths:
  /inherited:
    get:
      responses: {"200": {description: ok}}
  /or:
    get:
      security: [{nokey: []}, {key: []}]
      responses: {"200": {description: ok}}
  /and:
    get:
      security: [{key: [], nokey: [], other: []}]
      responses: {"200": {description: ok}}
  /anonymous:
    get:
      security: [{nokey: []}, {}]
      responses: {"200": {description: ok}}
  /open:
    get:
      security: []
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
`)
	type rules struct {
		Security  []string
		Anonymous bool
		Undefined []string
	}
	want := map[string]rules{
		"/inherited": {Undefined: []string{"nokey"}},
		"/or":        {Security: []string{"key"}},
		"/and":       {Undefined: []string{"nokey", "other"}},
		"/anonymous": {},
		"/open":      {},
	}
	for _, o := range api.Operations {
		got := rules{Anonymous: o.Rules.Anonymous, Undefined: o.Rules.Undefined}
		for _, req := range o.Rules.Security {
			var names []string
			for _, u := range req.Uses {
				names = append(names, u.Name)
			}
			got.Security = append(got.Security, strings.Join(names, "+"))
		}
		if diff := cmp.Diff(want[o.Path], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", o.Path, diff)
		}
		denied := len(want[o.Path].Undefined) > 0
		if denied != (o.Sample.Skip != "") {
			t.Errorf("%s: sample skipped %q, want skipped %v", o.Path, o.Sample.Skip, denied)
		}
		if denied && (len(o.BadSamples) != 1 || o.BadSamples[0].WantStatus != 401 || o.BadSamples[0].Skip != "") {
			t.Errorf("%s: bad samples %+v, want the one request answered 401", o.Path, o.BadSamples)
		}
	}
	for _, op := range api.Spec().Operations {
		if !cmp.Equal(op.Undefined, want[op.Path].Undefined) {
			t.Errorf("%s: the server's table has Undefined %v, want %v", op.Path, op.Undefined, want[op.Path].Undefined)
		}
	}
}

package render

import (
	"go/format"
	"strings"
	"testing"
)

// TestWrapUntypedResponses checks which declarations become structs: an
// interface-typed response with methods, directly or through another
// name, and nothing else.
func TestWrapUntypedResponses(t *testing.T) {
	src := `package api

type Null any

type Alias = interface{}

type Chained Null

type Plain string

type WithMethods interface{ M() }

type Unused interface{}

func (response Null) VisitNullResponse() error { return nil }

func (response Chained) VisitChainedResponse() error { return nil }

func (response Plain) VisitPlainResponse() error { return nil }
`
	got := wrapUntypedResponses(src)
	for _, want := range []string{
		"type Null struct{ Value any }",
		"func (r Null) MarshalJSON() ([]byte, error) { return json.Marshal(r.Value) }",
		"type Chained struct{ Value any }",
		"type Alias = interface{}",
		"type Plain string",
		"type WithMethods interface{ M() }",
		"type Unused interface{}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "type Plain struct") || strings.Contains(got, "type Unused struct") {
		t.Errorf("a type without the problem was wrapped:\n%s", got)
	}
	if _, err := format.Source([]byte(got)); err != nil {
		t.Errorf("output is not Go: %v\n%s", err, got)
	}
}

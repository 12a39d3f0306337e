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

type Multi interface {
}

func (response Multi) VisitMultiResponse() error { return nil }

func (response Null) VisitNullResponse() error { return nil }

func (response Chained) VisitChainedResponse() error { return nil }

func (response Plain) VisitPlainResponse() error { return nil }
`
	got := wrapUntypedResponses(src)
	for _, want := range []string{
		"type Null struct{ Value any }",
		"func (r Null) MarshalJSON() ([]byte, error) { return json.Marshal(r.Value) }",
		"type Chained struct{ Value any }",
		"type Multi struct{ Value any }",
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

// TestWrapUntypedResponsesSkipsTypedOutput checks the shortcut that skips
// parsing: without an untyped declaration the output is left as it is,
// and each way of writing one is still seen.
func TestWrapUntypedResponsesSkipsTypedOutput(t *testing.T) {
	typed := "package api\n\ntype Plain string\n\nfunc (response Plain) VisitPlainResponse() error { return nil }\n"
	if got := wrapUntypedResponses(typed); got != typed {
		t.Errorf("typed output changed:\n%s", got)
	}
	for _, decl := range []string{"type N any", "type N = any", "type N interface{}", "type N interface {\n}", "\ttype N interface{ }"} {
		src := "package api\n\n" + decl + "\n\nfunc (response N) VisitNResponse() error { return nil }\n"
		if got := wrapUntypedResponses(src); !strings.Contains(got, "type N struct{ Value any }") {
			t.Errorf("%q was not wrapped:\n%s", decl, got)
		}
	}
}

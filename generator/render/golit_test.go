package render

import (
	"reflect"
	"testing"

	"github.com/lambgen/lambgen/contract"
)

// TestLiteral pins how the table values are written: zero fields left
// out, constants by name, flags joined, element types elided.
func TestLiteral(t *testing.T) {
	consts, err := contractConsts(contract.Source)
	if err != nil {
		t.Fatal(err)
	}
	sp := contract.Spec{
		Operations: []contract.Operation{{ID: "op", Body: &contract.Body{Required: true, Media: []contract.Media{{Type: "application/json", Kind: contract.MediaJSON, Schema: 1}}},
			Security: []contract.Requirement{{{Scheme: 0, Scopes: []string{"read"}}}}}},
		Schemas: []contract.Schema{{}, {Types: contract.TypeString | contract.TypeNull, Format: contract.FormatDateTime, HasMin: true, Min: -1.5, Max: 1e21}},
	}
	l := &literal{pkg: "contract", consts: consts}
	l.value(reflect.ValueOf(sp), "", 0, false)
	want := `contract.Spec{
Operations: []contract.Operation{{ID: "op", Body: &contract.Body{Required: true, Media: []contract.Media{{Type: "application/json", Kind: contract.MediaJSON, Schema: 1}}}, Security: []contract.Requirement{{{Scopes: []string{"read"}}}}}},
Schemas: []contract.Schema{{}, {Types: contract.TypeString | contract.TypeNull, Format: contract.FormatDateTime, HasMin: true, Min: -1.5, Max: 1e+21}},
}`
	if got := l.buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestContractConsts checks that every constant is read with its value.
func TestContractConsts(t *testing.T) {
	consts, err := contractConsts(contract.Source)
	if err != nil {
		t.Fatal(err)
	}
	for v, name := range map[any]string{contract.FormatUint64: "FormatUint64", contract.TypeNull: "TypeNull", contract.MediaText: "MediaText", contract.FormatNone: "FormatNone"} {
		u := reflect.ValueOf(v).Uint()
		found := false
		for _, c := range consts[reflect.TypeOf(v)] {
			found = found || c.name == name && c.v == u
		}
		if !found {
			t.Errorf("%s = %d is not among %v", name, u, consts[reflect.TypeOf(v)])
		}
	}
}

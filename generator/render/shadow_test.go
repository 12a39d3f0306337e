package render

import (
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator/model"
)

// TestShadowed reads the names from oapi-codegen's output, methods and
// fields aside.
func TestShadowed(t *testing.T) {
	got, err := shadowed([]byte(`package api
type Problem struct{ Option string }
func (Problem) Identity() {}
const NotImplemented = 1
func TrustGateway() {}
type Pet struct{}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !got["Problem"] || !got["NotImplemented"] || !got["TrustGateway"] {
		t.Errorf("shadowed = %v", got)
	}
}

// TestEveryReExportShadowed renders the re-exports with every name taken
// by the spec: what is left must still be Go, without an unused import.
func TestEveryReExportShadowed(t *testing.T) {
	all := map[string]bool{}
	for n := range model.ContractNames {
		all[n] = true
	}
	out, err := renderTemplate("project/api/contract.gen.go.tmpl", Project{Module: "example.com/x", Shadowed: all})
	if err != nil {
		t.Fatal(err)
	}
	src := string(out[0].Data)
	if strings.Contains(src, "import") || strings.Contains(src, "= contract.") || strings.Contains(src, "func ") {
		t.Errorf("re-exports left:\n%s", src)
	}
}

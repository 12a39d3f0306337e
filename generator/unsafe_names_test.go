package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/write"
	"github.com/lambgen/lambgen/internal/testtool"
)

// unsafeNames are oapi-codegen's own fixtures of names and values it
// refuses to paste into Go source, each with the class of the warning
// lambgen gives instead ("" for none: the code is correct as generated).
var unsafeNames = map[string]load.Class{
	"content_type_newline":   load.UnsendableName,
	"header_name_quote":      load.UnsendableName,
	"enum_value_newline":     load.UnwritableInGo,
	"discriminator_quote":    load.UnwritableInGo,
	"property_name_backtick": load.UnwritableInGo,
	"extra_tags_backtick":    load.IgnoredGoExtension,
	"ref_sibling_x_go_type":  load.IgnoredGoExtension,
	"x_go_name_invalid":      load.IgnoredGoExtension,
	"x_go_type_semicolon":    load.IgnoredGoExtension,
	"parameter_name_quote":   "",
	"security_scope_quote":   "",
}

// TestUnsafeNames generates a project from each fixture: every one but
// path_newline (no route has a newline) is built with its located warning,
// and each project passes go vet, which type-checks all of it. The
// projects' tests run in testdata/script/codegen_unsafe_names.txtar, on
// one spec with all of these.
func TestUnsafeNames(t *testing.T) {
	fixture := func(t *testing.T, name string) string {
		return testtool.Corpus(t, "specs/oapi-codegen/spec_validation/testdata/"+name+".yaml")
	}
	_, err := generator.Generate(context.Background(), generator.Options{SpecPath: fixture(t, "path_newline"), Runtime: os.DirFS("../runtime")})
	if err == nil || !strings.Contains(err.Error(), "path_newline.yaml:5:5: operation GET \"/foo\\ninjected\"") {
		t.Errorf("path_newline.yaml: want the located refusal of its path, got %v", err)
	}
	for name, class := range unsafeNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := generator.Generate(context.Background(), generator.Options{SpecPath: fixture(t, name), Runtime: os.DirFS("../runtime")})
			if err != nil {
				t.Fatal(err)
			}
			var got []load.Class
			for _, w := range res.Spec.Warnings {
				if w.Class == load.NoOperations {
					continue
				}
				if w.Line == 0 || w.Column == 0 {
					t.Errorf("warning without a line and column: %s", w)
				}
				got = append(got, w.Class)
			}
			if class == "" && len(got) > 0 || class != "" && (len(got) != 1 || got[0] != class) {
				t.Errorf("warnings %v, want one of class %q:\n%s", got, class, res.Spec.Warnings.Error())
			}
			if testing.Short() {
				return
			}
			p := filepath.Join(t.TempDir(), "p")
			if err := write.New(p, res.Files, write.NewManifest(res.Files, write.Operations(res.API))); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("go", "vet", "./...")
			cmd.Dir = p
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go vet: %v\n%s", err, out)
			}
		})
	}
}

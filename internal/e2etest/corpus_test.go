package e2etest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/internal/testtool"
)

// corpusSpecs are specs nobody on the team wrote, chosen for what they ask
// of the validating server: every security scheme location, form and
// multipart bodies, wildcard and parameterised media types, discriminator
// mappings, deepObject parameters.
var corpusSpecs = []string{
	"ogen/positive/security.json",
	"ogen/positive/form.json",
	"ogen/positive/http_requests.json",
	"ogen/positive/wildcard_content_types.json",
	"ogen/positive/discriminator_mapping.json",
	"ogen/positive/deepObjectAdditionalProperties.yml",
	"ogen/examples/oauth2-scopes-and-or.yml",
	"oapi-codegen/spec_validation/testdata/valid.yaml",
}

// TestCorpusSpecsPassGeneratedTests generates a project from each corpus
// spec and runs its generated tests with the handler stubs: every sample
// request must get past validation and security to its stub, every
// malformed one must be refused where it breaks, nothing may answer 5xx.
func TestCorpusSpecsPassGeneratedTests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated projects")
	}
	for _, rel := range corpusSpecs {
		t.Run(rel, func(t *testing.T) {
			spec := testtool.Corpus(t, "specs/"+rel)
			res, err := generator.Generate(context.Background(), generator.Options{
				SpecPath: spec,
				Config:   config.Config{Name: "corpus", Module: "example.com/corpus", Spec: "openapi.yaml"},
				Runtime:  os.DirFS(filepath.Join(repoRoot, "runtime")),
			})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range res.Files {
				writeFile(t, filepath.Join(dir, f.Path), f.Data)
			}
			out := goCmd(t, dir, "test", "-count=1", "./...")
			if !strings.Contains(out, "ok  \texample.com/corpus/handlers") {
				t.Fatalf("the generated tests did not run:\n%s", out)
			}
		})
	}
}

package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

// itemsProject writes the Item example as `lambgen new` would, into a
// temporary folder.
func itemsProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "items")
	set := generateExample(t, "items")
	var project files.Set
	for _, f := range set {
		if f.Path != files.ManifestPath {
			project = append(project, f)
		}
	}
	res, err := generator.Generate(context.Background(), generator.Options{
		SpecPath: "../examples/items/openapi.yaml", Config: mustConfig(t), Runtime: os.DirFS("../runtime")})
	if err != nil {
		t.Fatal(err)
	}
	if err := write.New(dir, project, write.NewManifest(project, write.Operations(res.API))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func regenerate(t *testing.T, dir string, force bool) *generator.Regeneration {
	t.Helper()
	rg, err := generator.Regenerate(context.Background(), dir, generator.RegenerateOptions{Runtime: os.DirFS("../runtime"), Force: force})
	if err != nil {
		t.Fatal(err)
	}
	return rg
}

func paths(cs []write.Change) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Action.String()+" "+c.Path)
	}
	return strings.Join(out, "\n")
}

// TestRegenerate drives the library call that `lambgen generate` prints:
// an unchanged project plans nothing, a new operation plans its code and
// its stub with a note, a hand edit is refused unless forced, and planning
// writes nothing.
func TestRegenerate(t *testing.T) {
	dir := itemsProject(t)
	if rg := regenerate(t, dir, false); len(rg.Plan.Pending()) != 0 || len(rg.Notes) != 0 {
		t.Fatalf("an unchanged project plans changes:\n%s\nnotes: %v", paths(rg.Plan.Pending()), rg.Notes)
	}

	spec := filepath.Join(dir, "openapi.yaml")
	old, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	added := bytes.Replace(old, []byte("paths:\n"), []byte(`paths:
  /health:
    get:
      operationId: health
      responses:
        "204":
          description: Healthy.
`), 1)
	if err := os.WriteFile(spec, added, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, files.APIGenPath))
	rg := regenerate(t, dir, false)
	pending := paths(rg.Plan.Pending())
	for _, want := range []string{"update " + files.APIGenPath, "create " + files.HandlersDir + "/health.go"} {
		if !strings.Contains(pending, want) {
			t.Errorf("plan lacks %q:\n%s", want, pending)
		}
	}
	if len(rg.Notes) != 1 || !strings.HasPrefix(rg.Notes[0], "added: operation health") {
		t.Errorf("notes = %q, want one about the added operation", rg.Notes)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, files.APIGenPath)); !bytes.Equal(before, after) {
		t.Error("Regenerate wrote to the project; it must only plan")
	}

	edited := filepath.Join(dir, "api", "spec.gen.go")
	data, _ := os.ReadFile(edited)
	if err := os.WriteFile(edited, append(data, []byte("\n// mine\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := paths(regenerate(t, dir, false).Plan.Refused()); !strings.Contains(got, "api/spec.gen.go") {
		t.Errorf("a hand-edited generated file is not refused: %q", got)
	}
	if got := regenerate(t, dir, true).Plan.Refused(); len(got) != 0 {
		t.Errorf("--force still refuses: %s", paths(got))
	}
}

func mustConfig(t *testing.T) config.Config {
	t.Helper()
	cfg, err := config.Read("../examples/items/" + config.File)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

package templates

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

func TestItemsSpecMatchesExample(t *testing.T) {
	example, err := os.ReadFile("../examples/items/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(example, ItemsSpec) {
		t.Fatal("templates/items.openapi.yaml and examples/items/openapi.yaml differ; the built-in example must be the example's spec")
	}
}

// TestProjectModulesMatchLambgen keeps generated projects' direct
// dependencies on the versions lambgen itself is built and tested with, and their go.sum complete for
// every module go.mod names.
func TestProjectModulesMatchLambgen(t *testing.T) {
	rootData, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	root, err := modfile.Parse("go.mod", rootData, nil)
	if err != nil {
		t.Fatal(err)
	}
	rootVersions := map[string]string{}
	for _, r := range root.Require {
		rootVersions[r.Mod.Path] = r.Mod.Version
	}
	tmpl, err := FS.ReadFile("project/go.mod.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	// The docs' module is listed only when the docs are served somewhere;
	// the check takes the project that lists it.
	src := strings.NewReplacer("{{.Module}}", "example.com/p", "{{.GoVersion}}", "1.26.0",
		"{{- if .API.Docs.On}}", "", "{{- end}}", "").Replace(string(tmpl))
	proj, err := modfile.Parse("go.mod.tmpl", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := FS.ReadFile("project/go.sum.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range proj.Require {
		if v, ok := rootVersions[r.Mod.Path]; ok && !r.Indirect && v != r.Mod.Version {
			t.Errorf("projects pin %s %s but lambgen uses %s", r.Mod.Path, r.Mod.Version, v)
		}
		if !bytes.Contains(sum, []byte(r.Mod.Path+" "+r.Mod.Version+"/go.mod h1:")) {
			t.Errorf("go.sum.tmpl lacks the go.mod hash of %s %s", r.Mod.Path, r.Mod.Version)
		}
		if !r.Indirect && !bytes.Contains(sum, []byte(r.Mod.Path+" "+r.Mod.Version+" h1:")) {
			t.Errorf("go.sum.tmpl lacks the module hash of %s %s", r.Mod.Path, r.Mod.Version)
		}
	}
}

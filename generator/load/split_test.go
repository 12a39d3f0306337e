package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSplitSpecsBundle loads specs split over folders, YAML and JSON files,
// fragments and whole-file $refs, in each version, and checks that what the
// model sees is one document with internal $refs only and the names the
// author chose.
func TestSplitSpecsBundle(t *testing.T) {
	cases := []struct {
		root    string
		schemas []string
		files   []string
		texts   map[string]string
	}{
		{
			root:    "testdata/split/openapi.yaml",
			schemas: []string{"Failure", "Pet", "Tag"},
			files: []string{"openapi.yaml", "components/common.json", "components/schemas/Pet.yaml",
				"components/schemas/Tag.yaml", "intro.md", "paths/pet.yaml", "paths/pets.yaml"},
			texts: map[string]string{"info": "Pets, described over several files.\n"},
		},
		{
			root:    "testdata/split2/swagger.yaml",
			schemas: []string{"Kind", "Owner", "Pet"},
			files:   []string{"swagger.yaml", "README.md", "definitions.yaml", "definitions/Owner.yaml", "parameters.json", "paths/pets.yaml"},
			texts:   map[string]string{"info": "Swagger 2.0 pets, in several files.\n"},
		},
		{
			root:    "testdata/split31/openapi.yaml",
			schemas: []string{"Pet"},
			files:   []string{"openapi.yaml", "schemas/Pet.json", "texts.yaml"},
			texts:   map[string]string{"GET /pets/{id}": "Read one pet"},
		},
	}
	for _, c := range cases {
		t.Run(c.root, func(t *testing.T) {
			spec, err := File(context.Background(), c.root)
			if err != nil {
				t.Fatal(err)
			}
			if len(spec.Warnings) > 0 {
				t.Errorf("warnings: %v", spec.Warnings)
			}
			if got := sortedKeys(spec.Doc.Components.Schemas); !slices.Equal(got, c.schemas) {
				t.Errorf("schemas %v, want %v", got, c.schemas)
			}
			var rels []string
			for _, f := range spec.Files {
				rels = append(rels, f.Rel)
			}
			if !slices.Equal(rels, c.files) {
				t.Errorf("files %v, want %v", rels, c.files)
			}
			assertInternal(t, spec.Doc)
			for where, want := range c.texts {
				got := spec.Doc.Info.Description
				if where != "info" {
					method, p, _ := strings.Cut(where, " ")
					got = spec.Doc.Paths.Value(p).GetOperation(method).Summary
				}
				if got != want {
					t.Errorf("%s: text %q, want %q", where, got, want)
				}
			}
			// The copy oapi-codegen and the embedding get is bundled the same way.
			again, err := spec.Reparse(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			a, _ := spec.Doc.MarshalJSON()
			b, _ := again.MarshalJSON()
			if string(a) != string(b) {
				t.Errorf("Reparse differs from the loaded document:\n%s\n%s", a, b)
			}
		})
	}
}

var externalRef = regexp.MustCompile(`"\$ref":"[^#"]`)

func assertInternal(t *testing.T, doc *openapi3.T) {
	t.Helper()
	js, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if m := externalRef.Find(js); m != nil {
		t.Errorf("bundled document keeps an external $ref: %s", js)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	k := keys(m)
	slices.Sort(k)
	return k
}

// TestSplitProblemsNameTheirFile pins the text for problems inside a
// referenced file: that file, its own line and column.
func TestSplitProblemsNameTheirFile(t *testing.T) {
	cases := []struct{ root, want string }{
		{"testdata/splitbad/openapi.yaml", `testdata/splitbad/paths/pets.yaml:9:19: $ref "../schemas/Missing.yaml": testdata/splitbad/schemas/Missing.yaml does not exist (want a path relative to this file)`},
		{"testdata/splitfrag/openapi.yaml", `testdata/splitfrag/pets.yaml:9:19: $ref "./common.json#/components/schemas/Nope": testdata/splitfrag/common.json has nothing at #/components/schemas/Nope (want a JSON pointer to what the file holds)`},
		// Pet.yaml is a component of the bundled document, which is checked
		// as a spec written in one file is: the component, then its use.
		{"testdata/splitinvalid/openapi.yaml", `testdata/splitinvalid/schemas/Pet.yaml:3:3: invalid components: schema "Pet": unsupported 'type' value "strng"` + "\n" +
			`testdata/splitinvalid/schemas/Pet.yaml:3:3: invalid paths: invalid path /pets: invalid operation GET: unsupported 'type' value "strng"`},
		{"testdata/splitremote/openapi.yaml", `testdata/splitremote/pets.yaml:9:19: remote $ref is not followed: https://example.com/schemas/pet.yaml (download it and $ref the local copy)`},
	}
	for _, c := range cases {
		t.Run(c.root, func(t *testing.T) {
			_, err := File(context.Background(), c.root)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			if got := ps.Error(); got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestSplitSwagger2Problems: the 2.0 bundler locates its problems too.
func TestSplitSwagger2Problems(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "swagger.yaml", "swagger: \"2.0\"\ninfo:\n  title: x\n  version: \"1\"\npaths:\n  /a:\n    $ref: ./a.yaml\n")
	write(t, dir, "a.yaml", "get:\n  responses:\n    \"200\":\n      description: ok\n      schema:\n        $ref: defs.yaml#/definitions/Nope\n")
	write(t, dir, "defs.yaml", "definitions:\n  Pet:\n    type: object\n")
	root := filepath.Join(dir, "swagger.yaml")
	_, err := File(context.Background(), root)
	want := filepath.Join(dir, "a.yaml") + `:6:15: $ref "defs.yaml#/definitions/Nope": ` + filepath.Join(dir, "defs.yaml") +
		" has nothing at #/definitions/Nope (want a JSON pointer to a definition, such as #/definitions/Pet)"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}

// TestTextRefs: a $ref where OpenAPI allows none is replaced by its text,
// or left empty with a located warning; it never stops generation, and a
// property that happens to be called description is still a schema.
func TestTextRefs(t *testing.T) {
	spec, err := File(context.Background(), "testdata/splittext/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := `testdata/splittext/openapi.yaml:11:15: warning: summary: $ref "./texts.yaml#/nested" reaches no text (an object or a list); OpenAPI allows no $ref here, want the text itself or a $ref to a text file; left empty
testdata/splittext/openapi.yaml:15:19: warning: description: $ref "./missing.md" reaches no text (testdata/splittext/missing.md does not exist); OpenAPI allows no $ref here, want the text itself or a $ref to a text file; left empty`
	if got := spec.Warnings.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := spec.Doc.Info.Description, "Pets, with \"quotes\" and a second line.\n"; got != want {
		t.Errorf("description %q, want %q", got, want)
	}
	prop := spec.Doc.Paths.Value("/pets").Get.Responses.Status(200).Value.Content["application/json"].Schema.Value.Properties["description"]
	if prop == nil || prop.Ref != "#/components/schemas/nested" {
		t.Errorf("property description: %+v, want a $ref to the schema", prop)
	}
}

// TestRefToDeviceRefused: only regular files are read, so a $ref cannot
// make a build block on a device or a pipe.
func TestRefToDeviceRefused(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "openapi.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  version: \"1\"\npaths:\n  /a:\n    $ref: /dev/zero\n")
	_, err := File(context.Background(), filepath.Join(dir, "openapi.yaml"))
	if err == nil || !strings.Contains(err.Error(), "/dev/zero is not a regular file") {
		t.Fatalf("got %v, want a refusal of /dev/zero", err)
	}
}

// TestManyFiles loads a spec split over a thousand schema files in bounded
// time. Each operation has its file; each schema refers to a shared one
// and to its parent in a binary tree, the shape of a large split spec's
// model (kin-openapi's loader is quadratic on one long chain of files).
func TestManyFiles(t *testing.T) {
	n := manyFiles()
	dir := t.TempDir()
	var root strings.Builder
	root.WriteString("openapi: 3.0.3\ninfo:\n  title: Many\n  version: \"1\"\npaths:\n")
	for i := range n {
		fmt.Fprintf(&root, "  /s%d:\n    get:\n      operationId: get%d\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: ./schemas/S%d.yaml\n", i, i, i)
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("  parent:\n    $ref: ./S%d.yaml\n", (i-1)/2)
		}
		write(t, dir, fmt.Sprintf("schemas/S%d.yaml", i), "type: object\nproperties:\n  id:\n    $ref: ../common/Id.yaml\n"+parent)
	}
	write(t, dir, "common/Id.yaml", "type: integer\nformat: int64\n")
	write(t, dir, "openapi.yaml", root.String())
	start := time.Now()
	spec, err := File(context.Background(), filepath.Join(dir, "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("%d files loaded and bundled in %v", len(spec.Files), took)
	if len(spec.Files) != n+2 || len(spec.Doc.Components.Schemas) != n+1 {
		t.Fatalf("%d files, %d schemas; want %d and %d", len(spec.Files), len(spec.Doc.Components.Schemas), n+2, n+1)
	}
	if took > 30*time.Second {
		t.Fatalf("took %v", took)
	}
}

func write(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func manyFiles() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("LAMBGEN_MANY_FILES"), &n); err == nil && n > 0 {
		return n
	}
	return 1000
}

// TestSplitNameCollision: a component another file defines under a name
// the root already uses gets the file-qualified name, and the root's keeps
// its own.
func TestSplitNameCollision(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "openapi.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  version: \"1\"\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: ./common.yaml#/components/schemas/Failure\ncomponents:\n  schemas:\n    Failure:\n      type: string\n")
	write(t, dir, "common.yaml", "components:\n  schemas:\n    Failure:\n      type: object\n")
	spec, err := File(context.Background(), filepath.Join(dir, "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sortedKeys(spec.Doc.Components.Schemas), []string{"Failure", "common_Failure"}; !slices.Equal(got, want) {
		t.Fatalf("schemas %v, want %v", got, want)
	}
	if got := spec.Doc.Components.Schemas["Failure"].Value.Type.Slice(); !slices.Equal(got, []string{"string"}) {
		t.Errorf("root Failure is %v, want string", got)
	}
}

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/cli"
)

// TestSplitRedoclyLayout goes through what a new user of a large split spec
// does, on a few hundred files in the layout `redocly split` writes: the
// root's paths are $refs to paths/*.yaml (names with {} and @ in them),
// which $ref ../components/<section>/*.yaml, and schemas that $ref one
// another many times over (the shape on which kin-openapi's loader, left to
// follow whole-file $refs itself, expands a model into a tree and never
// finishes). new; generate on the unchanged project rewrites nothing;
// generate --check sees an edit to one deep schema file, and generate
// applies it to the model.
func TestSplitRedoclyLayout(t *testing.T) {
	start := time.Now()
	const schemas, pathCount = 240, 60
	tree := filepath.Join(t.TempDir(), "tree")
	put := func(rel, data string) {
		t.Helper()
		p := filepath.Join(tree, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var root strings.Builder
	root.WriteString("openapi: 3.0.3\ninfo:\n  title: Split at scale\n  version: \"1\"\npaths:\n")
	for i := range pathCount {
		p, file := fmt.Sprintf("/things%d/{thingId}", i), fmt.Sprintf("things%d_{thingId}.yaml", i)
		if i%10 == 0 {
			p, file = fmt.Sprintf("/users/@me/things%d", i), fmt.Sprintf("users_@me_things%d.yaml", i)
		}
		fmt.Fprintf(&root, "  %s:\n    $ref: paths/%s\n", p, file)
		params := "  - $ref: ../components/parameters/Limit.yaml\n"
		if strings.Contains(p, "{thingId}") {
			params += "  - $ref: ../components/parameters/ThingId.yaml\n"
		}
		put("paths/"+file, fmt.Sprintf(`parameters:
%sget:
  operationId: getThing%d
  responses:
    "200":
      description: The thing.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Thing%d.yaml
    default:
      $ref: ../components/responses/Problem.yaml
post:
  operationId: postThing%d
  requestBody:
    $ref: ../components/requestBodies/Input.yaml
  responses:
    "201":
      description: Made.
`, params, i, schemas-1-i, i))
	}
	root.WriteString("components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n")
	put("openapi.yaml", root.String())
	put("components/parameters/Limit.yaml", "name: limit\nin: query\nschema:\n  type: integer\n  maximum: 100\n")
	put("components/parameters/ThingId.yaml", "name: thingId\nin: path\nrequired: true\nschema:\n  $ref: ../schemas/Id.yaml\n")
	put("components/responses/Problem.yaml", "description: A problem.\ncontent:\n  application/json:\n    schema:\n      $ref: ../schemas/Problem.yaml\n")
	put("components/requestBodies/Input.yaml", "required: true\ncontent:\n  application/json:\n    schema:\n      $ref: ../schemas/Thing0.yaml\n")
	put("components/schemas/Id.yaml", "type: string\nminLength: 1\n")
	put("components/schemas/Problem.yaml", "type: object\nproperties:\n  title:\n    type: string\n  id:\n    $ref: ./Id.yaml\n")
	for i := range schemas {
		var refs strings.Builder
		// Each schema refers to the two before it and to the one halfway
		// down: the number of paths through the $refs grows exponentially.
		for j, to := range []int{i - 1, i - 2, i / 2} {
			if to >= 0 && to < i {
				fmt.Fprintf(&refs, "  r%d:\n    $ref: ./Thing%d.yaml\n", j, to)
			}
		}
		put(fmt.Sprintf("components/schemas/Thing%d.yaml", i), fmt.Sprintf("type: object\nrequired: [id]\nproperties:\n  id:\n    $ref: ./Id.yaml\n  name:\n    type: string\n%s", refs.String()))
	}

	dir := filepath.Join(t.TempDir(), "p")
	if out, code := lambgen(t, "new", "--spec", filepath.Join(tree, "openapi.yaml"), "--dir", dir, "--module", "example.com/split"); code != 0 {
		t.Fatalf("new exited %d:\n%s", code, out)
	} else if strings.Contains(out, "warning:") {
		t.Errorf("new warned:\n%s", out)
	}
	copied, err := filepath.Glob(filepath.Join(dir, "spec", "components", "schemas", "*.yaml"))
	if err != nil || len(copied) != schemas+2 {
		t.Fatalf("%d schema files copied into spec/, want %d", len(copied), schemas+2)
	}

	before := stamps(t, dir)
	if out, code := lambgen(t, "generate", "--dir", dir); code != 0 || !strings.Contains(out, "is up to date") {
		t.Fatalf("generate on the unchanged project (exit %d):\n%s", code, out)
	}
	if after := stamps(t, dir); after != before {
		t.Fatal("generate on the unchanged project rewrote files")
	}
	if out, code := lambgen(t, "generate", "--check", "--dir", dir); code != 0 {
		t.Fatalf("generate --check on the unchanged project exited %d:\n%s", code, out)
	}

	deep := filepath.Join(dir, "spec", "components", "schemas", "Thing7.yaml")
	data, err := os.ReadFile(deep)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(deep, bytes.Replace(data, []byte("properties:\n"), []byte("properties:\n  colour:\n    type: string\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := lambgen(t, "generate", "--check", "--dir", dir); code != 1 || !strings.Contains(out, "api/api.gen.go") {
		t.Fatalf("generate --check after editing Thing7.yaml exited %d, want 1 naming api/api.gen.go:\n%s", code, out)
	}
	if out, code := lambgen(t, "generate", "--dir", dir); code != 0 || !strings.Contains(out, "field Colour *string added") {
		t.Fatalf("generate after editing Thing7.yaml (exit %d) does not add the field:\n%s", code, out)
	}
	gen, err := os.ReadFile(filepath.Join(dir, "api", "api.gen.go"))
	if err != nil || !bytes.Contains(gen, []byte("Colour *string")) {
		t.Fatalf("api/api.gen.go has no Colour field (%v)", err)
	}
	if out, code := lambgen(t, "generate", "--check", "--dir", dir); code != 0 {
		t.Fatalf("generate --check after generate exited %d:\n%s", code, out)
	}
	t.Logf("%d spec files, new, three generates and three checks in %v", schemas+pathCount+7, time.Since(start).Round(time.Millisecond))
}

// lambgen runs the CLI in this process, returning what it printed and its
// exit code.
func lambgen(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code := cli.Run(context.Background(), append([]string{"lambgen"}, args...), &out, &out, env())
	return out.String(), code
}

// stamps sums every file's path, content and modification time.
func stamps(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d %x\n", p, fi.ModTime().UnixNano(), sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/internal/testtool"
)

// TestGenerateKeepsUserCodeAcrossUnrelatedSpecs walks one project through
// specs nobody wrote for lambgen, each replacing the whole API: operations
// vanish, appear and change shape at every step. Before each step every
// user-owned file gets a line of "user code"; after it, every one of those
// files must be byte for byte as it was, --check must pass, and at the end
// the project must build.
func TestGenerateKeepsUserCodeAcrossUnrelatedSpecs(t *testing.T) {
	chain := []string{"petstore.yaml", "petstore-expanded.yaml", "uspto.yaml", "api-with-examples.yaml", "link-example.yaml", "petstore.yaml"}
	corpus := testtool.Corpus(t, "specs/oai/v3.0")
	env := Env{Runtime: os.DirFS("../../runtime")}
	dir := filepath.Join(t.TempDir(), "p")
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Run(context.Background(), append([]string{"lambgen"}, args...), &out, &errb, env); code != 0 {
			t.Fatalf("lambgen %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
		}
		return out.String()
	}
	run("new", "--spec", filepath.Join(corpus, chain[0]), "--dir", dir, "--module", "example.com/p")
	for step, next := range chain[1:] {
		mine := markUserFiles(t, dir, step)
		data, err := os.ReadFile(filepath.Join(corpus, next))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "openapi.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		out := run("generate", "--dir", dir)
		for p, want := range mine {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("step %d (%s): user file %s changed or vanished (%v); generate said:\n%s", step+1, next, p, err, out)
			}
		}
		run("generate", "--dir", dir, "--check")
	}
	if testing.Short() {
		return
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build after %d regenerations: %v\n%s", len(chain)-1, err, out)
	}
}

// markUserFiles appends a comment to every user-owned file but the spec
// and returns the files' new contents by path.
func markUserFiles(t *testing.T, dir string, step int) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, ".lambgen/") || rel == "openapi.yaml" || files.KindOf(rel) != files.Scaffolded {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mark := "# "
		if strings.HasSuffix(rel, ".go") || rel == "go.mod" {
			mark = "// "
		}
		if rel == "go.sum" || strings.HasSuffix(rel, ".json") {
			out[rel] = data
			return nil
		}
		data = append(data, fmt.Sprintf("%suser line %d\n", mark, step)...)
		out[rel] = data
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

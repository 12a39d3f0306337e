package generator_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/write"
)

const corpus = "../../shared/corpus/specs"

func corpusFiles(t *testing.T, patterns ...string) []string {
	t.Helper()
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not present at %s", corpus)
	}
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join(corpus, p))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no corpus files match %v", patterns)
	}
	return out
}

// TestCorpusOAI30 generates a project from every OpenAPI Initiative 3.0
// example. Each must either build, vet and pass its own generated tests, or
// be refused with problems that all carry a line.
func TestCorpusOAI30(t *testing.T) {
	built, refused := 0, 0
	for _, spec := range corpusFiles(t, "oai/v3.0/*.yaml") {
		name := strings.TrimSuffix(filepath.Base(spec), ".yaml")
		t.Run(name, func(t *testing.T) {
			res, err := generator.Generate(context.Background(), generator.Options{SpecPath: spec, Runtime: os.DirFS("../runtime")})
			if err != nil {
				assertLocated(t, err)
				refused++
				return
			}
			if testing.Short() {
				return
			}
			dir := filepath.Join(t.TempDir(), "p")
			if err := write.New(dir, res.Files, write.NewManifest(res.Files, write.Operations(res.API))); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
			built++
		})
	}
	t.Logf("OAI 3.0 corpus: %d built and tested, %d refused with located problems", built, refused)
}

// TestCorpusNegative checks that every spec the corpus marks invalid is
// refused, and that each problem names a line.
func TestCorpusNegative(t *testing.T) {
	specs := corpusFiles(t, "oai/v3.1/fail/*.yaml", "ogen/negative/*.json")
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			_, err := generator.Generate(context.Background(), generator.Options{SpecPath: spec, Runtime: os.DirFS("../runtime")})
			if err == nil {
				t.Fatalf("%s is invalid but was accepted", spec)
			}
			assertLocated(t, err)
			t.Logf("%v", err)
		})
	}
}

func assertLocated(t *testing.T, err error) {
	t.Helper()
	var ps load.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is not a located problem list: %v", err)
	}
	for _, p := range ps {
		if p.File == "" || p.Line == 0 || p.Message == "" {
			t.Errorf("problem lacks a file, line or message: %q", p.String())
		}
	}
}

package generator_test

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/write"
	"github.com/lambgen/lambgen/internal/testtool"
)

// corpus is the full corpus's spec folder: these tests walk far more of it
// than the repository's copy holds, so they skip without it.
func corpus(t testing.TB) string {
	t.Helper()
	return testtool.SharedCorpus(t, "specs")
}

var sweep = flag.Bool("sweep", false, "generate, vet and test a project from every spec in the corpus (minutes)")

func corpusFiles(t *testing.T, patterns ...string) []string {
	t.Helper()
	root := corpus(t)
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join(root, p))
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
	specs := corpusFiles(t, "oai/v3.1/fail/*.yaml", "ogen/negative/*/*.json",
		"real/mermade/3.0/fail/*.yaml", "real/mermade/3.0/fail/*.json", "real/mermade/3.1/fail/*.yaml")
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			_, err := generator.Generate(context.Background(), generator.Options{SpecPath: spec, Runtime: os.DirFS("../runtime")})
			if why, ok := acceptedOnPurpose[filepath.ToSlash(strings.TrimPrefix(spec, corpus(t)+"/"))]; ok {
				if err != nil {
					t.Fatalf("accepted on purpose (%s), but refused: %v", why, err)
				}
				t.Logf("accepted on purpose: %s", why)
				return
			}
			if err == nil {
				t.Fatalf("%s is invalid but was accepted", spec)
			}
			assertLocated(t, err)
			t.Logf("%v", err)
		})
	}
}

// acceptedOnPurpose are corpus negatives that are valid OpenAPI and that
// lambgen handles, where the source generator's limits made them negative.
var acceptedOnPurpose = map[string]string{
	"ogen/negative/oneOf/same_json_type_one_of.json": "two oneOf strings told apart by format (uuid) and enum; " +
		"ogen picks a variant by JSON type alone, while lambgen's validator tries each alternative, " +
		"and oapi-codegen keeps the union as raw JSON",
	"ogen/negative/wrong_default_type/string_value.json": "a default of the wrong type changes no generated line, " +
		"so it is a located warning, not an error (README: spec findings)",
	"ogen/negative/wrong_enum_type/string_value.json": "an integer enum written as strings of numbers is read as the numbers, " +
		"an enum-member-type warning (an error under --strict), as in EPA's published description",
	// OpenAPI 3.1 fields in 3.0 documents: newer-version-field warnings,
	// read as 3.1 defines them (an error under --strict).
	"real/mermade/3.0/fail/comp_pathitems.yaml":     "components.pathItems, a 3.1 field, in a 3.0 document: a newer-version-field warning",
	"real/mermade/3.0/fail/info_summary.yaml":       "info.summary, a 3.1 field, in a 3.0 document: a newer-version-field warning",
	"real/mermade/3.0/fail/license_identifier.yaml": "license.identifier, a 3.1 field, in a 3.0 document: a newer-version-field warning",
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

// TestCorpusSweep runs the whole spec corpus through lambgen, behind
// -sweep because it builds dozens of projects: every spec outside negative
// and fail folders must either give a project whose vet and generated tests
// pass, or be refused with located problems. Failures are listed, not
// fatal one by one, so one run shows the whole picture.
func TestCorpusSweep(t *testing.T) {
	if !*sweep {
		t.Skip("run with -sweep")
	}
	var specs, every []string // every: fail and negative folders too, where parts may be named
	_ = filepath.WalkDir(corpus(t), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(p)
		if d.IsDir() || ext != ".yaml" && ext != ".yml" && ext != ".json" {
			return nil
		}
		every = append(every, p)
		if rel := filepath.ToSlash(p); !strings.Contains(rel, "/negative/") && !strings.Contains(rel, "/fail/") {
			specs = append(specs, p)
		}
		return nil
	})
	built, refused := 0, 0
	var broken, mustBuild, parts []string
	byClass := map[string][]string{} // the first error's class → the specs it refused
	for _, spec := range specs {
		res, err := generator.Generate(context.Background(), generator.Options{SpecPath: spec, Runtime: os.DirFS("../runtime")})
		if err != nil {
			var ps load.Problems
			if errors.As(err, &ps) && ps[0].Line > 0 {
				refused++
				errs, _ := ps.Split()
				first := ps[0]
				if len(errs) > 0 {
					first = errs[0]
				}
				byClass[string(first.Class)] = append(byClass[string(first.Class)], spec+": "+firstLine(first.Message))
				switch why := notADocument(spec, every, first); {
				case why != "":
					parts = append(parts, spec+": "+why)
				case !strings.Contains(filepath.ToSlash(spec), "/malicious/"):
					mustBuild = append(mustBuild, spec+": "+firstLine(first.Message))
				}
				continue
			}
			broken = append(broken, spec+": refused without a line: "+firstLine(err.Error()))
			continue
		}
		dir := filepath.Join(t.TempDir(), "p")
		if err := write.New(dir, res.Files, write.NewManifest(res.Files, write.Operations(res.API))); err != nil {
			t.Fatal(err)
		}
		ok := true
		for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
			cmd := exec.Command("go", args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				broken = append(broken, spec+": go "+args[0]+": "+failureLine(string(out)))
				ok = false
				break
			}
		}
		if ok {
			built++
		}
	}
	t.Logf("corpus sweep: %d specs, %d built and passed their tests, %d refused with located problems, %d broken",
		len(specs), built, refused, len(broken))
	classes := make([]string, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Slice(classes, func(i, j int) bool { return len(byClass[classes[i]]) > len(byClass[classes[j]]) })
	for _, c := range classes {
		t.Logf("refused, first error %s: %d", c, len(byClass[c]))
		if testing.Verbose() {
			for _, s := range byClass[c] {
				t.Logf("    %s", s)
			}
		}
	}
	// Files that are no OpenAPI document are refused, located, and are not
	// specs to build: the parts other specs $ref (kin-openapi's
	// recursiveRef/components), Mermade's partial examples, empty files.
	t.Logf("not a document (refused, located, nothing to build): %d", len(parts))
	t.Logf("refused outside fail, negative and malicious folders, and not for being no document: %d", len(mustBuild))
	for _, m := range mustBuild {
		t.Logf("    %s", m)
	}
	if testing.Verbose() {
		for _, p := range parts {
			t.Logf("    not a document: %s", p)
		}
	}
	for _, b := range broken {
		t.Error(b)
	}
}

// notADocument says why a refused file is no OpenAPI document, or "": it
// is empty, or it has no openapi field and is a part another corpus file
// $refs by name, or sits in a folder of partial examples.
func notADocument(spec string, all []string, first load.Problem) string {
	data, err := os.ReadFile(spec)
	if err == nil && len(strings.TrimSpace(string(data))) == 0 {
		return "an empty file"
	}
	if first.Class != load.NotOpenAPI || !strings.Contains(first.Message, "missing openapi field") {
		return ""
	}
	if strings.Contains(filepath.ToSlash(spec), "/partial/") {
		return "a partial example (its folder says so)"
	}
	base := filepath.Base(spec)
	for _, other := range all {
		if other == spec {
			continue
		}
		if text, err := os.ReadFile(other); err == nil && strings.Contains(string(text), base) {
			return "a part that " + other + " names"
		}
	}
	return ""
}

// failureLine picks the line of go vet or go test output that says what
// failed: a compiler position, a failing test, or a panic.
func failureLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(l, ".go:") || strings.HasPrefix(l, "--- FAIL") || strings.HasPrefix(l, "panic:") {
			return l
		}
	}
	return firstLine(out)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return s
}

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// probe is the property the trial adds to one schema file.
const probe = "lambgenSplitProbe"

// splitTrial splits spec with Redocly's CLI and goes through what a new
// user of a split spec does. Any step that fails ends the trial with a
// message naming it; the figures are printed as they come.
func splitTrial(spec, redocly, work string, asJSON bool) {
	dir := work
	var err error
	if dir == "" {
		dir, err = os.MkdirTemp("", "lambgen-split-")
		check(err)
		defer os.RemoveAll(dir)
	}
	repo, err := filepath.Abs("../..")
	check(err)
	spec, err = filepath.Abs(spec)
	check(err)
	lambgen := filepath.Join(dir, "lambgen")
	run(repo, "go", "build", "-o", lambgen, ".")

	// Redocly writes the files in the root's format: a JSON description is
	// bundled to YAML first, the format most split specs are kept in.
	in := spec
	if !asJSON && strings.HasSuffix(spec, ".json") {
		in = filepath.Join(dir, "bundled.yaml")
		timed("redocly bundle (to YAML)", func() { run(dir, redocly, "bundle", spec, "-o", in) })
	}
	tree := filepath.Join(dir, "tree")
	os.RemoveAll(tree)
	timed("redocly split", func() { run(dir, redocly, "split", in, "--outDir", tree) })
	root := filepath.Join(tree, "openapi"+filepath.Ext(in))
	files, paths, comps := countFiles(tree)
	fmt.Printf("%s split into %d files: the root, %d under paths/, %d under components/\n", filepath.Base(spec), files, paths, comps)

	p := filepath.Join(dir, "p")
	os.RemoveAll(p)
	timed("lambgen new", func() {
		out := must(dir, lambgen, "new", "--spec", root, "--dir", p, "--module", "example.com/split")
		fmt.Printf("  %d warnings\n", strings.Count(out, ": warning: "))
	})
	timed("go vet ./...", func() { must(p, "go", "vet", "./...") })
	timed("go build ./...", func() { must(p, "go", "build", "./...") })
	timed("go test ./...", func() { must(p, "go", "test", "./...") })

	before := snapshot(p)
	timed("lambgen generate (nothing changed)", func() {
		out := must(p, lambgen, "generate")
		if !strings.Contains(out, "is up to date") {
			log.Fatalf("generate on an unchanged project did not say it is up to date:\n%s", tail(out))
		}
	})
	if changed := diffSnapshots(before, snapshot(p)); len(changed) > 0 {
		log.Fatalf("generate on an unchanged project rewrote %d files: %s", len(changed), strings.Join(first(changed, 10), ", "))
	}
	fmt.Println("  no file rewritten (contents and modification times)")
	timed("lambgen generate --check (nothing changed)", func() { must(p, lambgen, "generate", "--check") })

	edited := editDeepSchema(filepath.Join(p, "spec", "components", "schemas"))
	rel, _ := filepath.Rel(p, edited)
	fmt.Printf("edited %s: added property %s\n", rel, probe)
	cmd := exec.Command(lambgen, "generate", "--check")
	cmd.Dir = p
	if out, err := cmd.CombinedOutput(); err == nil {
		log.Fatalf("generate --check passed after %s changed:\n%s", rel, tail(string(out)))
	}
	fmt.Println("  generate --check: stale, as it should be")
	timed("lambgen generate (one schema file edited)", func() {
		out := must(p, lambgen, "generate")
		fmt.Printf("  %s\n", firstMatch(out, "changed:"))
	})
	gen, err := os.ReadFile(filepath.Join(p, "api", "api.gen.go"))
	check(err)
	if field := strings.ToUpper(probe[:1]) + probe[1:]; !bytes.Contains(gen, []byte(field+" ")) {
		log.Fatalf("api/api.gen.go has no field %s after the edit", field)
	}
	timed("lambgen generate --check (after generate)", func() { must(p, lambgen, "generate", "--check") })
	timed("go build ./... (after the edit)", func() { must(p, "go", "build", "./...") })
	cmd = exec.Command(lambgen, "validate")
	cmd.Dir = p
	if out, err := cmd.CombinedOutput(); err != nil {
		first := ""
		for _, l := range strings.Split(string(out), "\n") {
			if located.MatchString(l) && !strings.Contains(l, ": warning: ") {
				first = trim(l)
				break
			}
		}
		fmt.Printf("lambgen validate: exit 1, first problem: %s\n", first)
	} else {
		fmt.Println("lambgen validate: passes")
	}
}

func timed(what string, f func()) {
	start := time.Now()
	f()
	fmt.Printf("%-45s %8.1fs\n", what, time.Since(start).Seconds())
}

// must runs a command in dir, ending the trial if it fails.
func must(dir, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(string(out)))
	}
	return string(out)
}

func countFiles(tree string) (all, paths, comps int) {
	check(filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		all++
		rel, _ := filepath.Rel(tree, p)
		switch {
		case strings.HasPrefix(rel, "paths"+string(filepath.Separator)):
			paths++
		case strings.HasPrefix(rel, "components"+string(filepath.Separator)):
			comps++
		}
		return nil
	}))
	return
}

type stamp struct {
	sum   [32]byte
	mtime time.Time
}

// snapshot is every file of the project but its git folder, with its hash
// and modification time.
func snapshot(dir string) map[string]stamp {
	out := map[string]stamp{}
	check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = stamp{sha256.Sum256(data), fi.ModTime()}
		return nil
	}))
	return out
}

func diffSnapshots(a, b map[string]stamp) []string {
	var out []string
	for p, s := range a {
		if t, ok := b[p]; !ok || t != s {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// editDeepSchema adds a string property to the first schema file (by
// name) that has properties at its top level, as a user editing the
// model would.
func editDeepSchema(dir string) string {
	entries, err := os.ReadDir(dir)
	check(err)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		check(err)
		switch filepath.Ext(p) {
		case ".json":
			var m map[string]any
			if json.Unmarshal(data, &m) != nil {
				continue
			}
			props, ok := m["properties"].(map[string]any)
			if !ok {
				continue
			}
			props[probe] = map[string]any{"type": "string", "description": "Added by the split trial."}
			out, err := json.MarshalIndent(m, "", "  ")
			check(err)
			check(os.WriteFile(p, append(out, '\n'), 0o644))
			return p
		case ".yaml", ".yml":
			lines := strings.SplitAfter(string(data), "\n")
			for i, l := range lines {
				if strings.TrimRight(l, "\r\n") == "properties:" {
					add := "  " + probe + ":\n    type: string\n    description: Added by the split trial.\n"
					lines = append(lines[:i+1], append([]string{add}, lines[i+1:]...)...)
					check(os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644))
					return p
				}
			}
		}
	}
	log.Fatalf("no schema file under %s has properties at its top level", dir)
	return ""
}

func firstMatch(out, sub string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, sub) && !strings.Contains(l, ": warning: ") {
			return trim(strings.TrimSpace(l))
		}
	}
	return trim(firstLine(out))
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

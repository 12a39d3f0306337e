package main

import (
	"embed"
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed project
var helpers embed.FS

// project is one generated project and the binaries built from it.
type project struct {
	name  string
	args  []string
	dir   string
	event []byte
	// bins maps a variant to its bootstrap binary.
	bins map[string]string
}

// variants in the order they are reported.
var variants = []string{"bare", "compiled", "wholespec", "perop"}

// prepare adds the comparison variants to a generated project and builds
// every variant the way the project's Makefile builds bootstrap.
func (p *project) prepare() {
	module := "example.com/" + p.name
	write := func(rel, helper string, replace ...string) {
		data, err := helpers.ReadFile("project/" + helper)
		check(err)
		text := strings.NewReplacer(append([]string{"MODULE", module}, replace...)...).Replace(string(data))
		path := filepath.Join(p.dir, rel)
		check(os.MkdirAll(filepath.Dir(path), 0o755))
		check(os.WriteFile(path, []byte(text), 0o644))
	}
	write("internal/kinvalidate/kinvalidate.go", "kinvalidate.go.txt")
	write("cmd/prune/main.go", "prune.go.txt")
	write("cmd/wholespec/main.go", "kinmain.go.txt", "LOADER", "Whole")
	write("cmd/perop/main.go", "kinmain.go.txt", "LOADER", "PerOp")
	write("cmd/bare/main.go", "baremain.go.txt")
	if p.name == "items" {
		write("handlers/create_item.go", "createitem.go.txt")
		write("handlers/bench_test.go", "bench_test.go.txt")
	}
	// The generated server no longer needs kin-openapi; the variants that
	// stand for the old one do.
	run(p.dir, "go", "get", "github.com/getkin/kin-openapi@v0.153.0")
	run(p.dir, "go", "run", "./cmd/prune")
	p.bins = map[string]string{}
	for _, v := range variants {
		pkg := "./cmd/" + v
		if v == "compiled" {
			pkg = "."
		}
		bin := filepath.Join(p.dir, "bin", v)
		run(p.dir, "go", "build", "-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", bin, pkg)
		p.bins[v] = bin
	}
}

// run runs a command and returns its output; a failure ends the program.
func run(dir, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// ogenProject generates ogen's output for the spec into a module of its own
// and resolves its requirements, the way a user of ogen would set it up.
func ogenProject(dir, ogen, spec string) string {
	p := filepath.Join(dir, "ogen-project")
	check(os.MkdirAll(p, 0o755))
	check(os.WriteFile(filepath.Join(p, "go.mod"), []byte("module example.com/scale\n\ngo 1.26.0\n"), 0o644))
	run(p, nil, ogen, "--target", "api", "--package", "api", "--clean", spec)
	run(p, nil, "go", "mod", "tidy")
	return p
}

type buildResult struct {
	builds     int
	names      []string // ogen, lambgen, and lambgen@REV with -baseline
	src        map[string]string
	deps       map[string]int
	cold, warm map[string][]sample
}

// compilation times go build ./... of the projects, round-robin, in two
// cache states. Cold: an empty GOCACHE, so the standard library and every
// dependency compile too, as on a fresh CI runner. Warm deps: a copy of a
// cache that holds everything but the project's own packages, as on a
// developer's machine after the first build. The module cache is shared
// and filled beforehand, so no run downloads anything. projects maps each
// name to its directory; ogen's is "ogen", this tree's "lambgen".
func compilation(dir string, projects map[string]string, builds int) buildResult {
	r := buildResult{builds: builds, src: map[string]string{}, deps: map[string]int{},
		cold: map[string][]sample{}, warm: map[string][]sample{}}
	for name := range projects {
		r.names = append(r.names, name)
	}
	sort.Strings(r.names) // lambgen, lambgen@REV, ogen
	caches := filepath.Join(dir, "caches")
	depCache := map[string]string{}
	for _, name := range r.names {
		p := projects[name]
		r.src[name] = dirSize(p)
		run(p, []string{"GOFLAGS=-mod=mod"}, "go", "mod", "download")
		depCache[name] = filepath.Join(caches, strings.ReplaceAll(name, "@", "-")+"-deps")
		deps := strings.Fields(run(p, []string{"GOFLAGS=-mod=mod"}, "go", "list", "-deps",
			"-f", "{{with .Module}}{{if not .Main}}{{$.ImportPath}}{{end}}{{else}}{{.ImportPath}}{{end}}", "./..."))
		run(p, []string{"GOFLAGS=-mod=mod", "GOCACHE=" + depCache[name]}, "go", append([]string{"build"}, deps...)...)
		r.deps[name] = len(deps)
	}
	order := append([]string(nil), r.names...)
	for i := 0; i < builds; i++ {
		for _, state := range []string{"cold", "warm"} {
			for _, name := range order {
				cache := filepath.Join(caches, fmt.Sprintf("%s-%s-%d", strings.ReplaceAll(name, "@", "-"), state, i))
				if state == "warm" {
					run(dir, nil, "cp", "-a", depCache[name], cache)
				}
				s := measure(projects[name], []string{"GOFLAGS=-mod=mod", "GOCACHE=" + cache}, "go", "build", "./...")
				check(os.RemoveAll(cache))
				if state == "cold" {
					r.cold[name] = append(r.cold[name], s)
				} else {
					r.warm[name] = append(r.warm[name], s)
				}
			}
		}
		// Each project goes first in turn.
		order = append(order[1:], order[0])
	}
	for _, c := range depCache {
		check(os.RemoveAll(c))
	}
	return r
}

func (r buildResult) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "go build ./..., median of %d builds each (± is the farthest build from the median):\n\n", r.builds)
	for _, name := range r.names {
		fmt.Fprintf(&b, "- %s project: %s, %d packages outside the module\n", name, r.src[name], r.deps[name])
	}
	b.WriteString("\n| cache | project | wall time | peak RSS, largest process | peak RSS, all processes |\n| --- | --- | --- | --- | --- |\n")
	for _, state := range []string{"cold", "warm"} {
		m := r.cold
		label := "empty"
		if state == "warm" {
			m, label = r.warm, "deps compiled"
		}
		rows := append([]string{"ogen"}, slices.DeleteFunc(slices.Clone(r.names), func(n string) bool { return n == "ogen" })...)
		for _, name := range rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", label, name, walls(m[name]).format("s"), maxRSS(m[name]).format("MiB"), treeRSS(m[name]).format("MiB"))
		}
		for _, name := range rows[1:] {
			fmt.Fprintf(&b, "| %s | **%s ÷ ogen** (goal ≤ 0.33) | **%.2f** | **%.2f** | **%.2f** |\n", label, name,
				walls(m[name]).med/walls(m["ogen"]).med, maxRSS(m[name]).med/maxRSS(m["ogen"]).med,
				treeRSS(m[name]).med/treeRSS(m["ogen"]).med)
		}
	}
	return b.String()
}

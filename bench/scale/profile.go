package main

import (
	"os"
	"path/filepath"
	"strings"
)

// profileMain runs what lambgen new runs (load, model, render, write), each
// stage timed, under the CPU profiler, then writes the allocation profile.
// It is written into the work directory as a module that replaces lambgen
// with this repository, so that this module keeps to the standard library.
const profileMain = `package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing/fstest"
	"time"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
	"github.com/lambgen/lambgen/generator/render"
	"github.com/lambgen/lambgen/generator/write"
)

func main() {
	specPath, repo, out := os.Args[1], os.Args[2], os.Args[3]
	rt := fstest.MapFS{}
	srcs, _ := filepath.Glob(filepath.Join(repo, "runtime", "*.go"))
	for _, f := range srcs {
		data, err := os.ReadFile(f)
		must(err)
		rt[filepath.Base(f)] = &fstest.MapFile{Data: data}
	}
	cpu, err := os.Create("cpu.prof")
	must(err)
	must(pprof.StartCPUProfile(cpu))
	t := time.Now()
	lap := func(stage string) {
		fmt.Printf("%-8s %6.2f s\n", stage, time.Since(t).Seconds())
		t = time.Now()
	}
	spec, err := load.File(context.Background(), specPath)
	must(err)
	lap("load")
	api, err := model.Build(spec)
	must(err)
	lap("model")
	cfg := config.Config{Spec: "openapi.yaml", Module: "example.com/scale"}
	cfg.Defaults()
	cfg.Name = config.Slug(api.Title)
	set, err := render.Render(render.Input{Spec: spec, API: api, Config: cfg, Runtime: rt})
	must(err)
	lap("render")
	set.Sort()
	must(write.New(out, set, write.NewManifest(set, write.Operations(api))))
	lap("write")
	pprof.StopCPUProfile()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("allocated %.0f MiB in total, heap reached %.0f MiB, %d GCs\n", float64(ms.TotalAlloc)/(1<<20), float64(ms.HeapSys)/(1<<20), ms.NumGC)
	heap, err := os.Create("allocs.prof")
	must(err)
	must(pprof.Lookup("allocs").WriteTo(heap, 0))
	must(heap.Close())
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
`

// profileGenerate builds and runs the profiling program and returns its
// stage times and the top of both profiles.
func profileGenerate(dir, repo, spec string) string {
	p := filepath.Join(dir, "profile")
	check(os.MkdirAll(p, 0o755))
	mod := "module example.com/profile\n\ngo 1.26.0\n\nrequire github.com/lambgen/lambgen v0.0.0\n\nreplace github.com/lambgen/lambgen => " + repo + "\n"
	check(os.WriteFile(filepath.Join(p, "go.mod"), []byte(mod), 0o644))
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	check(err)
	check(os.WriteFile(filepath.Join(p, "go.sum"), sum, 0o644))
	check(os.WriteFile(filepath.Join(p, "main.go"), []byte(profileMain), 0o644))
	env := []string{"GOFLAGS=-mod=mod"}
	run(p, env, "go", "build", "-o", "profile", ".")
	out := filepath.Join(p, "project")
	check(os.RemoveAll(out))
	var b strings.Builder
	b.WriteString("Profile of lambgen new (stages, then the top of the CPU and allocation profiles):\n\n")
	b.WriteString(run(p, nil, "./profile", spec, repo, out))
	top := func(prof string, flags ...string) {
		args := append(append([]string{"tool", "pprof", "-top", "-nodecount=30"}, flags...), "profile", prof)
		b.WriteString("\n$ go tool pprof -top " + strings.Join(flags, " ") + " " + prof + "\n" + run(p, nil, "go", args...))
	}
	top("cpu.prof", "-cum")
	top("cpu.prof")
	top("allocs.prof", "-sample_index=alloc_space")
	top("allocs.prof", "-sample_index=alloc_space", "-cum")
	return b.String()
}

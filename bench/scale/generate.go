package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type genResult struct {
	runs            int
	lambgen, oapi   []sample
	lambgenFiles    string
	oapiOutputBytes int64
}

// generation times lambgen new and oapi-codegen on the spec, alternating
// which goes first so that a change in the machine's load falls on both.
// One untimed run of each first puts the binaries and the spec in the page
// cache. The last lambgen project is kept for the build and cold-start
// measurements.
func generation(dir, lambgen, oapi, spec string, runs int) genResult {
	gen := filepath.Join(dir, "gen")
	check(os.MkdirAll(gen, 0o755))
	// oapi-codegen looks for a go.mod to learn the Go version its std-http
	// server may use; without one it warns.
	check(os.WriteFile(filepath.Join(gen, "go.mod"), []byte("module example.com/oapi\n\ngo 1.26.0\n"), 0o644))
	project := filepath.Join(dir, "lambgen-project")
	oapiOut := filepath.Join(gen, "api.gen.go")
	doLambgen := func() sample {
		check(os.RemoveAll(project))
		return measure(gen, nil, lambgen, "new", "--spec", spec, "--dir", project, "--module", "example.com/scale")
	}
	doOapi := func() sample {
		return measure(gen, nil, oapi, "-generate", "types,std-http-server,strict-server", "-package", "api", "-o", oapiOut, spec)
	}
	doLambgen()
	doOapi()
	r := genResult{runs: runs}
	for i := 0; i < runs; i++ {
		if i%2 == 0 {
			r.lambgen = append(r.lambgen, doLambgen())
			r.oapi = append(r.oapi, doOapi())
		} else {
			r.oapi = append(r.oapi, doOapi())
			r.lambgen = append(r.lambgen, doLambgen())
		}
	}
	st, err := os.Stat(oapiOut)
	check(err)
	r.oapiOutputBytes = st.Size()
	r.lambgenFiles = dirSize(project)
	return r
}

func (r genResult) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Generation, median of %d runs each (± is the farthest run from the median):\n\n", r.runs)
	b.WriteString("| | wall time | peak RSS | output |\n| --- | --- | --- | --- |\n")
	fmt.Fprintf(&b, "| oapi-codegen | %s | %s | %.1f MB (one file) |\n", walls(r.oapi).format("s"), maxRSS(r.oapi).format("MiB"), float64(r.oapiOutputBytes)/1e6)
	fmt.Fprintf(&b, "| lambgen new | %s | %s | %s |\n", walls(r.lambgen).format("s"), maxRSS(r.lambgen).format("MiB"), r.lambgenFiles)
	fmt.Fprintf(&b, "| **lambgen ÷ oapi-codegen** (goal ≤ 1.5) | **%.2f** | **%.2f** | |\n",
		walls(r.lambgen).med/walls(r.oapi).med, maxRSS(r.lambgen).med/maxRSS(r.oapi).med)
	return b.String()
}

// dirSize describes a project: its Go source and every file.
func dirSize(dir string) string {
	var all, gosrc int64
	n := 0
	check(filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		n++
		all += info.Size()
		if strings.HasSuffix(p, ".go") {
			gosrc += info.Size()
		}
		return nil
	}))
	return fmt.Sprintf("%d files, %.1f MB (%.1f MB of Go)", n, float64(all)/1e6, float64(gosrc)/1e6)
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// telemetryVariants are the Item project as lambgen.yaml configures it:
// telemetry off, the default (access and EMF lines), and tracing on too.
var telemetryVariants = []struct{ name, yaml string }{
	{"off", "telemetry:\n  logs: false\n  metrics: false\n"},
	{"logs+metrics", ""},
	{"logs+metrics+tracing", "telemetry:\n  tracing: true\n"},
}

// sampledTrace is the trace context Lambda hands a sampled invocation of a
// function with Tracing: Active, so that the tracing variant sends its
// subsegment on the first request.
const sampledTrace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"

// telemetryColdStarts generates the Item project once per variant, builds
// each bootstrap and a bare aws-lambda-go function as the Makefile builds
// bootstrap, and starts them round-robin under the Runtime API stand-in.
func telemetryColdStarts(dir, lambgen string, trials int) string {
	event := httpEvent("GET", "/items/5", "")
	bins := map[string]string{}
	for _, v := range telemetryVariants {
		pdir := filepath.Join(dir, "items-"+strings.ReplaceAll(v.name, "+", "-"))
		run(dir, lambgen, "new", "--dir", pdir, "--module", "example.com/items")
		if v.yaml != "" {
			f, err := os.OpenFile(filepath.Join(pdir, "lambgen.yaml"), os.O_APPEND|os.O_WRONLY, 0)
			check(err)
			_, err = f.WriteString(v.yaml)
			check(err)
			check(f.Close())
			run(dir, lambgen, "generate", "--dir", pdir)
		}
		// The stubs answer 501; the cold start includes a real answer.
		data, err := helpers.ReadFile("project/readitem.go.txt")
		check(err)
		check(os.WriteFile(filepath.Join(pdir, "handlers", "read_item.go"), data, 0o644))
		bins[v.name] = build(pdir, ".", v.name)
		if v.name == "off" {
			data, err := helpers.ReadFile("project/baremain.go.txt")
			check(err)
			check(os.MkdirAll(filepath.Join(pdir, "cmd", "bare"), 0o755))
			check(os.WriteFile(filepath.Join(pdir, "cmd", "bare", "main.go"), data, 0o644))
			bins["bare"] = build(pdir, "./cmd/bare", "bare")
		}
	}
	api, err := startRuntimeAPI()
	check(err)
	api.traceID = sampledTrace
	order := []string{"bare"}
	for _, v := range telemetryVariants {
		order = append(order, v.name)
	}
	var starts []start
	for _, v := range order {
		starts = append(starts, start{name: v, bin: bins[v], event: event, want: `"statusCode":200`})
	}
	in, fi := roundRobin(api, starts, trials)
	inits, firsts := map[string][]time.Duration{}, map[string][]time.Duration{}
	for i, v := range order {
		inits[v], firsts[v] = in[i], fi[i]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Cold start of the Item project by telemetry, median of %d starts each (GET /items/5):\n\n", trials)
	b.WriteString("| variant | binary | init | ×bare | first response | ×bare | ×off |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	bareFirst, offFirst := median(firsts["bare"]), median(firsts["off"])
	for _, v := range order {
		st, err := os.Stat(bins[v])
		check(err)
		in, first := median(inits[v]), median(firsts[v])
		fmt.Fprintf(&b, "| %s | %.1f MB | %s | %.2f | %s | %.2f | %.2f |\n", v, float64(st.Size())/1e6, ms(in),
			float64(in)/float64(median(inits["bare"])), ms(first), float64(first)/float64(bareFirst), float64(first)/float64(offFirst))
	}
	return b.String()
}

func build(dir, pkg, name string) string {
	bin := filepath.Join(dir, "bin", name)
	run(dir, "go", "build", "-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", bin, pkg)
	return bin
}

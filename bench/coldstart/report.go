package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// coldStarts starts every binary trials times, round-robin so that drift in
// the machine's load spreads over all variants alike, and tabulates the
// medians.
func coldStarts(api *runtimeAPI, projects []*project, trials int) string {
	type key struct{ project, variant string }
	var keys []key
	var starts []start
	for _, p := range projects {
		for _, v := range variants {
			keys = append(keys, key{p.name, v})
			starts = append(starts, start{name: p.name + "/" + v, bin: p.bins[v], event: p.event, want: `"statusCode":`})
		}
	}
	in, fi := roundRobin(api, starts, trials)
	inits := map[key][]time.Duration{}
	firsts := map[key][]time.Duration{}
	for i, k := range keys {
		inits[k], firsts[k] = in[i], fi[i]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Cold start, median of %d starts each (process start to first /next, and to first response):\n\n", trials)
	b.WriteString("| spec | variant | binary | init | ×bare | first response | ×bare |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, p := range projects {
		bareInit, bareFirst := median(inits[key{p.name, "bare"}]), median(firsts[key{p.name, "bare"}])
		for _, v := range variants {
			k := key{p.name, v}
			in, first := median(inits[k]), median(firsts[k])
			st, err := os.Stat(p.bins[v])
			check(err)
			fmt.Fprintf(&b, "| %s | %s | %.1f MB | %s | %.2f | %s | %.2f |\n", p.name, v, float64(st.Size())/1e6,
				ms(in), float64(in)/float64(bareInit), ms(first), float64(first)/float64(bareFirst))
		}
	}
	return b.String()
}

// start is one bootstrap to start, with the event it answers and what its
// first answer must hold ("" for anything).
type start struct {
	name, bin string
	event     []byte
	want      string
}

// roundRobin starts each bootstrap trials times, one after the other, so
// that drift in the machine's load spreads over all of them alike, and
// returns each one's times to its first /next and to its first response.
func roundRobin(api *runtimeAPI, starts []start, trials int) (inits, firsts [][]time.Duration) {
	inits, firsts = make([][]time.Duration, len(starts)), make([][]time.Duration, len(starts))
	for i := 0; i < trials; i++ {
		for j, s := range starts {
			in, first, body, err := api.measure(s.bin, s.event)
			if err != nil {
				log.Fatal(err)
			}
			if i == 0 && !strings.Contains(string(body), s.want) {
				log.Fatalf("%s answered %s", s.name, body)
			}
			inits[j] = append(inits[j], in)
			firsts[j] = append(firsts[j], first)
		}
	}
	return inits, firsts
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

// perRequest tabulates the medians of go test -bench output per variant,
// with each variant's ratio to the server without validation.
func perRequest(out string) string {
	ns := map[string][]float64{}
	allocs := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkItemPOST/variant=") {
			continue
		}
		v := strings.TrimPrefix(f[0], "BenchmarkItemPOST/variant=")
		if i := strings.LastIndexByte(v, '-'); i > 0 {
			v = v[:i]
		}
		x, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			continue
		}
		ns[v] = append(ns[v], x)
		if len(f) >= 8 {
			allocs[v] = f[4] + " B/op, " + f[6] + " allocs/op"
		}
	}
	med := func(xs []float64) float64 {
		s := append([]float64(nil), xs...)
		sort.Float64s(s)
		if len(s) == 0 {
			return 0
		}
		if len(s)%2 == 1 {
			return s[len(s)/2]
		}
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	var b strings.Builder
	b.WriteString("Per request, POST /items/ (median ns/op of go test -bench):\n\n| variant | ns/op | ×plain | memory |\n| --- | --- | --- | --- |\n")
	base := med(ns["plain"])
	for _, v := range []string{"plain", "compiled", "wholespec", "perop"} {
		fmt.Fprintf(&b, "| %s | %.0f | %.2f | %s |\n", v, med(ns[v]), med(ns[v])/base, allocs[v])
	}
	return b.String()
}

// benchstat runs benchstat from golang.org/x/perf on the benchmark output;
// without it the raw output stands.
func benchstat(dir, file string) string {
	cmd := exec.Command("go", "run", "golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da", "-col", "/variant", filepath.Base(file))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "(benchstat did not run: " + err.Error() + ")\n" + string(out)
	}
	return string(out)
}

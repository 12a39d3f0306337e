package main

import (
	"fmt"
	"log"
	"os"
	"strings"
)

// compareColdStarts starts already built bootstraps round-robin under the
// Runtime API stand-in, each answering event, so that two builds of one
// project (a change and the tree before it) meet the same load. bins are
// name=path pairs; the first is the base the ratios are to.
func compareColdStarts(bins []string, event []byte, trials int) string {
	api, err := startRuntimeAPI()
	check(err)
	var names, paths []string
	var starts []start
	for _, b := range bins {
		name, path, ok := strings.Cut(b, "=")
		if !ok {
			log.Fatalf("-compare %q: want name=path", b)
		}
		names, paths = append(names, name), append(paths, path)
		starts = append(starts, start{name: name, bin: path, event: event})
	}
	inits, firsts := roundRobin(api, starts, trials)
	var b strings.Builder
	fmt.Fprintf(&b, "Cold start, median of %d starts each, round-robin:\n\n", trials)
	b.WriteString("| bootstrap | binary | init | ×" + names[0] + " | first response | ×" + names[0] + " |\n| --- | --- | --- | --- | --- | --- |\n")
	for j := range names {
		st, err := os.Stat(paths[j])
		check(err)
		in, first := median(inits[j]), median(firsts[j])
		fmt.Fprintf(&b, "| %s | %.1f MB | %s | %.2f | %s | %.2f |\n", names[j], float64(st.Size())/1e6, ms(in),
			float64(in)/float64(median(inits[0])), ms(first), float64(first)/float64(median(firsts[0])))
	}
	return b.String()
}

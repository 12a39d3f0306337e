package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// sample is one measured run of a command.
type sample struct {
	wall time.Duration
	// maxRSS is the largest resident set of any one process in the run
	// (what /usr/bin/time -v reports): for go build, the biggest compile.
	maxRSS int64
	// treeRSS is the largest sum of the resident sets of every process in
	// the run at one moment, sampled: go build runs compiles in parallel,
	// and the machine has to hold all of them.
	treeRSS int64
}

// measure runs a command in its own process group and records its wall
// time and memory. A failure ends the program, because a ratio against a
// run that did not finish means nothing.
func measure(dir string, env []string, name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "CGO_ENABLED=0"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	done := make(chan struct{})
	peak := make(chan int64)
	go func() { peak <- pollTree(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	tree := <-peak
	if err != nil {
		log.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, tail(out.String(), 4000))
	}
	s := sample{wall: wall, treeRSS: tree}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = ru.Maxrss * 1024
	}
	s.treeRSS = max(s.treeRSS, s.maxRSS)
	return s
}

// pollTree sums the resident sets of the process group pgid every 10 ms
// until done and returns the largest sum. Reading /proc is cheap next to
// a compile, and a sample every 10 ms cannot miss a compile that matters.
func pollTree(pgid int, done <-chan struct{}) int64 {
	page := int64(os.Getpagesize())
	var best int64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		var sum int64
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, p := range stats {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			// The command name is in parentheses and may hold spaces;
			// the fields after the last ')' start at field 3 (state).
			f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
			if len(f) < 22 || f[2] != strconv.Itoa(pgid) {
				continue
			}
			rss, _ := strconv.ParseInt(f[21], 10, 64)
			sum += rss * page
		}
		best = max(best, sum)
		select {
		case <-done:
			return best
		case <-tick.C:
		}
	}
}

// stats is the median and range of one metric over several runs.
type stats struct{ med, lo, hi float64 }

func summarize(xs []float64) stats {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stats{m, s[0], s[len(s)-1]}
}

func walls(ss []sample) stats {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, s.wall.Seconds())
	}
	return summarize(xs)
}

func maxRSS(ss []sample) stats {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, float64(s.maxRSS)/(1<<20))
	}
	return summarize(xs)
}

func treeRSS(ss []sample) stats {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, float64(s.treeRSS)/(1<<20))
	}
	return summarize(xs)
}

// spread is the range as a share of the median, the way benchstat's ±
// reads: how far the worst run was from the median.
func (s stats) spread() string {
	if s.med == 0 {
		return "0%"
	}
	return fmt.Sprintf("±%.0f%%", 100*max(s.hi-s.med, s.med-s.lo)/s.med)
}

func (s stats) format(unit string) string {
	return fmt.Sprintf("%.2f %s %s", s.med, unit, s.spread())
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

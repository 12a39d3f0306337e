package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

func printChange(w io.Writer, ch write.Change) {
	line := fmt.Sprintf("  %-15s %s", ch.Action, ch.Path)
	if ch.Reason != "" {
		line += ": " + ch.Reason
	}
	fmt.Fprintln(w, line)
}

func printNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
}

// stale reports an out-of-date project as a failure, for CI.
func stale(w io.Writer, dir, spec string, plan *write.Plan, list bool) error {
	var out []write.Change
	for _, ch := range plan.Changes {
		if ch.Writes() || ch.Action == write.Refuse {
			out = append(out, ch)
		}
	}
	if len(out) == 0 {
		fmt.Fprintf(w, "%s is up to date with %s\n", dir, spec)
		return nil
	}
	if list {
		fmt.Fprintf(w, "%s is out of date with %s:\n", dir, spec)
		for _, ch := range out {
			printChange(w, ch)
		}
	}
	return fail(fmt.Errorf("%s is out of date: %d file(s) differ from what lambgen generate would write (run lambgen generate --dir %s)", dir, len(out), dir))
}

// printDiff shows every change that writes or is refused as a unified
// diff. The manifest is left out: its lines are hashes of the files shown.
func printDiff(w io.Writer, plan *write.Plan, color bool) {
	for _, ch := range plan.Changes {
		if (!ch.Writes() && ch.Action != write.Refuse) || ch.Path == files.ManifestPath {
			continue
		}
		oldName, newName := "a/"+ch.Path, "b/"+ch.Path
		if ch.Old == nil {
			oldName = "/dev/null"
		}
		if ch.New == nil {
			newName = "/dev/null"
		}
		d := diff.Diff(oldName, ch.Old, newName, ch.New)
		if !color {
			w.Write(d)
			continue
		}
		for _, l := range strings.SplitAfter(string(d), "\n") {
			fmt.Fprint(w, paint(l))
		}
	}
}

// paint colours one diff line as git does.
func paint(l string) string {
	if l == "" {
		return l
	}
	body := strings.TrimSuffix(l, "\n")
	nl := l[len(body):]
	switch {
	case strings.HasPrefix(l, "diff "), strings.HasPrefix(l, "--- "), strings.HasPrefix(l, "+++ "):
		return "\x1b[1m" + body + "\x1b[0m" + nl
	case strings.HasPrefix(l, "@@"):
		return "\x1b[36m" + body + "\x1b[0m" + nl
	case strings.HasPrefix(l, "+"):
		return "\x1b[32m" + body + "\x1b[0m" + nl
	case strings.HasPrefix(l, "-"):
		return "\x1b[31m" + body + "\x1b[0m" + nl
	}
	return l
}

// colorable is true only for a terminal, and never when NO_COLOR is set
// (https://no-color.org).
func colorable(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

package load

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one finding in a spec, located as precisely as the loader
// allows. Line and Column are zero when only the file is known.
type Problem struct {
	File    string
	Line    int
	Column  int
	Message string
	// Class names the kind of finding; its severity comes from the table
	// in severity.go. The zero class is Invalid's severity: an error.
	Class Class
}

// Severity is the class's severity from the table.
func (p Problem) Severity() Severity { return SeverityOf(p.Class) }

func (p Problem) String() string {
	msg := p.Message
	if p.Severity() == Warning {
		msg = "warning: " + msg
	}
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, msg)
	default:
		return fmt.Sprintf("%s: %s", p.File, msg)
	}
}

// Problems is every problem found in one spec. It is an error so that a
// caller can report them all at once instead of one per run.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Split separates errors from warnings, keeping the order.
func (ps Problems) Split() (errs, warnings Problems) {
	for _, p := range ps {
		if p.Severity() == Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, p)
		}
	}
	return errs, warnings
}

// Sorted orders problems by file, line, column and message, and drops
// exact repeats, so a report reads top to bottom like the file.
func (ps Problems) Sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && p.File == out[n-1].File && p.Line == out[n-1].Line && p.Column == out[n-1].Column && p.Message == out[n-1].Message {
			continue
		}
		out = append(out, p)
	}
	return out
}

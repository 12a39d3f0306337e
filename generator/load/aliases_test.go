package load

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestAliasesAreBounded pins the refusal of documents whose aliases cannot
// be expanded in bounded memory: one that contains itself (directly, and in
// a file a $ref reaches) and a "billion laughs". Each must be located at the
// alias, and refused quickly rather than after exhausting memory.
func TestAliasesAreBounded(t *testing.T) {
	cases := []struct{ file, want string }{
		{"testdata/aliases/self.yaml", "testdata/aliases/self.yaml:5:10: invalid YAML: alias *a is inside the value of its own anchor &a (line 2), so that value would be infinite (want an alias outside the anchored value)"},
		{"testdata/aliases/split/root.yaml", "testdata/aliases/split/path.yaml:5:16: invalid YAML: alias *op is inside the value of its own anchor &op (line 1), so that value would be infinite (want an alias outside the anchored value)"},
		{"testdata/aliases/laughs.yaml", "testdata/aliases/laughs.yaml:11:48: invalid YAML: its aliases expand to more than 1048576 values (want fewer or smaller anchors; a spec's shared definitions belong in components and $ref)"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			start := time.Now()
			_, err := File(context.Background(), c.file)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			if got := ps.Error(); got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

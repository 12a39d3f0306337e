package e2e

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/lambgen/lambgen/internal/cli"
)

const itemsDir = "../../examples/items"

// TestExampleUpToDate fails when examples/items holds generated files that
// lambgen would now write differently: the example must show what lambgen
// generates today.
func TestExampleUpToDate(t *testing.T) {
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), []string{"lambgen", "generate", "--dir", itemsDir, "--check"}, &out, &errb,
		cli.Env{Runtime: os.DirFS("../../runtime")})
	if code != 0 {
		t.Fatalf("examples/items is stale (run: go run . generate --dir examples/items):\n%s%s", out.String(), errb.String())
	}
}

// TestExampleItems runs the example project's own checks, as its README
// tells a user to: vet, and its tests over HTTP and through a v2 event.
func TestExampleItems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example project")
	}
	goCmd(t, itemsDir, nil, "vet", "./...")
	goCmd(t, itemsDir, nil, "test", "-count=1", "./...")
}

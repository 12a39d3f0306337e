package e2e

import "testing"

const itemsDir = "../../examples/items"

// TestExampleItems runs the example project's own checks, as its README
// tells a user to: vet, and its tests over HTTP and through a v2 event.
func TestExampleItems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example project")
	}
	goCmd(t, itemsDir, nil, "vet", "./...")
	goCmd(t, itemsDir, nil, "test", "-count=1", "./...")
}

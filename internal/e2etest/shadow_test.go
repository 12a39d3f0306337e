package e2etest

import (
	"strings"
	"testing"
)

// TestShadowedNames generates a spec whose components take names the api
// package would otherwise re-export from the contract package (Problem,
// Option, Authenticator) or that Go code often uses (Error, Server,
// Route), and demands that the project builds, vets and serves, its own
// tests and the fixture's alike.
func TestShadowedNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated project")
	}
	dir := project(t, "shadow", false)
	goCmd(t, dir, "vet", "./...")
	out := goCmd(t, dir, "test", "-count=1", "./...")
	for _, pkg := range []string{"example.com/shadow/api", "example.com/shadow/handlers"} {
		if !strings.Contains(out, "ok  \t"+pkg) {
			t.Fatalf("%s did not pass:\n%s", pkg, out)
		}
	}
}

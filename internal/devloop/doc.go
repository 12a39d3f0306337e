// Package devloop runs a lambgen project the way `lambgen dev` does: it
// watches the spec, lambgen.yaml and the Go sources, regenerates after a
// spec change, rebuilds after any change and restarts the server on the
// same port, and keeps the previous server while a build fails.
package devloop

// Package deploy takes a generated project to AWS: it builds the bootstrap
// binary and a reproducible zip, writes a packaged template, describes the
// routes, and validates the spec and template.yaml offline with the rules
// API Gateway and SAM apply at deploy time.
//
// It reads a project the way lambgen new left it (lambgen.yaml, the spec,
// template.yaml, handlers/) and derives everything else from the same model
// the templates were rendered from, so its answers cannot drift from them.
package deploy

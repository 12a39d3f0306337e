// Package contract is the server half of a lambgen project: the router,
// request (and opt-in response) validation, security enforcement and
// problem+json answers, driven by the tables of one spec.
//
// lambgen's model compiles a spec into a Spec of this package's own types,
// and render prints it as a composite literal into the project's
// api/spec.gen.go; the compiler checks that the two agree. Every project
// gets a copy of this package as internal/contract, as it gets the
// adapter as internal/lambdahttp, so it depends only on public modules.
//
// Adding a JSON Schema keyword means a field on Schema, its check in
// check.go, and the line of generator/model/schema.go that fills it in.
package contract

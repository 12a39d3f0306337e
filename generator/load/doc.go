// Package load turns a spec file into a validated *openapi3.T, or into a
// sorted list of problems that each name the file, line and column.
//
// It is the first stage of lambgen's pipeline (load → model → render →
// write). Swagger 2.0 documents are converted to OpenAPI 3 here, and remote
// $refs are refused here, so that later stages only ever see a local,
// complete OpenAPI 3 document.
package load

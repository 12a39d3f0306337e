// Package generator runs lambgen's pipeline: load the spec, build the
// model, render the project in memory. Writing is left to the caller
// (package write), so that new, generate, --check, --diff and --dry-run all
// consume the same result.
package generator

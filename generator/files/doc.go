// Package files holds the in-memory result of rendering a project and the
// one table that says who owns each file.
package files

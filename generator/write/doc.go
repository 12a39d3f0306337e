// Package write is the only stage that touches the project directory. It
// applies the ownership rules of package files, records generated files in
// the manifest, and never leaves a project half written.
package write

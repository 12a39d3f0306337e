// Package cli is lambgen's command line. Run takes its arguments and output
// streams and returns an exit code, so tests drive it in-process and nothing
// below main calls os.Exit.
package cli

// Package e2e runs the example project the way users and AWS do: its own
// tests with the go command, and its bootstrap under the AWS Lambda Runtime
// Interface Emulator, invoked with real proxy-event shapes.
package e2e

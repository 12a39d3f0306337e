// Package e2etest generates whole projects from specs under testdata,
// fills in their handlers from fixtures, and checks them from outside: the
// generated tests, requests over HTTP, and an independent OpenAPI proxy.
// It holds tests only.
package e2etest

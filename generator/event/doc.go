// Package event builds the Lambda event that an API Gateway REST API, an
// HTTP API, an Application Load Balancer or a Function URL would send for
// one operation of a project, as `sam local generate-event` does for a
// generic API, but filled in from the spec: the path, the parameters, a
// sample body and placeholder credentials that pass the server's checks.
package event

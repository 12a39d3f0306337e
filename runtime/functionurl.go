package lambdahttp

// Lambda function URL events have the payload 2.0 shape and are told apart
// from HTTP API events by their domain name (*.lambda-url.<region>.on.aws).
// Buffered responses use the payload 2.0 response shape; with WithStreaming
// the response is streamed instead (see stream.go).

// decodeFunctionURL reads a function URL event. Unlike HTTP APIs, function
// URLs pass rawPath percent-encoded, as the client sent it.
func decodeFunctionURL(sc *scanner, f *fields, p *reqParts) {
	decodeV2(sc, f, p, FunctionURL)
}

// encodeFunctionURL writes a buffered function URL response.
func encodeFunctionURL(dst []byte, r *response) []byte {
	return encodeV2(dst, r)
}

// Package lambdahttp serves AWS Lambda HTTP events with a standard
// http.Handler, in the spirit of Python's Mangum. It is the runtime that
// lambgen copies into every generated project:
//
//	func main() {
//		lambdahttp.Start(api.Handler(server), lambdahttp.WithBinaryTypes("image/png"))
//	}
//
// # Event sources
//
// One function can sit behind any of these, and the adapter tells them apart
// from the payload itself by looking at a few top-level keys, without
// decoding the event first:
//
//   - RESTv1: API Gateway REST APIs (proxy integration, payload 1.0);
//   - HTTPv1 and HTTPv2: API Gateway HTTP APIs with payload 1.0 or 2.0;
//   - ALB: Application Load Balancer targets, in single- and multi-value
//     header mode (the response uses the mode of the request);
//   - FunctionURL: Lambda function URLs (payload 2.0 shape, told apart by
//     their *.lambda-url.* domain), buffered or, with WithStreaming, in
//     RESPONSE_STREAM mode.
//
// Anything else (WebSocket and authorizer events, queue and stream records,
// VPC Lattice, responses, garbage) is refused with an error that says what
// the payload looks like, for example
//
//	lambdahttp: unsupported event: WebSocket API event (requestContext.eventType "MESSAGE")
//
// Invoke never panics, whatever the input; malformed JSON gives a
// *SyntaxError.
//
// # Requests
//
// The request is built the way net/http's server would build it: Host moved
// out of the header map into Request.Host, canonical header names, repeated
// headers kept as separate values, RequestURI, ContentLength and a
// RemoteAddr of "ip:0" ("[ip]:0" for IPv6) from the source IP (for ALB, the
// last X-Forwarded-For entry). URL.Scheme comes from X-Forwarded-Proto (https
// when absent) and URL.Host from the Host header or the event's domain name.
//
// The sources disagree on encoding, and each is read as it is sent:
//
//   - Paths: REST APIs, ALB and function URLs pass the path percent-encoded,
//     so it is decoded into URL.Path with URL.RawPath kept where needed;
//     HTTP APIs (both payload versions) pass it already decoded.
//   - Query strings: REST and HTTP API 1.0 parameters arrive decoded and are
//     encoded once, in event order; HTTP API 2.0's rawQueryString is used
//     verbatim; ALB parameters arrive still encoded and are joined as they
//     are, never decoded and encoded again.
//   - Cookies: payload 2.0's cookies array becomes one Cookie header (a
//     cookie header that function URLs also send is not added twice).
//   - Bodies flagged isBase64Encoded are decoded. A flagged body that is not
//     valid base64 is passed through unchanged: hand-written test events
//     (serverless-go-demo's among them) set the flag on plain JSON.
//
// Requests that net/http's server would refuse before its handler runs get
// a 400 problem answer instead, and the handler is not called: header names
// that are not tokens, header values (cookies included) with control bytes
// other than tab, a malformed Host, and a percent-encoded path that does not
// decode.
//
// WithBasePath removes a custom-domain base path, whole segments only.
// Requests that reach an HTTP API through its own execute-api host with a
// named stage carry the stage as the first path segment; it is removed
// unless WithStageStripping(false) says otherwise. REST API paths never
// carry the stage (API Gateway removes it), so they are not changed.
//
// The Lambda context passed to Invoke is the request's context, so
// lambdacontext.FromContext works in handlers. EventFromContext gives the
// event's source and raw payload; RequestContextFromContext decodes the
// requestContext, authorizer results included, the first time it is asked
// for.
//
// # Responses
//
// Responses follow net/http: status 200 when the handler sets none, the
// first WriteHeader wins, header changes after it are ignored, Content-Type
// is sniffed when missing. The envelope matches the source: Set-Cookie goes
// to the cookies list (payload 2.0), to multiValueHeaders (payload 1.0 and
// multi-value ALB) or, for single-value ALB, to differently-cased header
// names; it is never comma-joined. ALB responses carry statusDescription.
// Header fields are cleaned as net/http writes them: names that are not
// tokens are dropped, CR and LF in values become spaces and surrounding
// white space is trimmed, so a handler cannot split a header whatever it
// copies into one.
//
// A Location that is an absolute path gets back the part of the client's
// URL the handler did not see: the stage on the execute-api host (for REST
// APIs too, whose event paths lack it) and the base path. The handler's
// value is kept as written, so nothing is escaped twice.
//
// Bodies are sent as text when their media type is textual (text/*, JSON,
// XML, JavaScript, YAML, form data, problem details, OpenAPI documents and
// the +json and +xml suffixes, extended with WithTextTypes) and the bytes are
// valid UTF-8, and base64-encoded otherwise; always base64 when the response
// has a Content-Encoding, and always for WithBinaryTypes.
//
// Compressible buffered bodies of 1 KiB or more (see WithCompression) are
// gzip- or brotli-encoded as the request's Accept-Encoding allows, with
// Vary: Accept-Encoding, unless the handler encoded them itself. A response
// over Lambda's 6 MB payload limit (measured after base64 and JSON escaping)
// is compressed if the client accepts that and it then fits; otherwise
// Invoke returns an error saying so.
//
// A panicking handler produces a 500 with the RFC 9457 problem body
// {"type":"about:blank","title":"Internal Server Error","status":500},
// nothing of what the handler wrote, and a log entry with the stack.
//
// # Performance
//
// Decoding an event with encoding/json costs more than the rest of a typical
// invocation. The adapter instead scans the payload once with a small
// purpose-built scanner that records where the fields it needs are and
// skips the rest; strings come out as substrings of one copy of the payload.
// The response envelope is written by hand with append, into a buffer sized
// in advance, and response writers are pooled. See BENCHMARKS.md in the
// repository for a comparison with aws-lambda-go-api-proxy.
package lambdahttp

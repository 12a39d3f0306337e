package lambdahttp

import "net/http"

// The adapter's own answers are RFC 9457 problem details with fixed text:
// nothing of the request, the handler or Go's error messages is echoed.

const problemType = "application/problem+json"

// problem500 is the body sent when a handler panics.
const problem500 = `{"type":"about:blank","title":"Internal Server Error","status":500}`

// refusal is a reason for answering 400 instead of calling the handler: a
// request that net/http's server refuses before its handler runs. It is a
// byte, not a string, to keep the per-request exchange in its size class.
type refusal uint8

const (
	accepted refusal = iota
	badHeaderName
	badHeaderValue
	badHost
	badPath
)

// detail is the problem's detail: constant text, never the request's.
func (r refusal) detail() string {
	switch r {
	case badHeaderName:
		return "invalid header field name"
	case badHeaderValue:
		return "invalid header field value"
	case badHost:
		return "malformed Host header"
	case badPath:
		return "invalid percent-encoding in path"
	}
	return ""
}

func problem400(r refusal) string {
	return `{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + r.detail() + `"}`
}

// refuse answers a request that never reaches the handler.
func refuse(w *responseWriter, r refusal) {
	w.replace(http.StatusBadRequest, problemType, problem400(r))
}

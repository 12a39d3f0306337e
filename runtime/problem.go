package lambdahttp

import "net/http"

// The adapter's own answers are RFC 9457 problem details with fixed text:
// nothing of the request, the handler or Go's error messages is echoed.

const problemType = "application/problem+json"

// problem500 is the body sent when a handler panics.
const problem500 = `{"type":"about:blank","title":"Internal Server Error","status":500}`

// Reasons for answering 400 instead of calling the handler: requests that
// net/http's server refuses before its handler runs. They are the problem's
// detail, so they must stay constant text.
const (
	badHeaderName  = "invalid header field name"
	badHeaderValue = "invalid header field value"
	badHost        = "malformed Host header"
	badPath        = "invalid percent-encoding in path"
)

func problem400(detail string) string {
	return `{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + detail + `"}`
}

// refuse answers a request that never reaches the handler.
func refuse(w *responseWriter, detail string) {
	w.replace(http.StatusBadRequest, problemType, problem400(detail))
}

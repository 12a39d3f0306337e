package contract

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// RequestIDHeader carries a request's id: the client's, or one made up.
const RequestIDHeader = "X-Request-Id"

// RequestLines writes one line per request to out once it is answered:
// method, path, operationId ("-" when no operation took it), status,
// duration and request id. It is the local development server's log, so
// it is plain text for a terminal; a request without an id gets one, which
// the response carries so that a client can quote it.
func RequestLines(s *Server, next http.Handler, out io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(RequestIDHeader)
		if id == "" {
			id = newRequestID()
			r.Header.Set(RequestIDHeader, id)
		}
		w.Header().Set(RequestIDHeader, id)
		sw := &statusWriter{ResponseWriter: w}
		target := r.URL.RequestURI()
		if r.RequestURI != "" {
			target = r.RequestURI
		}
		defer func() {
			op := "-"
			if i := s.spec.operationFor(r.Pattern); r.Pattern != "" && i >= 0 {
				op = s.spec.Operations[i].ID
			}
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			mu.Lock()
			fmt.Fprintf(out, "%s %s %s %d %s id=%s\n", r.Method, target, op, sw.status, roundDuration(time.Since(start)), id)
			mu.Unlock()
		}()
		next.ServeHTTP(sw, r)
	})
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package lambdahttp

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"
)

// maxResponseBytes is Lambda's limit on a synchronous response payload. It
// applies to the encoded envelope, so base64 growth and JSON escaping count.
const maxResponseBytes = 6 * 1024 * 1024

// responseWriter buffers a handler's response. Writers are pooled with their
// header map and body buffer: by the http.ResponseWriter contract a handler
// may not use them after ServeHTTP returns.
type responseWriter struct {
	header http.Header // what Header returns
	snap   http.Header // the header as it was at WriteHeader
	status int
	head   bool
	buf    []byte
	res    response
	zbuf   bytes.Buffer
}

var writerPool = sync.Pool{New: func() any { return new(responseWriter) }}

func getWriter(head bool) *responseWriter {
	w := writerPool.Get().(*responseWriter)
	w.head = head
	return w
}

func putWriter(w *responseWriter) {
	h := w.header
	if h == nil {
		h = w.snap
	}
	if len(h) > 64 {
		h = nil // a map never shrinks; do not keep an unusually large one
	}
	clear(h)
	buf := w.buf[:0]
	if cap(buf) > 1<<20 {
		buf = nil
	}
	z := w.zbuf
	z.Reset()
	if z.Cap() > 1<<20 {
		z = bytes.Buffer{}
	}
	keys := w.res.keys[:0]
	*w = responseWriter{header: h, buf: buf, zbuf: z}
	w.res.keys = keys
	writerPool.Put(w)
}

// Header returns the response header. As with net/http, changes made after
// WriteHeader do not affect the response.
func (w *responseWriter) Header() http.Header {
	if w.header == nil {
		if w.snap != nil {
			w.header = w.snap.Clone()
		} else {
			w.header = make(http.Header)
		}
	}
	return w.header
}

// WriteHeader sets the status. Only the first call counts; informational
// (1xx) codes cannot be sent through Lambda and are ignored.
func (w *responseWriter) WriteHeader(code int) {
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if w.status != 0 || code < 200 && code != http.StatusSwitchingProtocols {
		return
	}
	w.status = code
	w.snap, w.header = w.header, nil
	if w.snap == nil {
		w.snap = make(http.Header)
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if !w.head {
		w.buf = append(w.buf, p...)
	}
	return len(p), nil
}

func (w *responseWriter) WriteString(s string) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if !w.head {
		w.buf = append(w.buf, s...)
	}
	return len(s), nil
}

// Flush is accepted and does nothing: a buffered response leaves in one
// piece. See WithStreaming.
func (w *responseWriter) Flush() {}

// replace discards everything written so far for a fixed response.
func (w *responseWriter) replace(status int, contentType, body string) {
	h := w.header
	if h == nil {
		h = w.snap
	}
	if h == nil {
		h = make(http.Header, 1)
	}
	clear(h)
	h["Content-Type"] = []string{contentType}
	w.status, w.snap, w.header = status, h, nil
	w.buf = append(w.buf[:0], body...)
}

func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// result prepares the buffered response for encoding: default status,
// sniffed Content-Type (as net/http does when the handler sets none),
// compression and the choice between text and base64.
func (a *Adapter) result(x *exchange, w *responseWriter) *response {
	r := &w.res
	r.status, r.header = w.status, w.snap
	if r.status == 0 {
		r.status, r.header = http.StatusOK, w.header
	}
	if r.header == nil {
		r.header = make(http.Header)
	}
	sanitizeHeader(r.header)
	a.restoreLocation(r.header, x.mount, x.inv.ev.Stage)
	r.body = w.buf
	ce := r.header.Get("Content-Encoding")
	if _, ok := r.header["Content-Type"]; !ok && ce == "" && len(r.body) > 0 {
		r.header["Content-Type"] = []string{http.DetectContentType(r.body)}
	}
	ct := r.header.Get("Content-Type")
	if ce == "" && a.cfg.compressMin >= 0 && len(r.body) >= a.cfg.compressMin &&
		r.status != http.StatusPartialContent && a.cfg.compressible(ct) {
		addVary(r.header, "Accept-Encoding")
		if enc := negotiate(x.req.Header["Accept-Encoding"]); enc != "" {
			ce = a.compressInto(w, r, enc)
		}
	}
	r.base64 = len(r.body) > 0 && (ce != "" || !a.cfg.isText(ct) || !utf8.Valid(r.body))
	r.sortKeys()
	return r
}

func (a *Adapter) encode(x *exchange, w *responseWriter) ([]byte, error) {
	r := a.result(x, w)
	out := envelope(make([]byte, 0, r.sizeHint()), x, r)
	if len(out) <= maxResponseBytes {
		return out, nil
	}
	// Too large for Lambda: compression may still bring it under the limit,
	// whatever the type and threshold, if the client accepts it.
	if r.header.Get("Content-Encoding") == "" && a.cfg.compressMin >= 0 {
		if enc := negotiate(x.req.Header["Accept-Encoding"]); enc != "" {
			a.compressInto(w, r, enc)
			addVary(r.header, "Accept-Encoding")
			r.base64 = true
			r.sortKeys()
			out = envelope(out[:0], x, r)
			if len(out) <= maxResponseBytes {
				return out, nil
			}
		}
	}
	err := fmt.Errorf("lambdahttp: response of %d bytes (body %d bytes%s) exceeds Lambda's %d-byte payload limit",
		len(out), len(r.body), map[bool]string{true: ", base64-encoded", false: ""}[r.base64], maxResponseBytes)
	a.logger().ErrorContext(x.req.Context(), err.Error(), slog.String("method", x.req.Method), slog.String("path", x.req.URL.Path))
	return nil, err
}

func envelope(dst []byte, x *exchange, r *response) []byte {
	switch x.inv.ev.Source {
	case HTTPv2:
		return encodeV2(dst, r)
	case FunctionURL:
		return encodeFunctionURL(dst, r)
	case ALB:
		return encodeALB(dst, r, x.multi)
	}
	return encodeV1(dst, r)
}

// compressInto compresses r.body into the writer's spare buffer and updates
// the headers. It returns the content coding, or "" if compression failed
// and the body was left alone.
func (a *Adapter) compressInto(w *responseWriter, r *response, enc string) string {
	w.zbuf.Reset()
	if err := compress(&w.zbuf, enc, r.body); err != nil {
		return ""
	}
	r.body = w.zbuf.Bytes()
	r.header["Content-Encoding"] = []string{enc}
	delete(r.header, "Content-Length")
	if et := r.header["Etag"]; len(et) == 1 && len(et[0]) > 0 && et[0][0] == '"' {
		// The compressed representation is not byte-identical to the one
		// the strong validator was computed for.
		r.header["Etag"] = []string{"W/" + et[0]}
	}
	return enc
}

func addVary(h http.Header, name string) {
	for _, v := range h["Vary"] {
		for _, f := range splitComma(v) {
			if f == "*" || strings.EqualFold(f, name) {
				return
			}
		}
	}
	h["Vary"] = append(h["Vary"], name)
}

func splitComma(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ',' {
			i++
		}
		f := s[:i]
		for len(f) > 0 && (f[0] == ' ' || f[0] == '\t') {
			f = f[1:]
		}
		for len(f) > 0 && (f[len(f)-1] == ' ' || f[len(f)-1] == '\t') {
			f = f[:len(f)-1]
		}
		out = append(out, f)
		if i == len(s) {
			break
		}
		s = s[i+1:]
	}
	return out
}

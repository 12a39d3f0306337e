package lambdahttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Function URLs with InvokeMode RESPONSE_STREAM take the response as a
// stream in the format of aws-lambda-go's lambdaurl package and
// events.LambdaFunctionURLStreamingResponse: a JSON prelude with status,
// headers and cookies, eight NUL bytes, then the body. The handler runs in
// its own goroutine and writes into a pipe that the runtime reads while the
// handler is still running.

// streamHandler is what Start registers under WithStreaming. The runtime
// passes the raw event, and sends a returned reader as the response; the
// reader's ContentType tells it whether the response is a stream.
func (a *Adapter) streamHandler(ctx context.Context, payload json.RawMessage) (io.Reader, error) {
	return a.invokeStream(ctx, payload)
}

func (a *Adapter) invokeStream(ctx context.Context, payload []byte) (io.Reader, error) {
	x, err := a.decode(ctx, payload)
	if err != nil {
		return nil, err
	}
	if x.inv.ev.Source != FunctionURL {
		// Only function URLs stream; anything else gets the usual buffered
		// response so that one function can serve both.
		w := getWriter(x.req.Method == http.MethodHead)
		defer putWriter(w)
		a.respond(w, x)
		out, err := a.encode(x, w)
		if err != nil {
			return nil, err
		}
		return &bufferedResponse{bytes.NewReader(out)}, nil
	}
	if x.bad != accepted {
		return &events.LambdaFunctionURLStreamingResponse{
			StatusCode: http.StatusBadRequest,
			Headers:    map[string]string{"Content-Type": problemType},
			Body:       strings.NewReader(problem400(x.bad)),
		}, nil
	}
	pr, pw := io.Pipe()
	w := &streamWriter{a: a, pw: pw, ready: make(chan struct{}), head: x.req.Method == http.MethodHead, mount: x.mount, stage: x.inv.ev.Stage}
	go w.run(x.req)
	<-w.ready
	return &events.LambdaFunctionURLStreamingResponse{
		StatusCode: w.status,
		Headers:    w.headers,
		Cookies:    w.cookies,
		Body:       pr,
	}, nil
}

// bufferedResponse carries a complete response event through the streaming
// entry point unchanged.
type bufferedResponse struct{ *bytes.Reader }

func (*bufferedResponse) ContentType() string { return "application/json" }

// MarshalJSON fails so that the runtime sends the reader's bytes as they
// are instead of encoding the value.
func (*bufferedResponse) MarshalJSON() ([]byte, error) { return nil, errors.New("not json") }

// streamWriter sends the status and headers with the first write or flush
// (or when the handler returns) and every write straight into the pipe.
type streamWriter struct {
	a      *Adapter
	pw     *io.PipeWriter
	ready  chan struct{}
	header http.Header
	status int
	sent   bool
	head   bool
	mount  mount
	stage  string

	headers map[string]string
	cookies []string
}

var errPanicMidStream = errors.New("lambdahttp: handler panicked after the response had started")

func (w *streamWriter) run(r *http.Request) {
	defer func() {
		v := recover()
		if v != nil && v != http.ErrAbortHandler {
			w.a.logger().ErrorContext(r.Context(), "lambdahttp: handler panicked",
				slog.Any("panic", v), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.String("stack", string(debug.Stack())))
		}
		switch {
		case v != nil && !w.sent:
			w.header = http.Header{"Content-Type": {problemType}}
			w.status = http.StatusInternalServerError
			w.sendHead(nil)
			_, _ = io.WriteString(w.pw, problem500)
			_ = w.pw.Close()
		case v != nil:
			_ = w.pw.CloseWithError(errPanicMidStream)
		default:
			if !w.sent {
				w.sendHead(nil)
			}
			_ = w.pw.Close()
		}
	}()
	w.a.h.ServeHTTP(w, r)
}

func (w *streamWriter) Header() http.Header {
	if w.header == nil {
		w.header = make(http.Header)
	}
	return w.header
}

func (w *streamWriter) WriteHeader(code int) {
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if w.sent || w.status != 0 || code < 200 && code != http.StatusSwitchingProtocols {
		return
	}
	w.status = code
}

func (w *streamWriter) Write(p []byte) (int, error) {
	if !w.sent {
		w.sendHead(p)
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if w.head || len(p) == 0 {
		return len(p), nil
	}
	return w.pw.Write(p)
}

// Flush sends the status and headers if they have not gone yet. Written
// bytes need no flushing: the pipe hands each write to the reader before
// Write returns.
func (w *streamWriter) Flush() {
	if !w.sent {
		w.sendHead(nil)
	}
}

// sendHead fixes the status and headers and releases the invocation to
// return the stream. Header changes after this point are not sent.
func (w *streamWriter) sendHead(first []byte) {
	w.sent = true
	if w.status == 0 {
		w.status = http.StatusOK
	}
	h := w.header
	if _, ok := h["Content-Type"]; !ok && len(first) > 0 && h.Get("Content-Encoding") == "" && bodyAllowed(w.status) {
		h = w.Header()
		h["Content-Type"] = []string{http.DetectContentType(first)}
	}
	// The handler keeps its header map while it streams, so it is cleaned
	// into the prelude rather than in place (see sanitizeHeader).
	if len(h) > 0 {
		w.headers = make(map[string]string, len(h))
		for k, vs := range h {
			if !validFieldName(k) || len(vs) == 0 {
				continue
			}
			vs, copied := cleanValues(vs)
			switch k {
			case "Set-Cookie":
				if !copied {
					vs = append([]string(nil), vs...)
				}
				w.cookies = vs
				continue
			case "Location":
				vs = w.a.withMount(vs, w.mount, w.stage)
			}
			w.headers[k] = strings.Join(vs, ",")
		}
	}
	close(w.ready)
}

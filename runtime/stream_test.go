package lambdahttp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

const furlEvent = `{"version":"2.0","rawPath":"/stream","rawQueryString":"","headers":{"host":"abc.lambda-url.eu-west-1.on.aws"},` +
	`"requestContext":{"domainName":"abc.lambda-url.eu-west-1.on.aws","http":{"method":"GET","path":"/stream","sourceIp":"203.0.113.9"}},"isBase64Encoded":false}`

// readPrelude reads the JSON prelude and the eight NUL bytes after it.
func readPrelude(t *testing.T, r io.Reader) string {
	t.Helper()
	var prelude []byte
	zeros := 0
	b := make([]byte, 1)
	for zeros < 8 {
		if _, err := io.ReadFull(r, b); err != nil {
			t.Fatalf("reading prelude: %v (have %q)", err, prelude)
		}
		if b[0] == 0 {
			zeros++
		} else {
			prelude = append(prelude, b[0])
		}
	}
	return string(prelude)
}

// TestStreamingWritesArriveAsWritten shows that with WithStreaming a
// handler's write reaches the reader before the handler goes on: the
// handler writes "a", flushes, and waits until the test has read "a"
// before it writes "b". A buffering implementation never lets the test
// read "a" while the handler waits.
func TestStreamingWritesArriveAsWritten(t *testing.T) {
	readA := make(chan struct{})
	released := make(chan bool, 1)
	a := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Add("Set-Cookie", "s=1")
		_, _ = io.WriteString(w, "a")
		w.(http.Flusher).Flush()
		select {
		case <-readA:
			released <- true
		case <-time.After(30 * time.Second): // a safety net, not a timing assertion
			released <- false
		}
		_, _ = io.WriteString(w, "b")
	}), WithStreaming())
	out, err := a.invokeStream(context.Background(), []byte(furlEvent))
	if err != nil {
		t.Fatal(err)
	}
	resp, ok := out.(*events.LambdaFunctionURLStreamingResponse)
	if !ok {
		t.Fatalf("got %T, want a streaming response", out)
	}
	if ct := resp.ContentType(); ct != "application/vnd.awslambda.http-integration-response" {
		t.Errorf("content type %q", ct)
	}
	if p := readPrelude(t, resp); p != `{"statusCode":200,"headers":{"Content-Type":"text/plain"},"cookies":["s=1"]}` {
		t.Errorf("prelude %s", p)
	}
	first := make([]byte, 1)
	if _, err := io.ReadFull(resp, first); err != nil || string(first) != "a" {
		t.Fatalf("first byte %q, %v", first, err)
	}
	close(readA)
	rest, err := io.ReadAll(resp)
	if err != nil || string(rest) != "b" {
		t.Fatalf("rest %q, %v", rest, err)
	}
	if !<-released {
		t.Error("the handler was not released by the reader: writes did not stream")
	}
}

func TestStreamingStatusAndPanics(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	cases := []struct {
		name      string
		h         http.HandlerFunc
		prelude   string
		body      string
		streamErr error
	}{
		{"status without body", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
			`{"statusCode":204}`, "", nil},
		{"sniffed type", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "<html></html>") },
			`{"statusCode":200,"headers":{"Content-Type":"text/html; charset=utf-8"}}`, "<html></html>", nil},
		{"panic before writing", func(w http.ResponseWriter, r *http.Request) { panic("boom") },
			`{"statusCode":500,"headers":{"Content-Type":"application/problem+json"}}`, problem500, nil},
		{"panic mid-stream", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, "partial")
			panic("boom")
		}, `{"statusCode":200,"headers":{"Content-Type":"text/plain"}}`, "partial", errPanicMidStream},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := New(c.h, WithStreaming(), WithLogger(quiet)).invokeStream(context.Background(), []byte(furlEvent))
			if err != nil {
				t.Fatal(err)
			}
			if p := readPrelude(t, out); p != c.prelude {
				t.Errorf("prelude %s, want %s", p, c.prelude)
			}
			body, err := io.ReadAll(out)
			if string(body) != c.body || !errors.Is(err, c.streamErr) {
				t.Errorf("body %q, %v; want %q, %v", body, err, c.body, c.streamErr)
			}
		})
	}
}

// TestStreamingOtherSources checks that in streaming mode an event from
// another source still gets its normal buffered response.
func TestStreamingOtherSources(t *testing.T) {
	a := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "hi") }), WithStreaming())
	out, err := a.streamHandler(context.Background(), []byte(`{"httpMethod":"GET","path":"/","requestContext":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	ct, ok := out.(interface{ ContentType() string })
	if !ok || ct.ContentType() != "application/json" {
		t.Fatalf("got %T", out)
	}
	body, _ := io.ReadAll(out)
	want := `{"statusCode":200,"headers":{"Content-Type":"text/plain; charset=utf-8"},"multiValueHeaders":{},"body":"hi","isBase64Encoded":false}`
	if !bytes.Equal(body, []byte(want)) {
		t.Errorf("got %s\nwant %s", body, want)
	}
}

// TestStartWiring runs the handlers that Start registers through
// aws-lambda-go's own handler machinery, which must pass the raw event in
// and send the returned stream or buffered response out unchanged.
func TestStartWiring(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "hi") })
	rest := []byte(`{"httpMethod":"GET","path":"/","requestContext":{}}`)
	buffered := `{"statusCode":200,"headers":{"Content-Type":"text/plain; charset=utf-8"},"multiValueHeaders":{},"body":"hi","isBase64Encoded":false}`
	cases := []struct {
		name    string
		handler any
		payload []byte
		want    string
	}{
		{"buffered", New(h), rest, buffered},
		{"streaming, function URL", New(h, WithStreaming()).streamHandler, []byte(furlEvent),
			`{"statusCode":200,"headers":{"Content-Type":"text/plain; charset=utf-8"}}` + "\x00\x00\x00\x00\x00\x00\x00\x00hi"},
		{"streaming, other source", New(h, WithStreaming()).streamHandler, rest, buffered},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := lambda.NewHandler(c.handler).Invoke(context.Background(), c.payload)
			if err != nil || string(out) != c.want {
				t.Errorf("got %q, %v\nwant %q", out, err, c.want)
			}
		})
	}
}

// TestStreamingHeaders checks that the streaming prelude gets the same
// header cleaning, refusals and redirect handling as buffered responses.
func TestStreamingHeaders(t *testing.T) {
	badHeader := `{"version":"2.0","rawPath":"/stream","headers":{"x-note":"a\r\nX-Injected: 1"},` +
		`"requestContext":{"domainName":"abc.lambda-url.eu-west-1.on.aws","http":{"method":"GET"}}}`
	badEscape := `{"version":"2.0","rawPath":"/x/%zz","requestContext":{"domainName":"abc.lambda-url.eu-west-1.on.aws","http":{"method":"GET"}}}`
	mounted := `{"version":"2.0","rawPath":"/v2/stream","requestContext":{"domainName":"abc.lambda-url.eu-west-1.on.aws","http":{"method":"GET"}}}`
	inject := func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Note"] = []string{"a\r\nX-Injected: 1"}
		w.Header()["X-Bad\r\nName"] = []string{"1"}
		w.Header()["Set-Cookie"] = []string{"a=1\r\nX-Injected: 1", " b=2 "}
		w.WriteHeader(http.StatusOK)
	}
	cases := []struct {
		name, event   string
		opts          []Option
		h             http.HandlerFunc
		prelude, body string
		called        bool
	}{
		{"CR LF cleaned from values, invalid names dropped", furlEvent, nil, inject,
			`{"statusCode":200,"headers":{"X-Note":"a  X-Injected: 1"},"cookies":["a=1  X-Injected: 1","b=2"]}`, "", true},
		{"bad request header refused", badHeader, nil, inject,
			`{"statusCode":400,"headers":{"Content-Type":"application/problem+json"}}`, problem400(badHeaderValue), false},
		{"bad path refused", badEscape, nil, inject,
			`{"statusCode":400,"headers":{"Content-Type":"application/problem+json"}}`, problem400(badPath), false},
		{"redirect keeps the base path", mounted, []Option{WithBasePath("/v2")},
			func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/venues/a%20b", http.StatusFound) },
			`{"statusCode":302,"headers":{"Content-Type":"text/html; charset=utf-8","Location":"/v2/venues/a%20b"}}`,
			"<a href=\"/venues/a%20b\">Found</a>.\n\n", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			called := false
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { called = true; c.h(w, r) })
			out, err := New(h, append(c.opts, WithStreaming())...).invokeStream(context.Background(), []byte(c.event))
			if err != nil {
				t.Fatal(err)
			}
			resp := out.(*events.LambdaFunctionURLStreamingResponse)
			if p := readPrelude(t, resp); p != c.prelude {
				t.Errorf("prelude %s\nwant    %s", p, c.prelude)
			}
			if body, err := io.ReadAll(resp); string(body) != c.body || err != nil {
				t.Errorf("body %q, %v; want %q", body, err, c.body)
			}
			if called != c.called {
				t.Errorf("handler called %v, want %v", called, c.called)
			}
		})
	}
}

package lambdahttp

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/lambgen/lambgen/internal/testtool"
)

// FuzzInvoke feeds arbitrary payloads through event decoding, the handler
// and response encoding. Whatever the input, Invoke must not panic, a
// successful response must be valid JSON, the handler must get a usable
// request whose headers net/http could have delivered (no CR, LF or NUL),
// and no header name or value in the response, cookies and multi-value
// headers included, may contain CR or LF. The handler echoes parts of the
// request into the response, and writes the body into header names and
// values, so that the encoder sees arbitrary bytes as well. Function URL
// events also go through the streaming path.
func FuzzInvoke(f *testing.F) {
	for _, p := range fuzzSeeds(f) {
		f.Add(p)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.Fuzz(func(t *testing.T, payload []byte) {
		called := false
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			called = true
			if r.URL == nil || !strings.HasPrefix(r.URL.Path, "/") || r.Header == nil {
				t.Errorf("unusable request %+v", r)
			}
			for k, vs := range r.Header {
				if strings.ContainsAny(k, "\r\n\x00") || slices.ContainsFunc(vs, func(v string) bool { return strings.ContainsAny(v, "\r\n\x00") }) {
					t.Errorf("handler got header %q: %q", k, vs)
				}
			}
			if strings.ContainsAny(r.Host, "\r\n\x00") {
				t.Errorf("handler got Host %q", r.Host)
			}
			b, err := io.ReadAll(r.Body)
			if err != nil || int64(len(b)) != r.ContentLength {
				t.Errorf("body of %d bytes with ContentLength %d, %v", len(b), r.ContentLength, err)
			}
			w.Header().Set("X-Path", r.URL.Path)
			w.Header().Set("Content-Type", r.Header.Get("Content-Type"))
			w.Header().Add("Set-Cookie", r.Header.Get("Cookie"))
			w.Header().Add("Set-Cookie", string(b))
			w.Header()[string(b[:len(b)/2])] = []string{string(b[len(b)/2:])}
			w.Header()["X-Multi"] = []string{string(b), "x"}
			w.Header().Set("Location", "/"+string(b))
			_, _ = w.Write(b)
		})
		out, err := New(h, WithLogger(quiet), WithCompression(8), WithBasePath("/api")).Invoke(context.Background(), payload)
		if err != nil {
			if out != nil {
				t.Fatalf("output %q with error %v", out, err)
			}
			return
		}
		var resp struct {
			StatusCode        int                 `json:"statusCode"`
			Headers           map[string]string   `json:"headers"`
			MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
			Cookies           []string            `json:"cookies"`
		}
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatalf("response %q: %v", out, err)
		}
		if want := map[bool]int{true: 200, false: 400}[called]; resp.StatusCode != want {
			t.Fatalf("response %q: status %d, want %d", out, resp.StatusCode, want)
		}
		for k, v := range resp.Headers {
			checkField(t, k, v)
		}
		for k, vs := range resp.MultiValueHeaders {
			for _, v := range vs {
				checkField(t, k, v)
			}
		}
		for _, v := range resp.Cookies {
			checkField(t, "Set-Cookie", v)
		}

		called = false
		sout, err := New(h, WithLogger(quiet), WithStreaming()).invokeStream(context.Background(), payload)
		s, ok := sout.(*events.LambdaFunctionURLStreamingResponse)
		if err != nil || !ok {
			return
		}
		body, _ := io.ReadAll(s.Body)
		if want := map[bool]int{true: 200, false: 400}[called]; s.StatusCode != want {
			t.Fatalf("streamed status %d (body %q), want %d", s.StatusCode, body, want)
		}
		for k, v := range s.Headers {
			checkField(t, k, v)
		}
		for _, v := range s.Cookies {
			checkField(t, "Set-Cookie", v)
		}
	})
}

func checkField(t *testing.T, name, value string) {
	t.Helper()
	if strings.ContainsAny(name, "\r\n") || strings.ContainsAny(value, "\r\n") {
		t.Fatalf("response header %q: %q", name, value)
	}
}

// fuzzSeeds are the corpus events plus a few hand-picked edge cases.
func fuzzSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		nil,
		[]byte(`{}`),
		[]byte(`{"httpMethod":"GET","path":"/a%2Fb%zz","headers":{"Host":"x"},"body":"\ud83d\ude00\u0000","isBase64Encoded":true}`),
		[]byte(`{"version":"2.0","rawPath":"","cookies":[null,"a"],"requestContext":{"http":{"method":"GET"},"domainName":"x.lambda-url.eu.on.aws"}}`),
		[]byte(`{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},"multiValueHeaders":{"a":["1",null]},"multiValueQueryStringParameters":{"q":"v"}}`),
		[]byte(`{"httpMethod":"GET","path":"/api/x","headers":{"X-A":"1\r\nX-B: 2","X\nC":"3","d":"\u0000"},"requestContext":{}}`),
		[]byte(`{"version":"2.0","rawPath":"/x","cookies":["a=1\r\nX-B: 2"],"requestContext":{"http":{"method":"GET"}}}`),
	}
	_ = filepath.WalkDir(testtool.Corpus(f, "events"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil {
				seeds = append(seeds, b)
			}
		}
		return nil
	})
	return seeds
}

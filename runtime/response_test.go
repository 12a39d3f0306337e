package lambdahttp_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

type v1Response struct {
	StatusCode        int                 `json:"statusCode"`
	Headers           map[string]string   `json:"headers"`
	MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
	Body              string              `json:"body"`
	IsBase64Encoded   bool                `json:"isBase64Encoded"`
}

// serve runs handler h on a REST event with the given Accept-Encoding and
// decodes the response.
func serve(t *testing.T, h http.HandlerFunc, acceptEncoding string, opts ...lambdahttp.Option) v1Response {
	t.Helper()
	ev := `{"httpMethod":"GET","path":"/","headers":{"Accept-Encoding":` + quote(acceptEncoding) + `},"requestContext":{}}`
	out, err := lambdahttp.New(h, opts...).Invoke(context.Background(), []byte(ev))
	if err != nil {
		t.Fatal(err)
	}
	var r v1Response
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

func body(t *testing.T, r v1Response) []byte {
	if !r.IsBase64Encoded {
		return []byte(r.Body)
	}
	b, err := base64.StdEncoding.DecodeString(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeAs(ct string, b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		_, _ = w.Write(b)
	}
}

func TestStatus(t *testing.T) {
	cases := []struct {
		name string
		h    http.HandlerFunc
		want int
	}{
		{"nothing written", func(http.ResponseWriter, *http.Request) {}, 200},
		{"first WriteHeader wins", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			w.WriteHeader(http.StatusTeapot)
		}, 202},
		{"informational codes are skipped", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(http.StatusNotFound)
		}, 404},
		{"Write implies 200", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("x"))
			w.WriteHeader(http.StatusInternalServerError)
		}, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := serve(t, c.h, "").StatusCode; got != c.want {
				t.Errorf("status %d, want %d", got, c.want)
			}
		})
	}
	t.Run("headers changed after WriteHeader are not sent", func(t *testing.T) {
		r := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Before", "1")
			w.WriteHeader(http.StatusCreated)
			w.Header().Set("X-After", "1")
		}, "")
		if r.Headers["X-Before"] != "1" || r.Headers["X-After"] != "" {
			t.Errorf("headers %v", r.Headers)
		}
	})
	t.Run("no body with 204", func(t *testing.T) {
		var werr error
		r := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNoContent)
			_, werr = w.Write([]byte("x"))
		}, "")
		if r.StatusCode != 204 || r.Body != "" || !errors.Is(werr, http.ErrBodyNotAllowed) {
			t.Errorf("status %d body %q write error %v", r.StatusCode, r.Body, werr)
		}
	})
}

func TestPanicBecomesProblem(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	r := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Secret", "internal")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("half a response"))
		panic("database password is hunter2")
	}, "", lambdahttp.WithLogger(logger))
	want := v1Response{StatusCode: 500, Headers: map[string]string{"Content-Type": "application/problem+json"},
		MultiValueHeaders: map[string][]string{},
		Body:              `{"type":"about:blank","title":"Internal Server Error","status":500}`}
	if r.StatusCode != want.StatusCode || r.Body != want.Body || len(r.Headers) != 1 ||
		r.Headers["Content-Type"] != want.Headers["Content-Type"] || r.IsBase64Encoded {
		t.Errorf("got %+v, want %+v", r, want)
	}
	var entry struct {
		Msg, Panic, Stack string
	}
	if err := json.Unmarshal(logs.Bytes(), &entry); err != nil {
		t.Fatalf("log %q: %v", logs.String(), err)
	}
	if entry.Panic != "database password is hunter2" || !strings.Contains(entry.Stack, "TestPanicBecomesProblem") {
		t.Errorf("log entry %+v", entry)
	}
}

func TestTextOrBase64(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00")
	cases := []struct {
		name, ct string
		body     []byte
		opts     []lambdahttp.Option
		base64   bool
	}{
		{"json", "application/json; charset=utf-8", []byte(`{"a":1}`), nil, false},
		{"+json suffix", "application/vnd.example+json", []byte(`{}`), nil, false},
		{"problem+json", "application/problem+json", []byte(`{}`), nil, false},
		{"yaml", "application/x-yaml", []byte("a: 1"), nil, false},
		{"xml suffix", "application/atom+xml", []byte("<a/>"), nil, false},
		{"form", "application/x-www-form-urlencoded", []byte("a=1"), nil, false},
		{"openapi", "application/vnd.oai.openapi", []byte("openapi: 3.1.0"), nil, false},
		{"text upper case", "Text/HTML", []byte("<p>é</p>"), nil, false},
		{"png", "image/png", png, nil, true},
		{"text but not UTF-8", "text/plain", []byte("caf\xe9"), nil, true},
		{"octet-stream", "application/octet-stream", []byte("plain"), nil, true},
		{"sniffed binary", "", png, nil, true},
		{"sniffed text", "", []byte("hello"), nil, false},
		{"extra text type", "application/x-custom", []byte("x"), []lambdahttp.Option{lambdahttp.WithTextTypes("application/X-Custom")}, false},
		{"extra text wildcard", "font/woff-text", []byte("x"), []lambdahttp.Option{lambdahttp.WithTextTypes("font/*")}, false},
		{"binary type wins over text", "application/json", []byte("{}"), []lambdahttp.Option{lambdahttp.WithBinaryTypes("application/json")}, true},
		{"binary wildcard", "text/csv", []byte("a,b"), []lambdahttp.Option{lambdahttp.WithBinaryTypes("text/*")}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := serve(t, writeAs(c.ct, c.body), "", c.opts...)
			if r.IsBase64Encoded != c.base64 || !bytes.Equal(body(t, r), c.body) {
				t.Errorf("base64 %v body %q, want %v %q", r.IsBase64Encoded, r.Body, c.base64, c.body)
			}
		})
	}
	t.Run("Content-Encoding forces base64", func(t *testing.T) {
		r := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Encoding", "identity")
			_, _ = w.Write([]byte("plain"))
		}, "gzip")
		if !r.IsBase64Encoded || string(body(t, r)) != "plain" || r.Headers["Content-Encoding"] != "identity" {
			t.Errorf("%+v", r)
		}
	})
}

func decompress(t *testing.T, enc string, b []byte) []byte {
	t.Helper()
	var rd io.Reader
	switch enc {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	case "br":
		rd = brotli.NewReader(bytes.NewReader(b))
	default:
		return b
	}
	out, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompression(t *testing.T) {
	big := []byte(`{"items":[` + strings.Repeat(`{"name":"widget","price":1},`, 100) + `{}]}`)
	small := []byte(`{"a":1}`)
	cases := []struct {
		name, accept, ct string
		body             []byte
		opts             []lambdahttp.Option
		enc              string
		vary             bool
	}{
		{"gzip", "gzip, deflate", "application/json", big, nil, "gzip", true},
		{"brotli preferred on a tie", "gzip, br", "application/json", big, nil, "br", true},
		{"q-values decide", "br;q=0.5, gzip;q=0.8", "application/json", big, nil, "gzip", true},
		{"q=0 refuses", "br;q=0, gzip", "application/json", big, nil, "gzip", true},
		{"wildcard", "*", "text/html", big, nil, "br", true},
		{"wildcard minus brotli", "*, br;q=0", "text/html", big, nil, "gzip", true},
		{"nothing acceptable", "identity", "application/json", big, nil, "", true},
		{"no header", "", "application/json", big, nil, "", true},
		{"below the threshold", "gzip", "application/json", small, nil, "", false},
		{"threshold lowered", "gzip", "application/json", small, []lambdahttp.Option{lambdahttp.WithCompression(1)}, "gzip", true},
		{"disabled", "gzip", "application/json", big, []lambdahttp.Option{lambdahttp.WithCompression(-1)}, "", false},
		{"not compressible", "gzip", "image/png", big, nil, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", c.ct)
				w.Header().Set("Content-Length", "123")
				w.Header().Set("ETag", `"v1"`)
				_, _ = w.Write(c.body)
			}, c.accept, c.opts...)
			if r.Headers["Content-Encoding"] != c.enc {
				t.Fatalf("Content-Encoding %q, want %q", r.Headers["Content-Encoding"], c.enc)
			}
			if got := r.Headers["Vary"] == "Accept-Encoding"; got != c.vary {
				t.Errorf("Vary %q", r.Headers["Vary"])
			}
			if !bytes.Equal(decompress(t, c.enc, body(t, r)), c.body) {
				t.Error("body does not round-trip")
			}
			if c.enc != "" && (!r.IsBase64Encoded || r.Headers["Content-Length"] != "" || r.Headers["Etag"] != `W/"v1"`) {
				t.Errorf("compressed response: base64 %v, Content-Length %q, ETag %q", r.IsBase64Encoded, r.Headers["Content-Length"], r.Headers["Etag"])
			}
		})
	}
	t.Run("handler's own encoding is left alone", func(t *testing.T) {
		r := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(big)
		}, "br")
		if r.Headers["Content-Encoding"] != "gzip" || !bytes.Equal(body(t, r), big) || r.Headers["Vary"] != "" {
			t.Errorf("%v", r.Headers)
		}
	})
}

func TestResponseSizeLimit(t *testing.T) {
	quiet := lambdahttp.WithLogger(discardLogger)
	huge := bytes.Repeat([]byte("0123456789abcdef"), 7<<16) // 7 MiB
	ev := []byte(`{"httpMethod":"GET","path":"/","headers":{"Accept-Encoding":"gzip"},"requestContext":{}}`)
	plain := []byte(`{"httpMethod":"GET","path":"/","requestContext":{}}`)
	t.Run("too large", func(t *testing.T) {
		a := lambdahttp.New(writeAs("application/octet-stream", huge), quiet)
		out, err := a.Invoke(context.Background(), plain)
		if out != nil || err == nil || !strings.Contains(err.Error(), "exceeds Lambda's 6291456-byte payload limit") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("base64 growth counts", func(t *testing.T) {
		a := lambdahttp.New(writeAs("application/octet-stream", huge[:5<<20]), quiet)
		if _, err := a.Invoke(context.Background(), plain); err == nil {
			t.Fatal("5 MiB of binary is 6.7 MB in base64 and must not fit")
		}
	})
	t.Run("incompressible stays too large", func(t *testing.T) {
		noise := make([]byte, 7<<20)
		_, _ = rand.NewChaCha8([32]byte{1}).Read(noise)
		a := lambdahttp.New(writeAs("application/octet-stream", noise), quiet)
		if out, err := a.Invoke(context.Background(), ev); err == nil {
			t.Fatalf("got %d bytes", len(out))
		}
	})
	t.Run("compression brings it under", func(t *testing.T) {
		a := lambdahttp.New(writeAs("application/octet-stream", huge), quiet)
		out, err := a.Invoke(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		var r v1Response
		_ = json.Unmarshal(out, &r)
		if r.Headers["Content-Encoding"] != "gzip" || !bytes.Equal(decompress(t, "gzip", body(t, r)), huge) {
			t.Errorf("headers %v", r.Headers)
		}
	})
}

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
	"strings"
	"testing"
)

// FuzzInvoke feeds arbitrary payloads through event decoding, the handler
// and response encoding. Whatever the input, Invoke must not panic, a
// successful response must be valid JSON, and the handler must get a
// usable request. The handler echoes parts of the request into the
// response so that the encoder sees arbitrary bytes as well.
func FuzzInvoke(f *testing.F) {
	for _, p := range fuzzSeeds(f) {
		f.Add(p)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL == nil || !strings.HasPrefix(r.URL.Path, "/") || r.Header == nil {
			panic("unusable request")
		}
		b, err := io.ReadAll(r.Body)
		if err != nil || int64(len(b)) != r.ContentLength {
			panic("body does not match ContentLength")
		}
		w.Header().Set("X-Path", r.URL.Path)
		w.Header().Set("Content-Type", r.Header.Get("Content-Type"))
		w.Header().Add("Set-Cookie", r.Header.Get("Cookie"))
		_, _ = w.Write(b)
	}), WithLogger(quiet), WithCompression(8))
	f.Fuzz(func(t *testing.T, payload []byte) {
		out, err := a.Invoke(context.Background(), payload)
		if err != nil {
			if out != nil {
				t.Fatalf("output %q with error %v", out, err)
			}
			return
		}
		var resp struct {
			StatusCode int `json:"statusCode"`
		}
		if err := json.Unmarshal(out, &resp); err != nil || resp.StatusCode != 200 {
			t.Fatalf("response %q: status %d, %v", out, resp.StatusCode, err)
		}
	})
}

// fuzzSeeds are the corpus events plus a few hand-picked edge cases.
func fuzzSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		nil,
		[]byte(`{}`),
		[]byte(`{"httpMethod":"GET","path":"/a%2Fb%zz","headers":{"Host":"x"},"body":"\ud83d\ude00\u0000","isBase64Encoded":true}`),
		[]byte(`{"version":"2.0","rawPath":"","cookies":[null,"a"],"requestContext":{"http":{"method":"GET"},"domainName":"x.lambda-url.eu.on.aws"}}`),
		[]byte(`{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},"multiValueHeaders":{"a":["1",null]},"multiValueQueryStringParameters":{"q":"v"}}`),
	}
	dir, err := os.Getwd()
	if err != nil {
		return seeds
	}
	for {
		root := filepath.Join(dir, "shared", "corpus", "events")
		if st, err := os.Stat(root); err == nil && st.IsDir() {
			_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if b, err := os.ReadFile(p); err == nil {
						seeds = append(seeds, b)
					}
				}
				return nil
			})
			return seeds
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return seeds
		}
		dir = parent
	}
}

package lambdahttp

import (
	"net/http"
	"testing"
)

// typicalRequest and typicalResponse are the headers of a usual API call.
var typicalRequest = [][2]string{
	{"accept", "application/json"},
	{"accept-encoding", "gzip, deflate, br"},
	{"authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"},
	{"host", "abc123.execute-api.eu-west-1.amazonaws.com"},
	{"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"},
	{"x-amzn-trace-id", "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c"},
	{"x-forwarded-for", "203.0.113.7"},
}

var typicalResponse = http.Header{
	"Content-Type":  {"application/json"},
	"Cache-Control": {"no-store"},
	"Set-Cookie":    {"session=abc; Path=/; HttpOnly; Secure", "theme=dark"},
	"Location":      {"/items/1"},
}

// TestCleanFieldsDoNotAllocate pins down that checking clean request
// headers and cleaning clean response headers costs no allocation.
func TestCleanFieldsDoNotAllocate(t *testing.T) {
	ok := true
	if n := testing.AllocsPerRun(100, func() {
		for _, kv := range typicalRequest {
			_, token := canonicalKey(kv[0])
			ok = ok && token && validFieldValue(kv[1])
		}
		sanitizeHeader(typicalResponse)
		_, copied := cleanValues(typicalResponse["Set-Cookie"])
		ok = ok && !copied
	}); n != 0 || !ok {
		t.Errorf("%v allocations, all clean %v", n, ok)
	}
}

func BenchmarkFieldChecks(b *testing.B) {
	b.Run("request values", func(b *testing.B) {
		for b.Loop() {
			for _, kv := range typicalRequest {
				_ = validFieldValue(kv[1])
			}
		}
	})
	b.Run("response", func(b *testing.B) {
		for b.Loop() {
			sanitizeHeader(typicalResponse)
		}
	})
}

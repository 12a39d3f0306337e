package lambdahttp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// anyResponse decodes the response envelope of every source.
type anyResponse struct {
	StatusCode        int                 `json:"statusCode"`
	Headers           map[string]string   `json:"headers"`
	MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
	Cookies           []string            `json:"cookies"`
	Body              string              `json:"body"`
}

// fields lists every header of the response as written, Set-Cookie from the
// cookies list included, under lower-case names (single-value ALB responses
// spell repeated names in varying case).
func (r anyResponse) fields() map[string][]string {
	out := map[string][]string{}
	for k, v := range r.Headers {
		out[strings.ToLower(k)] = append(out[strings.ToLower(k)], v)
	}
	for k, vs := range r.MultiValueHeaders {
		out[strings.ToLower(k)] = append(out[strings.ToLower(k)], vs...)
	}
	out["set-cookie"] = append(out["set-cookie"], r.Cookies...)
	if len(out["set-cookie"]) == 0 {
		delete(out, "set-cookie")
	}
	return out
}

// invoke runs payload through an adapter serving h and decodes the response.
func invoke(t *testing.T, h http.HandlerFunc, payload string, opts ...lambdahttp.Option) anyResponse {
	t.Helper()
	out, err := lambdahttp.New(h, opts...).Invoke(context.Background(), []byte(payload))
	if err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	var r anyResponse
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// headerSources builds, for every event source and header shape, a GET
// event for / that carries one header.
var headerSources = []struct {
	name  string
	event func(name, value string) string
}{
	{"REST headers", func(n, v string) string {
		return `{"httpMethod":"GET","path":"/","headers":{` + jsonString(n) + `:` + jsonString(v) + `},"requestContext":{}}`
	}},
	{"REST multiValueHeaders", func(n, v string) string {
		return `{"httpMethod":"GET","path":"/","multiValueHeaders":{` + jsonString(n) + `:[` + jsonString(v) + `]},"requestContext":{}}`
	}},
	{"HTTP API 1.0", func(n, v string) string {
		return `{"version":"1.0","httpMethod":"GET","path":"/","headers":{` + jsonString(n) + `:` + jsonString(v) + `},"requestContext":{}}`
	}},
	{"HTTP API 2.0", func(n, v string) string {
		return `{"version":"2.0","rawPath":"/","headers":{` + jsonString(n) + `:` + jsonString(v) + `},"requestContext":{"http":{"method":"GET"}}}`
	}},
	{"function URL", func(n, v string) string {
		return `{"version":"2.0","rawPath":"/","headers":{` + jsonString(n) + `:` + jsonString(v) + `},` +
			`"requestContext":{"domainName":"x.lambda-url.eu-west-1.on.aws","http":{"method":"GET"}}}`
	}},
	{"ALB", func(n, v string) string {
		return `{"httpMethod":"GET","path":"/","headers":{` + jsonString(n) + `:` + jsonString(v) + `},"requestContext":{"elb":{}}}`
	}},
	{"ALB multi-value", func(n, v string) string {
		return `{"httpMethod":"GET","path":"/","multiValueHeaders":{` + jsonString(n) + `:[` + jsonString(v) + `]},"requestContext":{"elb":{}}}`
	}},
}

// TestBadRequestHeadersRefused checks that a request header net/http's
// server would refuse gets the adapter's 400 problem answer on every source
// and never reaches the handler, and that what net/http accepts still does.
func TestBadRequestHeadersRefused(t *testing.T) {
	cases := []struct {
		name, header, value string
		detail              string // "" means the handler must be called
	}{
		{"CR LF in a value", "X-Note", "a\r\nX-Injected: 1", "invalid header field value"},
		{"LF in a value", "X-Note", "a\nb", "invalid header field value"},
		{"bare CR in a value", "X-Note", "a\rb", "invalid header field value"},
		{"NUL in a value", "X-Note", "a\x00b", "invalid header field value"},
		{"other control byte in a value", "X-Note", "a\x1bb", "invalid header field value"},
		{"DEL in a value", "X-Note", "a\x7fb", "invalid header field value"},
		{"CR LF in a name", "X-Note\r\nX-Injected", "1", "invalid header field name"},
		{"space in a name", "X Note", "1", "invalid header field name"},
		{"colon in a name", "X-Note:", "1", "invalid header field name"},
		{"empty name", "", "1", "invalid header field name"},
		{"non-ASCII name", "X-Nöte", "1", "invalid header field name"},
		{"space in Host", "Host", "a b.example", "malformed Host header"},
		{"CR LF in Host", "host", "a.example\r\nX-Injected: 1", "invalid header field value"},
		{"tab and space in a value", "X-Note", "a\tb c", ""},
		{"UTF-8 in a value", "X-Note", "café", ""},
		{"token punctuation in a name", "X-!#$%&'*+.^_`|~", "1", ""},
	}
	for _, src := range headerSources {
		for _, c := range cases {
			t.Run(src.name+"/"+c.name, func(t *testing.T) {
				called := false
				r := invoke(t, func(w http.ResponseWriter, r *http.Request) {
					called = true
					w.WriteHeader(http.StatusOK)
				}, src.event(c.header, c.value))
				if c.detail == "" {
					if !called || r.StatusCode != 200 {
						t.Errorf("handler called %v, status %d; want the request accepted", called, r.StatusCode)
					}
					return
				}
				if called {
					t.Error("handler called")
				}
				want := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + c.detail + `"}`
				if r.StatusCode != 400 || r.Body != want || r.fields()["content-type"][0] != "application/problem+json" {
					t.Errorf("status %d, headers %q, body %s; want 400 and %s", r.StatusCode, r.fields(), r.Body, want)
				}
			})
		}
	}
}

// TestBadCookiesRefused covers payload 2.0's cookies array, which the
// adapter turns into a Cookie header itself.
func TestBadCookiesRefused(t *testing.T) {
	cases := []struct {
		name, cookies string
		ok            bool
	}{
		{"clean", `["a=1","b=2"]`, true},
		{"CR LF", `["a=1","b=2\r\nX-Injected: 1"]`, false},
		{"NUL", `["a=1\u0000"]`, false},
	}
	for _, host := range []string{"abc.execute-api.eu-west-1.amazonaws.com", "x.lambda-url.eu-west-1.on.aws"} {
		for _, c := range cases {
			t.Run(host+"/"+c.name, func(t *testing.T) {
				called := false
				r := invoke(t, func(w http.ResponseWriter, r *http.Request) { called = true }, v2("/", host, "$default", `,"cookies":`+c.cookies))
				if called != c.ok || (r.StatusCode == 400) == c.ok {
					t.Errorf("handler called %v, status %d", called, r.StatusCode)
				}
			})
		}
	}
}

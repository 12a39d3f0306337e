package lambdahttp_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// responseSources are GET events for / from every source and header mode.
var responseSources = []struct{ name, event string }{
	{"REST", `{"httpMethod":"GET","path":"/","requestContext":{}}`},
	{"HTTP API 1.0", `{"version":"1.0","httpMethod":"GET","path":"/","requestContext":{}}`},
	{"HTTP API 2.0", `{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"}}}`},
	{"function URL", `{"version":"2.0","rawPath":"/","requestContext":{"domainName":"x.lambda-url.eu-west-1.on.aws","http":{"method":"GET"}}}`},
	{"ALB", `{"httpMethod":"GET","path":"/","headers":{},"requestContext":{"elb":{}}}`},
	{"ALB multi-value", `{"httpMethod":"GET","path":"/","multiValueHeaders":{},"requestContext":{"elb":{}}}`},
}

// injectionCases are response headers a handler might write from untrusted
// input, and what must reach the envelope: net/http's Header.Write turns CR
// and LF into spaces, trims the value and drops names that are not tokens.
var injectionCases = []struct {
	name string
	set  http.Header
	want map[string][]string // lower-case names
}{
	{"CR LF in a value",
		http.Header{"X-Note": {"a\r\nSet-Cookie: evil=1"}},
		map[string][]string{"x-note": {"a  Set-Cookie: evil=1"}}},
	{"bare LF and CR, and surrounding white space",
		http.Header{"X-A": {"a\nb"}, "X-B": {"a\rb"}, "X-C": {" \tpadded\r\n"}},
		map[string][]string{"x-a": {"a b"}, "x-b": {"a b"}, "x-c": {"padded"}}},
	{"Set-Cookie",
		http.Header{"Set-Cookie": {"a=1\r\nX-Injected: 1", "b=2\n"}},
		map[string][]string{"set-cookie": {"a=1  X-Injected: 1", "b=2"}}},
	{"repeated header",
		http.Header{"X-Multi": {"1\r\n", "2\r\nX-Injected: 1"}},
		map[string][]string{"x-multi": {"1", "2  X-Injected: 1"}}},
	{"Location",
		http.Header{"Location": {"/next\r\nX-Injected: 1"}},
		map[string][]string{"location": {"/next  X-Injected: 1"}}},
	{"invalid names dropped",
		http.Header{"X-Bad\r\nX-Injected": {"1"}, "X Bad": {"1"}, "": {"1"}, "X-Bad:": {"1"}, "X-Good": {"1"}},
		map[string][]string{"x-good": {"1"}}},
	{"clean headers untouched",
		http.Header{"X-Note": {"a\tb \x01 café"}, "Set-Cookie": {"a=1", "b=2"}},
		map[string][]string{"x-note": {"a\tb \x01 café"}, "set-cookie": {"a=1", "b=2"}}},
}

// TestResponseHeaderInjection checks every source's envelope against
// injectionCases: no CR or LF survives in a name or value, cookies lists
// and multi-value headers included.
func TestResponseHeaderInjection(t *testing.T) {
	for _, src := range responseSources {
		for _, c := range injectionCases {
			t.Run(src.name+"/"+c.name, func(t *testing.T) {
				r := invoke(t, func(w http.ResponseWriter, r *http.Request) {
					for k, vs := range c.set {
						w.Header()[k] = slices.Clone(vs)
					}
					w.WriteHeader(http.StatusOK)
				}, src.event)
				got := r.fields()
				if src.name == "HTTP API 2.0" || src.name == "function URL" {
					// Payload 2.0 joins repeated headers other than Set-Cookie.
					for k, vs := range c.want {
						if k != "set-cookie" && len(vs) > 1 {
							c.want = map[string][]string{k: {strings.Join(vs, ",")}}
						}
					}
				}
				for k, vs := range got {
					if strings.ContainsAny(k, "\r\n") || slices.ContainsFunc(vs, func(v string) bool { return strings.ContainsAny(v, "\r\n") }) {
						t.Errorf("CR or LF in %q: %q", k, vs)
					}
					slices.Sort(vs)
				}
				if fmt.Sprint(got) != fmt.Sprint(c.want) {
					t.Errorf("headers %q, want %q", got, c.want)
				}
			})
		}
	}
}

// TestResponseHeadersAsNetHTTPWritesThem compares the adapter with
// net/http's own header writer on the same handler headers.
func TestResponseHeadersAsNetHTTPWritesThem(t *testing.T) {
	for _, c := range injectionCases {
		t.Run(c.name, func(t *testing.T) {
			var wire bytes.Buffer
			if err := c.set.Write(&wire); err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{}
			for line := range strings.SplitSeq(strings.TrimSuffix(wire.String(), "\r\n"), "\r\n") {
				if line == "" {
					continue
				}
				k, v, _ := strings.Cut(line, ": ")
				want[strings.ToLower(k)] = append(want[strings.ToLower(k)], v)
			}
			r := invoke(t, func(w http.ResponseWriter, r *http.Request) {
				for k, vs := range c.set {
					w.Header()[k] = slices.Clone(vs)
				}
				w.WriteHeader(http.StatusOK)
			}, `{"httpMethod":"GET","path":"/","multiValueHeaders":{},"requestContext":{"elb":{}}}`)
			if got := r.fields(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("adapter %q\nnet/http %q", got, want)
			}
		})
	}
}

// TestRequestHeaderRulesMatchNetHTTP sends every byte, in a header name, a
// header value and the Host header, both to a net/http server and through
// the adapter, and checks that they refuse the same requests. CR and LF
// cannot be sent inside a line to net/http; the adapter refuses them (see
// TestBadRequestHeadersRefused).
func TestRequestHeaderRulesMatchNetHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	netHTTPAccepts := func(name, value string) bool {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		req := "GET / HTTP/1.1\r\n" + name + ": " + value + "\r\n"
		if name != "Host" {
			req += "Host: x\r\n"
		}
		if _, err := conn.Write([]byte(req + "\r\n")); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
	for c := range 256 {
		b := string(rune(c))
		if c >= 0x80 {
			b = string([]byte{byte(c)})
		}
		if b == "\r" || b == "\n" {
			continue
		}
		tries := [][2]string{{"X-A" + b + "b", "1"}, {"X-A", "a" + b + "b"}, {"Host", "a" + b + "b"}}
		if b == ":" {
			tries = tries[1:] // it ends the name
		}
		for _, try := range tries {
			want := netHTTPAccepts(try[0], try[1])
			r := invoke(t, func(http.ResponseWriter, *http.Request) {}, headerSources[0].event(try[0], try[1]))
			if got := r.StatusCode == 200; got != want {
				t.Errorf("header %q: %q: adapter accepts %v, net/http accepts %v", try[0], try[1], got, want)
			}
		}
	}
}

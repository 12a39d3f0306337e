package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"example.com/hostile/api"
	"example.com/hostile/handlers"
	"example.com/hostile/internal/lambdahttp"
)

// The suite attacks the server as a hostile client would: every row is a
// request the contract forbids (or one whose handler-side value must match
// what was validated), sent over plain HTTP and through the Lambda adapter
// as an API Gateway REST (payload 1.0), HTTP API (payload 2.0) and ALB
// event. The server's promise is that a request breaking the spec never
// reaches a handler, and a handler gets exactly what was validated.

type violation struct {
	In      string `json:"in"`
	Name    string `json:"name"`
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// want matches a violation; empty fields match anything, and anyPointer
// asks for some pointer, since the exact one is the validator's to choose.
type want struct {
	in, name, pointer string
	anyPointer        bool
}

type result struct {
	status int
	header http.Header
	body   []byte
	// badHeader names a response header whose name or value carries CR,
	// LF or NUL as the transport delivered it, before any client could
	// sanitise it.
	badHeader string
}

type attack struct {
	name    string
	method  string
	target  string // with the base path, as a client on the custom domain sends it
	headers [][2]string
	ctype   string
	body    string
	// only limits the row to some transports: http, rest, v2, alb.
	only []string
	// authorizer is the requestContext.authorizer of a payload 2.0 event.
	authorizer map[string]any
	// status is the one answer the contract allows; 0 leaves it to check.
	status int
	viol   []want
	// noLeak asks for a 4xx problem that reveals nothing of Go's insides.
	noLeak bool
	// raw replaces the transport for attacks plain requests cannot make.
	raw   func(t *testing.T) result
	check func(t *testing.T, r result)
}

var transports = []string{"http", "rest", "v2", "alb"}

const (
	boundary = "XyZ"
	mp       = "multipart/form-data; boundary=" + boundary
	form     = "application/x-www-form-urlencoded"
	js       = "application/json"
)

var (
	key    = [2]string{"X-API-Key", "k-good"}
	writer = [2]string{"Authorization", "Bearer t-writer"}
	reader = [2]string{"Authorization", "Bearer t-reader"}
	basic  = [2]string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("ann:pw"))}
	bearer = [2]string{"Authorization", "Bearer t-good"}
)

func part(name, value string) string {
	return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
}

func filePart(name, filename, value string) string {
	return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + value + "\r\n"
}

const file = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01bytes\r\n"

// goInternals are fragments of Go error messages and type names: a
// problem that contains one tells an attacker what the server is built
// with and how it parses, and tells a client nothing useful.
var goInternals = []string{"Go struct", "strconv.", "json:", "multipart:", "unmarshal", "interface {}", "reflect", ".go:"}

// manyParams is a query with more parameters than net/url parses by
// default, so a server that reads it with url.ParseQuery sees an error
// and, if it ignores that error, none of the parameters.
func manyParams(limitFirst bool) string {
	var b strings.Builder
	if limitFirst {
		b.WriteString("limit=0&")
	}
	for i := 0; i <= 10000; i++ {
		fmt.Fprintf(&b, "p%d=1&", i)
	}
	if !limitFirst {
		b.WriteString("limit=0")
	}
	return strings.TrimSuffix(b.String(), "&")
}

func gzipped(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.String()
}

var attacks = []attack{
	// Baselines: the fixture works and a valid request of each shape gets
	// through, so that a refusal below means the attack was seen.
	{name: "00 valid order", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"seats":2,"discount":10,"when":"2026-06-30T23:00:00Z","day":"2026-06-30","ref":"3fa85f64-5717-4562-b3fc-2c963f66afa6","email":"a@example.com"}`, status: 200},
	{name: "00 valid vip ticket", method: "POST", target: "/v2/tickets", headers: [][2]string{key, writer}, ctype: js,
		body: `{"kind":"vip","seats":2,"lounge":"north","host":"h@example.com"}`, status: 200},
	{name: "00 vip has stricter bounds", method: "POST", target: "/v2/tickets", headers: [][2]string{key, writer}, ctype: js,
		body: `{"kind":"vip","seats":5,"lounge":"north","host":"h@example.com"}`, status: 400, viol: []want{{in: "body", pointer: "/seats"}}},
	{name: "00 vip needs its extra fields", method: "POST", target: "/v2/tickets", headers: [][2]string{key, writer}, ctype: js,
		body: `{"kind":"vip","seats":2}`, status: 400, viol: []want{{in: "body", pointer: "/host"}, {in: "body", pointer: "/lounge"}}},
	{name: "00 valid subscription", method: "POST", target: "/v2/subscriptions", headers: [][2]string{basic}, ctype: form,
		body: "age=20&topics=news&topics=deals", status: 200},
	{name: "00 too young", method: "POST", target: "/v2/subscriptions", headers: [][2]string{basic}, ctype: form,
		body: "age=15", status: 400, viol: []want{{in: "body", pointer: "/age"}}},
	{name: "00 valid upload", method: "POST", target: "/v2/uploads", headers: [][2]string{bearer}, ctype: mp,
		body: file + part("title", "Hall") + part("count", "2") + "--XyZ--\r\n", status: 200},
	{name: "00 valid venue", method: "GET", target: "/v2/venues/main%20hall?limit=2&filter[city]=Oslo", status: 200},
	{name: "00 valid greeting by query key", method: "GET", target: "/v2/greetings?api_key=k-good&name=Ann", status: 200},
	{name: "00 valid greeting by cookie key", method: "GET", target: "/v2/greetings?name=Ann", headers: [][2]string{{"Cookie", "sid=k-good"}}, status: 200},
	{name: "00 valid profile", method: "PATCH", target: "/v2/profile", headers: [][2]string{writer}, ctype: js, body: `{"nickname":"ann"}`, status: 200},
	{name: "00 empty profile", method: "PATCH", target: "/v2/profile", headers: [][2]string{writer}, ctype: js, body: `{}`, status: 400, viol: []want{{in: "body"}}},

	// 1. encoding/json matches keys case-insensitively (with Unicode
	// folding: U+017F folds to s), so a key the validator takes for an
	// unknown property lands in a bounded field.
	{name: "01 upper-case DISCOUNT", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"DISCOUNT":500}`, status: 400, viol: []want{{in: "body", anyPointer: true}}},
	{name: "01 long s in seats", method: "POST", target: "/v2/tickets", headers: [][2]string{key, writer}, ctype: js,
		body: `{"kind":"standard","seats":2,"ſeats":500}`, status: 400, viol: []want{{in: "body", anyPointer: true}}},
	{name: "01 escaped D in DISCOUNT", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"\u0044ISCOUNT":500}`, status: 400, viol: []want{{in: "body", anyPointer: true}}},

	// 2. With duplicate keys the validator and encoding/json may read
	// different members; the discriminator makes it pick another schema.
	{name: "02 duplicate discriminator", method: "POST", target: "/v2/tickets", headers: [][2]string{key, writer}, ctype: js,
		body: `{"kind":"standard","seats":2,"kind":"vip"}`, status: 400, viol: []want{{in: "body"}}},
	{name: "02 duplicate bounded key", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"discount":1,"discount":500}`, status: 400, viol: []want{{in: "body"}}},

	// 3. Request.ParseForm merges the query into the form the binder
	// reads; the validator checks the body alone.
	{name: "03 form fields in the query string", method: "POST", target: "/v2/subscriptions?age=5&topics=evil", headers: [][2]string{basic}, ctype: form,
		body: "age=20&topics=news", check: formNotFromQuery},

	// 4. A filename makes a part look binary, and a repeated part is two
	// values for a field that holds one.
	{name: "04 text part sent as a file", method: "POST", target: "/v2/uploads", headers: [][2]string{bearer}, ctype: mp,
		body: file + filePart("title", "t.txt", strings.Repeat("x", 30)) + "--XyZ--\r\n", status: 400, viol: []want{{in: "body", pointer: "/title"}}},
	{name: "04 repeated non-array part", method: "POST", target: "/v2/uploads", headers: [][2]string{bearer}, ctype: mp,
		body: file + part("title", "Hall") + part("count", "1") + part("count", "9") + "--XyZ--\r\n", status: 400, viol: []want{{in: "body", pointer: "/count"}}},

	// 5. RFC 3339 offsets run to 23:59.
	{name: "05 offset +24:00", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"when":"2026-06-30T23:00:00+24:00"}`, status: 400, viol: []want{{in: "body", pointer: "/when"}}},
	{name: "05 offset +23:59", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js,
		body: `{"when":"2026-06-30T23:00:00+23:59"}`, status: 200, check: echoed("body", "when")},

	// 6. A body shorter than its Content-Length is not the body the client
	// meant; validating the fragment lets a truncated request through.
	{name: "06 truncated body", only: []string{"http"}, status: 400, raw: truncatedBody},

	// 7. url.ParseQuery gives up past 10,000 parameters. Refusing the
	// whole query is as good as naming limit: what matters is that limit=0
	// is never lost among the rest.
	{name: "07 10001 parameters, limit=0 last", method: "GET", target: "/v2/venues/a?" + manyParams(false), status: 400, viol: []want{{in: "query"}}},
	{name: "07 10001 parameters, limit=0 first", method: "GET", target: "/v2/venues/a?" + manyParams(true), status: 400, viol: []want{{in: "query"}}},

	// 8. A JWT authorizer verified a token, not the API key the operation
	// also requires; the gateway's claims must not stand in for it.
	{name: "08 garbage API key beside JWT scope", method: "POST", target: "/v2/tickets", only: []string{"v2"},
		headers: [][2]string{{"X-API-Key", "garbage"}}, ctype: js, body: `{"kind":"standard","seats":2}`,
		authorizer: map[string]any{"jwt": map[string]any{"claims": map[string]any{"sub": "user-1"}, "scopes": []string{"tickets:write"}}},
		status:     401},

	// 9. Header injection, out of the handler and into the server.
	{name: "09 CRLF reflected into response headers", method: "GET", target: "/v2/greetings?api_key=k-good&name=Ann%0D%0AX-Evil:%201", check: noCRLFEcho},
	{name: "09 CRLF in a declared request header", method: "GET", target: "/v2/greetings?api_key=k-good&name=Ann", only: []string{"rest", "v2", "alb"},
		headers: [][2]string{{"X-Trace", "a\r\nX-Evil: 1"}}, status: 400},
	{name: "09 LF in an undeclared request header", method: "GET", target: "/v2/greetings?api_key=k-good&name=Ann", only: []string{"rest", "v2", "alb"},
		headers: [][2]string{{"X-Note", "a\nX-Evil: 1"}}, status: 400},
	{name: "09 NUL in a request header", method: "GET", target: "/v2/greetings?api_key=k-good&name=Ann", only: []string{"rest", "v2", "alb"},
		headers: [][2]string{{"X-Note", "a\x00b"}}, status: 400},
	{name: "09 CR in the API key", method: "POST", target: "/v2/orders", only: []string{"rest", "v2", "alb"},
		headers: [][2]string{{"X-API-Key", "k-good\r\nX-Evil: 1"}}, ctype: js, body: `{}`, status: 400},

	// 10. The cleaned-path redirect must keep the base path the client
	// used, or it sends the client outside the API.
	{name: "10 dot segment redirect keeps the base path", method: "GET", target: "/v2/venues/./a%20b", check: redirectsTo("/v2/venues/a%20b")},

	// 11. Errors from Go's decoders must not reach the client verbatim.
	{name: "11 float for an integer", method: "POST", target: "/v2/orders", headers: [][2]string{key}, ctype: js, body: `{"seats":10.0}`, noLeak: true},
	{name: "11 exponent for an integer query", method: "GET", target: "/v2/venues/a?limit=1e1", noLeak: true},
	{name: "11 broken multipart body", method: "POST", target: "/v2/uploads", headers: [][2]string{bearer}, ctype: mp,
		body: "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc", noLeak: true},

	// 12. A client that promises a large body and trickles it holds a
	// connection and a 6 MiB buffer for as long as the server lets it.
	{name: "12 slow body is cut off", only: []string{"http"}, raw: slowBody, check: func(*testing.T, result) {}},

	// 13. Odds and ends a reviewer tries.
	{name: "13 insufficient scope challenge", method: "POST", target: "/v2/tickets", headers: [][2]string{key, reader}, ctype: js,
		body: `{"kind":"standard","seats":2}`, status: 403, check: insufficientScope},
	{name: "13 repeated deepObject key", method: "GET", target: "/v2/venues/a?filter[city]=Oslo&filter[city]=Rome", status: 400, viol: []want{{in: "query", name: "filter"}}},
	{name: "13 gzip request body", method: "POST", target: "/v2/orders", headers: [][2]string{key, {"Content-Encoding", "gzip"}}, ctype: js,
		body: gzipped(`{"seats":1}`), status: 415},
	// HTTP APIs pass the path decoded, where "%zz" is three literal
	// characters, so only the sources that pass it encoded can see the bad
	// escape.
	{name: "13 bad escape in the path", method: "GET", target: "/v2/x/%zz", only: []string{"http", "rest", "alb"}, status: 400},
}

// TestHostile runs every attack over every transport it applies to.
func TestHostile(t *testing.T) {
	srv := newServers(t)
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			for _, via := range transports {
				if a.only != nil && !contains(a.only, via) {
					continue
				}
				t.Run(via, func(t *testing.T) {
					before := handlers.Calls.Load()
					var r result
					if a.raw != nil {
						r = a.raw(t)
					} else {
						r = srv.send(t, via, a)
					}
					judge(t, a, r, handlers.Calls.Load() != before)
				})
			}
		})
	}
}

func judge(t *testing.T, a attack, r result, called bool) {
	t.Helper()
	if r.status == 0 {
		t.Fatalf("no response: %s", r.body)
	}
	if r.status >= 500 {
		t.Errorf("status %d: no attack may cause a 5xx; body: %s", r.status, r.body)
	}
	if r.badHeader != "" {
		t.Errorf("response header carries CR, LF or NUL: %q", r.badHeader)
	}
	if r.header.Get("X-Evil") != "" {
		t.Errorf("an injected header arrived: X-Evil: %q", r.header.Get("X-Evil"))
	}
	if a.status != 0 && r.status != a.status {
		t.Errorf("status = %d, want %d; body: %s", r.status, a.status, r.body)
	}
	if a.status >= 400 && called {
		t.Errorf("the handler was called for a request answered %d", r.status)
	}
	if len(a.viol) > 0 && r.status == a.status {
		var p struct {
			Errors []violation `json:"errors"`
		}
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Errorf("problem is not JSON: %v: %s", err, r.body)
		}
		for _, w := range a.viol {
			if !hasViolation(p.Errors, w) {
				t.Errorf("no violation %+v in %s", w, r.body)
			}
		}
	}
	if a.noLeak {
		if r.status < 400 || r.status > 499 {
			t.Errorf("status = %d, want a 4xx; body: %s", r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("Content-Type = %q, want application/problem+json", ct)
		}
		for _, s := range goInternals {
			if bytes.Contains(r.body, []byte(s)) {
				t.Errorf("the problem mentions %q: %s", s, r.body)
			}
		}
	}
	if a.check != nil {
		a.check(t, r)
	}
}

func hasViolation(vs []violation, w want) bool {
	for _, v := range vs {
		if (w.in == "" || v.In == w.in) && (w.name == "" || v.Name == w.name) &&
			(w.pointer == "" || v.Pointer == w.pointer) && (!w.anyPointer || v.Pointer != "") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// formNotFromQuery accepts a refusal, or the body's values alone: the
// handler must never see the query's age=5 or topics=evil.
func formNotFromQuery(t *testing.T, r result) {
	switch r.status {
	case 400:
		return
	case 200:
		var e struct {
			Body struct {
				Age    int      `json:"age"`
				Topics []string `json:"topics"`
			} `json:"body"`
		}
		if err := json.Unmarshal(r.body, &e); err != nil {
			t.Fatalf("echo is not JSON: %v: %s", err, r.body)
		}
		if e.Body.Age != 20 || len(e.Body.Topics) != 1 || e.Body.Topics[0] != "news" {
			t.Errorf("the handler saw age %d, topics %q; want age 20, topics [news] from the body alone: %s", e.Body.Age, e.Body.Topics, r.body)
		}
	default:
		t.Errorf("status = %d, want 200 with the body's values or 400; body: %s", r.status, r.body)
	}
}

// echoed checks that the handler got the field, under the echo's key.
func echoed(key, field string) func(*testing.T, result) {
	return func(t *testing.T, r result) {
		var e map[string]json.RawMessage
		var inner map[string]any
		if err := json.Unmarshal(r.body, &e); err != nil {
			t.Fatalf("echo is not JSON: %v: %s", err, r.body)
		}
		_ = json.Unmarshal(e[key], &inner)
		if _, ok := inner[field]; !ok {
			t.Errorf("the handler did not receive %s.%s: %s", key, field, r.body)
		}
	}
}

// noCRLFEcho allows the server to refuse the name or to answer with it
// neutralised; judge already checks the headers themselves.
func noCRLFEcho(t *testing.T, r result) {
	if r.status != 200 && r.status != 400 {
		t.Errorf("status = %d, want 200 or 400; body: %s", r.status, r.body)
	}
}

func redirectsTo(loc string) func(*testing.T, result) {
	return func(t *testing.T, r result) {
		if r.status != 301 && r.status != 307 && r.status != 308 {
			t.Fatalf("status = %d, want a redirect; body: %s", r.status, r.body)
		}
		if got := r.header.Get("Location"); got != loc {
			t.Errorf("Location = %q, want %q", got, loc)
		}
	}
}

func insufficientScope(t *testing.T, r result) {
	if c := r.header.Get("WWW-Authenticate"); !strings.Contains(c, `error="insufficient_scope"`) {
		t.Errorf(`WWW-Authenticate = %q, want a challenge with error="insufficient_scope" (RFC 6750)`, c)
	}
}

// servers is the generated server wired as main.go wires it: over HTTP
// behind StripBasePath, and behind the Lambda adapter with the base path
// and binary types main.go passes.
type servers struct {
	url     string
	adapter *lambdahttp.Adapter
}

func newHandler() http.Handler {
	impl := &handlers.Handlers{}
	return api.NewHandler(impl, api.WithAuthenticator(impl), api.WithClaims(gatewayClaims))
}

func newServers(t *testing.T) *servers {
	h := newHandler()
	ts := httptest.NewServer(api.StripBasePath(h))
	t.Cleanup(ts.Close)
	return &servers{
		url:     ts.URL,
		adapter: lambdahttp.New(h, lambdahttp.WithBasePath(api.BasePath), lambdahttp.WithBinaryTypes(api.BinaryMediaTypes...)),
	}
}

func (s *servers) send(t *testing.T, via string, a attack) result {
	t.Helper()
	if via == "http" {
		return sendHTTP(t, strings.TrimPrefix(s.url, "http://"), a)
	}
	ev := event(via, a)
	out, err := s.adapter.Invoke(context.Background(), ev)
	if err != nil {
		return result{body: []byte("Invoke: " + err.Error())}
	}
	return lambdaResult(t, out)
}

// sendHTTP writes the request by hand, so that targets net/url refuses
// (bad escapes, dot segments) reach the server as the client sent them.
func sendHTTP(t *testing.T, addr string, a attack) result {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n", a.method, a.target)
	for _, h := range a.headers {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	if a.ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", a.ctype)
	}
	if a.body != "" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(a.body))
	}
	b.WriteString("\r\n")
	b.WriteString(a.body)
	if _, err := c.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	return readHTTP(t, c)
}

func readHTTP(t *testing.T, c net.Conn) result {
	t.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return result{body: []byte("reading the response: " + err.Error())}
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	_, _ = body.ReadFrom(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, body: body.Bytes()}
	for k, vs := range resp.Header {
		for _, v := range vs {
			if strings.ContainsAny(k+v, "\r\n\x00") {
				r.badHeader = k + ": " + v
			}
		}
	}
	return r
}

// splitTarget returns the path and query as the client wrote them.
func splitTarget(target string) (string, string) {
	p, q, _ := strings.Cut(target, "?")
	return p, q
}

type pair struct{ name, value string }

// pairs splits a query without url.ParseQuery's limits, decoding what can
// be decoded and keeping the rest as sent.
func pairs(q string, decode bool) []pair {
	var out []pair
	for _, s := range strings.Split(q, "&") {
		if s == "" {
			continue
		}
		n, v, _ := strings.Cut(s, "=")
		if decode {
			if d, err := url.QueryUnescape(n); err == nil {
				n = d
			}
			if d, err := url.QueryUnescape(v); err == nil {
				v = d
			}
		}
		out = append(out, pair{n, v})
	}
	return out
}

func bodyFields(body string) (string, bool) {
	if utf8.ValidString(body) && !strings.ContainsRune(body, 0) {
		return body, false
	}
	return base64.StdEncoding.EncodeToString([]byte(body)), true
}

func allHeaders(a attack) [][2]string {
	hs := append([][2]string{{"Host", "api.example.com"}, {"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "192.0.2.1"}}, a.headers...)
	if a.ctype != "" {
		hs = append(hs, [2]string{"Content-Type", a.ctype})
	}
	return hs
}

// event builds the proxy event each source would send for the request,
// encoded as that source encodes it (see internal/lambdahttp's doc).
func event(via string, a attack) []byte {
	path, query := splitTarget(a.target)
	body, b64 := bodyFields(a.body)
	var ev map[string]any
	switch via {
	case "rest":
		single, multi := map[string]string{}, map[string][]string{}
		for _, h := range allHeaders(a) {
			single[h[0]] = h[1]
			multi[h[0]] = append(multi[h[0]], h[1])
		}
		var qs map[string]string
		var mq map[string][]string
		for _, p := range pairs(query, true) {
			if qs == nil {
				qs, mq = map[string]string{}, map[string][]string{}
			}
			qs[p.name] = p.value
			mq[p.name] = append(mq[p.name], p.value)
		}
		ev = map[string]any{
			"resource": "/{proxy+}", "path": path, "httpMethod": a.method,
			"headers": single, "multiValueHeaders": multi,
			"queryStringParameters": qs, "multiValueQueryStringParameters": mq,
			"pathParameters": map[string]string{"proxy": strings.TrimPrefix(path, "/")},
			"requestContext": map[string]any{
				"resourcePath": "/{proxy+}", "httpMethod": a.method, "path": path, "stage": "prod",
				"requestId": "r1", "accountId": "123456789012", "apiId": "x", "domainName": "api.example.com",
				"identity": map[string]any{"sourceIp": "192.0.2.1"},
			},
			"body": body, "isBase64Encoded": b64,
		}
	case "v2":
		decoded := path
		if d, err := url.PathUnescape(path); err == nil {
			decoded = d
		}
		headers := map[string]string{}
		var cookies []string
		for _, h := range allHeaders(a) {
			name := strings.ToLower(h[0])
			if name == "cookie" {
				cookies = append(cookies, strings.Split(h[1], "; ")...)
				continue
			}
			if old, ok := headers[name]; ok {
				headers[name] = old + "," + h[1]
			} else {
				headers[name] = h[1]
			}
		}
		rc := map[string]any{
			"accountId": "123456789012", "apiId": "x", "domainName": "api.example.com", "domainPrefix": "api",
			"http":      map[string]any{"method": a.method, "path": decoded, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "hostile"},
			"requestId": "r1", "routeKey": "$default", "stage": "$default", "time": "30/Jun/2026:23:00:00 +0000", "timeEpoch": 1782860400000,
		}
		if a.authorizer != nil {
			rc["authorizer"] = a.authorizer
		}
		ev = map[string]any{
			"version": "2.0", "routeKey": "$default", "rawPath": decoded, "rawQueryString": query,
			"headers": headers, "requestContext": rc, "body": body, "isBase64Encoded": b64,
		}
		if cookies != nil {
			ev["cookies"] = cookies
		}
	case "alb":
		// Multi-value mode: in single-value mode ALB itself keeps only the
		// last of repeated names, which would hide the attacks on them.
		multi := map[string][]string{}
		for _, h := range allHeaders(a) {
			name := strings.ToLower(h[0])
			multi[name] = append(multi[name], h[1])
		}
		mq := map[string][]string{}
		for _, p := range pairs(query, false) {
			mq[p.name] = append(mq[p.name], p.value)
		}
		ev = map[string]any{
			"requestContext":                  map[string]any{"elb": map[string]any{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/hostile/1"}},
			"httpMethod":                      a.method,
			"path":                            path,
			"multiValueQueryStringParameters": mq,
			"multiValueHeaders":               multi,
			"body":                            body,
			"isBase64Encoded":                 b64,
		}
	}
	data, err := json.Marshal(ev)
	if err != nil {
		panic(err)
	}
	return data
}

// lambdaResult reads the response envelope of any source and notes header
// names and values that would carry CR, LF or NUL onto the wire.
func lambdaResult(t *testing.T, out []byte) result {
	t.Helper()
	var env struct {
		StatusCode        int                 `json:"statusCode"`
		Headers           map[string]string   `json:"headers"`
		MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
		Cookies           []string            `json:"cookies"`
		Body              string              `json:"body"`
		IsBase64Encoded   bool                `json:"isBase64Encoded"`
	}
	if err := json.Unmarshal(out, &env); err != nil {
		return result{body: []byte(fmt.Sprintf("the response is not JSON: %v: %s", err, out))}
	}
	r := result{status: env.StatusCode, header: http.Header{}, body: []byte(env.Body)}
	if env.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(env.Body); err == nil {
			r.body = b
		}
	}
	note := func(k, v string) {
		if strings.ContainsAny(k+v, "\r\n\x00") {
			r.badHeader = k + ": " + v
		}
	}
	for k, v := range env.Headers {
		note(k, v)
		r.header.Add(k, v)
	}
	for k, vs := range env.MultiValueHeaders {
		for _, v := range vs {
			note(k, v)
			if _, single := env.Headers[k]; !single {
				r.header.Add(k, v)
			}
		}
	}
	for _, c := range env.Cookies {
		note("Set-Cookie", c)
		r.header.Add("Set-Cookie", c)
	}
	return r
}

// truncatedBody promises 256 bytes, sends 10 that happen to be valid JSON,
// and closes its side: the server must not take the fragment for the body.
func truncatedBody(t *testing.T) result {
	ts := httptest.NewServer(api.StripBasePath(newHandler()))
	defer ts.Close()
	c, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	head := "POST /v2/orders HTTP/1.1\r\nHost: api.example.com\r\nX-API-Key: k-good\r\nContent-Type: application/json\r\nContent-Length: 256\r\n\r\n"
	if _, err := c.Write([]byte(head + `{"x":"12"}`)); err != nil {
		t.Fatal(err)
	}
	_ = c.(*net.TCPConn).CloseWrite()
	return readHTTP(t, c)
}

var (
	mainOnce sync.Once
	mainAddr string
)

// mainServer runs main.go's own serve, with its http.Server settings, on
// a free port. serve stops only on a signal, so it runs until the test
// binary exits.
func mainServer(t *testing.T) string {
	mainOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		ln.Close()
		os.Setenv("PORT", port)
		go func() { _ = serve(api.StripBasePath(newHandler())) }()
		for i := 0; i < 200; i++ {
			if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
				c.Close()
				mainAddr = "127.0.0.1:" + port
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
	if mainAddr == "" {
		t.Fatal("main.go's server did not start")
	}
	return mainAddr
}

// serverTimeouts reads ReadTimeout and ReadHeaderTimeout from the
// http.Server literal in main.go, which builds its server inside serve
// where the fixture cannot reach it; zero means unset.
func serverTimeouts(t *testing.T) (read, header time.Duration) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]ast.Expr{}
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for i, name := range vs.Names {
				if i < len(vs.Values) {
					consts[name.Name] = vs.Values[i]
				}
			}
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		name, _ := kv.Key.(*ast.Ident)
		if name == nil {
			return true
		}
		switch name.Name {
		case "ReadTimeout":
			read = duration(kv.Value, consts)
		case "ReadHeaderTimeout":
			header = duration(kv.Value, consts)
		}
		return true
	})
	return read, header
}

// duration evaluates N * time.Unit, directly or through a named constant,
// the forms main.go uses.
func duration(e ast.Expr, consts map[string]ast.Expr) time.Duration {
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := consts[id.Name]; ok {
			return duration(v, nil)
		}
		return 0
	}
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.MUL {
		return 0
	}
	lit, ok := b.X.(*ast.BasicLit)
	sel, ok2 := b.Y.(*ast.SelectorExpr)
	if !ok || !ok2 {
		return 0
	}
	n, err := strconv.Atoi(lit.Value)
	if err != nil {
		return 0
	}
	units := map[string]time.Duration{"Millisecond": time.Millisecond, "Second": time.Second, "Minute": time.Minute}
	return time.Duration(n) * units[sel.Sel.Name]
}

// slowBody claims a 6 MiB body (the most the server accepts) and sends one
// byte of it. Without a ReadTimeout the server waits for the rest forever;
// with none set, the ReadHeaderTimeout main.go chose is the yardstick.
func slowBody(t *testing.T) result {
	read, header := serverTimeouts(t)
	budget := read
	if read == 0 {
		t.Errorf("main.go's http.Server sets no ReadTimeout (ReadHeaderTimeout %v): a slow body holds the connection open", header)
		budget = header
		if budget == 0 {
			budget = 10 * time.Second
		}
	}
	c, err := net.Dial("tcp", mainServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	head := fmt.Sprintf("POST /v2/orders HTTP/1.1\r\nHost: api.example.com\r\nX-API-Key: k-good\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", 6<<20)
	if _, err := c.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(start.Add(budget + 2*time.Second))
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Errorf("the connection was still open %v after the request began, want it cut off within %v", time.Since(start).Round(time.Second), budget)
		return result{status: http.StatusRequestTimeout, header: http.Header{}, body: []byte("(still open; the status is the row's, not the server's)")}
	}
	if err != nil {
		// Closed without an answer: that ends the slow client's hold too.
		return result{status: http.StatusRequestTimeout, header: http.Header{}, body: []byte("(closed without a response: " + err.Error() + ")")}
	}
	resp.Body.Close()
	return result{status: resp.StatusCode, header: resp.Header}
}

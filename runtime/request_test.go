package lambdahttp_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// seen runs payload through an adapter and returns the request the handler
// got, with its body.
func seen(t *testing.T, payload string, opts ...lambdahttp.Option) (*http.Request, string) {
	t.Helper()
	var got *http.Request
	var body []byte
	a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
	}), opts...)
	if _, err := a.Invoke(context.Background(), []byte(payload)); err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	if got == nil {
		t.Fatal("handler not called")
	}
	return got, string(body)
}

func rest(path, extra string) string {
	return `{"httpMethod":"GET","path":` + quote(path) + `,"headers":{"Host":"api.example.com"},` +
		`"requestContext":{"stage":"prod","identity":{"sourceIp":"2001:db8::1"}}` + extra + `}`
}

func v2(rawPath, host, stage, extra string) string {
	return `{"version":"2.0","rawPath":` + quote(rawPath) + `,"rawQueryString":"","headers":{"host":` + quote(host) + `},` +
		`"requestContext":{"stage":` + quote(stage) + `,"domainName":` + quote(host) + `,"http":{"method":"GET","sourceIp":"198.51.100.4"}}` + extra + `}`
}

// v1 is a payload 1.0 event: a REST API's when version is "", an HTTP
// API's when it is "1.0".
func v1(version, path, host, stage string) string {
	v := ""
	if version != "" {
		v = `"version":` + quote(version) + `,`
	}
	return `{` + v + `"httpMethod":"GET","path":` + quote(path) + `,"headers":{"Host":` + quote(host) + `},` +
		`"requestContext":{"stage":` + quote(stage) + `,"domainName":` + quote(host) + `,"identity":{"sourceIp":"198.51.100.4"}}}`
}

func quote(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(append(b, '"'))
}

func TestPaths(t *testing.T) {
	const execute = "abc123.execute-api.eu-west-1.amazonaws.com"
	cases := []struct {
		name                     string
		payload                  string
		opts                     []lambdahttp.Option
		path, rawPath, uri, host string
	}{
		{"REST path is percent-encoded", rest("/files/a%20b%2Fc", ""), nil,
			"/files/a b/c", "/files/a%20b%2Fc", "/files/a%20b%2Fc", "api.example.com"},
		{"REST plain path", rest("/files/x", ""), nil, "/files/x", "", "/files/x", "api.example.com"},
		{"HTTP API rawPath is already decoded", v2("/a%b c", execute, "$default", ""), nil,
			"/a%b c", "", "/a%25b%20c", execute},
		{"HTTP API payload 1.0 path is already decoded", `{"version":"1.0","httpMethod":"GET","path":"/a%b","requestContext":{}}`, nil,
			"/a%b", "", "/a%25b", "localhost"},
		{"ALB path is percent-encoded", `{"httpMethod":"GET","path":"/a%20b/%2F","requestContext":{"elb":{}},"headers":{"host":"alb"}}`, nil,
			"/a b//", "/a%20b/%2F", "/a%20b/%2F", "alb"},
		{"function URL rawPath is encoded", v2("/a%2Fb", "x.lambda-url.eu-west-1.on.aws", "", ""), nil,
			"/a/b", "/a%2Fb", "/a%2Fb", "x.lambda-url.eu-west-1.on.aws"},
		{"base path strips a segment", rest("/api/items", ""), []lambdahttp.Option{lambdahttp.WithBasePath("/api")},
			"/items", "", "/items", "api.example.com"},
		{"base path alone becomes /", rest("/api", ""), []lambdahttp.Option{lambdahttp.WithBasePath("api/")},
			"/", "", "/", "api.example.com"},
		{"base path never strips part of a segment", rest("/apiary", ""), []lambdahttp.Option{lambdahttp.WithBasePath("/api")},
			"/apiary", "", "/apiary", "api.example.com"},
		{"base path keeps the raw form", rest("/api/a%2Fb", ""), []lambdahttp.Option{lambdahttp.WithBasePath("/api")},
			"/a/b", "/a%2Fb", "/a%2Fb", "api.example.com"},
		{"stage stripped on the execute-api host", v2("/dev/items", execute, "dev", ""), nil,
			"/items", "", "/items", execute},
		{"stage alone becomes /", v2("/dev", execute, "dev", ""), nil, "/", "", "/", execute},
		{"stage stripping can be turned off", v2("/dev/items", execute, "dev", ""),
			[]lambdahttp.Option{lambdahttp.WithStageStripping(false)}, "/dev/items", "", "/dev/items", execute},
		{"stage not stripped on a custom domain", v2("/dev/items", "api.example.com", "dev", ""), nil,
			"/dev/items", "", "/dev/items", "api.example.com"},
		{"stage must be a whole segment", v2("/devices", execute, "dev", ""), nil, "/devices", "", "/devices", execute},
		{"$default stage is never stripped", v2("/$default/x", execute, "$default", ""), nil,
			"/$default/x", "", "/$default/x", execute},
		{"stage then base path", v2("/dev/api/x", execute, "dev", ""), []lambdahttp.Option{lambdahttp.WithBasePath("/api")},
			"/x", "", "/x", execute},
		// REST event paths never contain the stage, even on the execute-api
		// host; a first segment equal to the stage name is part of the route.
		{"REST path keeps a segment named like the stage", v1("", "/prod/items", execute, "prod"), nil,
			"/prod/items", "", "/prod/items", execute},
		{"HTTP API payload 1.0 stage stripped on the execute-api host", v1("1.0", "/dev/items", execute, "dev"), nil,
			"/items", "", "/items", execute},
		{"HTTP API payload 1.0 $default stage is never stripped", v1("1.0", "/$default/items", execute, "$default"), nil,
			"/$default/items", "", "/$default/items", execute},
		{"HTTP API payload 1.0 stage not stripped on a custom domain", v1("1.0", "/dev/items", "api.example.com", "dev"), nil,
			"/dev/items", "", "/dev/items", "api.example.com"},
		{"empty path becomes /", rest("", ""), nil, "/", "", "/", "api.example.com"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := seen(t, c.payload, c.opts...)
			if r.URL.Path != c.path || r.URL.RawPath != c.rawPath || r.RequestURI != c.uri || r.Host != c.host {
				t.Errorf("Path %q RawPath %q RequestURI %q Host %q; want %q %q %q %q",
					r.URL.Path, r.URL.RawPath, r.RequestURI, r.Host, c.path, c.rawPath, c.uri, c.host)
			}
		})
	}
}

func TestQueryAndHeaders(t *testing.T) {
	t.Run("REST query encoded once, in event order", func(t *testing.T) {
		r, _ := seen(t, rest("/", `,"multiValueQueryStringParameters":{"z":["a b","c&d"],"é":["1"],"a":["x=y"]}`))
		if want := "z=a+b&z=c%26d&%C3%A9=1&a=x%3Dy"; r.URL.RawQuery != want || r.RequestURI != "/?"+want {
			t.Errorf("RawQuery %q RequestURI %q, want %q", r.URL.RawQuery, r.RequestURI, want)
		}
		if got := r.URL.Query()["z"]; len(got) != 2 || got[0] != "a b" || got[1] != "c&d" {
			t.Errorf("z = %q", got)
		}
	})
	t.Run("ALB query passed through, not encoded again", func(t *testing.T) {
		r, _ := seen(t, `{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},"headers":{"x-forwarded-for":"10.0.0.1, 192.0.2.5"},`+
			`"queryStringParameters":{"q":"b%20c","p":"%2Fx%2F"}}`)
		if r.URL.RawQuery != "q=b%20c&p=%2Fx%2F" || r.URL.Query().Get("p") != "/x/" {
			t.Errorf("RawQuery %q", r.URL.RawQuery)
		}
		if r.RemoteAddr != "192.0.2.5:0" || r.Host != "localhost" || r.URL.Scheme != "https" {
			t.Errorf("RemoteAddr %q Host %q scheme %q", r.RemoteAddr, r.Host, r.URL.Scheme)
		}
	})
	t.Run("v2 rawQueryString verbatim", func(t *testing.T) {
		r, _ := seen(t, `{"version":"2.0","rawPath":"/","rawQueryString":"a=%20&b=1&a=2","requestContext":{"http":{"method":"GET"}}}`)
		if r.URL.RawQuery != "a=%20&b=1&a=2" {
			t.Errorf("RawQuery %q", r.URL.RawQuery)
		}
	})
	t.Run("v2 cookies become one Cookie header, not duplicated", func(t *testing.T) {
		r, _ := seen(t, v2("/", "x.lambda-url.eu-west-1.on.aws", "", `,"cookies":["a=1","b=2"],"headers":{"cookie":"a=1; b=2","x-forwarded-proto":"http"}`))
		if got := r.Header["Cookie"]; len(got) != 1 || got[0] != "a=1; b=2" {
			t.Errorf("Cookie = %q", got)
		}
		if len(r.Cookies()) != 2 || r.URL.Scheme != "http" {
			t.Errorf("cookies %v scheme %q", r.Cookies(), r.URL.Scheme)
		}
	})
	t.Run("REST repeated headers stay apart", func(t *testing.T) {
		r, _ := seen(t, rest("/", `,"multiValueHeaders":{"Accept":["a/b","c/d"],"host":["h.example"]}`))
		if got := r.Header["Accept"]; len(got) != 2 || got[1] != "c/d" {
			t.Errorf("Accept = %q", got)
		}
		if r.Host != "h.example" || r.Header["Host"] != nil || r.RemoteAddr != "[2001:db8::1]:0" {
			t.Errorf("Host %q header %q RemoteAddr %q", r.Host, r.Header["Host"], r.RemoteAddr)
		}
	})
}

func TestRequestBody(t *testing.T) {
	cases := []struct{ name, extra, want string }{
		{"escapes", `,"body":"\u00e9\n\"x\" \ud83d\ude00"`, "é\n\"x\" 😀"},
		{"base64", `,"body":"aGVsbG8=","isBase64Encoded":true`, "hello"},
		{"base64 before the flag", `,"isBase64Encoded":true,"body":"aGVsbG8="`, "hello"},
		{"unpadded base64", `,"body":"aGVsbG8","isBase64Encoded":true`, "hello"},
		// Test events such as serverless-go-demo's set the flag on plain
		// JSON; the body is passed through rather than failing the request.
		{"flagged but not base64", `,"body":"{\"id\":1}","isBase64Encoded":true`, `{"id":1}`},
		{"null", `,"body":null`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, body := seen(t, rest("/", c.extra))
			if body != c.want || r.ContentLength != int64(len(c.want)) {
				t.Errorf("body %q (ContentLength %d), want %q", body, r.ContentLength, c.want)
			}
			if c.want == "" && r.Body != http.NoBody {
				t.Errorf("empty body is %T, want http.NoBody", r.Body)
			}
		})
	}
}

// TestRemoteAddrSplits checks that RemoteAddr is host:port as
// net.SplitHostPort reads it, for every source and kind of address.
func TestRemoteAddrSplits(t *testing.T) {
	sources := []struct {
		name  string
		event func(ip string) string
	}{
		{"REST", func(ip string) string {
			return `{"httpMethod":"GET","path":"/","requestContext":{"identity":{"sourceIp":` + quote(ip) + `}}}`
		}},
		{"HTTP API 1.0", func(ip string) string {
			return `{"version":"1.0","httpMethod":"GET","path":"/","requestContext":{"identity":{"sourceIp":` + quote(ip) + `}}}`
		}},
		{"HTTP API 2.0", func(ip string) string {
			return `{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET","sourceIp":` + quote(ip) + `}}}`
		}},
		{"function URL", func(ip string) string {
			return `{"version":"2.0","rawPath":"/","requestContext":{"domainName":"x.lambda-url.eu-west-1.on.aws",` +
				`"http":{"method":"GET","sourceIp":` + quote(ip) + `}}}`
		}},
		{"ALB", func(ip string) string {
			return `{"httpMethod":"GET","path":"/","headers":{"x-forwarded-for":"203.0.113.1, ` + ip + `"},"requestContext":{"elb":{}}}`
		}},
		{"ALB multi-value", func(ip string) string {
			return `{"httpMethod":"GET","path":"/","multiValueHeaders":{"x-forwarded-for":["203.0.113.1, ` + ip + `"]},"requestContext":{"elb":{}}}`
		}},
	}
	for _, src := range sources {
		for _, ip := range []string{"192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1", "fe80::1%eth0"} {
			t.Run(src.name+"/"+ip, func(t *testing.T) {
				r, _ := seen(t, src.event(ip))
				host, port, err := net.SplitHostPort(r.RemoteAddr)
				if err != nil || host != ip || port != "0" {
					t.Errorf("RemoteAddr %q splits into %q, %q, %v; want %q, \"0\"", r.RemoteAddr, host, port, err, ip)
				}
			})
		}
	}
}

// TestBadPercentEncodingRefused checks that a path net/http's server would
// refuse as an invalid URL escape gets a 400 problem answer and does not
// reach the handler. HTTP APIs deliver the path decoded, so a % there is a
// literal percent sign (see TestPaths).
func TestBadPercentEncodingRefused(t *testing.T) {
	want := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid percent-encoding in path"}`
	cases := []struct{ name, event string }{
		{"REST", rest("/x/%zz", "")},
		{"REST truncated escape", rest("/x/%2", "")},
		{"REST with a base path", rest("/api/x/%zz", "")},
		{"ALB", `{"httpMethod":"GET","path":"/x/%zz","headers":{},"requestContext":{"elb":{}}}`},
		{"ALB multi-value", `{"httpMethod":"GET","path":"/x/%g0","multiValueHeaders":{},"requestContext":{"elb":{}}}`},
		{"function URL", v2("/x/%zz", "x.lambda-url.eu-west-1.on.aws", "", "")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			called := false
			r := invoke(t, func(http.ResponseWriter, *http.Request) { called = true }, c.event, lambdahttp.WithBasePath("/api"))
			if called || r.StatusCode != 400 || r.Body != want || r.fields()["content-type"][0] != "application/problem+json" {
				t.Errorf("handler called %v, status %d, headers %q, body %s", called, r.StatusCode, r.fields(), r.Body)
			}
		})
	}
}

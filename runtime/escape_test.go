package lambdahttp_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// TestEscaping checks that header values and text bodies with characters
// JSON must escape survive the hand-written encoder, and that invalid UTF-8
// in a header becomes U+FFFD as encoding/json would make it.
func TestEscaping(t *testing.T) {
	const body = "quote \" backslash \\ newline \n tab \t nul \x00 </script> é 😀"
	r := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Odd", "a\"b\\c\x01\u2028")
		w.Header().Set("X-Bad", "caf\xe9")
		w.Header().Set("Vary", "Origin")
		_, _ = io.WriteString(w, body)
	}, "")
	if r.Body != body || r.IsBase64Encoded {
		t.Errorf("body %q", r.Body)
	}
	if r.Headers["X-Odd"] != "a\"b\\c\x01\u2028" || r.Headers["X-Bad"] != "caf\ufffd" || r.Headers["Vary"] != "Origin" {
		t.Errorf("headers %q", r.Headers)
	}
}

func TestVaryIsMerged(t *testing.T) {
	big := make([]byte, 2048)
	for i := range big {
		big[i] = 'a'
	}
	cases := []struct {
		vary []string
		want []string
	}{
		{[]string{"Origin"}, []string{"Origin", "Accept-Encoding"}},
		{[]string{"origin, accept-encoding"}, []string{"origin, accept-encoding"}},
		{[]string{"*"}, []string{"*"}},
	}
	for _, c := range cases {
		a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Vary"] = c.vary
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write(big)
		}))
		out, err := a.Invoke(context.Background(), []byte(`{"httpMethod":"GET","path":"/","headers":{"accept-encoding":"gzip"}}`))
		if err != nil {
			t.Fatal(err)
		}
		var resp v1Response
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatal(err)
		}
		got := resp.MultiValueHeaders["Vary"]
		if got == nil {
			got = []string{resp.Headers["Vary"]}
		}
		if len(got) != len(c.want) || got[0] != c.want[0] || got[len(got)-1] != c.want[len(c.want)-1] {
			t.Errorf("Vary %q: got %q, want %q", c.vary, got, c.want)
		}
	}
}

// TestALBRepeatedHeaders checks that single-value ALB responses keep every
// value of a repeated header under a distinct spelling of its name.
func TestALBRepeatedHeaders(t *testing.T) {
	a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, v := range []string{"a=1", "b=2", "c=3", "d=4"} {
			w.Header().Add("Set-Cookie", v)
		}
	}))
	out, err := a.Invoke(context.Background(), []byte(`{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},"headers":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"statusCode":200,"statusDescription":"200 OK","headers":{"Set-Cookie":"a=1","set-Cookie":"b=2",` +
		`"SEt-Cookie":"c=3","sEt-Cookie":"d=4"},"body":"","isBase64Encoded":false}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestNilHandlerUsesDefaultServeMux(t *testing.T) {
	out, err := lambdahttp.New(nil).Invoke(context.Background(), []byte(`{"httpMethod":"GET","path":"/lambdahttp-nothing-here"}`))
	if err != nil {
		t.Fatal(err)
	}
	var r v1Response
	if err := json.Unmarshal(out, &r); err != nil || r.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, %v", r.StatusCode, err)
	}
}

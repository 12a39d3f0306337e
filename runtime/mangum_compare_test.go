package lambdahttp_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/netip"
	"net/textproto"
	"reflect"
	"slices"
	"strings"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// received is what the handler saw.
type received struct {
	method, path, rawQuery, host, scheme, remoteAddr string
	header                                           http.Header
	body                                             []byte
}

func (g *received) record(r *http.Request) {
	g.method, g.path, g.rawQuery = r.Method, r.URL.Path, r.URL.RawQuery
	g.host, g.scheme, g.remoteAddr = r.Host, r.URL.Scheme, r.RemoteAddr
	g.header = r.Header.Clone()
	g.body, _ = io.ReadAll(r.Body)
}

// decodeBytes reads the case files' encoding of Python bytes.
func decodeBytes(raw json.RawMessage) []byte {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		return []byte(v)
	case map[string]any:
		if s, ok := v["$bytes_utf8"].(string); ok {
			return []byte(s)
		}
		if s, ok := v["$bytes_base64"].(string); ok {
			b, _ := base64.StdEncoding.DecodeString(s)
			return b
		}
	}
	return nil
}

// lambdaEvent turns a recorded event back into the JSON Lambda would send:
// bodies recorded as Python bytes become strings again. Key order is kept.
func lambdaEvent(t *testing.T, raw json.RawMessage) []byte {
	var out bytes.Buffer
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var walk func() error
	walk = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case json.Delim:
			if tok == '[' {
				out.WriteByte('[')
				for i := 0; dec.More(); i++ {
					if i > 0 {
						out.WriteByte(',')
					}
					if err := walk(); err != nil {
						return err
					}
				}
				_, err = dec.Token()
				out.WriteByte(']')
				return err
			}
			out.WriteByte('{')
			for i := 0; dec.More(); i++ {
				k, _ := dec.Token()
				if i == 0 && (k == "$bytes_utf8" || k == "$bytes_base64") {
					var s string
					if err := dec.Decode(&s); err != nil {
						return err
					}
					if k == "$bytes_base64" {
						b, _ := base64.StdEncoding.DecodeString(s)
						s = string(b)
					}
					// Replace the '{' just written with the string.
					out.Truncate(out.Len() - 1)
					js, _ := json.Marshal(s)
					out.Write(js)
					_, err = dec.Token()
					return err
				}
				if i > 0 {
					out.WriteByte(',')
				}
				js, _ := json.Marshal(k)
				out.Write(js)
				out.WriteByte(':')
				if err := walk(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			out.WriteByte('}')
			return err
		default:
			js, _ := json.Marshal(tok)
			out.Write(js)
		}
		return nil
	}
	if err := walk(); err != nil {
		t.Fatalf("event: %v", err)
	}
	return out.Bytes()
}

func runMangumStep(t *testing.T, s mangumStep) {
	t.Helper()
	var opts []lambdahttp.Option
	if bp := strings.Trim(s.Config.BasePath, "/"); bp != "" {
		opts = append(opts, lambdahttp.WithBasePath(bp))
	}
	for _, mt := range s.Config.TextMimeTypes {
		if !slices.Contains(mangumDefaultText, mt) {
			opts = append(opts, lambdahttp.WithTextTypes(mt))
		}
	}
	var got received
	opts = append(opts, lambdahttp.WithLogger(discardLogger))
	a := lambdahttp.New(replay(s.AppSent, s.AppRaised, &got), opts...)
	payload := lambdaEvent(t, s.Event)
	out, err := a.Invoke(context.Background(), payload)
	if len(s.Raised) > 0 && string(s.Raised) != "null" {
		if err == nil {
			t.Fatalf("Mangum raised %s, adapter returned %s", s.Raised, out)
		}
		return
	}
	if err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	want := s.AppReceived
	if s.Kind == "construct-handler-directly" {
		want = s.Body
	}
	if s.Scope != nil {
		compareRequest(t, s, payload, &got, decodeBytes(want))
	}
	if s.LambdaResponse != nil {
		compareResponse(t, s, out)
	}
}

// compareRequest maps Mangum's ASGI scope onto net/http and compares.
func compareRequest(t *testing.T, s mangumStep, payload []byte, got *received, body []byte) {
	t.Helper()
	sc := s.Scope
	wantQuery := sc.QueryString
	if s.Handler == "ALB" {
		// Override: ALB delivers query values still URL-encoded. Mangum
		// decodes and re-encodes them ("b%20c" becomes "b+c"); this adapter
		// passes them through untouched, so the query is the event's.
		wantQuery = albQuery(t, payload)
	}
	// Override: net/http canonicalises header names and keeps repeated
	// values apart; Mangum lower-cases names and joins multiValueHeaders
	// with ", ". Compare per name with values joined. Host is not a
	// header in net/http but Request.Host.
	wantHeader := map[string][]string{}
	wantHost := ""
	for _, h := range sc.Headers {
		if strings.EqualFold(h[0], "host") {
			wantHost = h[1]
			continue
		}
		k := textproto.CanonicalMIMEHeaderKey(h[0])
		wantHeader[k] = append(wantHeader[k], h[1])
	}
	if wantHost == "" {
		// Override: with no Host header Mangum reports server "mangum";
		// this adapter uses requestContext.domainName, else "localhost".
		var ev struct {
			RC struct {
				DomainName string `json:"domainName"`
			} `json:"requestContext"`
		}
		_ = json.Unmarshal(payload, &ev)
		wantHost = ev.RC.DomainName
		if wantHost == "" {
			wantHost = "localhost"
		}
	}
	gotHeader := map[string][]string{}
	for k, vs := range got.header {
		gotHeader[k] = vs
	}
	join := func(m map[string][]string) map[string]string {
		out := map[string]string{}
		for k, vs := range m {
			out[k] = strings.Join(vs, ", ")
		}
		return out
	}
	// The client port and the server port have no place in net/http's
	// Request (RemoteAddr gets port 0; the Host header keeps whatever port
	// the client sent), so only the addresses are compared.
	wantRemote := ""
	if len(sc.Client) > 0 && sc.Client[0] != nil {
		// Override: a client value that is not an IP address (the sample
		// events say "IP") is kept verbatim, without a port.
		wantRemote = sc.Client[0].(string)
		if _, err := netip.ParseAddr(wantRemote); err == nil {
			wantRemote += ":0"
		}
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"method", got.method, sc.Method},
		{"path", got.path, sc.Path},
		{"query", got.rawQuery, wantQuery},
		{"scheme", got.scheme, sc.Scheme},
		{"host", got.host, wantHost},
		{"remote address", got.remoteAddr, wantRemote},
		{"headers", join(gotHeader), join(wantHeader)},
		{"body", string(got.body), string(body)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("request %s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// albQuery joins an ALB event's query parameters as they are, in order.
func albQuery(t *testing.T, payload []byte) string {
	var ev struct {
		Query   json.RawMessage `json:"queryStringParameters"`
		MVQuery json.RawMessage `json:"multiValueQueryStringParameters"`
	}
	if err := json.Unmarshal(payload, &ev); err != nil {
		t.Fatal(err)
	}
	raw := ev.Query
	if len(ev.MVQuery) > 0 && string(ev.MVQuery) != "null" {
		raw = ev.MVQuery
	}
	var parts []string
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, _ := dec.Token()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		switch v := v.(type) {
		case string:
			parts = append(parts, k.(string)+"="+v)
		case []any:
			for _, x := range v {
				parts = append(parts, k.(string)+"="+x.(string))
			}
		}
	}
	return strings.Join(parts, "&")
}

package lambdahttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// reqWant is what the handler must see for one corpus event. headers pins
// some headers exactly; nHeaders pins how many there are; every header is
// also compared with an independent reading of the event (expectedHeaders).
type reqWant struct {
	source        lambdahttp.Source
	multi         bool
	method        string
	path, rawPath string
	rawQuery      string
	host          string
	remoteAddr    string
	requestURI    string
	body          string
	contentLength int64
	nHeaders      int
	headers       map[string][]string
}

type corpusCase struct {
	file string
	want *reqWant
	err  string // for events that must be refused: the exact error
}

func TestCorpusEvents(t *testing.T) {
	root := corpusDir(t, "events")
	byFile := map[string]corpusCase{}
	for _, c := range corpusCases {
		byFile[c.file] = c
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(corpusCases) {
		t.Errorf("corpus has %d event files, table has %d cases", len(files), len(corpusCases))
	}
	handled, refused := 0, 0
	for _, file := range files {
		c, ok := byFile[file]
		if !ok {
			t.Errorf("%s: no table entry", file)
			continue
		}
		t.Run(file, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				refused++
				checkRefused(t, payload, c.err)
				return
			}
			handled++
			checkRequest(t, payload, c.want)
			checkResponseShape(t, payload, c.want)
		})
	}
	t.Logf("corpus events: %d handled, %d refused", handled, refused)
}

func checkRefused(t *testing.T, payload []byte, want string) {
	t.Helper()
	called := false
	a := lambdahttp.New(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true }))
	out, err := a.Invoke(context.Background(), payload)
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
	if out != nil || called {
		t.Errorf("refused event still produced output %q / called the handler %v", out, called)
	}
	if strings.Contains(want, "unsupported event") != errors.Is(err, lambdahttp.ErrUnsupportedEvent) {
		t.Errorf("errors.Is(err, ErrUnsupportedEvent) = %v", errors.Is(err, lambdahttp.ErrUnsupportedEvent))
	}
}

func checkRequest(t *testing.T, payload []byte, w *reqWant) {
	t.Helper()
	var got *http.Request
	var body []byte
	var ev lambdahttp.Event
	a := lambdahttp.New(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		ev, _ = lambdahttp.EventFromContext(r.Context())
	}))
	if _, err := a.Invoke(context.Background(), payload); err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("handler not called")
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"source", ev.Source, w.source},
		{"multi-value", ev.MultiValueHeaders, w.multi},
		{"method", got.Method, w.method},
		{"URL.Path", got.URL.Path, w.path},
		{"URL.RawPath", got.URL.RawPath, w.rawPath},
		{"URL.RawQuery", got.URL.RawQuery, w.rawQuery},
		{"Host", got.Host, w.host},
		{"URL.Host", got.URL.Host, w.host},
		{"RemoteAddr", got.RemoteAddr, w.remoteAddr},
		{"RequestURI", got.RequestURI, w.requestURI},
		{"body", string(body), w.body},
		{"ContentLength", got.ContentLength, w.contentLength},
		{"number of headers", len(got.Header), w.nHeaders},
		{"raw event", string(ev.Raw), string(payload)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	for k, v := range w.headers {
		if !reflect.DeepEqual(got.Header[k], v) {
			t.Errorf("header %s = %q, want %q", k, got.Header[k], v)
		}
	}
	if want := expectedHeaders(t, payload, w); !reflect.DeepEqual(map[string][]string(got.Header), want) {
		t.Errorf("headers\n got %q\nwant %q", got.Header, want)
	}
}

// expectedHeaders reads the request headers out of an event with
// encoding/json, independently of the adapter's own decoder.
func expectedHeaders(t *testing.T, payload []byte, w *reqWant) map[string][]string {
	var ev struct {
		Headers           map[string]*string  `json:"headers"`
		MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
		Cookies           []string            `json:"cookies"`
	}
	if err := json.Unmarshal(payload, &ev); err != nil {
		t.Fatal(err)
	}
	h := map[string][]string{}
	add := func(k, v string, onlyNew bool) {
		k = textproto.CanonicalMIMEHeaderKey(k)
		if _, ok := h[k]; ok && onlyNew {
			return
		}
		h[k] = append(h[k], v)
	}
	switch {
	case w.source == lambdahttp.RESTv1 || w.source == lambdahttp.HTTPv1:
		for k, vs := range ev.MultiValueHeaders {
			for _, v := range vs {
				add(k, v, false)
			}
		}
		for k, v := range ev.Headers {
			if v != nil {
				add(k, *v, true)
			}
		}
	case w.source == lambdahttp.ALB && w.multi:
		for k, vs := range ev.MultiValueHeaders {
			for _, v := range vs {
				add(k, v, false)
			}
		}
	default:
		for k, v := range ev.Headers {
			if v != nil {
				add(k, *v, false)
			}
		}
	}
	if len(ev.Cookies) > 0 && (w.source == lambdahttp.HTTPv2 || w.source == lambdahttp.FunctionURL) {
		h["Cookie"] = []string{strings.Join(ev.Cookies, "; ")}
	}
	delete(h, "Host")
	return h
}

// responseShapes is the exact response each source gets for the same
// handler output: 201, a JSON body, two cookies and a repeated header.
var responseShapes = map[string]string{
	"v1": `{"statusCode":201,"headers":{"Content-Type":"application/json"},` +
		`"multiValueHeaders":{"Set-Cookie":["a=1; Secure","b=2"],"X-Multi":["1","2"]},` +
		`"body":"{\"ok\":true}","isBase64Encoded":false}`,
	"v2": `{"statusCode":201,"headers":{"Content-Type":"application/json","X-Multi":"1,2"},` +
		`"cookies":["a=1; Secure","b=2"],"body":"{\"ok\":true}","isBase64Encoded":false}`,
	"alb": `{"statusCode":201,"statusDescription":"201 Created","headers":{"Content-Type":"application/json",` +
		`"Set-Cookie":"a=1; Secure","set-Cookie":"b=2","X-Multi":"1","x-Multi":"2"},` +
		`"body":"{\"ok\":true}","isBase64Encoded":false}`,
	"alb-multi": `{"statusCode":201,"statusDescription":"201 Created","multiValueHeaders":{` +
		`"Content-Type":["application/json"],"Set-Cookie":["a=1; Secure","b=2"],"X-Multi":["1","2"]},` +
		`"body":"{\"ok\":true}","isBase64Encoded":false}`,
}

func checkResponseShape(t *testing.T, payload []byte, w *reqWant) {
	t.Helper()
	a := lambdahttp.New(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Type", "application/json")
		h.Add("Set-Cookie", "a=1; Secure")
		h.Add("Set-Cookie", "b=2")
		h.Add("X-Multi", "1")
		h.Add("X-Multi", "2")
		rw.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(rw, `{"ok":true}`)
	}))
	out, err := a.Invoke(context.Background(), payload)
	if err != nil {
		t.Fatal(err)
	}
	shape := map[lambdahttp.Source]string{
		lambdahttp.RESTv1: "v1", lambdahttp.HTTPv1: "v1",
		lambdahttp.HTTPv2: "v2", lambdahttp.FunctionURL: "v2", lambdahttp.ALB: "alb",
	}[w.source]
	if w.multi {
		shape += "-multi"
	}
	if string(out) != responseShapes[shape] {
		t.Errorf("response (%s)\n got %s\nwant %s", shape, out, responseShapes[shape])
	}
	var generic map[string]any
	if err := json.Unmarshal(out, &generic); err != nil {
		t.Errorf("response is not JSON: %v", err)
	}
}

package contract_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/contract"
)

type kwCase struct {
	target, ct, body string
	headers          [][2]string
	status           int
	// want is part of one violation, written "in name pointer: detail".
	want string
}

func runCases(t *testing.T, srv http.Handler, method string, cases []kwCase) {
	t.Helper()
	for _, c := range cases {
		r := httptest.NewRequest(method, c.target, strings.NewReader(c.body))
		if c.ct != "" {
			r.Header.Set("Content-Type", c.ct)
		}
		for _, h := range c.headers {
			r.Header.Add(h[0], h[1])
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		if rec.Code != c.status {
			t.Errorf("%s %s %q: status %d, want %d: %s", method, c.target, c.body, rec.Code, c.status, rec.Body)
			continue
		}
		if c.want == "" {
			continue
		}
		p := problemOf(t, rec)
		var got []string
		for _, v := range p.Errors {
			got = append(got, v.In+" "+v.Name+" "+v.Pointer+": "+v.Detail)
		}
		if !strings.Contains(strings.Join(got, "\n"), c.want) {
			t.Errorf("%s %s %q: no violation like %q among\n%s", method, c.target, c.body, c.want, strings.Join(got, "\n"))
		}
	}
}

func keywordServer(t *testing.T) http.Handler {
	c := compile(t, "testdata/keywords.yaml")
	return serve(&c.spec, contract.Config{Authenticator: grant(false)})
}

// TestKeywords checks each JSON Schema keyword and format the server
// enforces, one value at a time.
func TestKeywords(t *testing.T) {
	const j = "application/json"
	var cases []kwCase
	ok := func(body string) { cases = append(cases, kwCase{target: "/values", ct: j, body: body, status: 204}) }
	bad := func(body, want string) {
		cases = append(cases, kwCase{target: "/values", ct: j, body: body, status: 400, want: want})
	}
	ok(`{"date":"2024-02-29","dt":"2024-01-02T03:04:05.5+01:00","time":"03:04:05Z","uuid":"123e4567-e89b-12d3-a456-426614174000"}`)
	ok(`{"email":"a@b.example","ipv4":"10.0.0.1","ipv6":"::1","uri":"https://x.example/a","host":"a.b-c.example","byte":"` + base64.StdEncoding.EncodeToString([]byte("hi")) + `","bin":"aGk="}`)
	ok(`{"i8":-128,"i16":32767,"i32":-2147483648,"i64":9223372036854775807,"u8":255,"u16":65535,"u32":4294967295,"u64":18446744073709551615,"f32":1.5}`)
	ok(`{"n":9.5,"word":"abc","list":[1,2],"bag":{"a":1},"color":{"a":1},"c":"green","any":1,"one":1.5,"all":4,"not":1}`)
	ok(`{"color":null}`)
	ok(`{"card":{"cvc":"1"}}`)
	ok(`{"card":{"number":"4","cvc":"1","expiry":"12/30"}}`)
	bad(`{"card":{"number":"4","expiry":"12/30"}}`, `/card/cvc: is required when "number" is present`)
	bad(`{"card":{"number":"4","cvc":"1"}}`, `/card/expiry: is required when "number" is present`)
	ok(`{"color":[2]}`)
	bad(`{"date":"2023-02-29"}`, `/date: "2023-02-29" is not a date`)
	bad(`{"dt":"2024-01-02t03:04:05Z"}`, "/dt: ")
	bad(`{"dt":"2024-02-30T03:04:05Z"}`, "/dt: ")
	bad(`{"dt":"2024-02-29T24:00:00Z"}`, "/dt: ")
	bad(`{"time":"25:00:00Z"}`, "/time: ")
	bad(`{"uuid":"123e4567-e89b-12d3-a456-42661417400"}`, "/uuid: ")
	bad(`{"email":"A <a@b.example>"}`, "/email: ")
	bad(`{"ipv4":"10.0.0.256"}`, "/ipv4: ")
	bad(`{"ipv6":"10.0.0.1"}`, "/ipv6: ")
	bad(`{"uri":"relative/path"}`, "/uri: ")
	bad(`{"host":"-a.example"}`, "/host: ")
	bad(`{"byte":"!!"}`, "/byte: ")
	bad(`{"bin":"not base64"}`, "/bin: ")
	for _, d := range []string{"P3Y6M4DT12H30M5S", "P2W", "PT0.5S", "PT0,5S", "P1D", "PT1H"} {
		ok(`{"dur":"` + d + `"}`)
	}
	for _, d := range []string{"", "P", "PT", "1D", "P1.5D", "P1W1D", "PT1W", "P1D1Y", "PT1S1M", "P1DT", "PT1H1H", "P99999999999999999999D", "PTS", "p1d"} {
		bad(`{"dur":"`+d+`"}`, "/dur: ")
	}
	bad(`{"i8":128}`, "/i8: ")
	bad(`{"i16":-32769}`, "/i16: ")
	bad(`{"i32":2147483648}`, "/i32: ")
	bad(`{"i64":9223372036854775808}`, "/i64: ")
	bad(`{"u8":-1}`, "/u8: ")
	bad(`{"u16":65536}`, "/u16: ")
	bad(`{"u32":4294967296}`, "/u32: ")
	bad(`{"u64":18446744073709551616}`, "/u64: ")
	bad(`{"i8":1.0}`, "/i8: ")
	bad(`{"i8":1e1}`, "/i8: ")
	bad(`{"f32":1e39}`, "/f32: ")
	bad(`{"n":1e999}`, "/n: 1e999 is out of range for a 64-bit floating-point number")
	bad(`{"any":99999999999999999999}`, "/any: ")
	bad(`{"n":0}`, "/n: ")
	bad(`{"n":10}`, "/n: ")
	bad(`{"n":0.3}`, "/n: ")
	bad(`{"word":"a"}`, "/word: ")
	bad(`{"word":"abcde"}`, "/word: ")
	bad(`{"word":"AB"}`, "does not match the pattern")
	bad(`{"list":[]}`, "/list: ")
	bad(`{"list":[1,2,3,4]}`, "/list: ")
	bad(`{"list":[1,1]}`, "/list: ")
	bad(`{"list":["x"]}`, "/list/0: ")
	bad(`{"bag":{}}`, "/bag: ")
	bad(`{"bag":{"a":1,"b":2,"c":3}}`, "/bag: ")
	bad(`{"bag":{"a":"x"}}`, "/bag/a: ")
	bad(`{"color":"blue"}`, "/color: ")
	bad(`{"color":{"a":2}}`, "/color: ")
	bad(`{"c":"red"}`, "/c: ")
	bad(`{"any":true}`, "/any: matches none of the anyOf alternatives")
	bad(`{"one":1}`, "/one: matches 2 of the oneOf alternatives")
	bad(`{"one":"x"}`, "/one: matches none of the oneOf alternatives")
	bad(`{"all":2}`, "/all: ")
	bad(`{"not":"x"}`, "/not: ")
	bad(`{"ro":"x"}`, "/ro: ")
	bad(`{"never":1}`, "/never: ")
	bad(`{"extra":1}`, "/extra: ")
	bad(`{"Date":"2024-01-01"}`, "/Date: ")
	bad(`{"date":"2024-01-01","date":"2024-01-01"}`, "/date: ")
	bad(`{"date":"\ud800"}`, "body")
	bad(`{"date":`, "body")
	bad(`[1,2`, "body")
	bad(`[]`, "body")
	bad(`{"a" 1}`, "body")
	bad(`{"a":"\q"}`, "body")
	bad(`{"a":1e}`, "body")
	bad(`{"a":-}`, "body")
	bad(`{"a":"abc`, "body")
	bad(`{,}`, "body")
	bad(`tru`, "body")
	bad(`{"a":[1 2]}`, "body")
	bad(`{"a":"\u12"}`, "body")
	ok(`{"card":{"number":"4","cvc":"1","e\u0078piry":"1"}}`)
	bad(`{"a":tru}`, "body")
	bad(`{"a":1,}`, "body")
	bad(`{"a":01}`, "body")
	bad("{\"a\":\"\x01\"}", "body")
	bad(`{"a":1} x`, "body")
	bad(`{"d\u0061te":"x","date":"y"}`, "/date: ")
	bad(`{"list":[1,"1",1.0,{"a":[1]},{"a":[1]}]}`, "/list: ")
	bad(strings.Repeat("[", 300)+strings.Repeat("]", 300), "body")
	cases = append(cases,
		kwCase{target: "/values", ct: "text/plain", body: "abc", status: 204},
		kwCase{target: "/values", ct: "text/plain", body: "abcdef", status: 400, want: "body"},
		kwCase{target: "/values", ct: "application/octet-stream", body: "\x00\x01", status: 204},
		kwCase{target: "/values", ct: "image/png", body: "x", status: 415, want: "header Content-Type"},
		kwCase{target: "/values", body: "x", status: 415, want: "is missing"},
		kwCase{target: "/values", status: 400, want: "body  : is required"},
		kwCase{target: "/values", ct: j, body: "{}", headers: [][2]string{{"Content-Encoding", "gzip"}}, status: 415, want: "Content-Encoding"},
		kwCase{target: "/pets", ct: j, body: `{"kind":"kitty","lives":3}`, status: 204},
		kwCase{target: "/pets", ct: j, body: `{"kind":"Dog","bark":true}`, status: 204},
		kwCase{target: "/pets", ct: j, body: `{"kind":"kitty","lives":10}`, status: 400, want: "/lives: "},
		kwCase{target: "/pets", ct: j, body: `{"kind":"bird"}`, status: 400, want: "/kind: "},
		kwCase{target: "/pets", ct: j, body: `{"lives":1}`, status: 400, want: "kind"},
		kwCase{target: "/pets", ct: j, body: `{"kind":1}`, status: 400, want: "kind"},
		kwCase{target: "/pets", status: 204},
	)
	runCases(t, keywordServer(t), "POST", cases)
}

// TestShortBody checks that a body ending before its Content-Length is
// refused rather than checked as the prefix it is.
func TestShortBody(t *testing.T) {
	r := httptest.NewRequest("POST", "/values", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = 10
	rec := httptest.NewRecorder()
	keywordServer(t).ServeHTTP(rec, r)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "shorter than its Content-Length") {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}

// TestForms checks form and multipart bodies field by field.
func TestForms(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	mp := func(parts ...string) (string, string) {
		var b strings.Builder
		for i := 0; i+1 < len(parts); i += 2 {
			b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"" + parts[i] + "\"; filename=\"f\"\r\n\r\n" + parts[i+1] + "\r\n")
		}
		b.WriteString("--XX--\r\n")
		return "multipart/form-data; boundary=XX", b.String()
	}
	ct, good := mp("file", "\x00bin", "files", "a", "files", "b", "doc", `{"k":"v"}`, "note", "abc")
	_, long := mp("note", "abcd")
	_, twice := mp("note", "a", "note", "b")
	_, badDoc := mp("doc", `{"k":1}`)
	_, notJSON := mp("doc", `{`)
	runCases(t, keywordServer(t), "POST", []kwCase{
		{target: "/forms", ct: form, body: "n=3&tags=a&tags=b&csv=1,2&meta=%7B%22a%22%3A%22x%22%7D", status: 204},
		{target: "/forms?n=x", ct: form, body: "n=3", status: 204},
		{target: "/forms", ct: form, body: "n=10", status: 400, want: "/n: "},
		{target: "/forms", ct: form, body: "n=x", status: 400, want: "/n: "},
		{target: "/forms", ct: form, body: "tags=a", status: 400, want: "n"},
		{target: "/forms", ct: form, body: "n=1&n=2", status: 400, want: "/n: is sent 2 times"},
		{target: "/forms", ct: form, body: "n=1&tags=a&tags=b&tags=c", status: 400, want: "/tags: "},
		{target: "/forms", ct: form, body: "n=1&csv=1,x", status: 400, want: "/csv/1: "},
		{target: "/forms", ct: form, body: "n=1&meta=%7B", status: 400, want: "/meta"},
		{target: "/forms", ct: form, body: "n=1&%zz", status: 400, want: "is not valid form data"},
		{target: "/forms", ct: form, body: "n=1&x=%ff", status: 400, want: "UTF-8"},
		{target: "/forms", ct: ct, body: good, status: 204},
		{target: "/forms", ct: ct, body: long, status: 400, want: "/note: "},
		{target: "/forms", ct: ct, body: twice, status: 400, want: "/note: is sent 2 times"},
		{target: "/forms", ct: ct, body: badDoc, status: 400, want: "/doc/k: "},
		{target: "/forms", ct: ct, body: notJSON, status: 400, want: "/doc"},
		{target: "/forms", ct: "multipart/form-data", body: good, status: 400, want: "no boundary"},
		{target: "/forms", ct: ct, body: "--XX\r\nbroken", status: 400, want: "multipart"},
	})
}

// TestParams checks every parameter style the server reads.
func TestParams(t *testing.T) {
	base := "/params/;m=1;m=2/.3,4"
	runCases(t, keywordServer(t), "GET", []kwCase{
		{target: base, status: 204},
		{target: base + "?space=1%202&obj=1&x=2&y=s&flat=x,1,y,true&deep[r][s]=1&deep[list][0]=2&js=%7B%22a%22%3A1%7D&nul=null", headers: [][2]string{{"X-Num", "1.5"}, {"Cookie", "c=true"}}, status: 204},
		{target: "/params/;m=x/.3", status: 400, want: "path m /0: "},
		{target: "/params/;m=1/3", status: 400, want: "path l"},
		{target: "/params/;m=1/.x", status: 400, want: "path l /0: "},
		{target: base + "?space=1%20x", status: 400, want: "query space /1: "},
		{target: base + "?x=a", status: 400, want: "query obj /x: "},
		{target: base + "?flat=y,maybe", status: 400, want: "query flat /y: "},
		{target: base + "?deep[r][s]=x", status: 400, want: "query deep /r/s: "},
		{target: base + "?deep[r][s]=1&deep[r][s]=2", status: 400, want: "deep"},
		{target: base + "?js=%7B%7D", status: 400, want: "query js /a: is required"},
		{target: base + "?js=%7B", status: 400, want: "query js"},
		{target: base + "?nul=x", status: 400, want: "query nul"},
		{target: base + "?%zz", status: 400, want: "query"},
		{target: base + "?a=1;b=2", status: 400, want: "query"},
		{target: base, headers: [][2]string{{"X-Num", "-1"}}, status: 400, want: "header X-Num : "},
		{target: base, headers: [][2]string{{"X-Num", "x"}}, status: 400, want: "header X-Num"},
		{target: base, headers: [][2]string{{"Cookie", "c=maybe"}}, status: 400, want: "cookie c"},
		{target: "/matrix/;a=1,2/;p=3/.4.5", status: 204},
		{target: "/matrix/;a=1,x/;p=3/.4", status: 400, want: "path a /1: "},
		{target: "/matrix/;b=1/;p=3/.4", status: 400, want: "path a"},
		{target: "/matrix/;a=1/;p=x/.4", status: 400, want: "path p"},
		{target: "/matrix/;a=1/;p=3/.4.x", status: 400, want: "path o /1: "},
	})
}

// TestSecurity checks credentials of each scheme type, alternatives and
// scopes.
func TestSecurity(t *testing.T) {
	c := compile(t, "testdata/keywords.yaml")
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("u:p"))
	cases := []kwCase{
		{target: "/secure", headers: [][2]string{{"Authorization", basic}}, status: 204},
		{target: "/secure?key=k", headers: [][2]string{{"Authorization", "Bearer t"}}, status: 204},
		{target: "/secure?key=k", status: 401},
		{target: "/secure", headers: [][2]string{{"Authorization", "Basic !!"}}, status: 401},
		{target: "/secure", headers: [][2]string{{"Authorization", "Bearer t"}}, status: 401},
		{target: "/secure", status: 401},
	}
	runCases(t, serve(&c.spec, contract.Config{Authenticator: grant(false)}), "GET", cases)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/secure?key=k", nil)
	r.Header.Set("Authorization", "Bearer t")
	serve(&c.spec, contract.Config{Authenticator: grant(true)}).ServeHTTP(rec, r)
	if rec.Code != 403 || !strings.Contains(rec.Header().Get("WWW-Authenticate"), `error="insufficient_scope", scope="write"`) {
		t.Errorf("scopeless: %d %q %s", rec.Code, rec.Header().Get("WWW-Authenticate"), rec.Body)
	}
	rec = httptest.NewRecorder()
	serve(&c.spec, contract.Config{}).ServeHTTP(rec, httptest.NewRequest("GET", "/secure", nil))
	if got := rec.Header().Get("WWW-Authenticate"); got != `Basic realm="api", charset="UTF-8", APIKey realm="api", in="query", name="key", Bearer realm="api"` {
		t.Errorf("challenge %q", got)
	}
	// A problem from the authenticator is the answer.
	srv := serve(&c.spec, contract.Config{Authenticator: contract.AuthenticatorFunc(func(_ context.Context, _ string, c contract.Credential) (*contract.Identity, error) {
		return nil, contract.ErrorStatus(http.StatusTeapot, "no")
	})})
	rec = httptest.NewRecorder()
	r = httptest.NewRequest("GET", "/secure", nil)
	r.Header.Set("Authorization", basic)
	srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusTeapot {
		t.Errorf("authenticator's problem: %d", rec.Code)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("reset") }

// TestBodyReading covers bodies of unannounced length: over the limit, and
// cut off by the connection.
func TestBodyReading(t *testing.T) {
	c := compile(t, "testdata/keywords.yaml")
	srv := serve(&c.spec, contract.Config{MaxBodyBytes: 4})
	for _, tc := range []struct {
		body   io.Reader
		status int
	}{{strings.NewReader(`{"date":"2024-01-01"}`), 413}, {failingReader{}, 400}, {strings.NewReader(`{}`), 204}} {
		r := httptest.NewRequest("POST", "/values", tc.body)
		r.ContentLength = -1
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("%T: %d, want %d: %s", tc.body, rec.Code, tc.status, rec.Body)
		}
	}
}

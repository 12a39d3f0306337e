package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/oapi-codegen/runtime"

	"example.com/hostile/api"
)

// FuzzContract is a differential test of the server's promise. For every
// request the server lets through, two things must hold:
//
//   - what the handler received, marshaled back to JSON and sent again,
//     passes the same validation (the handler never holds a value the
//     validator would refuse);
//   - it equals what a strict decoder reads from the raw request: exact,
//     case-sensitive member names, no duplicates, no lossy numbers.
//
// Plain `go test` runs the seeds, the table's attack bodies among them.
// A long run, from the generated project's root:
//
//	go test -run '^$' -fuzz '^FuzzContract$' -fuzztime 10m .
func FuzzContract(f *testing.F) {
	for _, a := range attacks {
		if op, ok := fuzzOpFor(a); ok {
			_, q := splitTarget(a.target)
			if op == opVenue {
				f.Add(uint8(op), "", q)
			} else {
				f.Add(uint8(op), a.body, "")
			}
		}
	}
	f.Add(uint8(opOrder), `{"seats":1,"Seats":2}`, "")
	f.Add(uint8(opOrder), `{"discount":1e2}`, "")
	f.Add(uint8(opOrder), `{"discount":100.5}`, "")
	f.Add(uint8(opTicket), `{"kind":"vip","seats":1,"lounge":"north","host":"h@example.com","KIND":"standard"}`, "")
	f.Add(uint8(opProfile), `{"NICKNAME":"`+strings.Repeat("x", 40)+`"}`, "")
	f.Add(uint8(opVenue), "", "limit=1&LIMIT=0")
	f.Add(uint8(opVenue), "", "limit=%2B1")
	f.Add(uint8(opVenue), "", "filter[city]=Oslo&filter%5Bcity%5D=Rome")
	f.Add(uint8(opVenue), "", "limit=1;limit=0")
	// Found by fuzzing: a deepObject key without its closing bracket.
	f.Add(uint8(opVenue), "", "filter[city")
	// Found by fuzzing: an address net/mail refuses, which the typed model's
	// Email cannot hold; and one it rewrites, which the handler would get
	// as another value than was sent.
	f.Add(uint8(opTicket), `{"kind":"vip","seats":1,"lounge":"north","host":"0@("}`, "")
	f.Add(uint8(opTicket), `{"kind":"vip","seats":1,"lounge":"north","host":"Ann <h@example.com>"}`, "")
	// Found by fuzzing: a value that is not UTF-8 once percent-decoded.
	f.Add(uint8(opVenue), "", "filter[city]=%E9")

	h := api.StripBasePath(newHandler())
	f.Fuzz(func(t *testing.T, opn uint8, body, query string) {
		op := fuzzOps[int(opn)%len(fuzzOps)]
		status, echo := op.send(h, body, query)
		if status >= 500 {
			t.Fatalf("%s: status %d for body %q query %q: %s", op.name, status, short(body), short(query), echo)
		}
		if status != http.StatusOK {
			return
		}
		var e map[string]json.RawMessage
		if err := json.Unmarshal(echo, &e); err != nil {
			t.Fatalf("%s: echo is not JSON: %v: %s", op.name, err, echo)
		}
		replay := func(body, query string) (int, []byte) { return op.send(h, body, query) }
		op.compare(t, replay, body, query, e)
	})
}

const (
	opOrder = iota
	opTicket
	opProfile
	opVenue
)

type fuzzOp struct {
	name    string
	send    func(h http.Handler, body, query string) (int, []byte)
	compare func(t *testing.T, replay replayer, body, query string, echo map[string]json.RawMessage)
}

// replayer sends a request to the same operation through the same server.
type replayer func(body, query string) (int, []byte)

var fuzzOps = []fuzzOp{
	opOrder:   {"createOrder", jsonSender("POST", "/v2/orders", key), bodyComparer(orderType)},
	opTicket:  {"buyTicket", jsonSender("POST", "/v2/tickets", key, writer), bodyComparer(ticketType)},
	opProfile: {"updateProfile", jsonSender("PATCH", "/v2/profile", writer), bodyComparer(profileType)},
	opVenue:   {"getVenue", venueSender, compareVenue},
}

func fuzzOpFor(a attack) (int, bool) {
	if a.raw != nil || a.ctype != "" && a.ctype != js {
		return 0, false
	}
	p, _ := splitTarget(a.target)
	switch {
	case a.method == "POST" && p == "/v2/orders" && len(a.headers) == 1 && a.headers[0] == key:
		return opOrder, true
	case a.method == "POST" && p == "/v2/tickets":
		return opTicket, true
	case a.method == "PATCH" && p == "/v2/profile":
		return opProfile, true
	case a.method == "GET" && strings.HasPrefix(p, "/v2/venues/"):
		return opVenue, true
	}
	return 0, false
}

func serveOnce(h http.Handler, r *http.Request) (int, []byte) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.Bytes()
}

func jsonSender(method, path string, headers ...[2]string) func(http.Handler, string, string) (int, []byte) {
	return func(h http.Handler, body, _ string) (int, []byte) {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", js)
		for _, kv := range headers {
			r.Header.Set(kv[0], kv[1])
		}
		return serveOnce(h, r)
	}
}

func venueSender(h http.Handler, _, query string) (int, []byte) {
	r := httptest.NewRequest("GET", "/v2/venues/a", nil)
	r.URL.RawQuery = query
	return serveOnce(h, r)
}

// model says which Go type the handler decoded a body into; for the
// ticket, the discriminator the strict decoder read chooses it.
type model func(strict map[string]any) (reflect.Type, bool)

func orderType(map[string]any) (reflect.Type, bool) { return reflect.TypeOf(api.Order{}), true }
func profileType(map[string]any) (reflect.Type, bool) {
	return reflect.TypeOf(api.UpdateProfileJSONRequestBody{}), true
}
func ticketType(m map[string]any) (reflect.Type, bool) {
	switch m["kind"] {
	case "standard":
		return reflect.TypeOf(api.StandardTicket{}), true
	case "vip":
		return reflect.TypeOf(api.VipTicket{}), true
	}
	return nil, false
}

func bodyComparer(typeOf model) func(*testing.T, replayer, string, string, map[string]json.RawMessage) {
	return func(t *testing.T, replay replayer, body, _ string, echo map[string]json.RawMessage) {
		got := echo["body"]
		strict, err := strictDecode([]byte(body))
		if err != nil {
			t.Fatalf("the server accepted %q, which a strict decoder refuses: %v; the handler got %s", body, err, got)
		}
		obj, ok := strict.(map[string]any)
		if !ok {
			t.Fatalf("the server accepted %q, which is not an object; the handler got %s", body, got)
		}
		typ, ok := typeOf(obj)
		if !ok {
			t.Fatalf("the server accepted %q, whose discriminator names no schema; the handler got %s", body, got)
		}
		want, err := project(obj, typ)
		if err != nil {
			t.Fatalf("the server accepted %q, which the typed model cannot hold exactly: %v; the handler got %s", body, err, got)
		}
		if !sameJSON(want, got) {
			t.Errorf("for body %q the handler got %s, want %s (the body's exact members, decoded strictly)", body, got, want)
		}
		// Replay what the handler held through the same validation.
		status, out := replay(string(got), "")
		if status != http.StatusOK {
			t.Errorf("the server accepted %q, but refuses (%d) what the handler got, %s: %s", body, status, got, out)
		}
	}
}

// project keeps the members the model names exactly, rejects the body if
// one of them does not fit its Go type without loss, and gives the JSON
// the model marshals back to.
func project(obj map[string]any, typ reflect.Type) ([]byte, error) {
	kept := map[string]any{}
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if v, ok := obj[name]; ok && name != "" && name != "-" {
			kept[name] = v
		}
	}
	data, err := json.Marshal(kept)
	if err != nil {
		return nil, err
	}
	v := reflect.New(typ)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v.Interface()); err != nil {
		return nil, err
	}
	for name, raw := range kept {
		if n, ok := raw.(json.Number); ok && !integerText.MatchString(n.String()) && intField(typ, name) {
			return nil, errors.New(name + ": " + n.String() + " is not written as an integer")
		}
	}
	return json.Marshal(v.Interface())
}

var integerText = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

func intField(typ reflect.Type, name string) bool {
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if n, _, _ := strings.Cut(f.Tag.Get("json"), ","); n == name {
			t := f.Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			return t.Kind() == reflect.Int || t.Kind() == reflect.Int64 || t.Kind() == reflect.Int32
		}
	}
	return false
}

// strictDecode reads one JSON value, refusing duplicate member names
// (after unescaping, so "\u0044" and "D" are the same name) and anything
// after the value.
func strictDecode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := strictValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the top-level value")
	}
	return v, nil
}

func strictValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			name := k.(string)
			if _, dup := m[name]; dup {
				return nil, errors.New("duplicate member " + strconv.Quote(name))
			}
			if m[name], err = strictValue(dec); err != nil {
				return nil, err
			}
		}
		_, err := dec.Token()
		return m, err
	case json.Delim('['):
		var a []any
		for dec.More() {
			v, err := strictValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token()
		return a, err
	}
	return tok, nil
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// compareVenue checks getVenue's limit and filter[city] against a strict
// reading of the raw query: every pair well escaped, no semicolons, no
// repeated name, integers written as integers.
func compareVenue(t *testing.T, replay replayer, _, query string, echo map[string]json.RawMessage) {
	var got api.GetVenueParams
	if err := json.Unmarshal(echo["params"], &got); err != nil {
		t.Fatalf("params echo: %v: %s", err, echo["params"])
	}
	seen := map[string]string{}
	for _, s := range strings.Split(query, "&") {
		if s == "" {
			continue
		}
		if strings.Contains(s, ";") {
			t.Fatalf("the server accepted query %q, whose pair %q holds a semicolon", short(query), s)
		}
		n, v, _ := strings.Cut(s, "=")
		name, err1 := url.QueryUnescape(n)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			t.Fatalf("the server accepted query %q, whose pair %q is badly escaped", short(query), s)
		}
		if name != "limit" && name != "filter[city]" {
			continue
		}
		if _, dup := seen[name]; dup {
			t.Fatalf("the server accepted query %q, which repeats %s", short(query), name)
		}
		seen[name] = value
	}
	var want api.GetVenueParams
	if v, ok := seen["limit"]; ok {
		if !integerText.MatchString(v) {
			t.Fatalf("the server accepted limit=%q, which is not written as an integer; the handler got %v", v, deref(got.Limit))
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("the server accepted limit=%q, out of range for the handler's int", v)
		}
		want.Limit = &n
	}
	if !reflect.DeepEqual(want.Limit, got.Limit) {
		t.Errorf("query %q: the handler got limit %v, want %v", short(query), deref(got.Limit), deref(want.Limit))
	}
	if city, ok := seen["filter[city]"]; ok {
		if got.Filter == nil || got.Filter.City == nil || *got.Filter.City != city {
			t.Errorf("query %q: the handler got filter %s, want city %q", short(query), echo["params"], city)
		}
	} else if got.Filter != nil && got.Filter.City != nil {
		t.Errorf("query %q: the handler got city %q from no filter[city] pair", short(query), *got.Filter.City)
	}
	// Replay what the handler held, encoded as oapi-codegen encodes it.
	q := url.Values{}
	if got.Limit != nil {
		q.Set("limit", strconv.Itoa(*got.Limit))
	}
	raw := q.Encode()
	if got.Filter != nil {
		deep, err := runtime.MarshalDeepObject(got.Filter, "filter")
		if err != nil {
			t.Fatalf("encoding the handler's filter %s: %v", echo["params"], err)
		}
		if raw != "" && deep != "" {
			raw += "&"
		}
		raw += deep
	}
	if status, out := replay("", raw); status != http.StatusOK {
		t.Errorf("the server accepted query %q, but refuses (%d) what the handler got, %q: %s", short(query), status, raw, out)
	}
}

// short keeps a 10,000-parameter query from flooding the log.
func short(s string) string {
	if len(s) > 200 {
		return s[:100] + "..." + s[len(s)-100:]
	}
	return s
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

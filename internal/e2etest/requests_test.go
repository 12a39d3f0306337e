package e2etest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

type violation struct {
	In      string `json:"in"`
	Name    string `json:"name"`
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

type shopCase struct {
	name    string
	method  string
	target  string
	headers map[string]string
	ctype   string
	body    string
	status  int
	// handler is set when the status is the handler's documented answer,
	// not one of the server's problems.
	handler bool
	// noPrism says why the request cannot go through Prism.
	noPrism string
	// want lists violations the problem must contain, exactly as written.
	want []violation
}

// Requests that Prism 5.16.0 mishandles, whatever the server does.
const (
	prismLabelBug = "prism 5.16.0 crashes on array path parameters (label.js: parameters[name].startsWith is not a function)"
	prismSpaceBug = "prism 5.16.0 does not convert the items of a spaceDelimited query array to integers"
	prismPartsBug = "prism 5.16.0 reads repeated multipart parts as one string, not an array"
)

const (
	reqID     = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	boundary  = "XyZ"
	photoHead = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"
)

func part(name, value string) string {
	return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
}

var (
	admin  = map[string]string{"Authorization": "Bearer admin-token"}
	reader = map[string]string{"Authorization": "Bearer reader-token"}
	key    = map[string]string{"X-API-Key": "secret-key", "Cookie": "session=abcd1234"}
	listH  = map[string]string{"X-Request-ID": reqID}
	orderH = map[string]string{"Authorization": "Bearer admin-token", "X-Idempotency-Key": "order-0001"}
	mp     = "multipart/form-data; boundary=" + boundary
	form   = "application/x-www-form-urlencoded"
)

var shopCases = []shopCase{
	{name: "list", method: "GET", target: "/pets?status=available&limit=10&sort=name|age", headers: listH, status: 200},
	{name: "list enum", method: "GET", target: "/pets?status=lost", headers: listH, status: 400,
		want: []violation{{In: "query", Name: "status", Detail: `string "lost" is not one of "available", "sold"`}}},
	{name: "list every violation at once", method: "GET", target: "/pets?limit=0&sort=name|height", headers: map[string]string{"X-Request-ID": "nope"}, status: 400,
		want: []violation{
			{In: "query", Name: "status", Detail: "is required"},
			{In: "query", Name: "limit", Detail: "0 is less than the minimum 1"},
			{In: "query", Name: "sort", Pointer: "/1", Detail: `string "height" is not one of "name", "age"`},
			{In: "header", Name: "X-Request-ID", Detail: `"nope" is not a UUID`},
		}},
	{name: "create cat", method: "POST", target: "/pets", headers: admin, ctype: "application/json",
		body: `{"petType":"cat","name":"Tom","lives":3,"born":"2020-02-29","tags":["a","b"]}`, status: 201},
	{name: "create dog by api key", method: "POST", target: "/pets", headers: key, ctype: "application/json",
		body: `{"petType":"dog","name":"Rex","breed":"Collie"}`, status: 201},
	{name: "create dog without breed", method: "POST", target: "/pets", headers: admin, ctype: "application/json",
		body: `{"petType":"dog","name":"Rex"}`, status: 400, want: []violation{{In: "body", Pointer: "/breed", Detail: "is required"}}},
	{name: "create unknown pet type", method: "POST", target: "/pets", headers: admin, ctype: "application/json",
		body: `{"petType":"lizard","name":"Liz"}`, status: 400, want: []violation{{In: "body", Pointer: "/petType", Detail: `"lizard" is not one of "cat", "dog"`}}},
	{name: "create breaks pattern, format, uniqueness, range and readOnly", method: "POST", target: "/pets", headers: admin, ctype: "application/json",
		body: `{"petType":"dog","id":7,"name":"","breed":"collie","born":"2024-13-45","tags":["x","x"]}`, status: 400,
		want: []violation{
			{In: "body", Pointer: "/born", Detail: `"2024-13-45" is not a date (want YYYY-MM-DD)`},
			{In: "body", Pointer: "/breed", Detail: `"collie" does not match the pattern ^[A-Z][a-z]+$`},
			{In: "body", Pointer: "/id", Detail: "is read-only: leave it out of requests"},
			{In: "body", Pointer: "/name", Detail: "is 0 characters long, want at least 1"},
			{In: "body", Pointer: "/tags", Detail: "items 0 and 1 are equal, want unique items"},
		}},
	{name: "create wrong type", method: "POST", target: "/pets", headers: admin, ctype: "application/json",
		body: `{"petType":"cat","name":"Tom","lives":"nine"}`, status: 400, want: []violation{{In: "body", Pointer: "/lives", Detail: `want integer, got string "nine"`}}},
	{name: "create not JSON", method: "POST", target: "/pets", headers: admin, ctype: "application/json", body: `{"petType":`, status: 400,
		want: []violation{{In: "body", Detail: "is not valid JSON: unexpected end of JSON input (at byte 11)"}}},
	{name: "create as text", method: "POST", target: "/pets", headers: admin, ctype: "text/plain", body: "cat", status: 415,
		want: []violation{{In: "header", Name: "Content-Type", Detail: `"text/plain" is not accepted; send one of application/json`}}},
	{name: "create without credentials", method: "POST", target: "/pets", ctype: "application/json", body: `{"petType":"cat","name":"Tom"}`, status: 401},
	{name: "create with a bad token", method: "POST", target: "/pets", headers: map[string]string{"Authorization": "Bearer nope"}, ctype: "application/json", body: `{"petType":"cat","name":"Tom"}`, status: 401},
	{name: "create without the scope", method: "POST", target: "/pets", headers: reader, ctype: "application/json", body: `{"petType":"cat","name":"Tom"}`, status: 403},
	{name: "get", method: "GET", target: "/pets/2", headers: key, status: 200},
	{name: "get missing pet", method: "GET", target: "/pets/3", headers: key, status: 404, handler: true},
	{name: "get below minimum", method: "GET", target: "/pets/0", headers: key, status: 400, want: []violation{{In: "path", Name: "petId", Detail: "0 is less than the minimum 1"}}},
	{name: "get bad cookie", method: "GET", target: "/pets/2", headers: map[string]string{"X-API-Key": "secret-key", "Cookie": "session=ABC"}, status: 400,
		want: []violation{{In: "cookie", Name: "session", Detail: `"ABC" does not match the pattern ^[a-z0-9]{8}$`}}},
	{name: "get with a bearer token only", method: "GET", target: "/pets/2", headers: map[string]string{"Authorization": "Bearer admin-token", "Cookie": "session=abcd1234"}, status: 401},
	{name: "delete", method: "DELETE", target: "/pets/2", headers: admin, status: 204},
	{name: "delete without the scope", method: "DELETE", target: "/pets/2", headers: reader, status: 403},
	{name: "upload", method: "POST", target: "/pets/2/photos", headers: admin, ctype: mp,
		body: photoHead + part("caption", "Rex asleep") + "--XyZ--\r\n", status: 201},
	{name: "upload with tags", method: "POST", target: "/pets/2/photos", headers: admin, ctype: mp,
		body: photoHead + part("caption", "Rex asleep") + part("tags", "dog") + part("tags", "sleep") + "--XyZ--\r\n", status: 201, noPrism: prismPartsBug},
	{name: "upload without caption, too many tags", method: "POST", target: "/pets/2/photos", headers: admin, ctype: mp,
		body: photoHead + part("tags", "a") + part("tags", "b") + part("tags", "c") + part("tags", "d") + "--XyZ--\r\n", status: 400,
		want: []violation{{In: "body", Pointer: "/caption", Detail: "is required"}, {In: "body", Pointer: "/tags", Detail: "has 4 items, want at most 3"}}},
	{name: "upload without boundary", method: "POST", target: "/pets/2/photos", headers: admin, ctype: "multipart/form-data", body: "x", status: 400,
		want: []violation{{In: "body", Detail: "is not valid multipart/form-data: the Content-Type has no boundary"}}},
	{name: "search", method: "GET", target: "/search/north?filter[color]=red&filter[minAge]=2", status: 200},
	{name: "search with ids", method: "GET", target: "/search/north?filter[color]=red&ids=1%202", status: 200, noPrism: prismSpaceBug},
	{name: "search bad filter and ids", method: "GET", target: "/search/north?filter[color]=pink&filter[minAge]=-1&ids=1%20x", status: 400,
		want: []violation{
			{In: "query", Name: "filter", Pointer: "/color", Detail: `string "pink" is not one of "red", "green", "blue"`},
			{In: "query", Name: "filter", Pointer: "/minAge", Detail: "-1 is less than the minimum 0"},
			{In: "query", Name: "ids", Pointer: "/1", Detail: `want integer, got string "x"`},
		}},
	{name: "search without filter", method: "GET", target: "/search/north", status: 400, want: []violation{{In: "query", Name: "filter", Detail: "is required"}}},
	{name: "search bad area", method: "GET", target: "/search/North?filter[color]=red", status: 400,
		want: []violation{{In: "path", Name: "area", Detail: `"North" does not match the pattern ^[a-z]+$`}}},
	{name: "tile one coordinate", method: "GET", target: "/tiles/.3", status: 400,
		want: []violation{{In: "path", Name: "coords", Detail: "has 1 items, want at least 2"}}},
	{name: "tile", method: "GET", target: "/tiles/.3,4", status: 200, noPrism: prismLabelBug},
	{name: "tile label without dot", method: "GET", target: "/tiles/3,4", status: 400,
		want: []violation{{In: "path", Name: "coords", Detail: `want label style, a value starting with "."`}}},
	{name: "tile not integers", method: "GET", target: "/tiles/.3,x", status: 400,
		want: []violation{{In: "path", Name: "coords", Pointer: "/1", Detail: `want integer, got string "x"`}}},
	{name: "grid", method: "GET", target: "/grid/;point=1;point=2", status: 200},
	{name: "grid not a number", method: "GET", target: "/grid/;point=a;point=2", status: 400,
		want: []violation{{In: "path", Name: "point", Pointer: "/0", Detail: `want integer, got string "a"`}}},
	{name: "order", method: "POST", target: "/orders", headers: orderH, ctype: form, body: "petId=2&quantity=3&express=true", status: 201},
	{name: "order out of range", method: "POST", target: "/orders", headers: orderH, ctype: form, body: "petId=abc&quantity=11&express=maybe", status: 400,
		want: []violation{
			{In: "body", Pointer: "/express", Detail: `want boolean, got string "maybe"`},
			{In: "body", Pointer: "/petId", Detail: `want integer, got string "abc"`},
			{In: "body", Pointer: "/quantity", Detail: "11 is greater than the maximum 10"},
		}},
	{name: "order short key", method: "POST", target: "/orders", headers: map[string]string{"Authorization": "Bearer admin-token", "X-Idempotency-Key": "k"}, ctype: form, body: "petId=2&quantity=1", status: 400,
		want: []violation{{In: "header", Name: "X-Idempotency-Key", Detail: "is 1 characters long, want at least 8"}}},
	{name: "wrong method", method: "PATCH", target: "/pets", status: 405},
	{name: "unknown path", method: "GET", target: "/nowhere", status: 404},
}

// TestShopRequests sends requests the generated tests have never seen to
// the running shop: each well-formed one reaches its handler, each
// malformed one gets the right status and names every problem.
func TestShopRequests(t *testing.T) {
	base := shopServer(t)
	for _, c := range shopCases {
		t.Run(c.name, func(t *testing.T) {
			status, header, body := send(t, base, c)
			if status != c.status {
				t.Fatalf("status = %d, want %d; body: %s", status, c.status, body)
			}
			if status >= 400 && !c.handler && header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("Content-Type = %q, want application/problem+json", header.Get("Content-Type"))
			}
			if status == 401 && header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without a WWW-Authenticate challenge")
			}
			var p struct {
				Errors []violation `json:"errors"`
			}
			if len(c.want) > 0 {
				if err := json.Unmarshal(body, &p); err != nil {
					t.Fatalf("problem is not JSON: %v: %s", err, body)
				}
			}
			for _, w := range c.want {
				found := false
				for _, v := range p.Errors {
					found = found || v == w
				}
				if !found {
					t.Errorf("no violation %+v in %s", w, body)
				}
			}
		})
	}
}

func send(t *testing.T, base string, c shopCase) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(c.method, base+c.target, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	if c.ctype != "" {
		req.Header.Set("Content-Type", c.ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

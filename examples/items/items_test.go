package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/items/api"
	"example.com/items/handlers"
	"example.com/items/internal/lambdahttp"
)

// The cases are the behaviour of the FastAPI app in Mangum's introductory
// article, which this example reimplements from its OpenAPI contract.
var cases = []struct {
	name, method, target, body string
	status                     int
	want                       string // exact JSON, compared after decoding
}{
	{"root", "GET", "/", "", 200, `{"Hello":"World"}`},
	{"item with query", "GET", "/items/5?q=somequery", "", 200, `{"item_id":5,"q":"somequery"}`},
	{"item without query", "GET", "/items/5", "", 200, `{"item_id":5,"q":null}`},
	{"create item", "POST", "/items/", `{"name":"Foo","price":50.5,"tax":3.2}`, 200, `{"name":"Foo","price":50.5,"tax":3.2}`},
	{"item id not an integer", "GET", "/items/foo", "", 400, ""},
	{"item without price", "POST", "/items/", `{"name":"Foo"}`, 400, ""},
	{"item with a string price", "POST", "/items/", `{"name":"Foo","price":"cheap"}`, 400, ""},
}

func handler() http.Handler { return api.NewHandler(&handlers.Handlers{}) }

func assertBody(t *testing.T, status int, contentType string, body []byte, wantStatus int, want string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status = %d, want %d; body: %s", status, wantStatus, body)
	}
	if wantStatus == 400 {
		var p api.Problem
		if contentType != "application/problem+json" || json.Unmarshal(body, &p) != nil || len(p.Errors) == 0 {
			t.Fatalf("want a problem+json listing violations, got %q: %s", contentType, body)
		}
		return
	}
	var got, exp any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("body is not JSON: %s", body)
	}
	_ = json.Unmarshal([]byte(want), &exp)
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if string(g) != string(e) {
		t.Fatalf("body = %s, want %s", g, e)
	}
}

func TestOverHTTP(t *testing.T) {
	srv := httptest.NewServer(api.StripBasePath(handler()))
	defer srv.Close()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, srv.URL+c.target, strings.NewReader(c.body))
			if c.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assertBody(t, resp.StatusCode, resp.Header.Get("Content-Type"), body, c.status, c.want)
		})
	}
}

// v2Event is an API Gateway HTTP API (payload 2.0) event as API Gateway
// sends it.
func v2Event(method, target, body string) []byte {
	path, query, _ := strings.Cut(target, "?")
	ev := map[string]any{
		"version":         "2.0",
		"routeKey":        "$default",
		"rawPath":         path,
		"rawQueryString":  query,
		"headers":         map[string]string{"host": "abc123.execute-api.eu-west-1.amazonaws.com", "content-type": "application/json", "x-forwarded-proto": "https"},
		"isBase64Encoded": false,
		"body":            body,
		"requestContext": map[string]any{
			"accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
			"domainPrefix": "abc123", "requestId": "req-1", "routeKey": "$default", "stage": "$default",
			"time": "26/Nov/2026:10:00:00 +0000", "timeEpoch": 1795600800000,
			"http": map[string]any{"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.10", "userAgent": "test"},
		},
	}
	b, _ := json.Marshal(ev)
	return b
}

func TestThroughAPIGatewayV2Event(t *testing.T) {
	adapter := lambdahttp.New(handler(), lambdahttp.WithBasePath(api.BasePath), lambdahttp.WithBinaryTypes(api.BinaryMediaTypes...))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := adapter.Invoke(context.Background(), v2Event(c.method, c.target, c.body))
			if err != nil {
				t.Fatal(err)
			}
			var resp struct {
				StatusCode      int               `json:"statusCode"`
				Headers         map[string]string `json:"headers"`
				Body            string            `json:"body"`
				IsBase64Encoded bool              `json:"isBase64Encoded"`
			}
			if err := json.Unmarshal(out, &resp); err != nil {
				t.Fatalf("response is not a v2 proxy response: %v: %s", err, out)
			}
			if resp.IsBase64Encoded {
				t.Fatalf("a JSON body came back base64-encoded: %s", out)
			}
			ct := resp.Headers["Content-Type"]
			if ct == "" {
				ct = resp.Headers["content-type"]
			}
			assertBody(t, resp.StatusCode, ct, []byte(resp.Body), c.status, c.want)
		})
	}
}

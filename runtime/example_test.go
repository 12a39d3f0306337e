package lambdahttp_test

import (
	"context"
	"fmt"
	"io"
	"net/http"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

const exampleEvent = `{
  "version": "2.0",
  "rawPath": "/hello/world",
  "rawQueryString": "lang=en",
  "cookies": ["session=abc"],
  "headers": {"host": "api.example.com", "accept": "application/json"},
  "requestContext": {
    "domainName": "api.example.com",
    "requestId": "req-1",
    "stage": "$default",
    "http": {"method": "GET", "sourceIp": "203.0.113.7"},
    "authorizer": {"jwt": {"claims": {"sub": "user-42"}, "scopes": ["read"]}}
  },
  "isBase64Encoded": false
}`

func ExampleNew() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		http.SetCookie(w, &http.Cookie{Name: "seen", Value: "1"})
		fmt.Fprintf(w, `{"hello":%q,"lang":%q}`, r.PathValue("name"), r.URL.Query().Get("lang"))
	})
	a := lambdahttp.New(mux)
	out, err := a.Invoke(context.Background(), []byte(exampleEvent))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"statusCode":200,"headers":{"Content-Type":"application/json"},"cookies":["seen=1"],"body":"{\"hello\":\"world\",\"lang\":\"en\"}","isBase64Encoded":false}
}

func ExampleStart() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "[]")
	})
	// Start does not return; in a generated project this is the end of main.
	lambdahttp.Start(mux,
		lambdahttp.WithBasePath("/v1"),
		lambdahttp.WithBinaryTypes("application/pdf", "image/*"),
	)
}

func ExampleWithStreaming() {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range 3 {
			fmt.Fprintf(w, "data: %d\n\n", i)
			http.NewResponseController(w).Flush()
		}
	})
	// For a function URL with InvokeMode RESPONSE_STREAM.
	lambdahttp.Start(h, lambdahttp.WithStreaming())
}

func ExampleRequestContextFromContext() {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, _ := lambdahttp.EventFromContext(r.Context())
		rc, _ := lambdahttp.RequestContextFromContext(r.Context())
		fmt.Println(ev.Source, rc.RequestID, rc.SourceIP)
		fmt.Println(rc.Authorizer.JWT.Claims["sub"], rc.Authorizer.JWT.Scopes)
		fmt.Println(r.RemoteAddr, r.Header.Get("Cookie"))
	})
	if _, err := lambdahttp.New(h).Invoke(context.Background(), []byte(exampleEvent)); err != nil {
		panic(err)
	}
	// Output:
	// HTTPv2 req-1 203.0.113.7
	// user-42 [read]
	// 203.0.113.7:0 session=abc
}

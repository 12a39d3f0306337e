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

// corpusCases covers every file under shared/corpus/events. Notes on the
// values:
//   - serverless-go-demo events disagree between headers and
//     multiValueHeaders about Host; multiValueHeaders wins.
//   - serverless-go-demo-put-product is flagged isBase64Encoded but carries
//     plain JSON: the body is passed through as it is.
//   - Source IPs that are not addresses ("IP", "192.168.0.1/32") are kept
//     verbatim rather than given a port.
//   - The SAM CLI templates are refused for their unrendered method
//     placeholder.
var corpusCases = []corpusCase{
	{file: "aws-lambda-go/alb-lambda-target-request-headers-only.json", want: &reqWant{
		source: lambdahttp.ALB, multi: false,
		method: "GET", path: "/", rawPath: "",
		rawQuery:   "key=hello",
		host:       "lambda-test-alb-1334523864.us-east-1.elb.amazonaws.com",
		remoteAddr: "25.12.198.67:0",
		requestURI: "/?key=hello",
		body:       "", contentLength: 0,
		nHeaders: 9,
		headers:  map[string][]string{"X-Forwarded-For": []string{"25.12.198.67"}, "X-Forwarded-Proto": []string{"http"}},
	}},
	{file: "aws-lambda-go/alb-lambda-target-request-multivalue-headers.json", want: &reqWant{
		source: lambdahttp.ALB, multi: true,
		method: "GET", path: "/", rawPath: "",
		rawQuery:   "key=hello",
		host:       "lambda-test-alb-1234567.us-east-1.elb.amazonaws.com",
		remoteAddr: "72.21.198.67:0",
		requestURI: "/?key=hello",
		body:       "", contentLength: 0,
		nHeaders: 9,
		headers:  map[string][]string{"X-Forwarded-For": []string{"72.21.198.67"}, "X-Forwarded-Proto": []string{"http"}},
	}},
	{file: "aws-lambda-go/alb-lambda-target-response.json", err: "lambdahttp: unsupported event: Lambda proxy response (statusCode), not a request"},
	{file: "aws-lambda-go/apigw-custom-auth-request-type-request.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"REQUEST\")"},
	{file: "aws-lambda-go/apigw-custom-auth-request.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"TOKEN\")"},
	{file: "aws-lambda-go/apigw-custom-auth-response.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer response (principalId, policyDocument), not a request"},
	{file: "aws-lambda-go/apigw-request.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "POST", path: "/hello/world", rawPath: "",
		rawQuery:   "name=me",
		host:       "gy415nuibc.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "192.168.196.186:0",
		requestURI: "/hello/world?name=me",
		body:       "{\r\n\t\"a\": 1\r\n}", contentLength: 13,
		nHeaders: 18,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate"}, "Content-Type": []string{"application/json"}, "X-Forwarded-For": []string{"54.240.196.186, 54.182.214.83"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "aws-lambda-go/apigw-response.json", err: "lambdahttp: unsupported event: Lambda proxy response (statusCode), not a request"},
	{file: "aws-lambda-go/apigw-restapi-openapi-request.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "POST", path: "/hello/world", rawPath: "",
		rawQuery:   "name=me",
		host:       "gy415nuibc.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "192.168.196.186:0",
		requestURI: "/hello/world?name=me",
		body:       "{\r\n\t\"a\": 1\r\n}", contentLength: 13,
		nHeaders: 18,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate"}, "Content-Type": []string{"application/json"}, "X-Forwarded-For": []string{"54.240.196.186, 54.182.214.83"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "aws-lambda-go/apigw-v2-custom-authorizer-v1-request.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"REQUEST\")"},
	{file: "aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"REQUEST\")"},
	{file: "aws-lambda-go/apigw-v2-request-iam.json", want: &reqWant{
		source: lambdahttp.HTTPv2, multi: false,
		method: "GET", path: "/my/path", rawPath: "",
		rawQuery:   "parameter1=value1&parameter1=value2&parameter2=value",
		host:       "id.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "IP",
		requestURI: "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
		body:       "{\r\n\t\"a\": 1\r\n}", contentLength: 13,
		nHeaders: 3,
		headers:  map[string][]string{"Cookie": []string{"cookie1; cookie2"}, "Header2": []string{"value2"}},
	}},
	{file: "aws-lambda-go/apigw-v2-request-jwt-authorizer.json", want: &reqWant{
		source: lambdahttp.HTTPv2, multi: false,
		method: "GET", path: "/my/path", rawPath: "",
		rawQuery:   "parameter1=value1&parameter1=value2&parameter2=value",
		host:       "id.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "IP",
		requestURI: "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
		body:       "{\r\n\t\"a\": 1\r\n}", contentLength: 13,
		nHeaders: 3,
		headers:  map[string][]string{"Cookie": []string{"cookie1; cookie2"}, "Header2": []string{"value2"}},
	}},
	{file: "aws-lambda-go/apigw-v2-request-lambda-authorizer.json", want: &reqWant{
		source: lambdahttp.HTTPv2, multi: false,
		method: "GET", path: "/my/path", rawPath: "",
		rawQuery:   "parameter1=value1&parameter1=value2&parameter2=value",
		host:       "id.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "IP",
		requestURI: "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
		body:       "{\r\n\t\"a\": 1\r\n}", contentLength: 13,
		nHeaders: 3,
		headers:  map[string][]string{"Cookie": []string{"cookie1; cookie2"}, "Header2": []string{"value2"}},
	}},
	{file: "aws-lambda-go/apigw-v2-request-no-authorizer.json", want: &reqWant{
		source: lambdahttp.HTTPv2, multi: false,
		method: "GET", path: "/", rawPath: "",
		rawQuery:   "",
		host:       "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com",
		remoteAddr: "1.2.3.4:0",
		requestURI: "/",
		body:       "", contentLength: 0,
		nHeaders: 7,
		headers:  map[string][]string{"X-Forwarded-For": []string{"1.2.3.4"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "aws-lambda-go/apigw-websocket-request-disconnect.json", err: "lambdahttp: unsupported event: WebSocket API event (requestContext.eventType \"DISCONNECT\")"},
	{file: "aws-lambda-go/apigw-websocket-request-send-message.json", err: "lambdahttp: unsupported event: WebSocket API event (requestContext.eventType \"MESSAGE\")"},
	{file: "aws-lambda-go/apigw-websocket-request.json", err: "lambdahttp: unsupported event: WebSocket API event (requestContext.eventType \"CONNECT\")"},
	{file: "aws-lambda-go/lambda-urls-request.json", want: &reqWant{
		source: lambdahttp.FunctionURL, multi: false,
		method: "POST", path: "/my/path", rawPath: "",
		rawQuery:   "parameter1=value1&parameter1=value2&parameter2=value",
		host:       "<url-id>.lambda-url.us-west-2.on.aws",
		remoteAddr: "123.123.123.123:0",
		requestURI: "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
		body:       "Hello from client!", contentLength: 18,
		nHeaders: 3,
		headers:  map[string][]string{"Cookie": []string{"cookie1; cookie2"}, "Header2": []string{"value1,value2"}},
	}},
	{file: "aws-lambda-go/lambda-urls-response.json", err: "lambdahttp: unsupported event: Lambda proxy response (statusCode), not a request"},
	{file: "aws-samples/serverless-go-demo-delete-product.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "DELETE", path: "/1", rawPath: "",
		rawQuery:   "foo=bar",
		host:       "0123456789.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "127.0.0.1:0",
		requestURI: "/1?foo=bar",
		body:       "", contentLength: 0,
		nHeaders: 17,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate, sdch"}, "X-Forwarded-For": []string{"127.0.0.1, 127.0.0.2"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "aws-samples/serverless-go-demo-get-product.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "GET", path: "/1", rawPath: "",
		rawQuery:   "foo=bar",
		host:       "0123456789.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "127.0.0.1:0",
		requestURI: "/1?foo=bar",
		body:       "{\"test\":\"body\"}", contentLength: 15,
		nHeaders: 17,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate, sdch"}, "X-Forwarded-For": []string{"127.0.0.1, 127.0.0.2"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "aws-samples/serverless-go-demo-products-stream.json", err: "lambdahttp: unsupported event: DynamoDB Streams event (Records[0].eventSource \"aws:dynamodb\")"},
	{file: "aws-samples/serverless-go-demo-put-product.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "PUT", path: "/1", rawPath: "",
		rawQuery:   "foo=bar",
		host:       "0123456789.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "127.0.0.1:0",
		requestURI: "/1?foo=bar",
		body:       "{\"id\":\"1\", \"name\":\"product\", \"price\": 0.123}", contentLength: 44,
		nHeaders: 17,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate, sdch"}, "X-Forwarded-For": []string{"127.0.0.1, 127.0.0.2"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "sam-app-templates/al2023-go-hello-event.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "GET", path: "/hello", rawPath: "",
		rawQuery:   "foo=bar",
		host:       "1234567890.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "127.0.0.1:0",
		requestURI: "/hello?foo=bar",
		body:       "{\"message\": \"hello world\"}", contentLength: 26,
		nHeaders: 17,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate, sdch"}, "X-Forwarded-For": []string{"127.0.0.1, 127.0.0.2"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "sam-cli/rendered/alb-request.json", want: &reqWant{
		source: lambdahttp.ALB, multi: false,
		method: "POST", path: "/path/to/resource", rawPath: "",
		rawQuery:   "query=1234ABCD",
		host:       "lambda-alb-123578498.us-east-2.elb.amazonaws.com",
		remoteAddr: "72.12.164.125:0",
		requestURI: "/path/to/resource?query=1234ABCD",
		body:       "{\"test\":\"body\"}", contentLength: 15,
		nHeaders: 11,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip"}, "X-Forwarded-For": []string{"72.12.164.125"}, "X-Forwarded-Proto": []string{"http"}},
	}},
	{file: "sam-cli/rendered/apigateway-authorizer.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"TOKEN\")"},
	{file: "sam-cli/rendered/apigateway-aws-proxy.json", want: &reqWant{
		source: lambdahttp.RESTv1, multi: false,
		method: "POST", path: "/path/to/resource", rawPath: "",
		rawQuery:   "foo=bar",
		host:       "0123456789.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "127.0.0.1:0",
		requestURI: "/path/to/resource?foo=bar",
		body:       "{\"test\":\"body\"}", contentLength: 15,
		nHeaders: 17,
		headers:  map[string][]string{"Accept-Encoding": []string{"gzip, deflate, sdch"}, "X-Forwarded-For": []string{"127.0.0.1, 127.0.0.2"}, "X-Forwarded-Proto": []string{"https"}},
	}},
	{file: "sam-cli/rendered/apigateway-http-api-proxy.json", want: &reqWant{
		source: lambdahttp.HTTPv2, multi: false,
		method: "POST", path: "/path/to/resource", rawPath: "",
		rawQuery:   "parameter1=value1&parameter1=value2&parameter2=value",
		host:       "id.execute-api.us-east-1.amazonaws.com",
		remoteAddr: "192.168.0.1/32",
		requestURI: "/path/to/resource?parameter1=value1&parameter1=value2&parameter2=value",
		body:       "{\"test\":\"body\"}", contentLength: 15,
		nHeaders: 3,
		headers:  map[string][]string{"Cookie": []string{"cookie1; cookie2"}, "Header2": []string{"value1,value2"}},
	}},
	{file: "sam-cli/rendered/apigateway-request-authorizer.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"REQUEST\")"},
	{file: "sam-cli/templates/alb/ALBRequest.json", err: "lambdahttp: ALB event has an invalid HTTP method \"{{{method}}}\""},
	{file: "sam-cli/templates/apigateway/ApiGatewayAuthorizer.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"TOKEN\")"},
	{file: "sam-cli/templates/apigateway/ApiGatewayRestRequestAuthorizer.json", err: "lambdahttp: unsupported event: API Gateway Lambda authorizer event (type \"REQUEST\")"},
	{file: "sam-cli/templates/apigateway/AwsProxy.json", err: "lambdahttp: RESTv1 event has an invalid HTTP method \"{{{method}}}\""},
	{file: "sam-cli/templates/apigateway/HttpApi.json", err: "lambdahttp: HTTPv2 event has an invalid HTTP method \"{{{method}}}\""},
	{file: "sam-cli/templates/event-mapping.json", err: "lambdahttp: unsupported event: no known event shape (top-level keys \"alexa-skills-kit\", \"alexa-smart-home\", \"alb\", \"apigateway\", ...)"},
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

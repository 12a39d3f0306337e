package bench

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// requestHeaders are the ten headers of every request; the POST case adds
// Content-Type.
var requestHeaders = [][2]string{
	{"accept", "application/json"},
	{"accept-encoding", "gzip, deflate, br"},
	{"accept-language", "en-US,en;q=0.9"},
	{"authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"},
	{"host", "abc123.execute-api.eu-west-1.amazonaws.com"},
	{"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"},
	{"x-amzn-trace-id", "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c"},
	{"x-forwarded-for", "203.0.113.7"},
	{"x-forwarded-port", "443"},
	{"x-forwarded-proto", "https"},
}

var query = [][2]string{{"limit", "25"}, {"sort", "-price"}, {"filter", "tag:sale"}}

type benchCase struct {
	name, method, path string
	body               string
}

// postBody is a 4 KiB JSON document.
var postBody = func() string {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < 4<<10-64; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"sku":"SKU-` + strconv.Itoa(1000+i) + `","qty":` + strconv.Itoa(i%7+1) + `,"note":"handle with care"}`)
	}
	b.WriteString(`]}`)
	return b.String()
}()

var cases = []benchCase{
	{"get", http.MethodGet, "/items", ""},
	{"post", http.MethodPost, "/items", postBody},
	{"binary", http.MethodGet, "/binary", ""},
}

func headersFor(c benchCase) (map[string]string, map[string][]string) {
	h := map[string]string{}
	mv := map[string][]string{}
	for _, kv := range requestHeaders {
		h[kv[0]] = kv[1]
		mv[kv[0]] = []string{kv[1]}
	}
	if c.body != "" {
		h["content-type"] = "application/json"
		mv["content-type"] = []string{"application/json"}
	}
	return h, mv
}

func restEvent(c benchCase) []byte {
	h, mv := headersFor(c)
	q, mq := map[string]string{}, map[string][]string{}
	for _, kv := range query {
		q[kv[0]] = kv[1]
		mq[kv[0]] = []string{kv[1]}
	}
	return mustJSON(events.APIGatewayProxyRequest{
		Resource: "/{proxy+}", Path: c.path, HTTPMethod: c.method,
		Headers: h, MultiValueHeaders: mv,
		QueryStringParameters: q, MultiValueQueryStringParameters: mq,
		PathParameters: map[string]string{"proxy": strings.TrimPrefix(c.path, "/")},
		RequestContext: events.APIGatewayProxyRequestContext{
			AccountID: "123456789012", ResourceID: "us4z18", Stage: "prod",
			RequestID: "41b45ea3-70b5-11e6-b7bd-69b5aaebc7d9", ResourcePath: "/{proxy+}",
			HTTPMethod: c.method, APIID: "abc123", Protocol: "HTTP/1.1",
			DomainName: "abc123.execute-api.eu-west-1.amazonaws.com",
			Identity:   events.APIGatewayRequestIdentity{SourceIP: "203.0.113.7", UserAgent: "Mozilla/5.0"},
		},
		Body: c.body,
	})
}

func v2Event(c benchCase) []byte {
	h, _ := headersFor(c)
	var qs []string
	q := map[string]string{}
	for _, kv := range query {
		qs = append(qs, kv[0]+"="+kv[1])
		q[kv[0]] = kv[1]
	}
	return mustJSON(events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: "$default", RawPath: c.path, RawQueryString: strings.Join(qs, "&"),
		Cookies: []string{"session=abc123"}, Headers: h, QueryStringParameters: q,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey: "$default", AccountID: "123456789012", Stage: "$default", RequestID: "LV7fzho-PHcEJPw=",
			APIID: "abc123", DomainName: "abc123.execute-api.eu-west-1.amazonaws.com", DomainPrefix: "abc123",
			Time: "21/Apr/2020:15:08:21 +0000", TimeEpoch: 1587481701067,
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: c.method, Path: c.path, Protocol: "HTTP/1.1", SourceIP: "203.0.113.7", UserAgent: "Mozilla/5.0",
			},
		},
		Body: c.body,
	})
}

func albEvent(c benchCase) []byte {
	h, _ := headersFor(c)
	h["host"] = "my-alb-123456.eu-west-1.elb.amazonaws.com"
	q := map[string]string{}
	for _, kv := range query {
		q[kv[0]] = kv[1]
	}
	return mustJSON(events.ALBTargetGroupRequest{
		HTTPMethod: c.method, Path: c.path, QueryStringParameters: q, Headers: h,
		RequestContext: events.ALBTargetGroupRequestContext{ELB: events.ELBContext{
			TargetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lambda/abcdef",
		}},
		Body: c.body,
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

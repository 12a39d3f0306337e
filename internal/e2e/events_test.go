package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
)

// The builders below write events in the shapes API Gateway, ALB and
// Function URLs send, field for field as in the captured samples under
// ../shared/corpus/events.

func splitTarget(target string) (string, string) {
	path, query, _ := strings.Cut(target, "?")
	return path, query
}

func httpV2Event(method, target, body, domain string) []byte {
	path, query := splitTarget(target)
	ev := map[string]any{
		"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
		"headers":         map[string]string{"host": domain, "content-type": "application/json", "x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.10"},
		"isBase64Encoded": false, "body": body,
		"requestContext": map[string]any{
			"accountId": "123456789012", "apiId": strings.Split(domain, ".")[0], "domainName": domain,
			"domainPrefix": strings.Split(domain, ".")[0], "requestId": "e2e", "routeKey": "$default", "stage": "$default",
			"time": "26/Nov/2026:10:00:00 +0000", "timeEpoch": 1795600800000,
			"http": map[string]any{"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.10", "userAgent": "e2e"},
		},
	}
	b, _ := json.Marshal(ev)
	return b
}

func queryMaps(query string) (map[string]string, map[string][]string) {
	if query == "" {
		return nil, nil
	}
	single, multi := map[string]string{}, map[string][]string{}
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		single[k] = v
		multi[k] = append(multi[k], v)
	}
	return single, multi
}

func restV1Event(method, target, body string) []byte {
	path, query := splitTarget(target)
	single, multi := queryMaps(query)
	domain := "abc123.execute-api.eu-west-1.amazonaws.com"
	var b any
	if body != "" {
		b = body
	}
	ev := map[string]any{
		"resource": path, "path": path, "httpMethod": method,
		"headers":                         map[string]string{"Host": domain, "Content-Type": "application/json", "X-Forwarded-Proto": "https", "X-Forwarded-Port": "443"},
		"multiValueHeaders":               map[string][]string{"Host": {domain}, "Content-Type": {"application/json"}, "X-Forwarded-Proto": {"https"}, "X-Forwarded-Port": {"443"}},
		"queryStringParameters":           single,
		"multiValueQueryStringParameters": multi,
		"pathParameters":                  nil, "stageVariables": nil,
		"requestContext": map[string]any{
			"accountId": "123456789012", "apiId": "abc123", "domainName": domain, "httpMethod": method,
			"path": "/prod" + path, "protocol": "HTTP/1.1", "requestId": "e2e", "resourcePath": path, "stage": "prod",
			"identity": map[string]any{"sourceIp": "192.0.2.10", "userAgent": "e2e"},
		},
		"body": b, "isBase64Encoded": false,
	}
	out, _ := json.Marshal(ev)
	return out
}

func albEvent(method, target, body string, multiValue bool) []byte {
	path, query := splitTarget(target)
	ev := map[string]any{
		"requestContext": map[string]any{"elb": map[string]string{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/items/0123456789abcdef"}},
		"httpMethod":     method, "path": path, "body": body, "isBase64Encoded": false,
	}
	headers := map[string]string{"host": "items-alb-123.eu-west-1.elb.amazonaws.com", "content-type": "application/json", "x-forwarded-for": "192.0.2.10", "x-forwarded-proto": "http", "x-forwarded-port": "80"}
	// ALB passes query values through still percent-encoded.
	rawSingle, rawMulti := map[string]string{}, map[string][]string{}
	if query != "" {
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			rawSingle[k] = v
			rawMulti[k] = append(rawMulti[k], v)
		}
	}
	if multiValue {
		mh := map[string][]string{}
		for k, v := range headers {
			mh[k] = []string{v}
		}
		ev["multiValueHeaders"] = mh
		ev["multiValueQueryStringParameters"] = rawMulti
	} else {
		ev["headers"] = headers
		ev["queryStringParameters"] = rawSingle
	}
	out, _ := json.Marshal(ev)
	return out
}

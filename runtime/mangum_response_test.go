package lambdahttp_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// problemResponse is what the adapter answers when the handler panics.
const problemBody = `{"type":"about:blank","title":"Internal Server Error","status":500}`

// compareResponse compares the adapter's response with Mangum's, after the
// named overrides below.
func compareResponse(t *testing.T, s mangumStep, out []byte) {
	t.Helper()
	var got, want map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, out)
	}
	js, _ := json.Marshal(s.LambdaResponse)
	_ = json.Unmarshal(js, &want)

	if s.Handler == "ALB" {
		// Override: ALB responses carry statusDescription here; Mangum
		// leaves it out and the load balancer makes one up.
		code := int(got["statusCode"].(float64))
		if d := got["statusDescription"]; d != strconv.Itoa(code)+" "+http.StatusText(code) {
			t.Errorf("statusDescription = %v", d)
		}
		delete(got, "statusDescription")
	}

	var starts int
	var appType string
	var appBody []byte
	for _, m := range s.AppSent {
		switch m.Type {
		case "http.response.start":
			starts++
			for _, h := range m.Headers {
				if strings.EqualFold(h[0], "content-type") {
					appType = h[1]
				}
			}
		case "http.response.body":
			appBody = append(appBody, decodeBytes(m.Body)...)
		}
	}
	v1 := s.Handler == "APIGateway" || strings.Contains(string(s.Event), `"version": "1.0"`) ||
		strings.Contains(string(s.Event), `"version":"1.0"`)
	switch {
	case appPanics(s.AppRaised):
		// Override: a handler panic gives a 500 with an RFC 9457 problem
		// body and none of what the handler had written; Mangum sends
		// text/plain "Internal Server Error", or keeps a response the app
		// had completed before raising.
		want = map[string]any{"statusCode": 500.0, "body": problemBody, "isBase64Encoded": false,
			"headers": map[string]any{"content-type": "application/problem+json"}}
		if v1 {
			want["multiValueHeaders"] = map[string]any{}
		}
	case starts == 0 && len(appBody) > 0:
		// Override: a body before any response start is an ASGI error that
		// Mangum answers with a 500; in net/http a Write without
		// WriteHeader means 200, with a sniffed Content-Type.
		want = map[string]any{"statusCode": 200.0, "body": string(appBody), "isBase64Encoded": false,
			"headers":           map[string]any{"content-type": http.DetectContentType(appBody)},
			"multiValueHeaders": map[string]any{}}
	case starts > 1:
		// Override: a second WriteHeader is ignored, as net/http does (the
		// first one wins); Mangum fails the request with a 500.
		want = map[string]any{"statusCode": float64(s.AppSent[0].Status), "body": "",
			"isBase64Encoded": false, "headers": map[string]any{}, "multiValueHeaders": map[string]any{}}
	case appType == "" && len(appBody) > 0:
		// Override: with no Content-Type the adapter sniffs one as net/http
		// does; Mangum base64-encodes the body (payload 1.0) or labels it
		// application/json (payload 2.0).
		want["headers"].(map[string]any)["content-type"] = http.DetectContentType(appBody)
		want["body"], want["isBase64Encoded"] = string(appBody), false
	case strings.EqualFold(appType, "application/x-yaml") && want["isBase64Encoded"] == true:
		// Override: YAML is in the default text list here (Mangum needs it
		// added); the body goes out as text.
		want["body"], want["isBase64Encoded"] = string(appBody), false
	}

	// Override: header names are canonical here (net/http), lower-case in
	// Mangum. ALB single-value mode spells repeated names in different
	// letter cases, so those are compared as lists of (name, value).
	alb := s.Handler == "ALB"
	for _, m := range []map[string]any{got, want} {
		for _, key := range []string{"headers", "multiValueHeaders"} {
			hm, ok := m[key].(map[string]any)
			if !ok {
				continue
			}
			if alb && key == "headers" {
				var pairs []string
				for k, v := range hm {
					pairs = append(pairs, strings.ToLower(k)+": "+v.(string))
				}
				slices.Sort(pairs)
				m[key] = pairs
				continue
			}
			lower := map[string]any{}
			for k, v := range hm {
				lower[strings.ToLower(k)] = v
			}
			m[key] = lower
		}
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("response\n got %s\nwant %s", g, w)
	}
}

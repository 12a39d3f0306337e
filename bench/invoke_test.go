// Package bench compares the lambgen proxy-event adapter with
// aws-lambda-go-api-proxy over the whole in-Lambda path: event payload bytes
// in, response payload bytes out.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// jsonBody is the ~200-byte JSON document the handler answers with.
var jsonBody = []byte(`{"id":"7f3c2a10-4b5e-4c1d-9a8b-2f6e0d9c1b3a","name":"Widget Pro","price":129.95,` +
	`"currency":"EUR","tags":["hardware","tools","sale"],"stock":42,"updatedAt":"2026-11-26T09:00:00Z"}`)

// binaryBody is the 64 KiB response of the binary case: random bytes, so
// neither side can treat it as text.
var binaryBody = func() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}()

// handler is the same for both adapters: it drains the request body and
// answers with a JSON document and two headers, or with the binary body.
var handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	if r.URL.Path == "/binary" {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = w.Write(binaryBody)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(jsonBody)
})

// invoker is one adapter's whole path from payload to response payload.
type invoker func(ctx context.Context, payload []byte) ([]byte, error)

func apiProxyV1() invoker {
	a := httpadapter.New(handler)
	return func(ctx context.Context, payload []byte) ([]byte, error) {
		var ev events.APIGatewayProxyRequest
		if err := json.Unmarshal(payload, &ev); err != nil {
			return nil, err
		}
		resp, err := a.ProxyWithContext(ctx, ev)
		if err != nil {
			return nil, err
		}
		return json.Marshal(resp)
	}
}

func apiProxyV2() invoker {
	a := httpadapter.NewV2(handler)
	return func(ctx context.Context, payload []byte) ([]byte, error) {
		var ev events.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(payload, &ev); err != nil {
			return nil, err
		}
		resp, err := a.ProxyWithContext(ctx, ev)
		if err != nil {
			return nil, err
		}
		return json.Marshal(resp)
	}
}

func apiProxyALB() invoker {
	a := httpadapter.NewALB(handler)
	return func(ctx context.Context, payload []byte) ([]byte, error) {
		var ev events.ALBTargetGroupRequest
		if err := json.Unmarshal(payload, &ev); err != nil {
			return nil, err
		}
		resp, err := a.ProxyWithContext(ctx, ev)
		if err != nil {
			return nil, err
		}
		return json.Marshal(resp)
	}
}

type source struct {
	name     string
	event    func(benchCase) []byte
	apiproxy func() invoker
}

var sources = []source{
	{"v1", restEvent, apiProxyV1},
	{"v2", v2Event, apiProxyV2},
	{"alb", albEvent, apiProxyALB},
}

func impls(s source) []struct {
	name string
	inv  invoker
} {
	return []struct {
		name string
		inv  invoker
	}{
		{"lambgen", lambdahttp.New(handler).Invoke},
		{"apiproxy", s.apiproxy()},
	}
}

func invokeContext() context.Context {
	return lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{
		AwsRequestID:       "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
		InvokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bench",
	})
}

// BenchmarkInvoke runs every source and case through both adapters. Name
// parts are key=value so that benchstat can put the implementations side
// by side: benchstat -col /impl.
func BenchmarkInvoke(b *testing.B) {
	ctx := invokeContext()
	for _, s := range sources {
		for _, c := range cases {
			payload := s.event(c)
			for _, im := range impls(s) {
				b.Run("impl="+im.name+"/src="+s.name+"/case="+c.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if _, err := im.inv(ctx, payload); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// TestSameResponses checks that both adapters answer every benchmark event
// with the same status and body, so the benchmark compares equal work.
func TestSameResponses(t *testing.T) {
	ctx := invokeContext()
	for _, s := range sources {
		for _, c := range cases {
			payload := s.event(c)
			var got [2]struct {
				StatusCode      int    `json:"statusCode"`
				Body            string `json:"body"`
				IsBase64Encoded bool   `json:"isBase64Encoded"`
			}
			for i, im := range impls(s) {
				out, err := im.inv(ctx, payload)
				if err != nil {
					t.Fatalf("%s %s %s: %v", im.name, s.name, c.name, err)
				}
				if err := json.Unmarshal(out, &got[i]); err != nil {
					t.Fatalf("%s %s %s: %v", im.name, s.name, c.name, err)
				}
			}
			if got[0] != got[1] {
				t.Errorf("%s %s: lambgen and api-proxy differ: status %d/%d, base64 %v/%v, body equal %v",
					s.name, c.name, got[0].StatusCode, got[1].StatusCode, got[0].IsBase64Encoded,
					got[1].IsBase64Encoded, got[0].Body == got[1].Body)
			}
			want := jsonBody
			if c.name == "binary" {
				want = binaryBody
			}
			body := []byte(got[0].Body)
			if got[0].IsBase64Encoded {
				body = mustB64(t, got[0].Body)
			}
			if got[0].StatusCode != 200 || !bytes.Equal(body, want) {
				t.Errorf("%s %s: status %d, body of %d bytes, want 200 and %d bytes", s.name, c.name, got[0].StatusCode, len(body), len(want))
			}
		}
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// bareMain is the smallest aws-lambda-go function that answers an HTTP API
// event, as in bench/coldstart: the floor for cold start. It is built
// inside the generated project, whose module graph already has
// aws-lambda-go.
const bareMain = `// Command bare is the floor for cold start.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		return events.APIGatewayV2HTTPResponse{StatusCode: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: ev.Body}, nil
	})
}
`

// coldStart builds the project's bootstrap and the bare function as the
// project's Makefile builds bootstrap, starts each trials times, in turn
// (each going first in turn), and compares the medians. projects maps a
// name to a project directory: "lambgen", and with -baseline the
// baseline's; the bare function is built inside lambgen's.
func coldStart(projects map[string]string, resources, trials int) string {
	lg := projects["lambgen"]
	bare := filepath.Join(lg, "cmd", "bare")
	check(os.MkdirAll(bare, 0o755))
	check(os.WriteFile(filepath.Join(bare, "main.go"), []byte(bareMain), 0o644))
	names := []string{"bare"}
	for name := range projects {
		names = append(names, name)
	}
	sort.Strings(names[1:]) // lambgen, lambgen@REV
	bins := map[string]string{}
	for _, name := range names {
		dir, pkg := projects[name], "."
		if name == "bare" {
			dir, pkg = lg, "./cmd/bare"
		}
		bins[name] = filepath.Join(dir, "bin", strings.ReplaceAll(name, "@", "-"))
		run(dir, []string{"GOFLAGS=-mod=mod"}, "go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", bins[name], pkg)
	}
	body, _ := json.Marshal(map[string]any{"name": "n", "kind": "beta", "size": 10, "ratio": 0.5,
		"owner": map[string]any{"login": "octo", "email": "o@example.com"}, "labels": []any{map[string]any{"name": "x", "color": "00ff00"}},
		"due": "2024-01-02", "settings": map[string]any{"visibility": "private", "retention": map[string]any{"days": 30}}})
	event := httpEvent("POST", fmt.Sprintf("/orgs/acme/res%03d", resources/2), string(body))

	api, err := startRuntimeAPI()
	check(err)
	inits, firsts := map[string][]float64{}, map[string][]float64{}
	order := append([]string(nil), names...)
	for i := 0; i < trials; i++ {
		for _, name := range order {
			in, first, resp, err := api.measure(bins[name], event)
			check(err)
			if i == 0 && !strings.Contains(string(resp), `"statusCode":`) {
				log.Fatalf("%s answered %s", name, resp)
			}
			inits[name] = append(inits[name], ms(in))
			firsts[name] = append(firsts[name], ms(first))
		}
		order = append(order[1:], order[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Cold start, median of %d starts each (process start to the first /next, and to the first response):\n\n", trials)
	b.WriteString("| bootstrap | binary | init | first response |\n| --- | --- | --- | --- |\n")
	for _, name := range names {
		st, err := os.Stat(bins[name])
		check(err)
		fmt.Fprintf(&b, "| %s | %.1f MB | %s | %s |\n", name, float64(st.Size())/1e6, summarize(inits[name]).format("ms"), summarize(firsts[name]).format("ms"))
	}
	for _, name := range names[1:] {
		fmt.Fprintf(&b, "| **%s ÷ bare** (goal ≤ 1.5) | | **%.2f** | **%.2f** |\n", name,
			summarize(inits[name]).med/summarize(inits["bare"]).med, summarize(firsts[name]).med/summarize(firsts["bare"]).med)
	}
	return b.String()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func httpEvent(method, path, body string) []byte {
	quoted, _ := json.Marshal(body)
	return []byte(strings.NewReplacer("METHOD", method, "PATH", path, "BODY", string(quoted)).Replace(`{
  "version": "2.0", "routeKey": "$default", "rawPath": "PATH", "rawQueryString": "",
  "headers": {"content-type": "application/json", "host": "abc123.execute-api.us-east-1.amazonaws.com", "user-agent": "bench"},
  "requestContext": {"accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
    "domainPrefix": "abc123", "http": {"method": "METHOD", "path": "PATH", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "bench"},
    "requestId": "req-1", "routeKey": "$default", "stage": "$default", "time": "02/Jan/2024:03:04:05 +0000", "timeEpoch": 1704164645000},
  "body": BODY, "isBase64Encoded": false}`))
}

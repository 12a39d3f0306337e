// Command coldstart measures the generated server's cold start and its
// per-request validation cost, side by side in one run, against a bare
// aws-lambda-go function and against the kin-openapi validation lambgen
// generated before (the whole spec parsed on the first request, and one
// pruned document per operation parsed on that operation's first request).
//
// It generates two projects with lambgen (the built-in Item API and a
// synthetic spec of 720 operations), builds each variant as a Lambda
// bootstrap would be built, and starts each binary many times under a
// stand-in for the Lambda Runtime API, timing process start to the first
// request for work (init) and to the first response (init plus the first
// invocation). Then it runs go test -bench on the Item POST for every
// variant and, when it can, benchstat.
//
//	cd bench/coldstart && go run . [-trials 40] [-count 10] [-work DIR]
//
// With -telemetry it measures only the Item project's cold start with its
// generated telemetry off, on, and with tracing, against a bare function.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	trials := flag.Int("trials", 40, "starts of each binary")
	count := flag.Int("count", 10, "go test -count for the per-request benchmark")
	work := flag.String("work", "", "work directory to keep (default: a temporary one, removed afterwards)")
	resources := flag.Int("resources", 120, "resources in the synthetic spec, six operations each")
	telemetry := flag.Bool("telemetry", false, "measure only the Item project with telemetry off, on and with tracing")
	compare := flag.String("compare", "", "comma-separated name=path bootstraps to start side by side (the first is the base), instead of building projects")
	method := flag.String("method", "GET", "with -compare: the event's method")
	path := flag.String("path", "/items/5", "with -compare: the event's path")
	body := flag.String("body", "", "with -compare: the event's body")
	flag.Parse()
	log.SetFlags(0)
	if *compare != "" {
		fmt.Println(compareColdStarts(strings.Split(*compare, ","), httpEvent(*method, *path, *body), *trials))
		return
	}

	repo, err := filepath.Abs("../..")
	check(err)
	dir := *work
	if dir == "" {
		dir, err = os.MkdirTemp("", "lambgen-coldstart-")
		check(err)
		defer os.RemoveAll(dir)
	}
	dir, err = filepath.Abs(dir)
	check(err)
	lambgen := filepath.Join(dir, "lambgen")
	run(repo, "go", "build", "-o", lambgen, ".")
	if *telemetry {
		fmt.Println(telemetryColdStarts(dir, lambgen, *trials))
		return
	}

	check(os.WriteFile(filepath.Join(dir, "synthetic.yaml"), []byte(synthSpec(*resources)), 0o644))
	projects := []*project{
		{name: "items", args: []string{"new", "--dir", filepath.Join(dir, "items"), "--module", "example.com/items"},
			event: httpEvent("POST", "/items/", `{"name":"Foo","description":"An optional description","price":45.2,"tax":3.5}`)},
		{name: "synthetic", args: []string{"new", "--spec", filepath.Join(dir, "synthetic.yaml"), "--dir", filepath.Join(dir, "synthetic"), "--module", "example.com/synthetic"},
			event: httpEvent("POST", fmt.Sprintf("/res%03d", *resources/2), `{"name":"n","kind":"beta","size":10,"ratio":0.5,"owner":{"login":"octo","email":"o@example.com"},"labels":[{"name":"x","color":"00ff00"}],"due":"2024-01-02"}`)},
	}
	for _, p := range projects {
		p.dir = filepath.Join(dir, p.name)
		run(dir, lambgen, p.args...)
		p.prepare()
	}

	api, err := startRuntimeAPI()
	check(err)
	results := coldStarts(api, projects, *trials)
	fmt.Println(results)

	benchOut := filepath.Join(dir, "bench.txt")
	out := run(projects[0].dir, "go", "test", "./handlers", "-run", "^$", "-bench", "ItemPOST", "-benchmem", "-count", fmt.Sprint(*count))
	check(os.WriteFile(benchOut, []byte(out), 0o644))
	fmt.Println(perRequest(out))
	fmt.Println("benchstat:")
	fmt.Println(benchstat(dir, benchOut))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func httpEvent(method, path, body string) []byte {
	return []byte(strings.NewReplacer("METHOD", method, "PATH", path, "BODY", jsonString(body)).Replace(`{
  "version": "2.0", "routeKey": "$default", "rawPath": "PATH", "rawQueryString": "",
  "headers": {"content-type": "application/json", "host": "abc123.execute-api.us-east-1.amazonaws.com", "user-agent": "bench"},
  "requestContext": {"accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
    "domainPrefix": "abc123", "http": {"method": "METHOD", "path": "PATH", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "bench"},
    "requestId": "req-1", "routeKey": "$default", "stage": "$default", "time": "02/Jan/2024:03:04:05 +0000", "timeEpoch": 1704164645000},
  "body": BODY, "isBase64Encoded": false}`))
}

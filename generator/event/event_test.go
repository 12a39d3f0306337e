package event_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/event"
	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// project copies a spec into a project folder of its own, with api set,
// and opens it as the commands do.
func project(t *testing.T, spec, api string) *deploy.Project {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "openapi.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := "name: svc\nmodule: example.com/svc\nspec: openapi.yaml\napi: " + api + "\n"
	if err := os.WriteFile(filepath.Join(dir, config.File), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := deploy.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEventsPassTheContract builds the event of every operation for every
// source and sends it through the adapter into the validating server the
// project would run: each must decode, reach its operation and pass every
// check, as the sample request it is built from does.
func TestEventsPassTheContract(t *testing.T) {
	grant := contract.AuthenticatorFunc(func(_ context.Context, _ string, c contract.Credential) (*contract.Identity, error) {
		return &contract.Identity{Subject: "t", Scopes: c.Required}, nil
	})
	for _, spec := range []string{"../../examples/items/openapi.yaml", "../../testdata/specs/shop.yaml", "../../testdata/specs/auth.yaml"} {
		for _, api := range []string{"rest", "http"} {
			p := project(t, spec, api)
			sp := p.API.Spec()
			srv := contract.New(&sp, contract.Config{Logger: nil, MaxBodyBytes: 1 << 20, Authenticator: grant})
			reached := ""
			for _, op := range sp.Operations {
				srv.HandleFunc(op.Pattern, func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.Copy(io.Discard, r.Body)
					reached = op.ID
					w.WriteHeader(http.StatusNoContent)
				})
			}
			a := lambdahttp.New(srv, lambdahttp.WithBasePath(p.API.BasePath))
			for _, r := range p.Deploy.Routes {
				if r.Op.Sample.Skip != "" {
					continue
				}
				for _, src := range event.Sources {
					name := filepath.Base(spec) + "/" + api + "/" + src + "/" + r.Op.ID
					ev, err := event.Build(p, event.Options{Operation: r.Op.ID, Source: src, Now: time.Unix(1700000000, 0)})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					reached = ""
					out, err := a.Invoke(context.Background(), ev)
					if err != nil {
						t.Fatalf("%s: the adapter refused the event: %v\n%s", name, err, ev)
					}
					var resp struct {
						StatusCode int    `json:"statusCode"`
						Body       string `json:"body"`
					}
					if err := json.Unmarshal(out, &resp); err != nil {
						t.Fatal(err)
					}
					if resp.StatusCode != http.StatusNoContent || reached != r.Op.ID {
						t.Fatalf("%s: %d %s (reached %q)\nevent: %s", name, resp.StatusCode, resp.Body, reached, ev)
					}
				}
			}
		}
	}
}

// TestEventShapes pins what tells the sources apart.
func TestEventShapes(t *testing.T) {
	p := project(t, "../../examples/items/openapi.yaml", "rest")
	build := func(src string, params ...string) map[string]any {
		t.Helper()
		ev, err := event.Build(p, event.Options{Operation: "readItem", Source: src, Params: params, Now: time.Unix(1700000000, 0)})
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(ev, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	get := func(m map[string]any, path string) any {
		var v any = m
		for _, k := range strings.Split(path, ".") {
			mm, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = mm[k]
		}
		return v
	}
	rest := build("rest", "item_id=7", "q=a b")
	for path, want := range map[string]any{
		"resource": "/items/{item_id}", "path": "/items/7", "httpMethod": "GET",
		"pathParameters.item_id": "7", "queryStringParameters.q": "a b",
		"requestContext.stage": "Prod", "requestContext.path": "/Prod/items/7", "requestContext.resourcePath": "/items/{item_id}",
	} {
		if got := get(rest, path); got != want {
			t.Errorf("rest %s = %v, want %v", path, got, want)
		}
	}
	if mv, _ := get(rest, "multiValueQueryStringParameters.q").([]any); len(mv) != 1 || mv[0] != "a b" {
		t.Errorf("rest multiValueQueryStringParameters.q = %v", mv)
	}
	v2 := build("http", "item_id=7", "q=a b")
	for path, want := range map[string]any{
		"version": "2.0", "routeKey": "GET /items/{item_id}", "rawPath": "/items/7", "rawQueryString": "q=a+b",
		"requestContext.http.method": "GET", "requestContext.stage": "$default", "pathParameters.item_id": "7",
	} {
		if got := get(v2, path); got != want {
			t.Errorf("http %s = %v, want %v", path, got, want)
		}
	}
	url := build("url", "item_id=7")
	if d, _ := get(url, "requestContext.domainName").(string); !strings.Contains(d, ".lambda-url.") || get(url, "pathParameters") != nil {
		t.Errorf("url event: domain %q, pathParameters %v", d, get(url, "pathParameters"))
	}
	alb := build("alb", "item_id=7", "q=a b&c")
	if got := get(alb, "queryStringParameters.q"); got != "a+b%26c" {
		t.Errorf("alb query q = %v, want it escaped as the client sent it", got)
	}
	if get(alb, "requestContext.elb.targetGroupArn") == nil {
		t.Errorf("alb event has no target group")
	}

	for _, c := range []struct {
		opts event.Options
		want string
	}{
		{event.Options{Operation: "nope"}, `the spec has no operation "nope" (want one of readRoot, createItem, readItem)`},
		{event.Options{Operation: "readItem", Source: "sqs"}, `--source "sqs" is not one lambgen knows (want rest, http, alb, url)`},
		{event.Options{Operation: "readItem", Params: []string{"zzz=1"}}, `--param zzz: operation readItem has no parameter of that name (want one of item_id, q)`},
		{event.Options{Operation: "readItem", Params: []string{"item_id"}}, `--param "item_id" is not name=value`},
	} {
		if _, err := event.Build(p, c.opts); err == nil || err.Error() != c.want {
			t.Errorf("%+v: got %v, want %s", c.opts, err, c.want)
		}
	}
}

package model_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

func TestDocsPlacement(t *testing.T) {
	cases := []struct {
		name, paths, docsPath string
		want                  [3]string
		warning               string
	}{
		{"free", "  /items: {get: {operationId: list, responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/docs", "/openapi.json", "/openapi.yaml"}, ""},
		{"own path", "  /docs: {get: {operationId: manual, responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/_docs", "/_openapi.json", "/_openapi.yaml"},
			`openapi.yaml:4:11: warning: the docs at /docs, /openapi.json and /openapi.yaml would hide operation GET /docs (manual); serving them at /_docs, /_openapi.json and /_openapi.yaml instead (want docs.path in lambgen.yaml set to a path the spec does not use)`},
		{"spec path", "  /openapi.json: {get: {operationId: spec, responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/_docs", "/_openapi.json", "/_openapi.yaml"}, "would hide operation GET /openapi.json (spec)"},
		{"below the page", "  /docs/{page}: {get: {operationId: page, parameters: [{name: page, in: path, required: true, schema: {type: string}}], responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/_docs", "/_openapi.json", "/_openapi.yaml"}, "would hide operation GET /docs/{page} (page)"},
		{"a parameter takes any segment", "  /{id}: {get: {operationId: byId, parameters: [{name: id, in: path, required: true, schema: {type: string}}], responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/_lambgen/docs", "/_lambgen/openapi.json", "/_lambgen/openapi.yaml"}, "serving them at /_lambgen/docs"},
		{"deeper is free", "  /docs/a/b: {get: {operationId: deep, responses: {\"200\": {description: ok}}}}\n", "", [3]string{"/docs", "/openapi.json", "/openapi.yaml"}, ""},
		{"configured path", "  /docs: {get: {operationId: manual, responses: {\"200\": {description: ok}}}}\n", "/reference", [3]string{"/reference", "/openapi.json", "/openapi.yaml"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n" + c.paths
			s, err := load.Bytes(context.Background(), "openapi.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			api, err := model.Build(s)
			if err != nil {
				t.Fatal(err)
			}
			cfg := config.Config{Docs: config.Docs{Path: c.docsPath}}
			cfg.Defaults()
			d, ws := model.BuildDocs(s, api, cfg.Docs)
			if got := [3]string{d.Path, d.JSONPath, d.YAMLPath}; got != c.want {
				t.Fatalf("docs at %v, want %v", got, c.want)
			}
			if !d.Local || d.Lambda {
				t.Fatalf("default is local only, got local %v lambda %v", d.Local, d.Lambda)
			}
			switch {
			case c.warning == "" && len(ws) > 0:
				t.Fatalf("unexpected warning %s", ws.Error())
			case c.warning != "" && (len(ws) != 1 || !strings.Contains(ws.Error(), c.warning) || ws[0].Class != load.DocsMoved):
				t.Fatalf("warning %q, want one docs-moved warning with %q", ws.Error(), c.warning)
			}
		})
	}
}

func TestDocsRoutesOnLambda(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\nservers: [{url: \"https://x.example.com/v1\"}]\npaths:\n  /items: {get: {operationId: list, responses: {\"200\": {description: ok}}}}\n"
	for _, lambda := range []bool{false, true} {
		s, err := load.Bytes(context.Background(), "openapi.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		api, err := model.Build(s)
		if err != nil {
			t.Fatal(err)
		}
		cfg := config.Config{Name: "svc", Docs: config.Docs{Lambda: lambda}}
		cfg.Defaults()
		api.Docs, _ = model.BuildDocs(s, api, cfg.Docs)
		d, err := model.BuildDeploy(s, api, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range d.Routes {
			got = append(got, r.Method+" "+r.Path+" "+r.EventID)
		}
		want := "GET /v1/items List"
		if lambda {
			want += ", GET /v1/docs LambgenDocsDocs, GET /v1/docs/{proxy+} LambgenDocsDocsProxy, GET /v1/openapi.json LambgenDocsOpenapiJson, GET /v1/openapi.yaml LambgenDocsOpenapiYaml"
		}
		if strings.Join(got, ", ") != want {
			t.Fatalf("docs.lambda %v: routes %s, want %s", lambda, strings.Join(got, ", "), want)
		}
	}
}

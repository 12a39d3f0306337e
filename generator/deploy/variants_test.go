package deploy_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/internal/testtool"
)

// corpusSpecs are specs from the shared corpus that exercise what the
// Items example does not: oauth2 scopes, and/or security, API keys,
// bearer tokens, binary media types.
var corpusSpecs = []string{
	"ogen/examples/petstore-oauth2.yml",
	"ogen/examples/oauth2-scopes-and-or.yml",
	"ogen/positive/security.json",
	"oapi-codegen/examples/authenticated-api/api.yaml",
	"oapi-codegen/servers/strict/strict-schema.yaml",
	"kin-openapi/openapi3filter/fixtures/petstore.json",
}

// variant is one generated project: a spec with one configuration.
type variant struct {
	name string
	spec string
	cfg  config.Config
}

// fullConfig sets every deployment option lambgen.yaml has.
func fullConfig(cfg config.Config) config.Config {
	cfg.Environment = map[string]string{"LOG_LEVEL": "info", "TABLE_NAME": "items-table"}
	cfg.S3Access = []config.S3Access{{Bucket: "items-uploads", Access: "crud"}, {Bucket: "items-assets", Access: "read"}}
	cfg.DynamoDBAccess = []config.DynamoDBAccess{{Table: "items-table", Access: "crud"}, {Table: "audit", Access: "write"}}
	cfg.CORS = &config.CORS{AllowOrigins: []string{"https://example.com"}, AllowCredentials: true, MaxAge: 600,
		ExposeHeaders: []string{"X-Request-Id"}}
	cfg.Auth.JWT = config.JWT{Issuer: "https://issuer.example.com/", Audience: []string{"items-api", "items-web"}}
	cfg.Auth.UserPoolARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example"
	cfg.Docs.Lambda = true
	cfg.Telemetry = config.Telemetry{Tracing: true, LogLevel: "warn", LogRetentionDays: 365, Namespace: "Items/API",
		Dimensions: []string{"Service", "Operation", "Route", "Method"}, HealthPath: "/_health"}
	return cfg
}

// variants is every example spec and every corpus spec above, as http and
// rest, on arm64 and x86_64, with default and with full configuration.
func variants(t *testing.T) []variant {
	t.Helper()
	type base struct {
		name, spec string
		cfg        config.Config
	}
	var bases []base
	examples, err := filepath.Glob("../../examples/*/lambgen.yaml")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, e := range examples {
		cfg, err := config.Read(e)
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, base{filepath.Base(filepath.Dir(e)), filepath.Join(filepath.Dir(e), cfg.Spec), cfg})
	}
	for _, s := range corpusSpecs {
		bases = append(bases, base{s, testtool.Corpus(t, "specs/"+s), config.Config{}})
	}
	// Ours: every kind of security the gateway can check, IAM included.
	bases = append(bases, base{"gateway-auth", "testdata/gateway-auth.yaml", config.Config{Auth: config.Auth{IAM: []string{"sigv4"}}}})
	// A spec with models and no paths yet: a function and no API.
	bases = append(bases, base{"no-operations", "testdata/no-operations.yaml", config.Config{}})
	var out []variant
	for _, b := range bases {
		for _, api := range []string{"http", "rest"} {
			for _, arch := range []string{"arm64", "x86_64"} {
				for _, full := range []bool{false, true} {
					cfg := b.cfg
					cfg.API, cfg.Architecture = api, arch
					label := "plain"
					if full {
						cfg, label = fullConfig(cfg), "full"
					}
					out = append(out, variant{fmt.Sprintf("%s/%s-%s-%s", b.name, api, arch, label), b.spec, cfg})
				}
			}
		}
	}
	return out
}

// render generates a variant in memory and returns its files by path.
func render(t *testing.T, v variant) map[string][]byte {
	t.Helper()
	res, err := generator.Generate(context.Background(), generator.Options{
		SpecPath: v.spec, Config: v.cfg, Runtime: os.DirFS("../../runtime"),
	})
	if err != nil {
		t.Fatalf("%s: %v", v.name, err)
	}
	out := map[string][]byte{}
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out
}

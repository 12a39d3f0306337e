package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator/config"
)

const base = "name: svc\nmodule: example.com/svc\n"

// TestReadLocatesProblems: every invalid deployment value is reported at
// its line and column, all at once.
func TestReadLocatesProblems(t *testing.T) {
	src := base + `api: rest
environment:
  AWS_REGION: eu-west-1
  "bad name": x
s3_access:
  - bucket: My_Bucket
    access: admin
dynamodb_access:
  - table: "t*"
cors:
  allow_origins: ["*", "https://b.example"]
  allow_credentials: true
auth:
  jwt:
    issuer: http://insecure.example
  user_pool_arn: pool
`
	path := filepath.Join(t.TempDir(), "lambgen.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := config.Read(path)
	want := path + `:5:3: environment variable AWS_REGION is reserved by Lambda; choose another name
` + path + `:6:3: environment variable "bad name" must be letters, digits and underscores, starting with a letter
` + path + `:8:13: s3_access[0]: bucket "My_Bucket" is not an S3 bucket name (3-63 lower case letters, digits, dots and dashes; no wildcards)
` + path + `:9:13: s3_access[0]: access "admin" is not read, write or crud
` + path + `:11:12: dynamodb_access[0]: table "t*" is not a DynamoDB table name (3-255 letters, digits, _ . -; no wildcards)
` + path + `:13:18: cors: a REST API answers preflight with a single origin, got 2 (use api: http, or one origin)
` + path + `:13:19: cors: allow_credentials cannot be true when an origin is "*"; list the origins instead
` + path + `:17:13: auth.jwt.issuer "http://insecure.example" must be an https:// URL
` + path + `:18:18: auth.user_pool_arn "pool" is not a Cognito user pool ARN (arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID)`
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadDefaultsAccessToRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lambgen.yaml")
	if err := os.WriteFile(path, []byte(base+"s3_access: [{bucket: my-bucket}]\ndynamodb_access: [{table: items, access: crud}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.S3Access[0].Access != "read" || c.DynamoDBAccess[0].Access != "crud" || c.API != "http" || c.Architecture != "arm64" {
		t.Errorf("defaults: %+v", c)
	}
}

// TestDocsPath: the docs path must be a plain path, reported at its line.
func TestDocsPath(t *testing.T) {
	for _, bad := range []string{"docs", "/docs/", "/a b", "/../x", "/{p}"} {
		path := filepath.Join(t.TempDir(), "lambgen.yaml")
		src := base + "docs:\n  lambda: true\n  path: \"" + bad + "\"\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := config.Read(path)
		want := path + `:5:9: docs.path "` + bad + `" is not a plain path (want segments of letters, digits, ., _, ~ and -, such as /docs)`
		if err == nil || err.Error() != want {
			t.Fatalf("path %q: got %v, want %s", bad, err, want)
		}
	}
	path := filepath.Join(t.TempDir(), "lambgen.yaml")
	if err := os.WriteFile(path, []byte(base+"docs:\n  path: /openapi.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Read(path); err == nil || err.Error() != path+`:4:9: docs.path "/openapi.json" is where the spec itself is served (want another path, such as /docs)` {
		t.Fatalf("docs.path /openapi.json: %v", err)
	}
	if err := os.WriteFile(path, []byte(base+"docs:\n  local: false\n  path: /internal/docs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Read(path)
	if err != nil || c.Docs.LocalOn() || c.Docs.Lambda || c.Docs.Path != "/internal/docs" {
		t.Fatalf("got %+v, %v", c.Docs, err)
	}
}

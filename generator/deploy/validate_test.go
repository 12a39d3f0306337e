package deploy_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/write"
)

// newProject generates a project from spec source into a temp dir, as
// lambgen new would.
func newProject(t *testing.T, spec string, cfg config.Config) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "p")
	specPath := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Spec = "openapi.yaml"
	res, err := generator.Generate(context.Background(), generator.Options{SpecPath: specPath, Config: cfg, Runtime: os.DirFS("../../runtime")})
	if err != nil {
		t.Fatal(err)
	}
	if err := write.New(dir, res.Files, write.NewManifest(res.Files, write.Operations(res.API))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyItems copies the Items example, the project every edit starts from.
func copyItems(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "items")
	if err := os.CopyFS(dir, os.DirFS("../../examples/items")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func problems(t *testing.T, dir string) []string {
	t.Helper()
	rep, err := deploy.Validate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range rep.Problems {
		out = append(out, strings.ReplaceAll(p.String(), dir+string(filepath.Separator), ""))
	}
	return out
}

// TestValidateExampleIsClean: the committed example passes, and the report
// says what it checked.
func TestValidateExampleIsClean(t *testing.T) {
	rep, err := deploy.Validate(context.Background(), "../../examples/items")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"../../examples/items/openapi.yaml: 3 operations, with API Gateway's path rules",
		"../../examples/items/template.yaml: 3 routes, SAM's required properties, least-privilege policies",
		"../../examples/items/serverless.yml: 3 routes, runtime, architecture, artifact, least-privilege statements",
	}
	if diff := cmp.Diff(want, rep.Checked); diff != "" || len(rep.Problems) > 0 || len(rep.Notes) > 0 {
		t.Errorf("checked (-want +got):\n%s\nproblems: %v\nnotes: %v", diff, rep.Problems, rep.Notes)
	}
}

// TestValidateTemplateProblems: each edit of a good project is reported,
// located at the node that is wrong.
func TestValidateTemplateProblems(t *testing.T) {
	cases := []struct {
		name string
		file string
		old  string
		new  string
		want []string
	}{
		{"route removed", "template.yaml", "        ReadItem:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref ItemsApi\n            Path: \"/items/{item_id}\"\n            Method: GET\n", "",
			[]string{"template.yaml:40:7: no event routes GET /items/{item_id} (operation readItem); run lambgen generate"}},
		{"route added", "template.yaml", `            Path: "/items/{item_id}"`, `            Path: "/items/{id}/tags"`,
			[]string{"template.yaml:40:7: no event routes GET /items/{item_id} (operation readItem); run lambgen generate",
				"template.yaml:53:9: event ReadItem routes GET /items/{id}/tags, which the spec does not define (remove it, or add the operation to the spec and run lambgen generate)"}},
		{"wrong runtime", "template.yaml", "Runtime: provided.al2023", "Runtime: go1.x",
			[]string{"template.yaml:11:14: function ItemsFunction: Runtime go1.x cannot run a Go bootstrap binary (want provided.al2023)"}},
		{"architecture", "template.yaml", "      - arm64", "      - x86_64",
			[]string{"template.yaml:14:9: function ItemsFunction runs on x86_64, but lambgen.yaml builds bootstrap for arm64 (change one of them)"}},
		{"no transform", "template.yaml", "Transform: AWS::Serverless-2016-10-31\n", "",
			[]string{"template.yaml:5:1: Transform must include AWS::Serverless-2016-10-31, or CloudFormation rejects every AWS::Serverless resource"}},
		{"wildcard policy", "template.yaml", "      CodeUri: .\n", "      CodeUri: .\n      Policies:\n        - S3CrudPolicy:\n            BucketName: \"*\"\n        - AmazonDynamoDBFullAccess\n        - Statement:\n            - Effect: Allow\n              Action: s3:GetObject\n              Resource: \"*\"\n",
			[]string{"template.yaml:32:25: policy S3CrudPolicy: BucketName \"*\" is a wildcard; name the one resource the function needs",
				"template.yaml:33:11: policy AmazonDynamoDBFullAccess grants every resource; use a policy template scoped to one bucket or table (s3_access, dynamodb_access in lambgen.yaml)",
				"template.yaml:37:25: statement grants Resource \"*\"; name the bucket or table instead"}},
		{"wrong event type", "template.yaml", "          Type: HttpApi\n          Properties:\n            ApiId: !Ref ItemsApi\n            Path: \"/\"",
			"          Type: Api\n          Properties:\n            ApiId: !Ref ItemsApi\n            Path: \"/\"",
			[]string{"template.yaml:42:17: event ReadRoot is Type Api, but lambgen.yaml says api: http (want Type HttpApi; run lambgen generate)"}},
		{"dangling ApiId", "template.yaml", "            ApiId: !Ref ItemsApi\n            Path: \"/\"", "            ApiId: !Ref OtherApi\n            Path: \"/\"",
			[]string{"template.yaml:44:20: event ReadRoot: ApiId must be !Ref to an AWS::Serverless::HttpApi resource of this template, got \"OtherApi\""}},
		{"serverless route removed", "serverless.yml", "      - httpApi:\n          method: GET\n          path: \"/\"\n", "",
			[]string{"serverless.yml:19:1: no event routes GET / (operation readRoot); run lambgen generate"}},
		{"serverless artifact", "serverless.yml", "artifact: dist/items.zip", "artifact: bootstrap.zip",
			[]string{"serverless.yml:17:13: package.artifact must be dist/items.zip, the zip lambgen build writes"}},
		{"bad config", "lambgen.yaml", "timeout: 10\n", "timeout: 10\ns3_access:\n  - bucket: \"*\"\n",
			[]string{"lambgen.yaml:15:13: s3_access[0]: bucket \"*\" is not an S3 bucket name (3-63 lower case letters, digits, dots and dashes; no wildcards)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyItems(t)
			edit(t, filepath.Join(dir, c.file), c.old, c.new)
			if diff := cmp.Diff(c.want, problems(t, dir)); diff != "" {
				data, _ := os.ReadFile(filepath.Join(dir, c.file))
				t.Errorf("problems (-want +got):\n%s\n--- %s\n%s", diff, c.file, data)
			}
		})
	}
}

// TestValidateSpecAgainstAPIGateway: paths OpenAPI allows but API Gateway
// refuses at deploy time, and operations without an operationId.
func TestValidateSpecAgainstAPIGateway(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: Gateway rules, version: "1"}
paths:
  /files/{path+}/meta:
    get:
      operationId: fileMeta
      parameters: [{name: path+, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /jobs/{id}:cancel:
    post:
      operationId: cancelJob
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /users/{id}:
    get:
      operationId: getUser
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /users/{name}/posts:
    get:
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /debug:
    trace:
      operationId: traceDebug
      responses: {"200": {description: ok}}
`
	dir := newProject(t, spec, config.Config{Name: "gw"})
	want := []string{
		`openapi.yaml:4:3: path "/files/{path+}/meta": greedy parameter {path+} must be the last segment (API Gateway matches {name+} only at the end)`,
		`openapi.yaml:9:3: path "/jobs/{id}:cancel": segment "{id}:cancel" mixes text and a parameter; API Gateway parameters must be a whole segment, such as /{name}`,
		`openapi.yaml:19:3: path "/users/{name}/posts": segment {name} names the variable "name" where "/users/{id}" already names it "id"; API Gateway allows one variable name per position, so rename one`,
		`openapi.yaml:20:5: operation GET /users/{name}/posts has no operationId; lambgen names it getUsersByNamePosts, so its handler is renamed whenever the path changes (add operationId: getUsersByNamePosts)`,
		`openapi.yaml:24:5: operation TRACE /debug: API Gateway has no TRACE method (it routes GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS); remove it`,
	}
	if diff := cmp.Diff(want, problems(t, dir)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

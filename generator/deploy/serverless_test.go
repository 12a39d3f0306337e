package deploy_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/lambgen/lambgen/internal/testtool"

	"github.com/lambgen/lambgen/generator/deploy"
)

// slsParams are the values a user passes for template parameters that
// lambgen.yaml does not know.
var slsParams = map[string]string{
	"jwtIssuer":   "https://issuer.example.com/",
	"jwtAudience": "items-api",
	"userPoolArn": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example",
}

// TestServerlessPackageAcceptsEveryServerlessYML runs the real Serverless
// Framework v3 (configValidationMode: error) on the generated serverless.yml
// of every spec, as http and rest, default on arm64 and fully configured on
// x86_64 (the architecture only changes one scalar, and each run costs
// seconds), and checks the CloudFormation it compiles.
func TestServerlessPackageAcceptsEveryServerlessYML(t *testing.T) {
	if testing.Short() {
		t.Skip("runs serverless package once per variant")
	}
	sls := testtool.Find(t, "serverless")
	for _, v := range variants(t) {
		if (v.cfg.Architecture == "arm64") == (v.cfg.CORS != nil) {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			out := render(t, v)
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "serverless.yml"), out["serverless.yml"], 0o644); err != nil {
				t.Fatal(err)
			}
			doc := cfnMap(t, out["serverless.yml"])
			service := dig(doc, "service").(string)
			// serverless package needs the artifact to exist.
			zipped, err := deploy.Zip([]deploy.ZipEntry{{Name: "bootstrap", Data: []byte("#!/bin/sh\n"), Executable: true}})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "dist"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "dist", service+".zip"), zipped, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"package", "--stage", "test", "--region", "eu-west-1"}
			defaults, _ := dig(doc, "params", "default").(map[string]any)
			for k, val := range slsParams {
				if _, ok := defaults[k]; !ok {
					args = append(args, "--param="+k+"="+val)
				}
			}
			cmd := exec.Command(sls, args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "SLS_TELEMETRY_DISABLED=1", "SLS_NOTIFICATIONS_MODE=off",
				"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_PROFILE=")
			var buf bytes.Buffer
			cmd.Stdout, cmd.Stderr = &buf, &buf
			if err := cmd.Run(); err != nil {
				t.Fatalf("serverless %v: %v\n%s\n--- serverless.yml\n%s", args, err, buf.String(), out["serverless.yml"])
			}
			data, err := os.ReadFile(filepath.Join(dir, ".serverless", "cloudformation-template-update-stack.json"))
			if err != nil {
				t.Fatal(err)
			}
			var cfn map[string]any
			if err := json.Unmarshal(data, &cfn); err != nil {
				t.Fatal(err)
			}
			checkCompiled(t, v, cfn, len(asList(dig(doc, "functions", "api", "events"))))
		})
	}
}

// checkCompiled looks at what serverless made of the file: the function's
// runtime and architecture, one route per operation, and policies.
func checkCompiled(t *testing.T, v variant, cfn map[string]any, events int) {
	t.Helper()
	routes := 0
	var wild []string
	for id, r := range dig(cfn, "Resources").(map[string]any) {
		switch dig(r, "Type") {
		case "AWS::Lambda::Function":
			p := dig(r, "Properties")
			if got := dig(p, "Runtime"); got != "provided.al2023" {
				t.Errorf("%s Runtime = %v", id, got)
			}
			if got := dig(p, "Handler"); got != "bootstrap" {
				t.Errorf("%s Handler = %v", id, got)
			}
			if got := dig(p, "Architectures"); !reflect.DeepEqual(got, []any{v.cfg.Architecture}) {
				t.Errorf("%s Architectures = %v, want [%s]", id, got, v.cfg.Architecture)
			}
		case "AWS::ApiGatewayV2::Route":
			routes++
		case "AWS::ApiGateway::Method":
			if dig(r, "Properties", "HttpMethod") != "OPTIONS" {
				routes++
			}
		case "AWS::IAM::Role":
			// serverless's own log statements name the log group, and
			// ours name the bucket or table: none may be "*".
			wildcardResources(dig(r, "Properties", "Policies"), id, &wild)
		}
	}
	if routes != events {
		t.Errorf("compiled %d routes, want %d", routes, events)
	}
	for _, w := range wild {
		t.Errorf("wildcard resource: %s", w)
	}
}

// TestServerlessRejectsBrokenFile shows the check can fail: a misspelled
// event property is an error under configValidationMode: error.
func TestServerlessRejectsBrokenFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs serverless package")
	}
	sls := testtool.Find(t, "serverless")
	out := render(t, variants(t)[0])
	bad := bytes.Replace(out["serverless.yml"], []byte("          method: "), []byte("          metod: "), 1)
	if bytes.Equal(bad, out["serverless.yml"]) {
		t.Fatal("serverless.yml no longer has a method: line to break")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "serverless.yml"), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sls, "package")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "SLS_TELEMETRY_DISABLED=1", "SLS_NOTIFICATIONS_MODE=off")
	msg, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("serverless accepted a misspelled event property:\n%s", msg)
	}
	if !bytes.Contains(msg, []byte("metod")) {
		t.Errorf("serverless failed, but not on the misspelling:\n%s", msg)
	}
}

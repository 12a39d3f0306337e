package deploy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestTemplatesMatchSAMSchema validates every generated template.yaml
// against the SAM template schema, the one SAM's own tooling publishes.
func TestTemplatesMatchSAMSchema(t *testing.T) {
	sch := loadSAMSchema(t)
	vs := variants(t)
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			inst := cfnJSON(t, "template.yaml", render(t, v)["template.yaml"])
			if err := sch.Validate(inst); err != nil {
				t.Errorf("template.yaml does not match the SAM schema:\n%v", err)
			}
		})
	}
	t.Logf("%d templates validated", len(vs))
}

// TestSAMSchemaRejectsBrokenTemplates shows that the schema check can
// fail: each mutation of a good template must be refused.
func TestSAMSchemaRejectsBrokenTemplates(t *testing.T) {
	sch := loadSAMSchema(t)
	good := string(render(t, variants(t)[0])["template.yaml"])
	if err := sch.Validate(cfnJSON(t, "good", []byte(good))); err != nil {
		t.Fatalf("the unmutated template fails: %v", err)
	}
	cases := map[string][2]string{
		"misspelled function property": {"      CodeUri: .", "      CodeUrl: ."},
		"misspelled event property":    {"            Method: GET", "            Methd: GET"},
		// Only the lookahead pattern keeps a mistyped SAM type from passing
		// as a plain CloudFormation resource.
		"mistyped SAM resource type": {"Type: AWS::Serverless::Function", "Type: AWS::Serverless::Functio"},
		"unknown HttpApi auth key":   {"      FailOnWarnings: true", "      FailOnWarnings: true\n      Auth:\n        DefaultAuthorizr: X"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(good, c[0]) {
				t.Fatalf("the template no longer holds %q", c[0])
			}
			bad := strings.Replace(good, c[0], c[1], 1)
			err := sch.Validate(cfnJSON(t, "bad", []byte(bad)))
			var verr *jsonschema.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("mutated template passed the schema (err %v)", err)
			}
		})
	}
}

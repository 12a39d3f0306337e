package deploy_test

import (
	"fmt"
	"strings"
	"testing"
)

// wildcardResources lists every "Resource" (or policy-template parameter)
// anywhere in v whose value is "*" or starts a wildcard ("arn:aws:s3:::*").
func wildcardResources(v any, path string, into *[]string) {
	switch x := v.(type) {
	case map[string]any:
		if xrayWrite(x["Action"]) {
			// X-Ray's write actions have no resource to scope them to:
			// AWS grants them only on "*".
			return
		}
		for k, c := range x {
			p := path + "." + k
			if k == "Resource" || k == "BucketName" || k == "TableName" {
				for _, r := range flatten(c) {
					if s, ok := r.(string); ok && (s == "*" || strings.HasSuffix(s, ":::*") || strings.HasSuffix(s, "table/*")) {
						*into = append(*into, fmt.Sprintf("%s = %q", p, s))
					}
				}
			}
			wildcardResources(c, p, into)
		}
	case []any:
		for i, c := range x {
			wildcardResources(c, fmt.Sprintf("%s[%d]", path, i), into)
		}
	}
}

// xrayWrite reports whether a statement's actions are all the ones a
// function with tracing on needs to send segments.
func xrayWrite(v any) bool {
	actions := flatten(v)
	for _, a := range actions {
		if a != "xray:PutTraceSegments" && a != "xray:PutTelemetryRecords" {
			return false
		}
	}
	return len(actions) > 0
}

func flatten(v any) []any {
	switch x := v.(type) {
	case []any:
		var out []any
		for _, c := range x {
			out = append(out, flatten(c)...)
		}
		return out
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok {
			return []any{s}
		}
	}
	return []any{v}
}

// TestPoliciesNameTheirResources: no generated policy reaches every
// resource, and each grant names the bucket or table lambgen.yaml lists.
func TestPoliciesNameTheirResources(t *testing.T) {
	for _, v := range variants(t) {
		t.Run(v.name, func(t *testing.T) {
			out := render(t, v)
			tmpl, sls := cfnMap(t, out["template.yaml"]), cfnMap(t, out["serverless.yml"])
			var wild []string
			wildcardResources(tmpl, "template.yaml", &wild)
			wildcardResources(sls, "serverless.yml", &wild)
			for _, w := range wild {
				t.Errorf("wildcard resource: %s", w)
			}
			var fn any
			for _, r := range dig(tmpl, "Resources").(map[string]any) {
				if dig(r, "Type") == "AWS::Serverless::Function" {
					fn = r
				}
			}
			policies := asList(dig(fn, "Properties", "Policies"))
			statements := asList(dig(sls, "provider", "iam", "role", "statements"))
			var want []string
			for _, a := range v.cfg.S3Access {
				want = append(want, fmt.Sprintf("S3%sPolicy BucketName=%s", title(a.Access), a.Bucket))
			}
			for _, a := range v.cfg.DynamoDBAccess {
				want = append(want, fmt.Sprintf("DynamoDB%sPolicy TableName=%s", title(a.Access), a.Table))
			}
			var got []string
			for _, p := range policies {
				for name, params := range p.(map[string]any) {
					for k, val := range params.(map[string]any) {
						got = append(got, fmt.Sprintf("%s %s=%v", name, k, val))
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("template.yaml policies = %v, want %v", got, want)
			}
			if len(statements) != len(want) {
				t.Fatalf("serverless.yml has %d statements, want %d", len(statements), len(want))
			}
			for i, st := range statements {
				name := strings.SplitN(strings.SplitN(want[i], "=", 2)[1], " ", 2)[0]
				for _, r := range flatten(dig(st, "Resource")) {
					if s, _ := r.(string); !strings.Contains(s, ":::"+name) && !strings.Contains(s, "table/"+name) {
						t.Errorf("serverless.yml statement %d resource %v does not name %s", i, r, name)
					}
				}
			}
		})
	}
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// TestWildcardCheckCanFail feeds the check the shapes it must catch.
func TestWildcardCheckCanFail(t *testing.T) {
	var xray []string
	wildcardResources(map[string]any{"Action": []any{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, "Resource": "*"}, "x", &xray)
	if len(xray) != 0 {
		t.Errorf("X-Ray's writes, which take no resource, were refused: %v", xray)
	}
	for _, v := range []any{
		map[string]any{"Statement": []any{map[string]any{"Resource": "*"}}},
		map[string]any{"S3CrudPolicy": map[string]any{"BucketName": "*"}},
		map[string]any{"Resource": []any{map[string]any{"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}}},
		map[string]any{"Action": []any{"xray:PutTraceSegments", "s3:GetObject"}, "Resource": "*"},
	} {
		var wild []string
		wildcardResources(v, "x", &wild)
		if len(wild) != 1 {
			t.Errorf("%v: found %v, want one wildcard", v, wild)
		}
	}
}

package deploy_test

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func cfnMap(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	v, err := cfnValue(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return v.(map[string]any)
}

// dig walks nested maps by key.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var subRef = regexp.MustCompile(`\$\{([A-Za-z0-9:]+)(\.[A-Za-z]+)?\}`)

// refs collects every name a Ref, GetAtt or Sub points at.
func refs(v any, into map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			switch k {
			case "Ref":
				into[fmt.Sprint(c)] = true
			case "Fn::GetAtt":
				if l, ok := c.([]any); ok && len(l) > 0 {
					into[fmt.Sprint(l[0])] = true
				}
			case "Fn::Sub":
				if s, ok := c.(string); ok {
					for _, m := range subRef.FindAllStringSubmatch(s, -1) {
						into[m[1]] = true
					}
				}
			}
			refs(c, into)
		}
	case []any:
		for _, c := range x {
			refs(c, into)
		}
	}
}

// TestTemplatePassThroughProperties checks in Go what the SAM schema passes
// through unchecked (PassThroughProp accepts anything): the values SAM
// hands to CloudFormation as they are.
func TestTemplatePassThroughProperties(t *testing.T) {
	for _, v := range variants(t) {
		t.Run(v.name, func(t *testing.T) {
			out := render(t, v)
			tmpl := cfnMap(t, out["template.yaml"])
			var problems []string
			bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
			want := func(what string, got, exp any) {
				if !reflect.DeepEqual(got, exp) {
					bad("%s = %#v, want %#v", what, got, exp)
				}
			}
			g := dig(tmpl, "Globals", "Function")
			want("Globals.Function.Runtime", dig(g, "Runtime"), "provided.al2023")
			want("Globals.Function.Handler", dig(g, "Handler"), "bootstrap")
			arch := v.cfg.Architecture
			want("Globals.Function.Architectures", dig(g, "Architectures"), []any{arch})
			mem, to := int64(128), int64(10)
			if v.cfg.Memory != 0 {
				mem, to = int64(v.cfg.Memory), int64(v.cfg.Timeout)
			}
			want("Globals.Function.MemorySize", dig(g, "MemorySize"), mem)
			want("Globals.Function.Timeout", dig(g, "Timeout"), to)
			if len(v.cfg.Environment) > 0 {
				env := map[string]any{}
				for k, val := range v.cfg.Environment {
					env[k] = val
				}
				want("Globals.Function.Environment.Variables", dig(g, "Environment", "Variables"), env)
			} else if dig(g, "Environment") != nil {
				bad("Environment set without environment in lambgen.yaml")
			}

			resources := dig(tmpl, "Resources").(map[string]any)
			var fnID, apiID string
			for id, r := range resources {
				switch dig(r, "Type") {
				case "AWS::Serverless::Function":
					fnID = id
				case "AWS::Serverless::HttpApi", "AWS::Serverless::Api":
					apiID = id
				}
			}
			if strings.HasPrefix(v.name, "no-operations/") && !v.cfg.Docs.Lambda {
				// No routes: the function alone, with no events and no URL.
				// (With docs on Lambda, the docs' routes make an API.)
				if fnID == "" || apiID != "" || dig(resources[fnID], "Properties", "Events") != nil || dig(tmpl, "Outputs", "ApiUrl") != nil {
					t.Fatalf("want a function and no API, events or ApiUrl, have %v and %v", keysOf(resources), dig(tmpl, "Outputs"))
				}
				return
			}
			if fnID == "" || apiID == "" {
				t.Fatalf("want one function and one API resource, have %v", keysOf(resources))
			}
			fn := resources[fnID]
			want("Metadata.BuildMethod", dig(fn, "Metadata", "BuildMethod"), "makefile")
			want("CodeUri", dig(fn, "Properties", "CodeUri"), ".")
			if !strings.Contains(string(out["Makefile"]), "\nbuild-"+fnID+":\n") {
				bad("Makefile has no target build-%s, which sam build runs", fnID)
			}
			api := resources[apiID]
			rest := v.cfg.API == "rest"
			evType, refKey := "HttpApi", "ApiId"
			if rest {
				evType, refKey = "Api", "RestApiId"
				want("API Type", dig(api, "Type"), "AWS::Serverless::Api")
				want("StageName", dig(api, "Properties", "StageName"), "Prod")
				for _, bt := range asList(dig(api, "Properties", "BinaryMediaTypes")) {
					if s := fmt.Sprint(bt); strings.Contains(s, "/") || !strings.Contains(s, "~1") {
						bad("BinaryMediaTypes entry %q must write / as ~1", s)
					}
				}
				if c := dig(api, "Properties", "Cors"); c != nil {
					for _, k := range []string{"AllowOrigin", "AllowMethods", "AllowHeaders"} {
						if s, _ := dig(c, k).(string); !strings.HasPrefix(s, "'") || !strings.HasSuffix(s, "'") {
							bad("Cors.%s = %q, want a single-quoted string", k, s)
						}
					}
				}
			} else {
				want("API Type", dig(api, "Type"), "AWS::Serverless::HttpApi")
				if c := dig(api, "Properties", "CorsConfiguration"); c != nil {
					for _, k := range keysOf(c) {
						if !map[string]bool{"AllowOrigins": true, "AllowMethods": true, "AllowHeaders": true,
							"ExposeHeaders": true, "AllowCredentials": true, "MaxAge": true}[k] {
							bad("CorsConfiguration has %s, which AWS::ApiGatewayV2::Api Cors does not", k)
						}
					}
				}
				if j := dig(api, "Properties", "Auth", "Authorizers", "JwtAuthorizer"); j != nil {
					want("JwtConfiguration keys", keysOf(dig(j, "JwtConfiguration")), []string{"audience", "issuer"})
					want("IdentitySource", dig(j, "IdentitySource"), "$request.header.Authorization")
				}
			}
			events := dig(fn, "Properties", "Events").(map[string]any)
			methods := map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true}
			for name, ev := range events {
				want(name+".Type", dig(ev, "Type"), evType)
				want(name+"."+refKey, dig(ev, "Properties", refKey), map[string]any{"Ref": apiID})
				if p, _ := dig(ev, "Properties", "Path").(string); !strings.HasPrefix(p, "/") {
					bad("%s.Path %q does not start with /", name, p)
				}
				if m, _ := dig(ev, "Properties", "Method").(string); !methods[m] {
					bad("%s.Method %q is not an upper-case HTTP method", name, m)
				}
				if !regexp.MustCompile(`^[A-Za-z0-9]+$`).MatchString(name) {
					bad("event key %q is not alphanumeric", name)
				}
			}
			// Every Ref, GetAtt and ${} names a parameter, a resource or a
			// pseudo parameter.
			known := map[string]bool{}
			for _, k := range keysOf(dig(tmpl, "Parameters")) {
				known[k] = true
			}
			for k := range resources {
				known[k] = true
			}
			used := map[string]bool{}
			refs(tmpl, used)
			for r := range used {
				if !known[r] && !strings.HasPrefix(r, "AWS::") && r != apiID+"ApiKey" {
					bad("reference to %q, which the template does not define", r)
				}
			}
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

package e2etest

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
)

// authAPIs are the API types whose templates configure different gateway
// checks for the same spec.
var authAPIs = []string{"http", "rest"}

// authProject generates testdata/specs/auth.yaml for an HTTP or a REST
// API, with sig as lambgen.yaml's IAM scheme, and adds the Go files of
// testdata/e2e/auth, whose handlers replace the operation stubs. The
// generated authenticator stub stays: it is what the tests exercise.
func authProject(t *testing.T, api string) string {
	t.Helper()
	dir := t.TempDir()
	res, err := generator.Generate(context.Background(), generator.Options{
		SpecPath: filepath.Join(repoRoot, "testdata", "specs", "auth.yaml"),
		Config:   config.Config{Name: "auth", Module: "example.com/auth", API: api, Auth: config.Auth{IAM: []string{"sig"}}},
		Runtime:  os.DirFS(filepath.Join(repoRoot, "runtime")),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "handlers/") && f.Path != "handlers/handlers.go" && f.Path != "handlers/authenticator.go" && !strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		writeFile(t, filepath.Join(dir, f.Path), f.Data)
	}
	fixture := filepath.Join(repoRoot, "testdata", "e2e", "auth")
	err = filepath.WalkDir(fixture, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(fixture, p)
		data, err := os.ReadFile(p)
		if err == nil {
			writeFile(t, filepath.Join(dir, rel), data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestAuthSchemeCombinations runs testdata/e2e/auth inside the generated
// project of each API type: every scheme alone and in combination, on a
// local server and behind every gateway mechanism, answered 200, 401 or
// 403 with the right challenge.
func TestAuthSchemeCombinations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated projects")
	}
	for _, api := range authAPIs {
		t.Run(api, func(t *testing.T) {
			dir := authProject(t, api)
			goCmd(t, dir, "vet", "./...")
			t.Setenv("LAMBGEN_AUTH_API", api)
			out := goCmd(t, dir, "test", "-count=1", "-v", "-run", "TestAuth", ".")
			for _, name := range []string{"TestAuthTrustGateway", "TestAuthLocalAuthenticator", "TestAuthGatewayAndAuthenticator", "TestAuthCredentials", "TestAuthUndefinedSchemes"} {
				if !strings.Contains(out, "--- PASS: "+name) {
					t.Fatalf("%s did not pass:\n%s", name, out)
				}
			}
		})
	}
}

// authKinds says which gateway mechanism can check each scheme of
// auth.yaml, independently of the generator: the JWT or Cognito
// authorizer checks tokens, IAM the scheme lambgen.yaml names, and only a
// REST API checks an x-api-key header.
var authKinds = map[string]string{"bearer": "jwt", "oauth": "jwt", "oidc": "jwt", "sig": "iam", "key": "api-key"}

// TestAuthTemplatesMatchServer reads the generated template.yaml,
// serverless.yml and api/spec.gen.go of each API type: for every
// operation, the mechanisms the templates have API Gateway enforce are the
// mechanisms of the server's gateway table, and each covers exactly the
// operation's schemes of its kind, so the server trusts the gateway for
// what it is configured to check and nothing else.
func TestAuthTemplatesMatchServer(t *testing.T) {
	security := authSpecSecurity(t)
	for _, api := range authAPIs {
		t.Run(api, func(t *testing.T) {
			dir := authProject(t, api)
			table := gatewayTable(t, filepath.Join(dir, "api", "spec.gen.go"))
			sam := samChecks(t, filepath.Join(dir, "template.yaml"))
			sls := slsChecks(t, filepath.Join(dir, "serverless.yml"))
			if len(table) != len(security) || len(sam) != len(security) || len(sls) != len(security) {
				t.Fatalf("%d operations in the spec, %d in the server, %d in template.yaml, %d in serverless.yml", len(security), len(table), len(sam), len(sls))
			}
			for op, schemes := range security {
				byMech := map[string][]string{}
				for s, by := range table[op] {
					byMech[by] = append(byMech[by], s)
				}
				mechs := slices.Sorted(maps.Keys(byMech))
				if got := sam["/"+op]; !slices.Equal(got, mechs) {
					t.Errorf("%s: template.yaml has the gateway check %v, the server trusts it for %v", op, got, table[op])
				}
				if got := sls["/"+op]; !slices.Equal(got, mechs) {
					t.Errorf("%s: serverless.yml has the gateway check %v, the server trusts it for %v", op, got, table[op])
				}
				for by, names := range byMech {
					var want []string
					for _, s := range schemes {
						if authKinds[s] == by {
							want = append(want, s)
						}
					}
					if slices.Sort(names); !slices.Equal(names, want) {
						t.Errorf("%s: the server trusts %s for %v, want the operation's schemes of that kind %v", op, by, names, want)
					}
				}
			}
		})
	}
}

// authSpecSecurity maps each operation of auth.yaml (named after its path)
// to the schemes its security names, sorted.
func authSpecSecurity(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "specs", "auth.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]struct {
			Get struct {
				OperationID string                `yaml:"operationId"`
				Security    []map[string][]string `yaml:"security"`
			} `yaml:"get"`
		} `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, item := range spec.Paths {
		set := map[string]bool{}
		for _, req := range item.Get.Security {
			for s := range req {
				set[s] = true
			}
		}
		out[item.Get.OperationID] = slices.Sorted(maps.Keys(set))
	}
	return out
}

// gatewayTable reads the operations of a generated spec.gen.go's
// contract.Spec: for each operation ID, the scheme names its Gateway
// field lists and by what.
func gatewayTable(t *testing.T, file string) map[string]map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var spec ast.Expr
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok && len(vs.Values) == 1 && vs.Names[0].Name == "compiledSpec" {
				spec = vs.Values[0]
			}
		}
	}
	if spec == nil {
		t.Fatalf("%s declares no compiledSpec", file)
	}
	elts := func(e ast.Expr) []ast.Expr {
		if cl, ok := e.(*ast.CompositeLit); ok {
			return cl.Elts
		}
		return nil
	}
	var names []string
	for _, e := range elts(fieldExpr(spec, "SecuritySchemes")) {
		names = append(names, field(t, e, "Name"))
	}
	out := map[string]map[string]string{}
	for _, e := range elts(fieldExpr(spec, "Operations")) {
		checks := map[string]string{}
		for _, c := range elts(fieldExpr(e, "Gateway")) {
			i := 0 // the zero Scheme is left out of the literal
			if lit, ok := fieldExpr(c, "Scheme").(*ast.BasicLit); ok {
				i, err = strconv.Atoi(lit.Value)
			}
			if err != nil || i >= len(names) {
				t.Fatalf("gateway entry %v: scheme out of range", c)
			}
			checks[names[i]] = field(t, c, "By")
		}
		out[field(t, e, "ID")] = checks
	}
	return out
}

func fieldExpr(e ast.Expr, key string) ast.Expr {
	for _, el := range e.(*ast.CompositeLit).Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == key {
			return kv.Value
		}
	}
	return nil
}

func field(t *testing.T, e ast.Expr, key string) string {
	t.Helper()
	lit, ok := fieldExpr(e, key).(*ast.BasicLit)
	if !ok {
		t.Fatalf("no string %s in %#v", key, e)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// samChecks maps each route path of template.yaml to the mechanisms its
// event's Auth has API Gateway enforce.
func samChecks(t *testing.T, file string) map[string][]string {
	t.Helper()
	// SAM's keys are capitalized, which yaml's default field names are not.
	var doc struct {
		Resources map[string]struct {
			Properties struct {
				Events map[string]struct {
					Properties struct {
						Path string `yaml:"Path"`
						Auth struct {
							Authorizer     string `yaml:"Authorizer"`
							ApiKeyRequired bool   `yaml:"ApiKeyRequired"`
						} `yaml:"Auth"`
					} `yaml:"Properties"`
				} `yaml:"Events"`
			} `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	readYAML(t, file, &doc)
	out := map[string][]string{}
	for _, r := range doc.Resources {
		for _, ev := range r.Properties.Events {
			p := ev.Properties
			var m []string
			switch p.Auth.Authorizer {
			case "JwtAuthorizer", "CognitoAuthorizer":
				m = append(m, "jwt")
			case "AWS_IAM":
				m = append(m, "iam")
			case "":
			default:
				t.Errorf("%s: authorizer %s", p.Path, p.Auth.Authorizer)
			}
			if p.Auth.ApiKeyRequired {
				m = append(m, "api-key")
			}
			slices.Sort(m)
			out[p.Path] = m
		}
	}
	return out
}

// slsChecks is samChecks for serverless.yml.
func slsChecks(t *testing.T, file string) map[string][]string {
	t.Helper()
	type event struct {
		Path       string
		Authorizer yaml.Node
		Private    bool
	}
	var doc struct {
		Functions map[string]struct {
			Events []struct {
				HTTP    *event `yaml:"http"`
				HTTPAPI *event `yaml:"httpApi"`
			}
		}
	}
	readYAML(t, file, &doc)
	out := map[string][]string{}
	for _, f := range doc.Functions {
		for _, ev := range f.Events {
			e := ev.HTTP
			if e == nil {
				e = ev.HTTPAPI
			}
			if e == nil {
				continue
			}
			var m []string
			var a struct{ Name, Type string }
			if e.Authorizer.Kind == yaml.ScalarNode {
				a.Type = e.Authorizer.Value
			} else if e.Authorizer.Kind != 0 {
				if err := e.Authorizer.Decode(&a); err != nil {
					t.Fatal(err)
				}
			}
			switch {
			case a.Name == "jwtAuthorizer", a.Name == "cognitoAuthorizer":
				m = append(m, "jwt")
			case a.Type == "aws_iam":
				m = append(m, "iam")
			case a.Name != "" || a.Type != "":
				t.Errorf("%s: authorizer %+v", e.Path, a)
			}
			if e.Private {
				m = append(m, "api-key")
			}
			slices.Sort(m)
			out[e.Path] = m
		}
	}
	return out
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

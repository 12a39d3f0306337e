package model

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
)

// Deploy is everything template.yaml and serverless.yml say, decided once
// here so that both templates only print it and cannot disagree.
type Deploy struct {
	// REST is true for api: rest (API Gateway REST API, payload 1.0), false
	// for an HTTP API (payload 2.0).
	REST bool
	// FunctionID and APIID are the logical IDs of the function and of the
	// API Gateway API in template.yaml.
	FunctionID string
	APIID      string
	// Stage is the REST stage in every URL ("Prod"); HTTP APIs use the
	// $default stage, which adds nothing to the URL.
	Stage string
	// URLPath is what follows the host in the API's base URL: the stage,
	// then the spec's base path.
	URLPath string
	Service string
	// Artifact is the zip `lambgen build` writes, relative to the project.
	Artifact     string
	Architecture string
	Memory       int
	Timeout      int
	Environment  []EnvVar
	Routes       []*Route
	// Auth is what the API needs declared once: authorizers, the IAM
	// switch, a usage plan for API keys.
	Auth        GatewayAuth
	CORS        *CORS
	Policies    []Policy
	Parameters  []Parameter
	BinaryTypes []BinaryType
}

// HasParamDefaults reports whether any parameter has a default, which
// serverless.yml then lists under params.
func (d *Deploy) HasParamDefaults() bool {
	for _, p := range d.Parameters {
		if p.HasDefault {
			return true
		}
	}
	return false
}

// DocsOperationID stands for an operationId on the docs' routes, in
// describe's table and in validate's messages.
const DocsOperationID = "(lambgen docs)"

// EnvVar is one function environment variable.
type EnvVar struct{ Name, Value string }

// BinaryType is a media type that a REST API must pass through as binary.
// SAM wants "/" written as "~1" (a JSON pointer escape); CloudFormation and
// the Serverless Framework want it plain.
type BinaryType struct{ Plain, SAM string }

// Route is one API Gateway route for one operation.
type Route struct {
	Op *Operation
	// EventID is the SAM event's key under Events.
	EventID string
	Method  string
	// Path is the route in API Gateway syntax, base path included.
	Path string
	Auth RouteAuth
	// Docs marks the routes of the docs page and the spec documents
	// (docs.lambda in lambgen.yaml); their Op is a stand-in that names
	// the path and no handler.
	Docs bool
}

// MethodLower is the method as the Serverless Framework's http events spell it.
func (r *Route) MethodLower() string { return strings.ToLower(r.Method) }

// Parameter is a CloudFormation template parameter; a value lambgen.yaml
// does not know becomes one, so that sam deploy --guided asks for it.
type Parameter struct {
	Name        string
	Type        string
	Description string
	Default     string
	HasDefault  bool
	Pattern     string
	// SLS is the Serverless Framework param the same value goes by.
	SLS string
	// SLSList is true when the param is a list (CommaDelimitedList).
	SLSList bool
	// SLSDefault is the default as Serverless params take it.
	SLSDefault []string
}

// Policy is one SAM policy template, scoped to one named resource, with
// the equivalent IAM statement for the Serverless Framework.
type Policy struct {
	// Template is the SAM policy template, e.g. S3CrudPolicy.
	Template string
	// Param and Value are its one parameter, e.g. BucketName: my-bucket.
	Param, Value string
	Actions      []string
	// Resources are Fn::Sub strings, each naming the bucket or table.
	Resources []string
}

// CORS is the API's cross-origin policy in the forms both templates take.
type CORS struct {
	Origins     []string
	Methods     []string
	Headers     []string
	Expose      []string
	Credentials bool
	MaxAge      int
	// Origin is the one origin a REST API's preflight answers with.
	Origin string
	// REST forms: SAM writes them into the OpenAPI body verbatim, so each
	// is a quoted string ("'https://example.com'").
	RESTOrigin, RESTMethods, RESTHeaders, RESTMaxAge string
}

// BuildDeploy derives the deployment of api from the spec and the config.
func BuildDeploy(spec *load.Spec, api *API, cfg config.Config) (*Deploy, error) {
	d := &Deploy{
		REST:         cfg.API == "rest",
		FunctionID:   logicalID(cfg.Name) + "Function",
		APIID:        logicalID(cfg.Name) + "Api",
		Service:      cfg.Name,
		Artifact:     "dist/" + cfg.Name + ".zip",
		Architecture: cfg.Architecture,
		Memory:       cfg.Memory,
		Timeout:      cfg.Timeout,
	}
	if d.REST {
		d.Stage = "Prod"
		d.URLPath = "/" + d.Stage
		for _, t := range restBinaryTypes(spec, api) {
			d.BinaryTypes = append(d.BinaryTypes, BinaryType{Plain: t, SAM: strings.ReplaceAll(t, "/", "~1")})
		}
	}
	d.URLPath += api.BasePath
	names := make([]string, 0, len(cfg.Environment))
	for k := range cfg.Environment {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		d.Environment = append(d.Environment, EnvVar{Name: k, Value: cfg.Environment[k]})
	}
	sec, problems := newGatewaySecurity(spec, cfg)
	events := map[string]bool{}
	for _, op := range api.Operations {
		r := &Route{Op: op, EventID: eventID(op.GoName, events), Method: op.Method, Path: routePath(api.BasePath, op.SAMPath)}
		r.Auth = sec.route(spec, op, d.REST)
		d.Auth.use(r.Auth)
		d.Routes = append(d.Routes, r)
	}
	if api.Docs != nil && api.Docs.Lambda {
		for _, p := range api.Docs.Routes() {
			op := &Operation{ID: DocsOperationID, Method: "GET", Path: p, SAMPath: p}
			d.Routes = append(d.Routes, &Route{Op: op, EventID: eventID("LambgenDocs"+logicalID(p), events),
				Method: "GET", Path: routePath(api.BasePath, p), Auth: RouteAuth{Spec: "none"}, Docs: true})
		}
	}
	d.Parameters = d.Auth.parameters(sec, cfg, d.REST)
	d.CORS = buildCORS(cfg.CORS, api, d.Auth)
	d.Policies = buildPolicies(cfg)
	if len(problems) > 0 {
		return nil, problems
	}
	return d, nil
}

// restBinaryTypes adds the binary request bodies to the binary responses
// the runtime knows: a REST API mangles any body whose Content-Type it does
// not list as binary, in either direction.
func restBinaryTypes(spec *load.Spec, api *API) []string {
	set := map[string]bool{}
	for _, t := range api.BinaryTypes {
		set[t] = true
	}
	for _, o := range api.Operations {
		item := spec.Doc.Paths.Value(o.Path)
		if item == nil {
			continue
		}
		op := item.GetOperation(o.Method)
		if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
			continue
		}
		for mt := range op.RequestBody.Value.Content {
			if !IsText(mt) {
				set[mt] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// routePath prefixes the spec's base path, since API Gateway routes see the
// whole request path and the runtime strips the base path afterwards.
func routePath(base, p string) string {
	if base != "" && p == "/" {
		return base
	}
	return base + p
}

// eventID makes a SAM event key from a Go name. SAM builds logical IDs from
// it, so it must be alphanumeric and unique within the function.
func eventID(goName string, taken map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, goName)
	id := base
	for n := 2; taken[id]; n++ {
		id = base + strconv.Itoa(n)
	}
	taken[id] = true
	return id
}

// logicalID makes a CloudFormation logical ID (alphanumeric) from a
// project name: "pet-store" becomes "PetStore".
func logicalID(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r >= 128 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// buildCORS fills the defaults a browser client needs: the spec's methods,
// and the headers that carry the credentials the API checks.
func buildCORS(c *config.CORS, api *API, auth GatewayAuth) *CORS {
	if c == nil {
		return nil
	}
	out := &CORS{Origins: c.AllowOrigins, Methods: c.AllowMethods, Headers: c.AllowHeaders,
		Expose: c.ExposeHeaders, Credentials: c.AllowCredentials, MaxAge: c.MaxAge}
	if len(out.Methods) == 0 {
		seen := map[string]bool{"OPTIONS": true}
		out.Methods = []string{"OPTIONS"}
		for _, op := range api.Operations {
			if !seen[op.Method] {
				seen[op.Method] = true
				out.Methods = append(out.Methods, op.Method)
			}
		}
		sort.Strings(out.Methods)
	}
	if len(out.Headers) == 0 {
		out.Headers = []string{"Authorization", "Content-Type"}
		if auth.APIKey {
			out.Headers = append(out.Headers, "X-Api-Key")
		}
		if auth.IAM {
			out.Headers = append(out.Headers, "X-Amz-Date", "X-Amz-Security-Token")
		}
	}
	quote := func(ss []string) string { return "'" + strings.Join(ss, ",") + "'" }
	if len(out.Origins) > 0 {
		out.Origin = out.Origins[0]
		out.RESTOrigin = quote(out.Origins[:1])
	}
	out.RESTMethods, out.RESTHeaders = quote(out.Methods), quote(out.Headers)
	if out.MaxAge > 0 {
		out.RESTMaxAge = "'" + strconv.Itoa(out.MaxAge) + "'"
	}
	return out
}

// Actions mirror SAM's policy templates of the same names, so that both
// templates grant the same thing.
var (
	s3Actions = map[string][]string{
		"read":  {"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"},
		"write": {"s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"},
		"crud": {"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:PutObject",
			"s3:PutObjectAcl", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:DeleteObject"},
	}
	dynamoActions = map[string][]string{
		"read":  {"dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"},
		"write": {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"},
		"crud": {"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query",
			"dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable",
			"dynamodb:ConditionCheckItem"},
	}
	templateSuffix = map[string]string{"read": "Read", "write": "Write", "crud": "Crud"}
)

func buildPolicies(cfg config.Config) []Policy {
	var out []Policy
	for _, a := range cfg.S3Access {
		arn := "arn:${AWS::Partition}:s3:::" + a.Bucket
		out = append(out, Policy{Template: "S3" + templateSuffix[a.Access] + "Policy", Param: "BucketName", Value: a.Bucket,
			Actions: s3Actions[a.Access], Resources: []string{arn, arn + "/*"}})
	}
	for _, a := range cfg.DynamoDBAccess {
		arn := "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/" + a.Table
		out = append(out, Policy{Template: "DynamoDB" + templateSuffix[a.Access] + "Policy", Param: "TableName", Value: a.Table,
			Actions: dynamoActions[a.Access], Resources: []string{arn, arn + "/index/*"}})
	}
	return out
}

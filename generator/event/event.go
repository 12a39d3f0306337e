// Package event builds the Lambda event that an API Gateway REST API, an
// HTTP API, an Application Load Balancer or a Function URL would send for
// one operation of a project, as `sam local generate-event` does for a
// generic API, but filled in from the spec: the path, the parameters, a
// sample body and placeholder credentials that pass the server's checks.
package event

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/model"
)

// Sources are the event sources, by the name --source takes.
var Sources = []string{"rest", "http", "alb", "url"}

// Options say which event to build.
type Options struct {
	// Operation is an operationId (or its Go name).
	Operation string
	// Source is one of Sources; empty means the project's API type.
	Source string
	// Params are name=value pairs that replace the sample's parameters
	// (path, query, header or cookie, as the spec declares the name).
	Params []string
	// Body replaces the sample body when BodySet.
	Body    []byte
	BodySet bool
	// Now stamps the event; zero means the current time.
	Now time.Time
}

// request is the HTTP request the event carries, before a source shapes
// it: the path is the full path the client asked for, escaped.
type request struct {
	method     string
	path       string
	query      [][2]string
	headers    [][2]string
	cookies    [][2]string
	pathParams map[string]string
	// rawParams are the path parameters as they appear in the path,
	// escaped and styled (;point=1;point=2 for a matrix parameter).
	rawParams   map[string]string
	contentType string
	body        []byte
	route       *model.Route
}

// Build returns the event as indented JSON.
func Build(p *deploy.Project, o Options) ([]byte, error) {
	route, err := findRoute(p, o.Operation)
	if err != nil {
		return nil, err
	}
	src := o.Source
	if src == "" {
		src = "http"
		if p.Deploy.REST {
			src = "rest"
		}
	}
	if !slices.Contains(Sources, src) {
		return nil, fmt.Errorf("--source %q is not one lambgen knows (want %s)", src, strings.Join(Sources, ", "))
	}
	op := route.Op
	if op.Sample.Skip != "" && len(o.Params) == 0 && !o.BodySet {
		return nil, fmt.Errorf("operation %s: no valid sample request could be made (%s); pass --param and --body", op.ID, op.Sample.Skip)
	}
	r, err := fromSample(p, route)
	if err != nil {
		return nil, err
	}
	if err := r.override(p, o.Params); err != nil {
		return nil, err
	}
	if o.BodySet {
		r.body = o.Body
		if r.contentType == "" {
			r.contentType = "application/json"
		}
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	var ev any
	switch src {
	case "rest":
		ev = r.rest(p, now.UTC())
	case "http":
		ev = r.httpAPI(p, now.UTC(), false)
	case "url":
		ev = r.httpAPI(p, now.UTC(), true)
	case "alb":
		ev = r.alb()
	}
	return json.MarshalIndent(ev, "", "  ")
}

// ReadBody reads --body: a file, or standard input for "-".
func ReadBody(name string) ([]byte, error) {
	f := os.Stdin
	if name != "-" {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	return readAll(f)
}

func findRoute(p *deploy.Project, name string) (*model.Route, error) {
	var ids []string
	for _, r := range p.Deploy.Routes {
		if r.Op == nil {
			continue
		}
		if r.Op.ID == name || r.Op.GoName == name {
			return r, nil
		}
		ids = append(ids, r.Op.ID)
	}
	if name == "" {
		return nil, fmt.Errorf("name an operation (one of %s)", strings.Join(ids, ", "))
	}
	return nil, fmt.Errorf("the spec has no operation %q (want one of %s)", name, strings.Join(ids, ", "))
}

func fromSample(p *deploy.Project, route *model.Route) (*request, error) {
	op := route.Op
	s := op.Sample
	u, err := url.Parse(s.Target)
	if err != nil {
		return nil, fmt.Errorf("operation %s: sample target %q: %v", op.ID, s.Target, err)
	}
	r := &request{method: s.Method, pathParams: map[string]string{}, contentType: s.ContentType, body: []byte(s.Body), route: route}
	if s.Body == "" {
		r.body = nil
	}
	raw, ok := matchPath(op.Path, u.EscapedPath())
	if !ok {
		return nil, fmt.Errorf("operation %s: the sample path %s does not match %s", op.ID, u.EscapedPath(), op.Path)
	}
	r.rawParams = raw
	for k, v := range raw {
		if r.pathParams[k], err = url.PathUnescape(v); err != nil {
			return nil, fmt.Errorf("operation %s: sample path value %q: %v", op.ID, v, err)
		}
	}
	r.path = fullPath(p.API.BasePath, fillTemplate(op.Path, raw))
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("operation %s: sample query %q does not decode", op.ID, u.RawQuery)
		}
		r.query = append(r.query, [2]string{dk, dv})
	}
	for _, h := range s.Headers {
		if strings.EqualFold(h[0], "Cookie") {
			for _, c := range strings.Split(h[1], "; ") {
				n, v, _ := strings.Cut(c, "=")
				r.cookies = append(r.cookies, [2]string{n, v})
			}
			continue
		}
		r.headers = append(r.headers, [2]string{http.CanonicalHeaderKey(h[0]), h[1]})
	}
	return r, nil
}

// matchPath reads the values of a path's parameters as the path has
// them, escaped; a segment that is one parameter is the common case, and
// a segment that mixes text and parameters keeps the sample's text.
func matchPath(template, path string) (map[string]string, bool) {
	ts := strings.Split(template, "/")
	ps := strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	vals := map[string]string{}
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") && strings.Count(t, "{") == 1 {
			vals[t[1:len(t)-1]] = ps[i]
		} else if !strings.Contains(t, "{") && t != ps[i] {
			return nil, false
		}
	}
	return vals, true
}

func fillTemplate(template string, raw map[string]string) string {
	ts := strings.Split(template, "/")
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if v, ok := raw[t[1:len(t)-1]]; ok {
				ts[i] = v
			}
		}
	}
	return strings.Join(ts, "/")
}

// escapeSegment escapes a --param value for a path segment, leaving the
// characters that path styles use (;point=1, .a.b, a,b) as they are.
func escapeSegment(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func fullPath(base, p string) string {
	if base != "" && p == "/" {
		return base
	}
	return base + p
}

// override applies --param name=value by where the spec declares name.
func (r *request) override(p *deploy.Project, params []string) error {
	op := r.route.Op
	declared := map[string]string{}
	if item := p.Spec.Doc.Paths.Value(op.Path); item != nil {
		for _, list := range []openapi3.Parameters{item.Parameters, opParams(item, op.Method)} {
			for _, ref := range list {
				if ref != nil && ref.Value != nil {
					declared[ref.Value.Name] = ref.Value.In
				}
			}
		}
	}
	for _, kv := range params {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			return fmt.Errorf("--param %q is not name=value", kv)
		}
		switch declared[name] {
		case openapi3.ParameterInPath:
			r.pathParams[name] = value
			r.rawParams[name] = escapeSegment(value)
			r.path = fullPath(p.API.BasePath, fillTemplate(op.Path, r.rawParams))
		case openapi3.ParameterInQuery:
			r.query = setPair(r.query, name, value)
		case openapi3.ParameterInHeader:
			r.headers = setPair(r.headers, http.CanonicalHeaderKey(name), value)
		case openapi3.ParameterInCookie:
			r.cookies = setPair(r.cookies, name, value)
		default:
			names := make([]string, 0, len(declared))
			for n := range declared {
				names = append(names, n)
			}
			slices.Sort(names)
			if len(names) == 0 {
				return fmt.Errorf("--param %s: operation %s has no parameters", name, op.ID)
			}
			return fmt.Errorf("--param %s: operation %s has no parameter of that name (want one of %s)", name, op.ID, strings.Join(names, ", "))
		}
	}
	return nil
}

func opParams(item *openapi3.PathItem, method string) openapi3.Parameters {
	if op := item.GetOperation(method); op != nil {
		return op.Parameters
	}
	return nil
}

func setPair(pairs [][2]string, name, value string) [][2]string {
	out := pairs[:0:0]
	for _, kv := range pairs {
		if kv[0] != name {
			out = append(out, kv)
		}
	}
	return append(out, [2]string{name, value})
}

// Placeholders for what API Gateway fills in; the account, API and ids
// are the documentation's examples.
const (
	accountID = "123456789012"
	apiID     = "abcdef1234"
	region    = "us-east-1"
	sourceIP  = "198.51.100.7"
	userAgent = "lambgen-event"
	requestID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
)

// commonHeaders are what a client and the gateway add to every request.
func (r *request) allHeaders(host string) [][2]string {
	h := [][2]string{{"Accept", "*/*"}, {"Host", host}, {"User-Agent", userAgent},
		{"X-Forwarded-For", sourceIP}, {"X-Forwarded-Port", "443"}, {"X-Forwarded-Proto", "https"}}
	if r.body != nil {
		h = append(h, [2]string{"Content-Length", strconv.Itoa(len(r.body))})
		if r.contentType != "" {
			h = append(h, [2]string{"Content-Type", r.contentType})
		}
	}
	return append(h, r.headers...)
}

func (r *request) cookieHeader() string {
	parts := make([]string, len(r.cookies))
	for i, c := range r.cookies {
		parts[i] = c[0] + "=" + c[1]
	}
	return strings.Join(parts, "; ")
}

// encodedBody is the body as events carry it: base64 for a media type the
// runtime does not take for text.
func (r *request) encodedBody() (string, bool) {
	if r.body == nil {
		return "", false
	}
	if r.contentType != "" && !model.IsText(r.contentType) {
		return base64.StdEncoding.EncodeToString(r.body), true
	}
	return string(r.body), false
}

func (r *request) rawQuery() string {
	var b strings.Builder
	for i, kv := range r.query {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[0]) + "=" + url.QueryEscape(kv[1]))
	}
	return b.String()
}

func (r *request) rest(p *deploy.Project, now time.Time) events.APIGatewayProxyRequest {
	host := apiID + ".execute-api." + region + ".amazonaws.com"
	body, b64 := r.encodedBody()
	ev := events.APIGatewayProxyRequest{
		Resource:          r.route.Path,
		Path:              r.path,
		HTTPMethod:        r.method,
		Headers:           map[string]string{},
		MultiValueHeaders: map[string][]string{},
		Body:              body,
		IsBase64Encoded:   b64,
	}
	for _, h := range r.allHeaders(host) {
		ev.Headers[h[0]] = h[1]
		ev.MultiValueHeaders[h[0]] = append(ev.MultiValueHeaders[h[0]], h[1])
	}
	if len(r.cookies) > 0 {
		ev.Headers["Cookie"] = r.cookieHeader()
		ev.MultiValueHeaders["Cookie"] = []string{r.cookieHeader()}
	}
	if len(r.query) > 0 {
		ev.QueryStringParameters = map[string]string{}
		ev.MultiValueQueryStringParameters = map[string][]string{}
		for _, kv := range r.query {
			ev.QueryStringParameters[kv[0]] = kv[1]
			ev.MultiValueQueryStringParameters[kv[0]] = append(ev.MultiValueQueryStringParameters[kv[0]], kv[1])
		}
	}
	if len(r.pathParams) > 0 {
		ev.PathParameters = r.pathParams
	}
	stage := p.Deploy.Stage
	if stage == "" {
		stage = "Prod"
	}
	ev.RequestContext = events.APIGatewayProxyRequestContext{
		AccountID: accountID, ResourceID: "a1b2c3", Stage: stage, RequestID: requestID,
		Identity:     events.APIGatewayRequestIdentity{SourceIP: sourceIP, UserAgent: userAgent},
		ResourcePath: r.route.Path, HTTPMethod: r.method, APIID: apiID, Protocol: "HTTP/1.1",
		Path:             "/" + stage + r.path,
		RequestTime:      now.Format("02/Jan/2006:15:04:05 -0700"),
		RequestTimeEpoch: now.UnixMilli(),
		DomainName:       host,
		DomainPrefix:     apiID,
	}
	a := r.route.Auth
	if a.JWT {
		ev.RequestContext.Authorizer = map[string]any{"claims": map[string]any{"sub": "placeholder-user", "scope": strings.Join(a.Scopes, " ")}}
	}
	if a.IAM {
		id := &ev.RequestContext.Identity
		id.AccountID, id.Caller, id.AccessKey = accountID, "AIDAPLACEHOLDER", "AKIAPLACEHOLDER"
		id.UserArn, id.User = "arn:aws:iam::"+accountID+":user/placeholder", "AIDAPLACEHOLDER"
	}
	if a.APIKey {
		ev.RequestContext.Identity.APIKey, ev.RequestContext.Identity.APIKeyID = r.header("X-Api-Key"), "placeholderkeyid"
	}
	return ev
}

func (r *request) header(name string) string {
	for _, h := range r.headers {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return "placeholder-api-key"
}

// httpAPI is payload format 2.0, which Function URLs send too: they differ
// in their domain, their route key and in having no path parameters.
func (r *request) httpAPI(p *deploy.Project, now time.Time, functionURL bool) any {
	host := apiID + ".execute-api." + region + ".amazonaws.com"
	routeKey := r.method + " " + r.route.Path
	if functionURL {
		host = "abcdefghijklmnopqrstuvwxyz012345.lambda-url." + region + ".on.aws"
		routeKey = "$default"
	}
	body, b64 := r.encodedBody()
	// An HTTP API delivers the path decoded, a Function URL as the client
	// sent it.
	path := r.path
	if !functionURL {
		if dec, err := url.PathUnescape(path); err == nil {
			path = dec
		}
	}
	headers := map[string]string{}
	for _, h := range r.allHeaders(host) {
		k := strings.ToLower(h[0])
		if v, ok := headers[k]; ok {
			headers[k] = v + "," + h[1]
		} else {
			headers[k] = h[1]
		}
	}
	var cookies []string
	for _, c := range r.cookies {
		cookies = append(cookies, c[0]+"="+c[1])
	}
	var query map[string]string
	if len(r.query) > 0 {
		query = map[string]string{}
		for _, kv := range r.query {
			if v, ok := query[kv[0]]; ok {
				query[kv[0]] = v + "," + kv[1]
			} else {
				query[kv[0]] = kv[1]
			}
		}
	}
	httpDesc := events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: r.method, Path: path,
		Protocol: "HTTP/1.1", SourceIP: sourceIP, UserAgent: userAgent}
	if functionURL {
		return events.LambdaFunctionURLRequest{
			Version: "2.0", RawPath: path, RawQueryString: r.rawQuery(), Cookies: cookies, Headers: headers,
			QueryStringParameters: query, Body: body, IsBase64Encoded: b64,
			RequestContext: events.LambdaFunctionURLRequestContext{AccountID: accountID, RequestID: requestID,
				APIID: "abcdefghijklmnopqrstuvwxyz012345", DomainName: host, DomainPrefix: "abcdefghijklmnopqrstuvwxyz012345",
				Time: now.Format("02/Jan/2006:15:04:05 -0700"), TimeEpoch: now.UnixMilli(),
				HTTP: events.LambdaFunctionURLRequestContextHTTPDescription(httpDesc)},
		}
	}
	ev := v2Request{
		Version: "2.0", RouteKey: routeKey, RawPath: path, RawQueryString: r.rawQuery(), Cookies: cookies,
		Headers: headers, QueryStringParameters: query, Body: body, IsBase64Encoded: b64,
		RequestContext: v2Context{AccountID: accountID, APIID: apiID, DomainName: host, DomainPrefix: apiID,
			HTTP: httpDesc, RequestID: requestID, RouteKey: routeKey, Stage: "$default",
			Time: now.Format("02/Jan/2006:15:04:05 -0700"), TimeEpoch: now.UnixMilli()},
	}
	if len(r.pathParams) > 0 {
		ev.PathParameters = r.pathParams
	}
	a := r.route.Auth
	if a.JWT || a.IAM {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{}
	}
	if a.JWT {
		ev.RequestContext.Authorizer.JWT = &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
			Claims: map[string]string{"sub": "placeholder-user", "scope": strings.Join(a.Scopes, " ")}, Scopes: a.Scopes}
	}
	if a.IAM {
		ev.RequestContext.Authorizer.IAM = &events.APIGatewayV2HTTPRequestContextAuthorizerIAMDescription{
			AccessKey: "AKIAPLACEHOLDER", AccountID: accountID, CallerID: "AIDAPLACEHOLDER",
			UserARN: "arn:aws:iam::" + accountID + ":user/placeholder", UserID: "AIDAPLACEHOLDER"}
	}
	return ev
}

// alb is a target group's event with multi-value headers off, the
// default: one value per name, and the query as the client escaped it.
func (r *request) alb() events.ALBTargetGroupRequest {
	host := "lambgen-alb-1234567890." + region + ".elb.amazonaws.com"
	body, b64 := r.encodedBody()
	ev := events.ALBTargetGroupRequest{HTTPMethod: r.method, Path: r.path, Headers: map[string]string{},
		QueryStringParameters: map[string]string{}, Body: body, IsBase64Encoded: b64,
		RequestContext: events.ALBTargetGroupRequestContext{ELB: events.ELBContext{
			TargetGroupArn: "arn:aws:elasticloadbalancing:" + region + ":" + accountID + ":targetgroup/lambgen/0123456789abcdef"}}}
	for _, h := range r.allHeaders(host) {
		ev.Headers[strings.ToLower(h[0])] = h[1]
	}
	ev.Headers["x-forwarded-port"], ev.Headers["x-forwarded-proto"] = "80", "http"
	if len(r.cookies) > 0 {
		ev.Headers["cookie"] = r.cookieHeader()
	}
	for _, kv := range r.query {
		ev.QueryStringParameters[url.QueryEscape(kv[0])] = url.QueryEscape(kv[1])
	}
	return ev
}

// v2Request is an HTTP API event as the gateway sends it. The events
// package's type always writes requestContext.authentication, which the
// gateway sends only with mutual TLS.
type v2Request struct {
	Version               string            `json:"version"`
	RouteKey              string            `json:"routeKey"`
	RawPath               string            `json:"rawPath"`
	RawQueryString        string            `json:"rawQueryString"`
	Cookies               []string          `json:"cookies,omitempty"`
	Headers               map[string]string `json:"headers"`
	QueryStringParameters map[string]string `json:"queryStringParameters,omitempty"`
	PathParameters        map[string]string `json:"pathParameters,omitempty"`
	RequestContext        v2Context         `json:"requestContext"`
	Body                  string            `json:"body,omitempty"`
	IsBase64Encoded       bool              `json:"isBase64Encoded"`
}

type v2Context struct {
	AccountID    string                                                      `json:"accountId"`
	APIID        string                                                      `json:"apiId"`
	Authorizer   *events.APIGatewayV2HTTPRequestContextAuthorizerDescription `json:"authorizer,omitempty"`
	DomainName   string                                                      `json:"domainName"`
	DomainPrefix string                                                      `json:"domainPrefix"`
	HTTP         events.APIGatewayV2HTTPRequestContextHTTPDescription        `json:"http"`
	RequestID    string                                                      `json:"requestId"`
	RouteKey     string                                                      `json:"routeKey"`
	Stage        string                                                      `json:"stage"`
	Time         string                                                      `json:"time"`
	TimeEpoch    int64                                                       `json:"timeEpoch"`
}

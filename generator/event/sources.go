package event

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/lambgen/lambgen/generator/deploy"
	"github.com/lambgen/lambgen/generator/model"
)

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

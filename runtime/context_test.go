package lambdahttp_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aws/aws-lambda-go/lambdacontext"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

func requestContextOf(t *testing.T, file string) (lambdahttp.RequestContext, lambdahttp.Event) {
	t.Helper()
	payload, err := os.ReadFile(filepath.Join(corpusDir(t, "events"), file))
	if err != nil {
		t.Fatal(err)
	}
	var rc lambdahttp.RequestContext
	var ev lambdahttp.Event
	var ok1, ok2 bool
	a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, ok1 = lambdahttp.RequestContextFromContext(r.Context())
		ev, ok2 = lambdahttp.EventFromContext(r.Context())
	}))
	if _, err := a.Invoke(context.Background(), payload); err != nil {
		t.Fatal(err)
	}
	if !ok1 || !ok2 {
		t.Fatal("context values missing")
	}
	return rc, ev
}

func TestRequestContext(t *testing.T) {
	t.Run("JWT authorizer", func(t *testing.T) {
		rc, ev := requestContextOf(t, "aws-lambda-go/apigw-v2-request-jwt-authorizer.json")
		want := &lambdahttp.JWTAuthorizer{Claims: map[string]string{"claim1": "value1", "claim2": "value2"}, Scopes: []string{"scope1", "scope2"}}
		if !reflect.DeepEqual(rc.Authorizer.JWT, want) {
			t.Errorf("JWT %+v", rc.Authorizer.JWT)
		}
		if rc.Stage != "$default" || rc.RequestID != "id" || rc.DomainName != "id.execute-api.us-east-1.amazonaws.com" ||
			rc.APIID != "api-id" || rc.AccountID != "123456789012" || rc.RouteKey != "$default" || rc.SourceIP != "IP" ||
			rc.UserAgent != "agent" || rc.Source != lambdahttp.HTTPv2 {
			t.Errorf("request context %+v", rc)
		}
		if ev.Source != lambdahttp.HTTPv2 || ev.RequestID != "id" || ev.Stage != "$default" || ev.SourceIP != "IP" {
			t.Errorf("event %+v", ev)
		}
	})
	t.Run("Lambda authorizer", func(t *testing.T) {
		rc, _ := requestContextOf(t, "aws-lambda-go/apigw-v2-request-lambda-authorizer.json")
		if !reflect.DeepEqual(rc.Authorizer.Lambda, map[string]any{"key": "value"}) || rc.Authorizer.JWT != nil {
			t.Errorf("authorizer %+v", rc.Authorizer)
		}
	})
	t.Run("IAM with Cognito identity", func(t *testing.T) {
		rc, _ := requestContextOf(t, "aws-lambda-go/apigw-v2-request-iam.json")
		want := &lambdahttp.IAMIdentity{
			AccessKey: "ARIA2ZJZYVUEREEIHAKY", AccountID: "1234567890",
			CallerID: "AROA7ZJZYVRE7C3DUXHH6:CognitoIdentityCredentials", PrincipalOrgID: "AwsOrgId",
			UserARN: "arn:aws:iam::1234567890:user/Admin", UserID: "AROA2ZJZYVRE7Y3TUXHH6",
			CognitoIdentity: &lambdahttp.CognitoIdentity{AMR: []string{"foo"},
				IdentityID:     "us-east-1:3f291106-8703-466b-8f2b-3ecee1ca56ce",
				IdentityPoolID: "us-east-1:4f291106-8703-466b-8f2b-3ecee1ca56ce"},
		}
		if !reflect.DeepEqual(rc.Authorizer.IAM, want) {
			t.Errorf("IAM %+v", rc.Authorizer.IAM)
		}
	})
	t.Run("REST Lambda authorizer and IAM identity", func(t *testing.T) {
		rc, _ := requestContextOf(t, "aws-lambda-go/apigw-request.json")
		if rc.Authorizer.PrincipalID != "admin" ||
			!reflect.DeepEqual(rc.Authorizer.Lambda, map[string]any{"clientId": 1.0, "clientName": "Exata"}) {
			t.Errorf("authorizer %+v", rc.Authorizer)
		}
		if iam := rc.Authorizer.IAM; iam == nil || iam.UserARN != "theUserArn" || iam.CallerID != "theCaller" ||
			iam.CognitoIdentity == nil || iam.CognitoIdentity.IdentityPoolID != "theCognitoIdentityPoolId" {
			t.Errorf("IAM %+v", iam)
		}
		if rc.RouteKey != "/{proxy+}" || rc.Stage != "testStage" || rc.SourceIP != "192.168.196.186" {
			t.Errorf("%+v", rc)
		}
	})
	t.Run("function URL IAM", func(t *testing.T) {
		rc, ev := requestContextOf(t, "aws-lambda-go/lambda-urls-request.json")
		if ev.Source != lambdahttp.FunctionURL || rc.Authorizer.IAM == nil ||
			rc.Authorizer.IAM.UserARN != "arn:aws:iam::111122223333:user/example-user" {
			t.Errorf("%+v", rc.Authorizer.IAM)
		}
	})
	t.Run("ALB", func(t *testing.T) {
		rc, ev := requestContextOf(t, "aws-lambda-go/alb-lambda-target-request-multivalue-headers.json")
		if !ev.MultiValueHeaders || rc.TargetGroupARN != "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-target/abcdefgh" ||
			rc.SourceIP != "72.21.198.67" {
			t.Errorf("%+v", rc)
		}
	})
	t.Run("REST Cognito user pool claims", func(t *testing.T) {
		var rc lambdahttp.RequestContext
		a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc, _ = lambdahttp.RequestContextFromContext(r.Context())
		}))
		ev := `{"httpMethod":"GET","path":"/","requestContext":{"authorizer":{"claims":{"sub":"abc","email_verified":"true","exp":1700000000}}}}`
		if _, err := a.Invoke(context.Background(), []byte(ev)); err != nil {
			t.Fatal(err)
		}
		want := &lambdahttp.CognitoAuthorizer{Claims: map[string]string{"sub": "abc", "email_verified": "true", "exp": "1700000000"}}
		if !reflect.DeepEqual(rc.Authorizer.Cognito, want) {
			t.Errorf("Cognito %+v", rc.Authorizer.Cognito)
		}
	})
}

func TestContextPassesThrough(t *testing.T) {
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "req-1"})
	var got string
	a := lambdahttp.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if lc, ok := lambdacontext.FromContext(r.Context()); ok {
			got = lc.AwsRequestID
		}
	}))
	if _, err := a.Invoke(ctx, []byte(`{"httpMethod":"GET","path":"/"}`)); err != nil {
		t.Fatal(err)
	}
	if got != "req-1" {
		t.Errorf("lambdacontext request ID %q", got)
	}
	if _, ok := lambdahttp.EventFromContext(context.Background()); ok {
		t.Error("EventFromContext on a bare context")
	}
	if _, ok := lambdahttp.RequestContextFromContext(context.Background()); ok {
		t.Error("RequestContextFromContext on a bare context")
	}
}

func TestRefusedPayloads(t *testing.T) {
	cases := []struct{ payload, err string }{
		{``, "lambdahttp: unsupported event: empty payload"},
		{" \n", "lambdahttp: unsupported event: payload is blank"},
		{`null`, "lambdahttp: unsupported event: payload is not a JSON object"},
		{`[1,2]`, "lambdahttp: unsupported event: payload is not a JSON object"},
		{`"GET /"`, "lambdahttp: unsupported event: payload is not a JSON object"},
		{`{}`, "lambdahttp: unsupported event: empty JSON object"},
		{`{"a":1,"b":2}`, `lambdahttp: unsupported event: no known event shape (top-level keys "a", "b")`},
		{`{"httpMethod":"GET"`, "lambdahttp: malformed event JSON at offset 19: unexpected end of input"},
		{`{"httpMethod":"GET" "path":"/"}`, "lambdahttp: malformed event JSON at offset 20: expected ',' or '}'"},
		{`{garbage}`, "lambdahttp: malformed event JSON at offset 1: expected string"},
		{`{"Records":[{"eventSource":"aws:sqs","body":"x"}]}`, `lambdahttp: unsupported event: SQS event (Records[0].eventSource "aws:sqs")`},
		{`{"Records":[{"cf":{"request":{}}}]}`, "lambdahttp: unsupported event: CloudFront Lambda@Edge event"},
		{`{"version":"2.0","path":"/","method":"GET","requestContext":{"serviceNetworkArn":"arn"}}`, "lambdahttp: unsupported event: VPC Lattice event"},
		{`{"raw_path":"/","method":"GET"}`, "lambdahttp: unsupported event: VPC Lattice event"},
		{`{"requestContext":{"connectionId":"abc="},"body":"hi"}`, "lambdahttp: unsupported event: WebSocket API event (requestContext.connectionId)"},
		{`{"version":"2.0","rawPath":"/","requestContext":{}}`, "lambdahttp: HTTPv2 event has no HTTP method"},
		{`{"httpMethod":"GE T","path":"/"}`, `lambdahttp: RESTv1 event has an invalid HTTP method "GE T"`},
	}
	for _, c := range cases {
		out, err := lambdahttp.New(http.NotFoundHandler()).Invoke(context.Background(), []byte(c.payload))
		if err == nil || err.Error() != c.err || out != nil {
			t.Errorf("%q: got %v, want %q", c.payload, err, c.err)
		}
		var se *lambdahttp.SyntaxError
		if errors.As(err, &se) == errors.Is(err, lambdahttp.ErrUnsupportedEvent) && se != nil {
			t.Errorf("%q: both a syntax error and unsupported", c.payload)
		}
	}
}

func TestHeadDiscardsBody(t *testing.T) {
	a := lambdahttp.New(writeAs("text/plain", []byte("body")))
	out, err := a.Invoke(context.Background(), []byte(`{"httpMethod":"HEAD","path":"/","requestContext":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"statusCode":200,"headers":{"Content-Type":"text/plain"},"multiValueHeaders":{},"body":"","isBase64Encoded":false}`; string(out) != want {
		t.Errorf("got %s", out)
	}
}

package lambdahttp

import (
	"errors"
	"strconv"
	"strings"
)

// ErrUnsupportedEvent is matched (with errors.Is) by the error Invoke returns
// for a payload that is not an HTTP request from one of the supported
// sources.
var ErrUnsupportedEvent = errors.New("lambdahttp: unsupported event")

type unsupportedError struct{ what string }

func (e *unsupportedError) Error() string        { return "lambdahttp: unsupported event: " + e.what }
func (e *unsupportedError) Is(target error) bool { return target == ErrUnsupportedEvent }

func unsupported(what string) error { return &unsupportedError{what: what} }

// classify names the event source from the fields found, or explains what
// the payload is instead.
func (f *fields) classify(sc *scanner) (Source, error) {
	switch {
	case f.records != 0:
		return 0, unsupported(recordsKind(sc, f.records))
	case f.typ != "" && (f.methodArn || f.routeArn):
		return 0, unsupported("API Gateway Lambda authorizer event (type " + strconv.Quote(f.typ) + ")")
	case f.principalID && f.policyDocument:
		return 0, unsupported("API Gateway Lambda authorizer response (principalId, policyDocument), not a request")
	case f.rc.eventType != "" || f.rc.connectionID != "":
		if f.rc.eventType == "" {
			return 0, unsupported("WebSocket API event (requestContext.connectionId)")
		}
		return 0, unsupported("WebSocket API event (requestContext.eventType " + strconv.Quote(f.rc.eventType) + ")")
	case f.rc.serviceNetwork || f.latticeRawPath:
		return 0, unsupported("VPC Lattice event")
	case f.rc.elb:
		return checkMethod(ALB, f.method)
	case f.version == "2.0" && (f.rawPath != "" || f.rc.httpMethod != ""):
		src := HTTPv2
		if strings.Contains(f.rc.domainName, ".lambda-url.") {
			src = FunctionURL
		}
		return checkMethod(src, f.rc.httpMethod)
	case f.method != "" && f.version == "1.0":
		return checkMethod(HTTPv1, f.method)
	case f.method != "" && f.version == "":
		return checkMethod(RESTv1, f.method)
	case f.statusCode:
		return 0, unsupported("Lambda proxy response (statusCode), not a request")
	}
	if f.nkeys == 0 {
		return 0, unsupported("empty JSON object")
	}
	var b strings.Builder
	b.WriteString("no known event shape (top-level keys ")
	for i, k := range f.keys[:f.nkeys] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(k))
	}
	if f.nkeys == len(f.keys) {
		b.WriteString(", ...")
	}
	b.WriteString(")")
	return 0, unsupported(b.String())
}

func checkMethod(src Source, m string) (Source, error) {
	if m == "" {
		return 0, errors.New("lambdahttp: " + src.String() + " event has no HTTP method")
	}
	for i := 0; i < len(m); i++ {
		if !isTokenByte(m[i]) {
			return 0, errors.New("lambdahttp: " + src.String() + " event has an invalid HTTP method " + strconv.Quote(m))
		}
	}
	return src, nil
}

// recordsKind names a batch event by the source of its first record.
func recordsKind(sc *scanner, pos int) string {
	sub := scanner{b: sc.b, s: sc.s, i: pos - 1}
	source := ""
	if sub.open('[') {
		for n := 0; source == "" && sub.more(&n, ']'); {
			if n > 1 || !sub.open('{') {
				break
			}
			for m := 0; sub.more(&m, '}'); {
				switch sub.key() {
				case "eventSource", "EventSource":
					source = sub.str()
				case "cf":
					source = "cf"
					sub.skip()
				default:
					sub.skip()
				}
			}
		}
	}
	name := map[string]string{
		"aws:dynamodb": "DynamoDB Streams event",
		"aws:sqs":      "SQS event",
		"aws:sns":      "SNS event",
		"aws:s3":       "S3 event",
		"aws:kinesis":  "Kinesis event",
		"aws:ses":      "SES event",
		"cf":           "CloudFront Lambda@Edge event",
	}[source]
	switch {
	case source == "cf":
		return name
	case name != "":
		return name + " (Records[0].eventSource " + strconv.Quote(source) + ")"
	case source != "":
		return "batch event (Records[0].eventSource " + strconv.Quote(source) + ")"
	}
	return "batch event (Records)"
}

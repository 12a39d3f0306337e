package lambdahttp

// fields holds what one pass over the top level of a payload found. Objects
// that a source decodes later are kept as positions (offset+1, 0 = absent or
// null) so they are scanned only by the source that needs them.
type fields struct {
	version, method, path, rawPath, rawQuery, typ string
	isBase64                                      bool

	headers, mvHeaders, query, mvQuery, cookies, records int
	headerBytes                                          int // size of the larger header object
	body                                                 strSpan

	statusCode, methodArn, routeArn, principalID, policyDocument bool
	latticeRawPath                                               bool

	keys  [4]string
	nkeys int

	rc rcFields
}

// rcFields is the part of requestContext needed to classify the event and
// build the request. The whole object is kept as text for the lazy, complete
// decode behind RequestContextFromContext.
type rcFields struct {
	raw                                  string
	elb, serviceNetwork                  bool
	eventType, connectionID              string
	stage, requestID, domainName         string
	httpMethod, httpSourceIP, identityIP string
}

// valuePos records where the next value starts and skips it.
func valuePos(sc *scanner) int {
	c := sc.peek()
	p := sc.i + 1
	sc.skip()
	if c == 'n' || sc.err != nil {
		return 0
	}
	return p
}

// strSpan locates a string value's contents in the payload, so a large body
// is scanned once and decoded only when the source is known.
type strSpan struct {
	start, end int
	esc, ok    bool
}

// stringSpan records the next value: a string's contents, or the text of a
// non-string value other than null.
func stringSpan(sc *scanner) strSpan {
	switch c := sc.peek(); c {
	case '"':
		s, e, esc := sc.rawString()
		return strSpan{s, e, esc, sc.err == nil}
	case 'n':
		sc.skip()
		return strSpan{}
	default:
		s := sc.i
		sc.skip()
		return strSpan{s, sc.i, false, sc.err == nil}
	}
}

func (f *fields) scan(sc *scanner) error {
	switch c := sc.peek(); c {
	case 0:
		if sc.i == 0 && len(sc.b) == 0 {
			return unsupported("empty payload")
		}
		return unsupported("payload is blank")
	case '{':
	default:
		return unsupported("payload is not a JSON object")
	}
	sc.i++
	for n := 0; sc.more(&n, '}'); {
		k := sc.key()
		if f.nkeys < len(f.keys) {
			f.keys[f.nkeys] = k
			f.nkeys++
		}
		switch k {
		case "version":
			f.version = sc.str()
		case "httpMethod":
			f.method = sc.str()
		case "path":
			f.path = sc.str()
		case "rawPath":
			f.rawPath = sc.str()
		case "rawQueryString":
			f.rawQuery = sc.str()
		case "isBase64Encoded":
			f.isBase64 = sc.boolean()
		case "type":
			f.typ = sc.str()
		case "headers":
			f.headers = valuePos(sc)
			f.headerBytes = max(f.headerBytes, sc.i-f.headers)
		case "multiValueHeaders":
			f.mvHeaders = valuePos(sc)
			f.headerBytes = max(f.headerBytes, sc.i-f.mvHeaders)
		case "queryStringParameters":
			f.query = valuePos(sc)
		case "multiValueQueryStringParameters":
			f.mvQuery = valuePos(sc)
		case "cookies":
			f.cookies = valuePos(sc)
		case "body":
			f.body = stringSpan(sc)
		case "Records":
			f.records = valuePos(sc)
		case "requestContext":
			f.rc.scan(sc)
		case "statusCode":
			f.statusCode = true
			sc.skip()
		case "methodArn":
			f.methodArn = true
			sc.skip()
		case "routeArn":
			f.routeArn = true
			sc.skip()
		case "principalId":
			f.principalID = true
			sc.skip()
		case "policyDocument":
			f.policyDocument = true
			sc.skip()
		case "raw_path":
			f.latticeRawPath = true
			sc.skip()
		default:
			sc.skip()
		}
	}
	return sc.err
}

func (rc *rcFields) scan(sc *scanner) {
	start := sc.i
	if !sc.open('{') {
		return
	}
	for n := 0; sc.more(&n, '}'); {
		switch sc.key() {
		case "stage":
			rc.stage = sc.str()
		case "requestId":
			rc.requestID = sc.str()
		case "domainName":
			rc.domainName = sc.str()
		case "eventType":
			rc.eventType = sc.str()
		case "connectionId":
			rc.connectionID = sc.str()
		case "elb":
			rc.elb = true
			sc.skip()
		case "serviceNetworkArn":
			rc.serviceNetwork = true
			sc.skip()
		case "http":
			if sc.open('{') {
				for m := 0; sc.more(&m, '}'); {
					switch sc.key() {
					case "method":
						rc.httpMethod = sc.str()
					case "sourceIp":
						rc.httpSourceIP = sc.str()
					default:
						sc.skip()
					}
				}
			}
		case "identity":
			if sc.open('{') {
				for m := 0; sc.more(&m, '}'); {
					if sc.key() == "sourceIp" {
						rc.identityIP = sc.str()
					} else {
						sc.skip()
					}
				}
			}
		default:
			sc.skip()
		}
	}
	if sc.err == nil {
		rc.raw = sc.s[start:sc.i]
	}
}

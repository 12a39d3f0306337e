package lambdahttp

// REST APIs (payload format 1.0) and HTTP APIs using payload format 1.0
// share one event and response shape; they differ in whether the path is
// still percent-encoded.

// decodeV1 reads a REST API or HTTP API payload 1.0 event.
//
// Headers come from multiValueHeaders, which keeps repeated headers apart,
// and names found only in headers fill the gaps: real events carry both
// with the same content, hand-made test events often only one of them.
// Query parameters arrive decoded and are encoded again in event order,
// from multiValueQueryStringParameters when present.
func decodeV1(sc *scanner, f *fields, p *reqParts, src Source) {
	p.method = f.method
	p.path = f.path
	p.encoded = src == RESTv1
	p.hs.init(f.headerBytes)
	p.hs.readMulti(sc, f.mvHeaders)
	p.hs.readSingle(sc, f.headers, true)
	q := f.mvQuery
	if q == 0 {
		q = f.query
	}
	p.rawQuery = readQuery(sc, q, true)
	p.remoteIP = f.rc.identityIP
	p.body = readBody(sc, f.body, f.isBase64)
}

// encodeV1 writes a response in the payload 1.0 shape. A header with one
// value goes to headers; a repeated one (Set-Cookie above all) goes to
// multiValueHeaders with every value, since API Gateway would otherwise keep
// only one of them.
func encodeV1(dst []byte, r *response) []byte {
	dst = appendStatus(dst, r.status)
	dst = append(dst, `,"headers":`...)
	dst = appendHeaderMap(dst, r, "", false, false, false)
	dst = append(dst, `,"multiValueHeaders":`...)
	dst = appendHeaderMap(dst, r, "", true, false, false)
	return appendBodyFields(dst, r)
}

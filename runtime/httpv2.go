package lambdahttp

import "strings"

// decodeV2 reads an HTTP API payload 2.0 event; function URL events have the
// same shape. The method and source IP come from requestContext.http, the
// query string is rawQueryString verbatim, and header values are kept as the
// gateway joined them. HTTP APIs deliver rawPath decoded; function URLs
// deliver it encoded.
func decodeV2(sc *scanner, f *fields, p *reqParts, src Source) {
	p.method = f.rc.httpMethod
	p.path = f.rawPath
	p.encoded = src == FunctionURL
	p.rawQuery = f.rawQuery
	p.hs.init(f.headerBytes)
	p.hs.readSingle(sc, f.headers, false)
	readCookies(sc, f.cookies, &p.hs)
	p.remoteIP = f.rc.httpSourceIP
	p.body = readBody(sc, f.body, f.isBase64)
}

// readCookies turns the cookies array into one Cookie header. Function URL
// events also repeat the cookies in headers; the array wins so they are not
// sent twice.
func readCookies(sc *scanner, pos int, hs *headerSet) {
	if pos == 0 {
		return
	}
	sc.i = pos - 1
	if !sc.open('[') {
		return
	}
	var first string
	var b strings.Builder
	n := 0
	for m := 0; sc.more(&m, ']'); {
		c := sc.str()
		if c == "" {
			continue
		}
		hs.checkValue(c)
		switch n {
		case 0:
			first = c
		case 1:
			b.Grow(len(first) + len(c) + 2)
			b.WriteString(first)
			fallthrough
		default:
			b.WriteString("; ")
			b.WriteString(c)
		}
		n++
	}
	switch n {
	case 0:
		return
	case 1:
		hs.h["Cookie"] = []string{first}
	default:
		hs.h["Cookie"] = []string{b.String()}
	}
}

// encodeV2 writes a payload 2.0 response: Set-Cookie values go to the
// cookies list, other repeated headers are joined with commas.
func encodeV2(dst []byte, r *response) []byte {
	dst = appendStatus(dst, r.status)
	dst = append(dst, `,"headers":`...)
	dst = appendHeaderMap(dst, r, "Set-Cookie", false, true, true)
	if c := r.header["Set-Cookie"]; len(c) > 0 {
		dst = append(dst, `,"cookies":`...)
		dst = appendStringList(dst, c)
	}
	return appendBodyFields(dst, r)
}

package lambdahttp

import (
	"net/http"
	"strconv"
)

// decodeALB reads an Application Load Balancer event. The target group's
// multi-value headers setting shows in the event (multiValueHeaders and
// multiValueQueryStringParameters instead of headers and
// queryStringParameters) and the response has to use the same mode. ALB
// passes query names and values as they appeared in the URL, still encoded,
// so they are joined, not encoded again. The client address is the last
// X-Forwarded-For entry, the one the load balancer added.
func decodeALB(sc *scanner, f *fields, p *reqParts) (multi bool) {
	p.method = f.method
	p.path = f.path
	p.encoded = true
	multi = f.mvHeaders != 0 || f.headers == 0 && f.mvQuery != 0
	p.hs.init(f.headerBytes)
	q := f.query
	if multi {
		p.hs.readMulti(sc, f.mvHeaders)
		if f.mvQuery != 0 {
			q = f.mvQuery
		}
	} else {
		p.hs.readSingle(sc, f.headers, false)
		if q == 0 {
			q = f.mvQuery
		}
	}
	p.rawQuery = readQuery(sc, q, false)
	p.remoteIP = lastForwardedFor(p.hs.h)
	p.body = readBody(sc, f.body, f.isBase64)
	return multi
}

// encodeALB writes an ALB response with statusDescription. In multi-value
// mode every header is a list. In single-value mode a repeated header can
// only be kept by varying the letter case of its name (ALB treats names
// case-insensitively but the JSON keys must differ), the technique Mangum
// uses; without it all but one Set-Cookie would be lost.
func encodeALB(dst []byte, r *response, multi bool) []byte {
	dst = appendStatus(dst, r.status)
	dst = append(dst, `,"statusDescription":"`...)
	dst = strconv.AppendInt(dst, int64(r.status), 10)
	if t := http.StatusText(r.status); t != "" {
		dst = append(append(dst, ' '), t...)
	}
	dst = append(dst, '"')
	if multi {
		dst = append(dst, `,"multiValueHeaders":`...)
		dst = appendHeaderMap(dst, r, "", true, true, false)
		return appendBodyFields(dst, r)
	}
	dst = append(dst, `,"headers":{`...)
	first := true
	var buf [64]byte
	name := buf[:0]
	for _, k := range r.keys {
		for i, v := range r.header[k] {
			name = caseVariant(append(name[:0], k...), i)
			if name == nil {
				break
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = appendJSONString(dst, name, true)
			dst = append(dst, ':')
			dst = appendJSONString(dst, v, true)
		}
	}
	dst = append(dst, '}')
	return appendBodyFields(dst, r)
}

// caseVariant flips the case of the letters of name selected by the bits of
// n, giving each value of a repeated header a distinct spelling. It returns
// nil when name has too few letters to spell n.
func caseVariant(name []byte, n int) []byte {
	for j := 0; n > 0 && j < len(name); j++ {
		c := name[j]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			continue
		}
		if n&1 == 1 {
			name[j] = c ^ 0x20
		}
		n >>= 1
	}
	if n > 0 {
		return nil
	}
	return name
}

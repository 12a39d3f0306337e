package lambdahttp

import (
	"net/http"
	"net/textproto"
)

// headerSet builds an http.Header the way net/http's server does: names
// canonicalised, Host moved out of the map. Single values share one backing
// array, so a request's headers cost a few allocations instead of one per
// header.
type headerSet struct {
	h       http.Header
	vals    []string
	host    string
	hasHost bool
	bad     refusal // why net/http would refuse the request, if it would
}

// init sizes the map from the size of the header objects in the event, so
// that it does not grow while it is filled. Real header entries take 30 to
// 60 bytes of JSON.
func (hs *headerSet) init(objectBytes int) {
	if hs.h == nil {
		hs.h = make(http.Header, objectBytes/40+1)
	}
}

// add adds a header value. With onlyNew it ignores names already present,
// which is how a REST event's single-value headers fill the gaps of its
// multi-value headers.
//
// Names and values are checked as net/http's server checks them, so that
// the handler never sees a header it could not have got from net/http.
func (hs *headerSet) add(name, value string, onlyNew bool) {
	k, token := canonicalKey(name)
	if hs.bad == accepted {
		if !token {
			hs.bad = badHeaderName
		} else if !validFieldValue(value) {
			hs.bad = badHeaderValue
		}
	}
	if k == "Host" {
		if !validHost(value) && hs.bad == accepted {
			hs.bad = badHost
		}
		if !hs.hasHost {
			hs.host, hs.hasHost = value, true
		}
		return
	}
	old, ok := hs.h[k]
	if ok && onlyNew {
		return
	}
	if ok {
		hs.h[k] = append(old, value)
		return
	}
	if len(hs.vals) == cap(hs.vals) {
		hs.vals = make([]string, 0, 16)
	}
	hs.vals = append(hs.vals, value)
	n := len(hs.vals)
	hs.h[k] = hs.vals[n-1 : n : n]
}

// checkValue records a value the adapter adds itself under a valid name.
func (hs *headerSet) checkValue(value string) {
	if hs.bad == accepted && !validFieldValue(value) {
		hs.bad = badHeaderValue
	}
}

// readSingle reads an object of header name to value.
func (hs *headerSet) readSingle(sc *scanner, pos int, onlyNew bool) {
	if pos == 0 {
		return
	}
	sc.i = pos - 1
	if !sc.open('{') {
		return
	}
	for n := 0; sc.more(&n, '}'); {
		k := sc.key()
		if sc.peek() == 'n' {
			sc.skip()
			continue
		}
		hs.add(k, sc.str(), onlyNew)
	}
}

// readMulti reads an object of header name to a list of values. A plain
// string where a list belongs counts as a one-element list.
func (hs *headerSet) readMulti(sc *scanner, pos int) {
	if pos == 0 {
		return
	}
	sc.i = pos - 1
	if !sc.open('{') {
		return
	}
	for n := 0; sc.more(&n, '}'); {
		k := sc.key()
		switch sc.peek() {
		case '[':
			sc.i++
			for m := 0; sc.more(&m, ']'); {
				if sc.peek() == 'n' {
					sc.skip()
					continue
				}
				hs.add(k, sc.str(), false)
			}
		case 'n':
			sc.skip()
		default:
			hs.add(k, sc.str(), false)
		}
	}
}

// canonicalKey is textproto.CanonicalMIMEHeaderKey without an allocation for
// names that are already canonical or common. It also reports whether s is
// a valid header name (a token), as the check comes for free.
func canonicalKey(s string) (string, bool) {
	if s == "" {
		return s, false
	}
	upper, canonical := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isTokenByte(c) {
			return s, false
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
		}
		upper = c == '-'
	}
	if canonical {
		return s, true
	}
	var buf [48]byte
	if len(s) > len(buf) {
		return textproto.CanonicalMIMEHeaderKey(s), true
	}
	b := buf[:len(s)]
	upper = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if upper && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		} else if !upper && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
		upper = c == '-'
	}
	if k, ok := commonHeaders[string(b)]; ok {
		return k, true
	}
	return string(b), true
}

var commonHeaders = func() map[string]string {
	names := []string{
		"Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization",
		"Cache-Control", "Cloudfront-Forwarded-Proto", "Cloudfront-Is-Desktop-Viewer",
		"Cloudfront-Is-Mobile-Viewer", "Cloudfront-Is-Smarttv-Viewer", "Cloudfront-Is-Tablet-Viewer",
		"Cloudfront-Viewer-Country", "Connection", "Content-Encoding", "Content-Length", "Content-Type",
		"Cookie", "Host", "If-Match", "If-Modified-Since", "If-None-Match", "Origin", "Pragma",
		"Referer", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User",
		"Upgrade-Insecure-Requests", "User-Agent", "Via", "X-Amz-Cf-Id", "X-Amz-Date",
		"X-Amz-Security-Token", "X-Amzn-Trace-Id", "X-Api-Key", "X-Forwarded-For",
		"X-Forwarded-Port", "X-Forwarded-Proto", "X-Request-Id", "X-Requested-With",
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = n
	}
	return m
}()

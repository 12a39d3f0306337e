package lambdahttp

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/netip"
	"net/textproto"
	"net/url"
	"strings"
)

// reqParts collects what the event sources extract before the request is
// assembled in one place.
type reqParts struct {
	method   string
	path     string
	encoded  bool // path is still percent-encoded (REST, ALB, function URLs)
	rawQuery string
	hs       headerSet
	remoteIP string
	body     body
}

// headerSet builds an http.Header the way net/http's server does: names
// canonicalised, Host moved out of the map. Single values share one backing
// array, so a request's headers cost a few allocations instead of one per
// header.
type headerSet struct {
	h       http.Header
	vals    []string
	host    string
	hasHost bool
}

func (hs *headerSet) init(n int) {
	if hs.h == nil {
		hs.h = make(http.Header, n)
	}
}

// add adds a header value. With onlyNew it ignores names already present,
// which is how a REST event's single-value headers fill the gaps of its
// multi-value headers.
func (hs *headerSet) add(name, value string, onlyNew bool) {
	k := canonicalKey(name)
	if k == "Host" {
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

// readQuery builds a query string from a (multi-)value parameter object. API
// Gateway delivers the names and values decoded, so escape says they must
// be encoded again; ALB delivers them as they were in the URL.
func readQuery(sc *scanner, pos int, escape bool) string {
	if pos == 0 {
		return ""
	}
	sc.i = pos - 1
	if !sc.open('{') {
		return ""
	}
	var buf []byte
	add := func(k, v string) {
		if len(buf) > 0 {
			buf = append(buf, '&')
		}
		if escape {
			buf = append(appendQueryEscape(buf, k), '=')
			buf = appendQueryEscape(buf, v)
		} else {
			buf = append(append(append(buf, k...), '='), v...)
		}
	}
	for n := 0; sc.more(&n, '}'); {
		k := sc.key()
		switch sc.peek() {
		case '[':
			sc.i++
			for m := 0; sc.more(&m, ']'); {
				add(k, sc.str())
			}
		case 'n':
			sc.skip()
		default:
			add(k, sc.str())
		}
	}
	return string(buf)
}

func appendQueryEscape(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', hex[c>>4], hex[c&15])
		}
	}
	return dst
}

// readBody decodes the body, base64-decoding it when the event says so. A
// body flagged as base64 that does not decode is passed through as it is:
// hand-written test events (serverless-go-demo's put-product event among
// them) set isBase64Encoded on plain JSON, and failing those requests would
// help nobody.
func readBody(sc *scanner, sp strSpan, isBase64 bool) body {
	if !sp.ok || sp.start == sp.end {
		return body{}
	}
	raw := sc.b[sp.start:sp.end]
	if sp.esc {
		out, ok := unescape(make([]byte, 0, len(raw)), raw)
		if !ok {
			sc.i = sp.start
			sc.fail("invalid escape in body")
			return body{}
		}
		raw = out
	}
	if isBase64 {
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
		if n, err := base64.StdEncoding.Decode(dec, raw); err == nil {
			return body{b: dec[:n]}
		}
		if n, err := base64.RawStdEncoding.Decode(dec, raw); err == nil {
			return body{b: dec[:n]}
		}
	}
	if sp.esc {
		return body{b: raw}
	}
	return body{s: sc.s[sp.start:sp.end]}
}

// body is the request body: a substring of the payload copy when the event
// carried it verbatim, or decoded bytes.
type body struct {
	s string
	b []byte
	i int
}

func (r *body) len() int {
	if r.b != nil {
		return len(r.b)
	}
	return len(r.s)
}

func (r *body) Read(p []byte) (int, error) {
	var n int
	if r.b != nil {
		n = copy(p, r.b[r.i:])
	} else {
		n = copy(p, r.s[r.i:])
	}
	r.i += n
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (r *body) WriteTo(w io.Writer) (int64, error) {
	var n int
	var err error
	if r.b != nil {
		n, err = w.Write(r.b[r.i:])
	} else {
		n, err = io.WriteString(w, r.s[r.i:])
	}
	r.i += n
	return int64(n), err
}

func (r *body) Close() error { return nil }

// setPath fills URL.Path and URL.RawPath. API Gateway HTTP APIs deliver the
// path already decoded; REST APIs, ALB and function URLs deliver it as the
// client sent it, percent-encoded.
func setPath(u *url.URL, p string, encoded bool) {
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	u.Path, u.RawPath = p, ""
	if !encoded || strings.IndexByte(p, '%') < 0 {
		return
	}
	dec, err := url.PathUnescape(p)
	if err != nil {
		return
	}
	u.Path = dec
	if u.EscapedPath() != p {
		u.RawPath = p
	}
}

// stripSegments removes prefix from the front of u's path if it matches whole
// segments.
func stripSegments(u *url.URL, prefix string) {
	rest, ok := cutSegments(u.Path, prefix)
	if !ok {
		return
	}
	u.Path = rest
	if u.RawPath != "" {
		if raw, ok := cutSegments(u.RawPath, prefix); ok {
			u.RawPath = raw
		} else {
			u.RawPath = ""
		}
	}
}

func cutSegments(p, prefix string) (string, bool) {
	if len(prefix) < 2 || !strings.HasPrefix(p, prefix) {
		return p, false
	}
	rest := p[len(prefix):]
	switch {
	case rest == "":
		return "/", true
	case rest[0] == '/':
		return rest, true
	}
	return p, false
}

// remoteAddr formats a client IP the way net/http's RemoteAddr looks
// ("ip:port"); the port is unknown and given as 0. Values that are not IP
// addresses are kept as they are.
func remoteAddr(ip string) string {
	a, err := netip.ParseAddr(ip)
	switch {
	case ip == "":
		return ""
	case err != nil:
		return ip
	case a.Is6() && !a.Is4In6():
		return "[" + ip + "]:0"
	}
	return ip + ":0"
}

// lastForwardedFor returns the last X-Forwarded-For entry: the address of
// the peer the load balancer saw (earlier entries are the client's claims).
func lastForwardedFor(h http.Header) string {
	v := h["X-Forwarded-For"]
	if len(v) == 0 {
		return ""
	}
	last := v[len(v)-1]
	if i := strings.LastIndexByte(last, ','); i >= 0 {
		last = last[i+1:]
	}
	return strings.TrimSpace(last)
}

// scheme is X-Forwarded-Proto when it says http or https, else https: every
// supported source terminates TLS unless told otherwise.
func scheme(h http.Header) string {
	if v := h["X-Forwarded-Proto"]; len(v) > 0 {
		p := strings.TrimSpace(v[0])
		if i := strings.IndexByte(p, ','); i >= 0 {
			p = strings.TrimSpace(p[:i])
		}
		if strings.EqualFold(p, "http") {
			return "http"
		}
	}
	return "https"
}

// canonicalKey is textproto.CanonicalMIMEHeaderKey without an allocation for
// names that are already canonical or common.
func canonicalKey(s string) string {
	upper, canonical := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isTokenByte(c) {
			return s
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
		}
		upper = c == '-'
	}
	if canonical {
		return s
	}
	var buf [48]byte
	if len(s) > len(buf) {
		return textproto.CanonicalMIMEHeaderKey(s)
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
		return k
	}
	return string(b)
}

func isTokenByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
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

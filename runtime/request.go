package lambdahttp

import (
	"encoding/base64"
	"net"
	"net/http"
	"net/netip"
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
	var b strings.Builder
	b.Grow(64)
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		if escape {
			writeQueryEscape(&b, k)
			b.WriteByte('=')
			writeQueryEscape(&b, v)
		} else {
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(v)
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
	return b.String()
}

// writeQueryEscape writes s escaped as url.QueryEscape would.
func writeQueryEscape(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			continue
		}
		b.WriteString(s[start:i])
		if c == ' ' {
			b.WriteByte('+')
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
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
		dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(raw)))
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

// setPath fills URL.Path and URL.RawPath. API Gateway HTTP APIs deliver the
// path already decoded; REST APIs, ALB and function URLs deliver it as the
// client sent it, percent-encoded. It reports false for an encoded path that
// does not decode, which net/http's server answers with 400; the path is
// then kept literally so that the request is still usable for logging.
func setPath(u *url.URL, p string, encoded bool) bool {
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	u.Path, u.RawPath = p, ""
	if !encoded || strings.IndexByte(p, '%') < 0 {
		return true
	}
	dec, err := url.PathUnescape(p)
	if err != nil {
		return false
	}
	u.Path = dec
	if u.EscapedPath() != p {
		u.RawPath = p
	}
	return true
}

// stripSegments removes prefix from the front of u's path if it matches whole
// segments, and reports whether it did.
func stripSegments(u *url.URL, prefix string) bool {
	rest, ok := cutSegments(u.Path, prefix)
	if !ok {
		return false
	}
	u.Path = rest
	if u.RawPath != "" {
		if raw, ok := cutSegments(u.RawPath, prefix); ok {
			u.RawPath = raw
		} else {
			u.RawPath = ""
		}
	}
	return true
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
// ("ip:port", with IPv6 in brackets, so that net.SplitHostPort takes it
// apart); the port is unknown and given as 0. Values that are not IP
// addresses are kept as they are.
func remoteAddr(ip string) string {
	if _, err := netip.ParseAddr(ip); err != nil {
		return ip
	}
	return net.JoinHostPort(ip, "0")
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

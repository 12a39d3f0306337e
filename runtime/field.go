package lambdahttp

import "net/http"

// HTTP field syntax, with the rules net/http applies (its vendored
// golang.org/x/net/http/httpguts): a request whose header net/http's server
// would refuse is refused here too, and response headers are cleaned the way
// its header writer cleans them. An event's headers are JSON strings, so
// nothing on the way to the adapter has enforced HTTP's line syntax, and a
// CR or LF that reaches a handler or a proxy response could split a header
// wherever the value is written out again.

// tokenTable marks the bytes allowed in a token (RFC 9110 tchar), the
// syntax of header names and methods.
var tokenTable = [256]bool{
	'!': true, '#': true, '$': true, '%': true, '&': true, '\'': true, '*': true,
	'+': true, '-': true, '.': true, '^': true, '_': true, '`': true, '|': true, '~': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true, 'H': true, 'I': true,
	'J': true, 'K': true, 'L': true, 'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true,
	'S': true, 'T': true, 'U': true, 'V': true, 'W': true, 'X': true, 'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true,
	'j': true, 'k': true, 'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true,
	's': true, 't': true, 'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
}

func isTokenByte(c byte) bool { return tokenTable[c] }

// validFieldName is httpguts.ValidHeaderFieldName: a non-empty token.
func validFieldName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenTable[s[i]] {
			return false
		}
	}
	return true
}

// validFieldValue is httpguts.ValidHeaderFieldValue: no control bytes but
// space and tab (bytes of 0x80 and above are allowed). Values are long
// (tokens, cookies), so eight bytes are tested at a time for any byte below
// 0x20 or equal to 0x7f, and only a word with a hit is looked at closely.
func validFieldValue(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load8(s, i)
		if hasBelow(w, 0x20) || hasBelow(w^(lo8*0x7f), 1) {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

const lo8, hi8 = 0x0101010101010101, 0x8080808080808080

// load8 reads s[i:i+8] as a little-endian word.
func load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// hasBelow reports whether a byte of w is below n, for n up to 0x80 (the
// has-less-than trick from the bit-twiddling collections). A hit may also
// mark bytes above a real one, so callers look again byte by byte.
func hasBelow(w uint64, n byte) bool {
	return (w-lo8*uint64(n))&^w&hi8 != 0
}

// validHost is httpguts.ValidHostHeader: only bytes that can appear in a
// host name, IP literal or port.
func validHost(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hostTable[s[i]] {
			return false
		}
	}
	return true
}

var hostTable = func() (t [256]bool) {
	for _, c := range []byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!$%&()*+,-.:;=[']_~") {
		t[c] = true
	}
	return t
}()

// sanitizeHeader cleans a response header as net/http's Header.Write does
// before it puts it on the wire: names that are not tokens are dropped
// (there is no way to report the error to the handler), CR and LF in values
// become spaces and surrounding white space is trimmed. A clean header is
// only read; a changed value gets a new slice, since the handler may share
// its slices with other responses.
func sanitizeHeader(h http.Header) {
	for k, vs := range h {
		if !validFieldName(k) {
			delete(h, k)
			continue
		}
		if c, changed := cleanValues(vs); changed {
			h[k] = c
		}
	}
}

// cleanValues returns vs with every value cleaned by cleanFieldValue: vs
// itself when nothing needed cleaning, else a copy.
func cleanValues(vs []string) (_ []string, copied bool) {
	for i, v := range vs {
		clean, ok := cleanFieldValue(v)
		if ok {
			continue
		}
		if !copied {
			vs, copied = append([]string(nil), vs...), true
		}
		vs[i] = clean
	}
	return vs, copied
}

// cleanFieldValue returns v with CR and LF replaced by spaces and leading
// and trailing white space removed, and whether v was already like that.
func cleanFieldValue(v string) (string, bool) {
	if v == "" {
		return v, true
	}
	if !isASCIISpace(v[0]) && !isASCIISpace(v[len(v)-1]) && !hasCRLF(v) {
		return v, true
	}
	b := []byte(v)
	for i, c := range b {
		if c == '\r' || c == '\n' {
			b[i] = ' '
		}
	}
	for len(b) > 0 && isASCIISpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isASCIISpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return string(b), false
}

func hasCRLF(v string) bool {
	i := 0
	for ; i+8 <= len(v); i += 8 {
		if hasBelow(load8(v, i), '\r'+1) {
			break
		}
	}
	for ; i < len(v); i++ {
		if v[i] == '\r' || v[i] == '\n' {
			return true
		}
	}
	return false
}

// isASCIISpace is what textproto.TrimString trims.
func isASCIISpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

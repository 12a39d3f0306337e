package lambdahttp

import (
	"encoding/binary"
	"strconv"
)

// scanner is a forward-only reader over one JSON document. It decodes only
// what the adapter asks for and skips everything else without building
// values, which is where most of the time goes in a reflection-based decode
// of a proxy event.
//
// Strings without escapes are returned as substrings of s, a single copy of
// the payload made once per event, so they cost no allocation and stay valid
// after the Lambda runtime reuses its payload buffer.
//
// Errors are sticky: after the first one every method returns zero values and
// the position moves to the end, so callers check err once at the end.
type scanner struct {
	b   []byte
	s   string
	i   int
	err error
}

// SyntaxError reports malformed JSON in an event payload.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "lambdahttp: malformed event JSON at offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

func (sc *scanner) fail(msg string) {
	if sc.err == nil {
		sc.err = &SyntaxError{Offset: sc.i, Msg: msg}
	}
	sc.i = len(sc.b)
}

// peek skips white space and returns the next byte, or 0 at the end.
func (sc *scanner) peek() byte {
	for sc.i < len(sc.b) {
		switch c := sc.b[sc.i]; c {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return c
		}
	}
	return 0
}

// more drives iteration over an object or array: it consumes the separator
// before every element but the first (n counts them) and the closing byte,
// returning false at the end or on error.
func (sc *scanner) more(n *int, closing byte) bool {
	c := sc.peek()
	if c == closing {
		sc.i++
		return false
	}
	if c == 0 {
		sc.fail("unexpected end of input")
		return false
	}
	if *n > 0 {
		if c != ',' {
			sc.fail("expected ',' or '" + string(closing) + "'")
			return false
		}
		sc.i++
	}
	*n++
	return sc.err == nil
}

// open consumes '{' or '[' and reports true. For null or a value of another
// type it skips the value and reports false, so a field of an unexpected
// type reads as absent rather than failing the whole event.
func (sc *scanner) open(c byte) bool {
	if sc.peek() == c {
		sc.i++
		return true
	}
	sc.skip()
	return false
}

// key reads an object key and the colon after it. The result is the raw key
// text; keys with escapes are decoded.
func (sc *scanner) key() string {
	if sc.peek() != '"' {
		sc.fail("expected string")
		return ""
	}
	k := sc.str()
	if sc.peek() != ':' {
		sc.fail("expected ':'")
		return ""
	}
	sc.i++
	return k
}

// rawString consumes a string and returns the bounds of its contents and
// whether they contain escapes.
func (sc *scanner) rawString() (start, end int, esc bool) {
	if sc.peek() != '"' {
		sc.fail("expected string")
		return 0, 0, false
	}
	b := sc.b
	i := sc.i + 1
	start = i
	for {
		// Skip eight bytes at a time while none is a quote or backslash.
		for i+8 <= len(b) && !hasQuoteOrBackslash(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		for i < len(b) && b[i] != '"' && b[i] != '\\' {
			i++
		}
		if i >= len(b) {
			sc.fail("unterminated string")
			return 0, 0, false
		}
		if b[i] == '"' {
			sc.i = i + 1
			return start, i, esc
		}
		esc = true
		i += 2
	}
}

// hasQuoteOrBackslash reports whether any byte of w is '"' or '\\', with the
// classic has-zero-byte bit trick applied to w xor each pattern.
func hasQuoteOrBackslash(w uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q := w ^ (lo * '"')
	s := w ^ (lo * '\\')
	return ((q-lo)&^q|(s-lo)&^s)&hi != 0
}

// str reads a string value. null reads as "", and numbers and booleans read
// as their literal text (authorizer contexts carry them); objects and arrays
// are skipped and read as "".
func (sc *scanner) str() string {
	switch c := sc.peek(); {
	case c == '"':
		s, e, esc := sc.rawString()
		if sc.err != nil {
			return ""
		}
		if !esc {
			return sc.s[s:e]
		}
		out, ok := unescape(make([]byte, 0, e-s), sc.b[s:e])
		if !ok {
			sc.i = s
			sc.fail("invalid escape in string")
			return ""
		}
		return string(out)
	case c == '{' || c == '[':
		sc.skip()
		return ""
	default:
		s := sc.i
		sc.scalar()
		if sc.err != nil || sc.s[s:sc.i] == "null" {
			return ""
		}
		return sc.s[s:sc.i]
	}
}

// boolean reads true; anything else (false, null, other types) is false.
func (sc *scanner) boolean() bool {
	if sc.peek() == 't' {
		s := sc.i
		sc.scalar()
		return sc.s[s:sc.i] == "true"
	}
	sc.skip()
	return false
}

// scalar consumes a number or literal.
func (sc *scanner) scalar() {
	s := sc.i
	for sc.i < len(sc.b) {
		switch sc.b[sc.i] {
		case ',', '}', ']', ':', '"', '{', '[', ' ', '\t', '\n', '\r':
			if sc.i == s {
				sc.fail("expected value")
			}
			return
		}
		sc.i++
	}
	if sc.i == s {
		sc.fail("unexpected end of input")
	}
}

// skip consumes one value of any type. It is iterative, so deeply nested
// input cannot exhaust the stack, and it checks structure only as far as
// needed to find the end of the value.
func (sc *scanner) skip() {
	depth := 0
	for sc.err == nil {
		switch c := sc.peek(); c {
		case '"':
			sc.rawString()
		case '{', '[':
			sc.i++
			depth++
			continue
		case '}', ']':
			if depth == 0 {
				sc.fail("unexpected '" + string(c) + "'")
				return
			}
			sc.i++
			depth--
		case ',', ':':
			if depth == 0 {
				sc.fail("unexpected '" + string(c) + "'")
				return
			}
			sc.i++
			continue
		case 0:
			sc.fail("unexpected end of input")
			return
		default:
			sc.scalar()
		}
		if depth == 0 {
			return
		}
	}
}

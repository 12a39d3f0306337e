package contract

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// validJSON reports whether d is one JSON document that every reader
// would read the same way: valid syntax, UTF-8 text, no lone surrogate
// escapes and no member name twice in one object. encoding/json keeps the
// last of two equal names while the checker would see the first, so a
// duplicate is refused rather than guessed at (RFC 7493, I-JSON).
func validJSON(d []byte) bool {
	_, bad := scanJSON(d)
	return bad == scanOK
}

// scanFailure says why a document was refused.
type scanFailure uint8

const (
	scanOK scanFailure = iota
	scanSyntax
	scanDeep
	scanDuplicate
	scanText
)

// scanJSON checks d and returns, for a refused document, the offset of
// the value that is refused (for a duplicate, the repeated member's
// value) and why.
func scanJSON(d []byte) (int, scanFailure) {
	sc := scanner{d: d, dup: -1, text: -1}
	end, ok := sc.value(skipSpace(d, 0), 0)
	switch {
	case sc.deep:
		return end, scanDeep
	case sc.text >= 0:
		return sc.text, scanText
	case !ok || skipSpace(d, end) != len(d):
		return end, scanSyntax
	case sc.dup >= 0:
		return sc.dup, scanDuplicate
	}
	return 0, scanOK
}

// jsonProblem explains a document validJSON refused, as a violation of
// the value named by in and name.
func jsonProblem(d []byte, in, name string) Violation {
	at, why := scanJSON(d)
	v := Violation{In: in, Name: name}
	switch why {
	case scanDeep:
		v.Detail = "nests deeper than " + strconv.Itoa(maxScanDepth) + " levels"
	case scanText:
		v.Detail = "is not valid JSON: a string holds bytes that are not UTF-8 or an unpaired surrogate escape (at byte " + strconv.Itoa(at) + ")"
	case scanDuplicate:
		v.Pointer = pointerTo(d, skipSpace(d, 0), at)
		v.Detail = "repeats a member name that appears earlier in the same object: send each name once"
	default:
		v.Detail = syntaxProblem(d)
	}
	return v
}

const maxScanDepth = 256

type scanner struct {
	d    []byte
	deep bool
	dup  int // offset of the first repeated member's value, or -1
	text int // offset of the first string that is not UTF-8 text, or -1
	// escaped is whether the string str last read held an escape.
	escaped bool
}

func (sc *scanner) value(i, depth int) (end int, ok bool) {
	d := sc.d
	if i >= len(d) {
		return i, false
	}
	switch d[i] {
	case '{', '[':
		if depth >= maxScanDepth {
			sc.deep = true
			return i, false
		}
		return sc.container(i, depth)
	case '"':
		return sc.str(i)
	case 't':
		return i + 4, len(d) >= i+4 && string(d[i:i+4]) == "true"
	case 'f':
		return i + 5, len(d) >= i+5 && string(d[i:i+5]) == "false"
	case 'n':
		return i + 4, len(d) >= i+4 && string(d[i:i+4]) == "null"
	}
	return validNumber(d, i)
}

func (sc *scanner) container(i, depth int) (int, bool) {
	d := sc.d
	closer := byte('}')
	if d[i] == '[' {
		closer = ']'
	}
	// Most objects have few members: their names are compared pairwise in
	// a buffer that stays on the stack. Past that, a set keeps a hostile
	// object with many members from costing quadratic time.
	var small [16]name
	names := small[:0]
	var many map[string]struct{}
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == closer {
		return i + 1, true
	}
	for {
		if closer == '}' {
			if i >= len(d) || d[i] != '"' {
				return i, false
			}
			end, ok := sc.str(i)
			if !ok {
				return end, false
			}
			key := name{i, end, sc.escaped}
			i = skipSpace(d, end)
			if i >= len(d) || d[i] != ':' {
				return i, false
			}
			i = skipSpace(d, i+1)
			if many == nil && len(names) == len(small) {
				many = make(map[string]struct{}, 2*len(small))
				for _, n := range names {
					many[unquoted(d[n.start:n.end])] = struct{}{}
				}
			}
			if many == nil {
				if sc.dup < 0 && repeated(d, names, key) {
					sc.dup = i
				}
				names = append(names, key)
			} else {
				text := unquoted(d[key.start:key.end])
				if _, ok := many[text]; ok && sc.dup < 0 {
					sc.dup = i
				}
				many[text] = struct{}{}
			}
		}
		end, ok := sc.value(i, depth+1)
		if !ok {
			return end, false
		}
		i = skipSpace(d, end)
		if i >= len(d) {
			return i, false
		}
		switch d[i] {
		case ',':
			i = skipSpace(d, i+1)
		case closer:
			return i + 1, true
		default:
			return i, false
		}
	}
}

// plainByte marks the bytes a string holds as they are: printable ASCII
// other than the quote and the backslash. One lookup skips them.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// name is a member name as the document writes it, quotes included.
type name struct {
	start, end int
	escaped    bool
}

// repeated reports whether key names a member that names already holds.
// Names are compared as the strings they denote, so "a" and "\u0061" are
// the same name; only names with escapes need decoding for that.
func repeated(d []byte, names []name, key name) bool {
	k := d[key.start:key.end]
	for _, n := range names {
		if !key.escaped && !n.escaped {
			if string(d[n.start:n.end]) == string(k) {
				return true
			}
			continue
		}
		if unquoted(d[n.start:n.end]) == unquoted(k) {
			return true
		}
	}
	return false
}

// str checks the string at i; escaped tells afterwards whether it held
// an escape.
func (sc *scanner) str(i int) (int, bool) {
	d := sc.d
	sc.escaped = false
	for j := i + 1; j < len(d); j++ {
		if plainByte[d[j]] {
			continue
		}
		switch c := d[j]; {
		case c == '"':
			return j + 1, true
		case c < 0x20:
			return j, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d[j:])
			if r == utf8.RuneError && size == 1 && sc.text < 0 {
				sc.text = i
			}
			j += size - 1
		case c == '\\':
			sc.escaped = true
			j++
			if j >= len(d) {
				return j, false
			}
			switch d[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(d) || !isHex(d[j+1]) || !isHex(d[j+2]) || !isHex(d[j+3]) || !isHex(d[j+4]) {
					return j, false
				}
				if r := hex4(d[j+1 : j+5]); utf16.IsSurrogate(r) {
					// A high surrogate must be followed by an escaped low one.
					if r >= 0xdc00 || j+10 >= len(d) || d[j+5] != '\\' || d[j+6] != 'u' ||
						!isHex(d[j+7]) || !isHex(d[j+8]) || !isHex(d[j+9]) || !isHex(d[j+10]) ||
						!(0xdc00 <= hex4(d[j+7:j+11]) && hex4(d[j+7:j+11]) < 0xe000) {
						if sc.text < 0 {
							sc.text = i
						}
					} else {
						j += 6
					}
				}
				j += 4
			default:
				return j, false
			}
		}
	}
	return len(d), false
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a':
			r = r<<4 | rune(c-'a'+10)
		default:
			r = r<<4 | rune(c-'A'+10)
		}
	}
	return r
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// validNumber follows JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(d []byte, i int) (int, bool) {
	digits := func(j int) int {
		for j < len(d) && '0' <= d[j] && d[j] <= '9' {
			j++
		}
		return j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(i)
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

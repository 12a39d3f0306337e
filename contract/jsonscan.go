package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The walkers below (skipValue, eachMember, eachElement) run on documents
// validJSON has accepted, so they never handle a syntax error: they only
// find where values end.

func skipSpace(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the offset just past the value starting at i.
func skipValue(d []byte, i int) int {
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(d); j++ {
			switch d[j] {
			case '"':
				j = skipString(d, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(d)
	}
	j := i
	for j < len(d) {
		switch d[j] {
		case ' ', '\t', '\r', '\n', ',', ']', '}':
			return j
		}
		j++
	}
	return j
}

func skipString(d []byte, i int) int {
	for j := i + 1; j < len(d); j++ {
		switch d[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(d)
}

// eachMember calls fn with each key (still quoted) of the object at i and
// the offset of its value; fn returns where the value ends. eachMember
// returns where the object ends.
func eachMember(d []byte, i int, fn func(key []byte, v int) int) int {
	j := skipSpace(d, i+1)
	for j < len(d) && d[j] != '}' {
		kEnd := skipString(d, j)
		v := skipSpace(d, kEnd)
		v = skipSpace(d, v+1) // past ':'
		j = skipSpace(d, fn(d[j:kEnd], v))
		if j < len(d) && d[j] == ',' {
			j = skipSpace(d, j+1)
		}
	}
	return j + 1
}

// eachElement calls fn with the offset of each element of the array at i;
// fn returns where the element ends. eachElement returns where the array
// ends.
func eachElement(d []byte, i int, fn func(v int) int) int {
	j := skipSpace(d, i+1)
	for j < len(d) && d[j] != ']' {
		j = skipSpace(d, fn(j))
		if j < len(d) && d[j] == ',' {
			j = skipSpace(d, j+1)
		}
	}
	return j + 1
}

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
			switch {
			case many != nil:
				text := unquoted(d[key.start:key.end])
				if _, ok := many[text]; ok && sc.dup < 0 {
					sc.dup = i
				}
				many[text] = struct{}{}
			case len(names) == len(small):
				many = make(map[string]struct{}, 2*len(small))
				for _, n := range names {
					many[unquoted(d[n.start:n.end])] = struct{}{}
				}
				text := unquoted(d[key.start:key.end])
				if _, ok := many[text]; ok && sc.dup < 0 {
					sc.dup = i
				}
				many[text] = struct{}{}
			default:
				if sc.dup < 0 && repeated(d, names, key) {
					sc.dup = i
				}
				names = append(names, key)
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

// pointerTo finds the JSON pointer, relative to the value at i, of the
// value that starts at offset target.
func pointerTo(d []byte, i, target int) string {
	if i == target || i >= len(d) {
		return ""
	}
	var found string
	switch d[i] {
	case '{':
		eachMember(d, i, func(key []byte, v int) int {
			end := skipValue(d, v)
			if found == "" && target >= v && target < end {
				found = "/" + escapeToken(unquoted(key)) + pointerTo(d, v, target)
			}
			return end
		})
	case '[':
		n := 0
		eachElement(d, i, func(v int) int {
			end := skipValue(d, v)
			if found == "" && target >= v && target < end {
				found = "/" + strconv.Itoa(n) + pointerTo(d, v, target)
			}
			n++
			return end
		})
	}
	return found
}

// syntaxProblem explains why a document is not JSON, with the offset.
func syntaxProblem(d []byte) string {
	var v any
	err := json.Unmarshal(d, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "is not valid JSON: " + se.Error() + " (at byte " + strconv.FormatInt(se.Offset, 10) + ")"
	}
	if err != nil {
		return "is not valid JSON: " + err.Error()
	}
	return "is not valid JSON"
}

// describe names a value's type, with a short excerpt of scalars, for
// messages such as `want integer, got string "abc"`.
func describe(raw []byte, k Type) string {
	switch k {
	case TypeObject:
		return "object"
	case TypeArray:
		return "array"
	case TypeNull:
		return "null"
	}
	return k.String() + " " + excerpt(raw)
}

func excerpt(raw []byte) string {
	const max = 40
	if len(raw) <= max {
		return string(raw)
	}
	return string(raw[:max]) + "…"
}

// inEnum compares strings by their text and numbers by their value; other
// values by their compact JSON.
func inEnum(s *Schema, raw []byte, k Type) bool {
	switch k {
	case TypeString:
		v := unquoted(raw)
		for _, e := range s.EnumStrings {
			if e == v {
				return true
			}
		}
		return false
	case TypeInteger, TypeNumber:
		f, err := strconv.ParseFloat(string(raw), 64)
		for _, e := range s.EnumOther {
			if g, err2 := strconv.ParseFloat(e, 64); err == nil && err2 == nil && f == g {
				return true
			}
		}
		return false
	}
	c := compact(raw)
	for _, e := range s.EnumOther {
		if e == c {
			return true
		}
	}
	return false
}

func enumList(s *Schema) string {
	var parts []string
	for _, e := range s.EnumStrings {
		parts = append(parts, strconv.Quote(e))
	}
	parts = append(parts, s.EnumOther...)
	if len(parts) == 0 {
		return "nothing (the schema accepts no value)"
	}
	return strings.Join(parts, ", ")
}

func compact(raw []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return string(raw)
	}
	return buf.String()
}

// duplicate finds two equal items among the array elements starting at
// the given offsets; objects are compared by their canonical JSON.
func duplicate(d []byte, starts []int) (int, int, bool) {
	keys := make(map[string]int, len(starts))
	for i, st := range starts {
		raw := d[st:skipValue(d, st)]
		var k string
		switch raw[0] {
		case '"':
			k = "s" + unquoted(raw)
		case '{', '[':
			var v any
			_ = json.Unmarshal(raw, &v)
			b, _ := json.Marshal(v)
			k = "j" + string(b)
		case 't', 'f', 'n':
			k = string(raw)
		default:
			f, _ := strconv.ParseFloat(string(raw), 64)
			k = "n" + strconv.FormatFloat(f, 'g', -1, 64)
		}
		if j, ok := keys[k]; ok {
			return j, i, true
		}
		keys[k] = i
	}
	return 0, 0, false
}

package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
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

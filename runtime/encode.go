package lambdahttp

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The response envelopes are written by hand with append: their shape is
// fixed and small, and reflection-based encoding of a struct holding header
// maps costs more than the rest of the invocation.

// response is the handler's result as it will be encoded.
type response struct {
	status int
	header http.Header
	body   []byte
	base64 bool
	keys   []string // header names, sorted so the output is deterministic
}

func (r *response) sortKeys() {
	r.keys = r.keys[:0]
	for k := range r.header {
		r.keys = append(r.keys, k)
	}
	slices.Sort(r.keys)
}

// sizeHint estimates the encoded size so the output is allocated once.
func (r *response) sizeHint() int {
	n := 128
	for k, vs := range r.header {
		for _, v := range vs {
			n += len(k) + len(v) + 8
		}
	}
	if r.base64 {
		return n + base64.StdEncoding.EncodedLen(len(r.body))
	}
	return n + len(r.body) + len(r.body)/8
}

func appendStatus(dst []byte, status int) []byte {
	dst = append(dst, `{"statusCode":`...)
	return strconv.AppendInt(dst, int64(status), 10)
}

// appendBodyFields writes the closing "body" and "isBase64Encoded" fields.
func appendBodyFields(dst []byte, r *response) []byte {
	dst = append(dst, `,"body":`...)
	if r.base64 {
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, r.body)
		dst = append(dst, `","isBase64Encoded":true}`...)
		return dst
	}
	dst = appendJSONString(dst, r.body, false)
	return append(dst, `,"isBase64Encoded":false}`...)
}

// appendHeaderMap writes name: value pairs. With multi false it writes the
// names that have exactly one value (or, with join, every name with its
// values joined by commas); with multi true it writes name: [values] for the
// names with more than one value (or every name, with all).
func appendHeaderMap(dst []byte, r *response, skip string, multi, all, join bool) []byte {
	dst = append(dst, '{')
	first := true
	for _, k := range r.keys {
		vs := r.header[k]
		if k == skip || len(vs) == 0 {
			continue
		}
		if !all && (len(vs) > 1) != multi {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendJSONString(dst, k, true)
		dst = append(dst, ':')
		switch {
		case multi:
			dst = appendStringList(dst, vs)
		case join && len(vs) > 1:
			dst = append(dst, '"')
			for i, v := range vs {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = appendEscaped(dst, v, true)
			}
			dst = append(dst, '"')
		default:
			dst = appendJSONString(dst, vs[0], true)
		}
	}
	return append(dst, '}')
}

func appendStringList(dst []byte, vs []string) []byte {
	dst = append(dst, '[')
	for i, v := range vs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, v, true)
	}
	return append(dst, ']')
}

// appendJSONString writes s as a JSON string. checkUTF8 replaces invalid
// UTF-8 with U+FFFD as encoding/json does; bodies are validated before they
// get here and skip that work.
func appendJSONString[T string | []byte](dst []byte, s T, checkUTF8 bool) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s, checkUTF8)
	return append(dst, '"')
}

// appendEscaped writes the contents of a JSON string, without the quotes.
func appendEscaped[T string | []byte](dst []byte, s T, checkUTF8 bool) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			if !checkUTF8 {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		i++
		start = i
	}
	return append(dst, s[start:]...)
}

package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// isJSON says whether src is to be read as JSON: a .json file, or content
// whose first byte is {. YAML reads most JSON, but not all of it.
func isJSON(path string, src []byte) bool {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(src, utf8BOM), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

var utf8BOM = []byte("\xef\xbb\xbf")

// fromJSON checks src as JSON and returns bytes that YAML, and therefore
// kin-openapi's origin-recording loader, reads to the same values, with
// every token on the same line and, but for a raw U+2028 earlier on its
// line, the same column. Only strings YAML would misread are rewritten:
// \/ and surrogate-pair escapes, which YAML does not know, and raw U+0085,
// U+2028 and U+2029, which YAML takes for line breaks. A rewrite that comes
// out shorter is padded with spaces after the closing quote.
func fromJSON(path string, src []byte) ([]byte, *Problem) {
	src = bytes.TrimPrefix(src, utf8BOM)
	if off, msg := checkJSON(src); msg != "" {
		line, col := lineCol(src, off)
		return nil, &Problem{File: path, Line: line, Column: col, Class: Unreadable, Message: "invalid JSON: " + msg}
	}
	if !utf8.Valid(src) {
		line, col := lineCol(src, invalidUTF8(src))
		return nil, &Problem{File: path, Line: line, Column: col, Class: Unreadable, Message: "invalid JSON: bytes that are not UTF-8 (want the file saved as UTF-8)"}
	}
	var out bytes.Buffer
	out.Grow(len(src))
	for i := 0; i < len(src); {
		if src[i] != '"' {
			out.WriteByte(src[i])
			i++
			continue
		}
		end := stringEnd(src, i)
		out.Write(yamlSafe(src[i:end]))
		i = end
	}
	return out.Bytes(), nil
}

// checkJSON decodes src fully and returns where and what the first syntax
// error is; msg is empty when src is one valid JSON value.
func checkJSON(src []byte) (off int, msg string) {
	if len(bytes.TrimSpace(src)) == 0 {
		return 0, "the file is empty (want a JSON object with an openapi field)"
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// The decoder counts the offending byte as read.
			return max(int(se.Offset)-1, 0), jsonMessage(se.Error())
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return len(src), "the file ends inside a value (want every {, [ and \" closed)"
		}
		return 0, err.Error()
	}
	end := int(dec.InputOffset())
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		rest := bytes.TrimLeft(src[end:], " \t\r\n")
		return len(src) - len(rest), "more after the document's closing } (want one JSON object per file)"
	}
	return 0, ""
}

// jsonMessage turns the decoder's wording into what to fix.
func jsonMessage(msg string) string {
	if strings.Contains(msg, "in string literal") {
		return msg + " (control characters in strings must be escaped, as \\t or \\u0001)"
	}
	return msg
}

// stringEnd returns the index after the closing quote of the string that
// starts at src[i]; src is valid JSON.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// yamlSafe rewrites one JSON string token, quotes included, if YAML would
// read it differently.
func yamlSafe(tok []byte) []byte {
	if !bytes.Contains(tok, []byte(`\/`)) && !bytes.Contains(tok, []byte(`\u`)) && !bytes.Contains(tok, []byte(`\U`)) &&
		!bytes.ContainsFunc(tok, yamlUnprintable) {
		return tok
	}
	var s string
	if err := json.Unmarshal(tok, &s); err != nil {
		return tok
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || yamlUnprintable(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	out := b.String()
	if n := utf8.RuneCount(tok) - utf8.RuneCountInString(out); n > 0 {
		out += strings.Repeat(" ", n)
	}
	return []byte(out)
}

// yamlUnprintable are the characters JSON takes raw in a string that YAML
// does not: DEL, the C1 controls (DocuSign's mis-encoded apostrophes hold
// U+0080 and U+0099), NEL, the line and paragraph separators and the BOM.
func yamlUnprintable(r rune) bool {
	return r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as YAML's positions are.
func lineCol(src []byte, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(src)
}

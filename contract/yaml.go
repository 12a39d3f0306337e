package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// JSONToYAML writes a JSON document as block-style YAML with the members
// in their JSON order. Every key and string is double-quoted, in the JSON
// escapes that YAML's double-quoted style shares, so nothing is read back
// as another type (no, 1.0, ~). Invalid JSON yields an empty document: the
// input is the generator's own output.
func JSONToYAML(src []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	w := &yamlWriter{dec: dec}
	tok, err := dec.Token()
	if err == nil {
		err = w.value(tok, 0)
	}
	if err != nil {
		return nil
	}
	out := bytes.TrimPrefix(w.b.Bytes(), []byte("\n"))
	out = bytes.TrimPrefix(out, []byte(" "))
	return append(out, '\n')
}

type yamlWriter struct {
	dec *json.Decoder
	b   bytes.Buffer
}

// value writes the value that starts with tok, after a key or a dash;
// members of an object or items of an array go on lines indented by
// indent.
func (w *yamlWriter) value(tok json.Token, indent int) error {
	switch t := tok.(type) {
	case json.Delim:
		empty := !w.dec.More()
		switch {
		case t == '{' && empty:
			w.b.WriteString(" {}")
		case t == '[' && empty:
			w.b.WriteString(" []")
		case t == '{':
			for w.dec.More() {
				k, err := w.dec.Token()
				if err != nil {
					return err
				}
				key, ok := k.(string)
				if !ok {
					return fmt.Errorf("key %v is not a string", k)
				}
				w.newline(indent)
				w.b.WriteString(yamlKey(key))
				w.b.WriteByte(':')
				if err := w.next(indent + 2); err != nil {
					return err
				}
			}
		case t == '[':
			for w.dec.More() {
				w.newline(indent)
				w.b.WriteByte('-')
				if err := w.next(indent + 2); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("unexpected %v", t)
		}
		_, err := w.dec.Token() // the closing delimiter
		return err
	case string:
		w.b.WriteString(" " + yamlQuote(t))
	case json.Number:
		w.b.WriteString(" " + t.String())
	case bool:
		fmt.Fprintf(&w.b, " %t", t)
	case nil:
		w.b.WriteString(" null")
	}
	return nil
}

func (w *yamlWriter) next(indent int) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	return w.value(tok, indent)
}

func (w *yamlWriter) newline(indent int) {
	w.b.WriteByte('\n')
	w.b.WriteString(strings.Repeat(" ", indent))
}

// yamlKey leaves a key that YAML reads as this very string unquoted
// (paths and status codes are quoted), for a document people read.
func yamlKey(k string) string {
	if k == "" || len(k) > 64 {
		return yamlQuote(k)
	}
	for i, c := range []byte(k) {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '.')) {
			return yamlQuote(k)
		}
	}
	switch strings.ToLower(k) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return yamlQuote(k)
	}
	return k
}

// yamlQuote writes s in YAML's double-quoted style. JSON's escapes mean the
// same there; the characters YAML does not allow unescaped (C1 controls,
// the byte-order mark, and U+2028/U+2029, which YAML 1.1 readers take for
// line breaks) are escaped too.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0xfeff || r == 0x2028 || r == 0x2029 || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

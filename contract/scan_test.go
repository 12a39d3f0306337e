package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

var jsonSeeds = []string{
	``, ` `, `{}`, `[]`, `""`, `0`, `-0`, `01`, `1.`, `.5`, `1e`, `1e+`, `1E-7`, `-`, `+1`, `1.5e3`, `true`, `tru`, `nul`, `null `,
	`{"a":1,}`, `[1,]`, `[,1]`, `{"a" 1}`, `{"a":}`, `{a:1}`, `"\u00e9"`, `"\u00g9"`, `"\x"`, "\"\x01\"", `"\/"`, `[[[[]]]]`,
	`{"a":[1,{"b":null}],"c":"d"}`, `{"a":1}{}`, `[1 2]`, `"abc`, `{"a":1`, strings.Repeat("[", 300) + strings.Repeat("]", 300),
	strings.Repeat("[", 300) + strings.Repeat("]", 299), strings.Repeat("[", 256) + strings.Repeat("]", 256),
	strings.Repeat("[", 257) + strings.Repeat("]", 257), "\xff", `"\xff"`, `[1e999]`,
	// One reading only: repeated names, however they are spelled, and text
	// that decodes to something other than what was sent.
	`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":{"a":1},"b":[{"a":1},{"a":2}]}`, `{"kind":"a","x":{"kind":1},"kind":"b"}`,
	`"\ud800"`, `"\udc00"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`, `{"\ud800":1}`, `"\ufffd"`, "\"\xef\xbf\xbd\"",
	manyNames(20, -1), manyNames(20, 3), manyNames(20, 19), manyNames(16, 15), manyNames(17, 16),
}

// manyNames is an object with n members; dup >= 0 repeats the first
// member's name at that position.
func manyNames(n, dup int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		name := fmt.Sprintf("k%d", i)
		if i == dup {
			name = "k0"
		}
		fmt.Fprintf(&b, "%q:%d", name, i)
	}
	b.WriteByte('}')
	return b.String()
}

// strictJSON is the reference for validJSON, built on encoding/json: a
// valid document in UTF-8, nested at most 256 levels, with no name twice
// in one object and no string that decodes to U+FFFD (an unpaired
// surrogate) unless the document itself writes U+FFFD.
func strictJSON(b []byte) bool {
	if !json.Valid(b) || !utf8.Valid(b) {
		return false
	}
	sendsFFFD := bytes.Contains(b, []byte("\uFFFD")) || bytes.Contains(bytes.ToLower(b), []byte(`\ufffd`))
	type level struct {
		object, wantName bool
		names            map[string]bool
	}
	var stack []*level
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		var top *level
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch d := tok.(type) {
		case json.Delim:
			switch d {
			case '{', '[':
				if len(stack) >= 256 {
					return false
				}
				if top != nil && top.object {
					top.wantName = true
				}
				stack = append(stack, &level{object: d == '{', wantName: d == '{', names: map[string]bool{}})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if !sendsFFFD && strings.ContainsRune(d, utf8.RuneError) {
				return false
			}
			if top != nil && top.object && top.wantName {
				if top.names[d] {
					return false
				}
				top.names[d] = true
				top.wantName = false
				continue
			}
		}
		if top != nil && top.object {
			top.wantName = true
		}
	}
}

// TestValidJSONMatchesReference checks the server's own scan against the
// reference on inputs chosen to break one rule each.
func TestValidJSONMatchesReference(t *testing.T) {
	for _, s := range jsonSeeds {
		if got, want := validJSON([]byte(s)), strictJSON([]byte(s)); got != want {
			t.Errorf("validJSON(%q) = %v, the reference says %v", s, got, want)
		}
	}
}

// TestJSONProblemPointsAtTheRepeat checks that a refused duplicate is
// located at its second occurrence.
func TestJSONProblemPointsAtTheRepeat(t *testing.T) {
	for doc, want := range map[string]string{
		`{"kind":"standard","n":1,"kind":"vip"}`: "/kind",
		`{"a":{"b":1,"\u0062":2}}`:               "/a/b",
		manyNames(20, 19):                        "/k0",
	} {
		v := jsonProblem([]byte(doc), "body", "")
		if v.Pointer != want || !strings.Contains(v.Detail, "repeats a member name") {
			t.Errorf("jsonProblem(%s) = %+v, want pointer %s", doc, v, want)
		}
	}
}

// FuzzValidJSON compares the two on whatever the fuzzer finds.
func FuzzValidJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validJSON([]byte(s)), strictJSON([]byte(s)); got != want {
			t.Fatalf("validJSON(%q) = %v, the reference says %v", s, got, want)
		}
	})
}

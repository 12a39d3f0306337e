package api

import (
	"encoding/json"
	"strings"
	"testing"
)

var jsonSeeds = []string{
	``, ` `, `{}`, `[]`, `""`, `0`, `-0`, `01`, `1.`, `.5`, `1e`, `1e+`, `1E-7`, `-`, `+1`, `1.5e3`, `true`, `tru`, `nul`, `null `,
	`{"a":1,}`, `[1,]`, `[,1]`, `{"a" 1}`, `{"a":}`, `{a:1}`, `"\u00e9"`, `"\u00g9"`, `"\x"`, "\"\x01\"", `"\/"`, `[[[[]]]]`,
	`{"a":[1,{"b":null}],"c":"d"}`, `{"a":1}{}`, `[1 2]`, `"abc`, `{"a":1`, strings.Repeat("[", 300) + strings.Repeat("]", 300),
	strings.Repeat("[", 300) + strings.Repeat("]", 299), "\xff", `"\xff"`, `[1e999]`,
}

// TestValidJSONMatchesEncodingJSON checks the server's own syntax check
// against json.Valid on inputs chosen to break one rule each.
func TestValidJSONMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%q) = %v, json.Valid says %v", s, got, want)
		}
	}
}

// FuzzValidJSON compares the two on whatever the fuzzer finds.
func FuzzValidJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", s, got, want)
		}
	})
}

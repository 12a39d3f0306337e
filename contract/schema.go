package contract

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Type is a set of JSON types.
type Type uint8

const (
	TypeString Type = 1 << iota
	TypeInteger
	TypeNumber
	TypeBoolean
	TypeArray
	TypeObject
	TypeNull
)

var kindNames = [...]string{"string", "integer", "number", "boolean", "array", "object", "null"}

// TypeOf is the JSON type a JSON Schema type name stands for, or 0.
func TypeOf(name string) Type {
	for i, n := range kindNames {
		if n == name {
			return 1 << i
		}
	}
	return 0
}

func (k Type) String() string {
	var parts []string
	for i, n := range kindNames {
		if k&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, " or ")
}

// Schema is one compiled JSON Schema; indexes point into Spec.Schemas.
type Schema struct {
	Name             string
	Types            Type
	Nullable         bool
	Format           Format
	HasEnum          bool
	EnumStrings      []string
	EnumOther        []string
	HasMin           bool
	ExclusiveMin     bool
	Min              float64
	HasMax           bool
	ExclusiveMax     bool
	Max              float64
	MultipleOf       float64
	MinLength        int
	HasMaxLength     bool
	MaxLength        int
	Pattern          int
	Items            int
	MinItems         int
	HasMaxItems      bool
	MaxItems         int
	UniqueItems      bool
	Properties       []Property
	Additional       int
	NoAdditional     bool
	MinProperties    int
	HasMaxProperties bool
	MaxProperties    int
	// DependentRequired lists, by property, the names that must come
	// with it (JSON Schema 2020-12).
	DependentRequired []Dependency
	AllOf             []int
	AnyOf             []int
	OneOf             []int
	Not               int
	Discriminator     string
	Mapping           []Mapping
	ReadOnly          bool
	WriteOnly         bool
}

// Property is one named property of an object schema; Properties are
// sorted by name, which findProperty relies on.
type Property struct {
	Name     string
	Schema   int
	Required bool
}

// Mapping ties a discriminator value to the schema it selects.
type Mapping struct {
	Value  string
	Schema int
}

// Limits that keep a hostile document from costing more than it is worth.
const (
	maxDepth      = 64
	maxViolations = 50
)

// direction says whether readOnly (requests) or writeOnly (responses)
// properties are the ones that must not appear.
type direction uint8

const (
	inRequest direction = iota
	inResponse
)

func bound(v float64, exclusive bool, word string) string {
	s := "the " + word + " " + strconv.FormatFloat(v, 'g', -1, 64)
	if exclusive {
		s = "or equal to " + s + " (exclusive)"
	}
	return s
}

// findProperty finds a property by its key as the document spells it;
// keys without escapes are compared in place, without a copy.
func findProperty(props []Property, key []byte) int {
	raw := key
	if len(raw) >= 2 {
		raw = raw[1 : len(raw)-1]
	}
	if bytesContain(raw, '\\') {
		name := unquoted(key)
		raw = []byte(name)
	}
	lo, hi := 0, len(props)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case props[m].Name == string(raw):
			return m
		case props[m].Name < string(raw):
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// foldedProperty finds the property that a key names only when case is
// folded, the way encoding/json matches a key with no exact field (so
// "DISCOUNT" and "ſeats" name "discount" and "seats"); -1 if none.
func foldedProperty(props []Property, key []byte) int {
	k := unquoted(key)
	for i := range props {
		if strings.EqualFold(props[i].Name, k) {
			return i
		}
	}
	return -1
}

// keyIs reports whether a quoted key names name.
func keyIs(key []byte, name string) bool {
	if len(key) >= 2 && !bytesContain(key[1:len(key)-1], '\\') {
		return string(key[1:len(key)-1]) == name
	}
	return unquoted(key) == name
}

func bytesContain(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// unquoted returns the text of a JSON string literal; the common case,
// with no escapes, needs no decoding.
func unquoted(raw []byte) string {
	if len(raw) < 2 {
		return string(raw)
	}
	body := raw[1 : len(raw)-1]
	for _, b := range body {
		if b == '\\' {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				return s
			}
			break
		}
	}
	return string(body)
}

// escapeToken escapes a key for a JSON pointer (RFC 6901).
func escapeToken(key string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

func nameOf(s *Schema, fallback string) string {
	if s.Name != "" {
		return s.Name
	}
	return fallback
}

func (e *Server) altNames(alts []int) string {
	var names []string
	for _, a := range alts {
		if n := e.spec.Schemas[a].Name; n != "" {
			names = append(names, n)
		}
	}
	if len(names) != len(alts) {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}

func mappingList(s *Schema) string {
	vals := make([]string, len(s.Mapping))
	for i, m := range s.Mapping {
		vals[i] = strconv.Quote(m.Value)
	}
	return strings.Join(vals, ", ")
}

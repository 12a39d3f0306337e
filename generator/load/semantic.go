package load

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// semantic finds schemas that are valid OpenAPI but cannot describe any
// value: an enum none of whose members has the schema's type, allOf members
// that give one property two types, and a schema that is nothing but
// composition (allOf, oneOf, anyOf) leading back to itself.
func semantic(path string, doc *openapi3.T) Problems {
	c := &semanticCheck{path: path, seen: map[*openapi3.Schema]bool{}, used: operationSchemas(doc)}
	if doc.Components != nil {
		names := make([]string, 0, len(doc.Components.Schemas))
		for n := range doc.Components.Schemas {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if s := doc.Components.Schemas[n]; s != nil && s.Value != nil {
				if cyclic(s.Value, s.Value, map[*openapi3.Schema]bool{}) {
					c.add(s.Value, Unsatisfiable, fmt.Sprintf("schema %q is built only from itself through allOf, oneOf or anyOf, so no value can match it; put the recursion inside a property or array items", n))
					c.seen[s.Value] = true
					continue
				}
				c.walk(s.Value)
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.Schema != nil {
					c.walk(p.Value.Schema.Value)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				c.content(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					if r.Value != nil {
						c.content(r.Value.Content)
					}
				}
			}
		}
	}
	return c.problems.Sorted()
}

type semanticCheck struct {
	path     string
	seen     map[*openapi3.Schema]bool
	problems Problems
	// used are the schemas some operation's parameters, bodies or
	// responses reach.
	used map[*openapi3.Schema]bool
}

// unmatchable reports a schema no value can match: an error when an
// operation uses it, as every request that carries it would be refused, or
// no answer could be valid; a warning in a component nothing uses.
func (c *semanticCheck) unmatchable(s *openapi3.Schema, msg string) {
	if c.used[s] {
		c.add(s, Unsatisfiable, msg)
		return
	}
	c.add(s, UnsatisfiableUnused, msg+" (no operation uses it, so it is generated as written)")
}

func (c *semanticCheck) add(s *openapi3.Schema, class Class, msg string) {
	p := Problem{File: c.path, Message: msg, Class: class}
	if s.Origin != nil && s.Origin.Key != nil {
		p.Line, p.Column = s.Origin.Key.Line, s.Origin.Key.Column
		if f := s.Origin.Key.File; f != "" {
			p.File = c.path
		}
	}
	c.problems = append(c.problems, p)
}

func (c *semanticCheck) content(ct openapi3.Content) {
	for _, mt := range ct {
		if mt != nil && mt.Schema != nil {
			c.walk(mt.Schema.Value)
		}
	}
}

func (c *semanticCheck) walk(s *openapi3.Schema) {
	if s == nil || c.seen[s] {
		return
	}
	c.seen[s] = true
	c.enum(s)
	c.allOf(s)
	for _, ref := range append(append(append(openapi3.SchemaRefs{}, s.AllOf...), s.OneOf...), s.AnyOf...) {
		if ref != nil {
			c.walk(ref.Value)
		}
	}
	for _, ref := range s.Properties {
		if ref != nil {
			c.walk(ref.Value)
		}
	}
	if s.Items != nil {
		c.walk(s.Items.Value)
	}
}

// enum refuses an enum none of whose members has the schema's type, and
// warns about each member of another type in an enum that has some of the
// right type. Mixed enums are a known idiom that generators coerce; the
// stray members are dropped from the model, which would otherwise use the
// first member as a test sample the validator refuses.
func (c *semanticCheck) enum(s *openapi3.Schema) {
	if s.Type == nil || len(s.Type.Slice()) != 1 || len(s.Enum) == 0 {
		return
	}
	want := s.Type.Slice()[0]
	var good, bad []any
	for _, v := range s.Enum {
		if jsonTypeIs(v, want) || v == nil && (s.Nullable || s.Type.Includes("null")) {
			good = append(good, v)
		} else {
			bad = append(bad, v)
		}
	}
	if len(bad) == 0 {
		return
	}
	if len(good) == 0 {
		js, _ := json.Marshal(bad[0])
		if how := coerceEnum(s, want); how != "" {
			c.add(s, EnumMemberType, fmt.Sprintf("no enum value is of the schema's type %s (the first is %s); %s", want, js, how))
			return
		}
		c.unmatchable(s, fmt.Sprintf("no enum value is of the schema's type %s (the first is %s), so nothing can match; quote or unquote them", want, js))
		return
	}
	for _, v := range bad {
		js, _ := json.Marshal(v)
		c.add(s, EnumMemberType, fmt.Sprintf("enum value %s is not of the schema's type %s, so no value can match it (want it quoted or unquoted to match); left out", js, want))
	}
	s.Enum = good
}

// coerceEnum reads an enum whose members are all of another type the way
// its author plainly meant, and says how, or returns "": numbers written
// as strings ("2") for a number or integer, numbers or booleans unquoted
// for a string, and an array's members' values written on the array
// instead of on its (inline) items.
func coerceEnum(s *openapi3.Schema, want string) string {
	switch want {
	case "number", "integer":
		nums := make([]any, 0, len(s.Enum))
		for _, v := range s.Enum {
			str, ok := v.(string)
			if !ok {
				return ""
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(str), 64)
			if err != nil || !jsonTypeIs(f, want) {
				return ""
			}
			nums = append(nums, f)
		}
		s.Enum = nums
		return "read as the numbers they spell"
	case "string":
		strs := make([]any, 0, len(s.Enum))
		for _, v := range s.Enum {
			switch v.(type) {
			case float64, int, int64, bool:
				js, _ := json.Marshal(v)
				strs = append(strs, string(js))
			default:
				return ""
			}
		}
		s.Enum = strs
		return "read as the strings that spell them"
	case "array":
		items := s.Items
		if items != nil && items.Value != nil && len(items.Value.Enum) > 0 && subset(s.Enum, items.Value.Enum) {
			// Written on both (Dracoon's mustContainCharacters).
			s.Enum = nil
			return "read as its items' enum, which lists them too"
		}
		if items == nil || items.Ref != "" || items.Value == nil || len(items.Value.Enum) > 0 || items.Value.Type == nil || len(items.Value.Type.Slice()) != 1 {
			return ""
		}
		for _, v := range s.Enum {
			if !jsonTypeIs(v, items.Value.Type.Slice()[0]) {
				return ""
			}
		}
		items.Value.Enum, s.Enum = s.Enum, nil
		return "read as the values of its items"
	}
	return ""
}

// subset says whether every value of a is one of b's.
func subset(a, b []any) bool {
	for _, v := range a {
		if !slices.ContainsFunc(b, func(w any) bool { return reflect.DeepEqual(v, w) }) {
			return false
		}
	}
	return true
}

func jsonTypeIs(v any, t string) bool {
	switch x := v.(type) {
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case float64:
		return t == "number" || (t == "integer" && x == float64(int64(x)))
	case int, int64:
		return t == "number" || t == "integer"
	case nil:
		return t == "null"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return true
}

// allOf reports a property that two members of one allOf give different
// single types: no value has both.
func (c *semanticCheck) allOf(s *openapi3.Schema) {
	types := map[string]string{}
	for _, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		names := make([]string, 0, len(m.Value.Properties))
		for n := range m.Value.Properties {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := m.Value.Properties[n]
			if p == nil || p.Value == nil || p.Value.Type == nil || len(p.Value.Type.Slice()) != 1 {
				continue
			}
			t := p.Value.Type.Slice()[0]
			if prev, ok := types[n]; ok && prev != t && !(prev == "number" && t == "integer" || prev == "integer" && t == "number") {
				c.unmatchable(s, fmt.Sprintf("allOf members give property %q the types %s and %s, so no value can match; make them agree", n, prev, t))
				return
			}
			types[n] = t
		}
	}
}

// cyclic reports whether s is nothing but composition that leads back to
// target: every member of its allOf, oneOf and anyOf is target or is itself
// such a schema, and s adds no type, properties, items or enum of its own.
// A schema that also includes other members (allOf: [Base, Self]) still
// describes values and is left alone.
func cyclic(s, target *openapi3.Schema, visiting map[*openapi3.Schema]bool) bool {
	if visiting[s] {
		return false
	}
	visiting[s] = true
	defer delete(visiting, s)
	members := append(append(append(openapi3.SchemaRefs{}, s.AllOf...), s.OneOf...), s.AnyOf...)
	if len(members) == 0 || s.Type != nil || len(s.Properties) > 0 || s.Items != nil || len(s.Enum) > 0 {
		return false
	}
	for _, ref := range members {
		if ref == nil || ref.Value == nil {
			return false
		}
		if ref.Value != target && !cyclic(ref.Value, target, visiting) {
			return false
		}
	}
	return true
}

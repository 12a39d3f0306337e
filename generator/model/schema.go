package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
)

// The schema table is contract.Spec.Schemas, built here as the contract
// package's own values: references between nodes are indexes into it, and
// index 0 is the schema that accepts anything, so a zero index means "no
// constraint".

// compiler turns kin-openapi schemas into the table, sharing one node per
// *openapi3.Schema so that recursive schemas terminate.
type compiler struct {
	schemas    []*contract.Schema
	byPtr      map[*openapi3.Schema]int
	patterns   []string
	patternIdx map[string]int
	unenforced map[string]bool
}

func newCompiler() *compiler {
	return &compiler{
		schemas:    []*contract.Schema{{}},
		byPtr:      map[*openapi3.Schema]int{},
		patternIdx: map[string]int{},
		unenforced: map[string]bool{},
	}
}

// schema compiles ref and returns its index; where names the schema in
// the spec, for the list of keywords the server cannot enforce.
func (c *compiler) schema(ref *openapi3.SchemaRef, where string) int {
	if ref == nil || ref.Value == nil {
		return 0
	}
	s := ref.Value
	if i, ok := c.byPtr[s]; ok {
		return i
	}
	if ref.Ref != "" {
		where = ref.Ref
	}
	index := len(c.schemas)
	out := &contract.Schema{Name: refName(ref.Ref)}
	c.schemas = append(c.schemas, out)
	c.byPtr[s] = index
	if s.Always != nil && !*s.Always {
		out.HasEnum = true // false accepts nothing: an empty enum
		return index
	}
	c.types(out, s)
	out.Format = contract.FormatOf(s.Format)
	c.enum(out, s)
	c.numbers(out, s)
	out.MinLength = clampInt(s.MinLength)
	out.HasMaxLength, out.MaxLength = optInt(s.MaxLength)
	if s.Pattern != "" {
		out.Pattern = c.pattern(s.Pattern)
	}
	out.Items = c.schema(s.Items, where+"/items")
	out.MinItems, out.UniqueItems = clampInt(s.MinItems), s.UniqueItems
	out.HasMaxItems, out.MaxItems = optInt(s.MaxItems)
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		out.Properties = append(out.Properties, contract.Property{Name: name, Schema: c.schema(s.Properties[name], where+"/properties/"+name)})
	}
	c.required(out, s.Required)
	if ap := s.AdditionalProperties; ap.Has != nil && !*ap.Has {
		out.NoAdditional = true
	} else if ap.Schema != nil {
		out.Additional = c.schema(ap.Schema, where+"/additionalProperties")
	}
	for _, name := range slices.Sorted(maps.Keys(s.DependentRequired)) {
		if req := s.DependentRequired[name]; len(req) > 0 {
			out.DependentRequired = append(out.DependentRequired, contract.Dependency{Property: name, Required: req})
		}
	}
	out.MinProperties = clampInt(s.MinProps)
	out.HasMaxProperties, out.MaxProperties = optInt(s.MaxProps)
	out.AllOf = c.list(s.AllOf, where+"/allOf")
	out.AnyOf = c.list(s.AnyOf, where+"/anyOf")
	out.OneOf = c.list(s.OneOf, where+"/oneOf")
	if s.Not != nil {
		out.Not = c.schema(s.Not, where+"/not")
	}
	c.discriminator(out, s)
	out.ReadOnly, out.WriteOnly = s.ReadOnly, s.WriteOnly
	c.noteUnenforced(s, where)
	return index
}

func (c *compiler) list(refs openapi3.SchemaRefs, where string) []int {
	var out []int
	for i, r := range refs {
		out = append(out, c.schema(r, fmt.Sprintf("%s/%d", where, i)))
	}
	return out
}

func (c *compiler) types(out *contract.Schema, s *openapi3.Schema) {
	if s.Type == nil {
		return
	}
	for _, t := range *s.Type {
		out.Types |= contract.TypeOf(t)
	}
	if s.Nullable && out.Types != 0 {
		out.Nullable = true
	}
}

func (c *compiler) enum(out *contract.Schema, s *openapi3.Schema) {
	values := s.Enum
	if s.Const != nil {
		values = []any{s.Const}
	}
	if len(values) == 0 {
		return
	}
	out.HasEnum = true
	for _, v := range values {
		if str, ok := v.(string); ok {
			out.EnumStrings = append(out.EnumStrings, str)
			continue
		}
		out.EnumOther = append(out.EnumOther, compactJSON(v))
	}
}

func (c *compiler) numbers(out *contract.Schema, s *openapi3.Schema) {
	out.HasMin, out.Min = optFloat(s.Min)
	out.HasMax, out.Max = optFloat(s.Max)
	_, out.MultipleOf = optFloat(s.MultipleOf)
	out.ExclusiveMin = s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool
	out.ExclusiveMax = s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool
	// OpenAPI 3.1 gives exclusive bounds as numbers of their own; keep
	// whichever bound is stricter.
	if v := s.ExclusiveMin.Value; v != nil && (s.Min == nil || *v >= *s.Min) {
		out.HasMin, out.Min = optFloat(v)
		out.ExclusiveMin = out.HasMin
	}
	if v := s.ExclusiveMax.Value; v != nil && (s.Max == nil || *v <= *s.Max) {
		out.HasMax, out.Max = optFloat(v)
		out.ExclusiveMax = out.HasMax
	}
}

func (c *compiler) required(out *contract.Schema, required []string) {
	for _, name := range required {
		found := false
		for i := range out.Properties {
			if out.Properties[i].Name == name {
				out.Properties[i].Required, found = true, true
			}
		}
		if !found {
			out.Properties = append(out.Properties, contract.Property{Name: name, Required: true})
		}
	}
	sort.Slice(out.Properties, func(i, j int) bool { return out.Properties[i].Name < out.Properties[j].Name })
}

var unicodeEscapeRE = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

func (c *compiler) pattern(p string) int {
	// \uXXXX is ECMAScript's, and kin-openapi's check reads it as Go's
	// \x{XXXX}; a pattern Go cannot compile at all was a located warning
	// when the spec was loaded, and is not checked.
	p = unicodeEscapeRE.ReplaceAllString(p, `\x{$1}`)
	if _, err := regexp.Compile(p); err != nil {
		return 0
	}
	if i, ok := c.patternIdx[p]; ok {
		return i
	}
	c.patterns = append(c.patterns, p)
	c.patternIdx[p] = len(c.patterns)
	return len(c.patterns)
}

// discriminator resolves the mapping to schema indexes. Without an
// explicit mapping, each alternative is selected by its component name,
// as OpenAPI specifies.
func (c *compiler) discriminator(out *contract.Schema, s *openapi3.Schema) {
	d := s.Discriminator
	alts := append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...)
	if d == nil || d.PropertyName == "" || len(alts) == 0 {
		return
	}
	out.Discriminator = d.PropertyName
	byRef := map[string]int{}
	for _, a := range alts {
		if a.Ref != "" {
			byRef[a.Ref] = c.schema(a, a.Ref)
			byRef[refName(a.Ref)] = byRef[a.Ref]
		}
	}
	seen := map[string]bool{}
	for _, v := range slices.Sorted(maps.Keys(d.Mapping)) {
		target := d.Mapping[v].Ref
		if i, ok := byRef[target]; ok {
			out.Mapping = append(out.Mapping, contract.Mapping{Value: v, Schema: i})
			seen[target] = true
		} else if i, ok := byRef[refName(target)]; ok {
			out.Mapping = append(out.Mapping, contract.Mapping{Value: v, Schema: i})
			seen[refName(target)] = true
		}
	}
	for _, a := range alts {
		name := refName(a.Ref)
		if name == "" || seen[a.Ref] || seen[name] || hasValue(out.Mapping, name) {
			continue
		}
		out.Mapping = append(out.Mapping, contract.Mapping{Value: name, Schema: byRef[a.Ref]})
	}
	sort.Slice(out.Mapping, func(i, j int) bool { return out.Mapping[i].Value < out.Mapping[j].Value })
}

func hasValue(ms []contract.Mapping, v string) bool {
	for _, m := range ms {
		if m.Value == v {
			return true
		}
	}
	return false
}

// noteUnenforced records JSON Schema keywords the generated validator does
// not check, so the generated code can say so instead of pretending.
func (c *compiler) noteUnenforced(s *openapi3.Schema, where string) {
	for kw, set := range map[string]bool{
		"prefixItems":           len(s.PrefixItems) > 0,
		"contains":              s.Contains != nil,
		"patternProperties":     len(s.PatternProperties) > 0,
		"dependentSchemas":      len(s.DependentSchemas) > 0,
		"propertyNames":         s.PropertyNames != nil,
		"if":                    s.If != nil,
		"unevaluatedItems":      s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil,
		"unevaluatedProperties": s.UnevaluatedProperties.Has != nil || s.UnevaluatedProperties.Schema != nil,
	} {
		if set {
			c.unenforced[where+": "+kw] = true
		}
	}
}

func refName(ref string) string {
	if ref == "" {
		return ""
	}
	return ref[strings.LastIndex(ref, "/")+1:]
}

// optFloat is a bound the table can hold: a float64 that is a number.
func optFloat(f *float64) (bool, float64) {
	if f == nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		return false, 0
	}
	return true, *f
}

// optInt is an optional count, clamped to what the server's int holds.
func optInt(u *uint64) (bool, int) {
	if u == nil {
		return false, 0
	}
	return true, clampInt(*u)
}

func clampInt(u uint64) int {
	if u > math.MaxInt {
		return math.MaxInt
	}
	return int(u)
}

// compactJSON is the canonical text the server compares enum members
// with: no spaces, object keys sorted, no HTML escaping.
func compactJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "null"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Schema is one node of the compiled schema table the generated server
// validates against. References between nodes are indexes into
// Rules.Schemas; index 0 is the schema that accepts anything, so a zero
// index means "no constraint".
type Schema struct {
	Index int
	// Name is the component name, for messages ("Pet"), or "".
	Name string
	// Types are the type constants the value may have (typeString, ...);
	// none means any type.
	Types []string
	// Nullable is set when null is allowed by OpenAPI 3.0's nullable; null
	// then skips every other keyword.
	Nullable bool
	// Format is the format constant (formatDate, ...) or "".
	Format string
	// EnumStrings are the allowed string values; EnumOther the other
	// allowed values as compact JSON.
	EnumStrings []string
	EnumOther   []string
	HasEnum     bool

	Min, Max, MultipleOf       string // Go float literals, "" when absent
	ExclusiveMin, ExclusiveMax bool
	MinLength                  uint64
	MaxLength                  string // "" when absent
	Pattern                    int    // 1-based index into Rules.Patterns
	Items                      int
	MinItems                   uint64
	MaxItems                   string
	UniqueItems                bool
	Properties                 []Property
	// Additional is the additionalProperties schema; NoAdditional is set
	// when additionalProperties is false.
	Additional    int
	NoAdditional  bool
	MinProperties uint64
	MaxProperties string
	AllOf         []int
	AnyOf         []int
	OneOf         []int
	Not           int
	// Discriminator is the property that picks a oneOf/anyOf alternative,
	// and Mapping its values, sorted.
	Discriminator string
	Mapping       []Mapping
	ReadOnly      bool
	WriteOnly     bool
}

// Property is one named property of an object schema.
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

// compiler turns kin-openapi schemas into the table, sharing one node per
// *openapi3.Schema so that recursive schemas terminate.
type compiler struct {
	schemas    []*Schema
	byPtr      map[*openapi3.Schema]int
	patterns   []string
	patternIdx map[string]int
	unenforced map[string]bool
}

func newCompiler() *compiler {
	return &compiler{
		schemas:    []*Schema{{Index: 0}},
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
	out := &Schema{Index: len(c.schemas), Name: refName(ref.Ref)}
	c.schemas = append(c.schemas, out)
	c.byPtr[s] = out.Index
	if s.Always != nil && !*s.Always {
		out.HasEnum = true // false accepts nothing: an empty enum
		return out.Index
	}
	c.types(out, s)
	out.Format = formatConst(s.Format)
	c.enum(out, s)
	c.numbers(out, s)
	out.MinLength = s.MinLength
	out.MaxLength = uintLit(s.MaxLength)
	if s.Pattern != "" {
		out.Pattern = c.pattern(s.Pattern)
	}
	out.Items = c.schema(s.Items, where+"/items")
	out.MinItems, out.MaxItems, out.UniqueItems = s.MinItems, uintLit(s.MaxItems), s.UniqueItems
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		out.Properties = append(out.Properties, Property{Name: name, Schema: c.schema(s.Properties[name], where+"/properties/"+name)})
	}
	c.required(out, s.Required)
	if ap := s.AdditionalProperties; ap.Has != nil && !*ap.Has {
		out.NoAdditional = true
	} else if ap.Schema != nil {
		out.Additional = c.schema(ap.Schema, where+"/additionalProperties")
	}
	out.MinProperties, out.MaxProperties = s.MinProps, uintLit(s.MaxProps)
	out.AllOf = c.list(s.AllOf, where+"/allOf")
	out.AnyOf = c.list(s.AnyOf, where+"/anyOf")
	out.OneOf = c.list(s.OneOf, where+"/oneOf")
	if s.Not != nil {
		out.Not = c.schema(s.Not, where+"/not")
	}
	c.discriminator(out, s)
	out.ReadOnly, out.WriteOnly = s.ReadOnly, s.WriteOnly
	c.noteUnenforced(s, where)
	return out.Index
}

func (c *compiler) list(refs openapi3.SchemaRefs, where string) []int {
	var out []int
	for i, r := range refs {
		out = append(out, c.schema(r, fmt.Sprintf("%s/%d", where, i)))
	}
	return out
}

func (c *compiler) types(out *Schema, s *openapi3.Schema) {
	if s.Type == nil {
		return
	}
	for _, t := range *s.Type {
		if k := typeConst(t); k != "" {
			out.Types = append(out.Types, k)
		}
	}
	if s.Nullable && len(out.Types) > 0 {
		out.Nullable = true
	}
	sort.Strings(out.Types)
}

func (c *compiler) enum(out *Schema, s *openapi3.Schema) {
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

func (c *compiler) numbers(out *Schema, s *openapi3.Schema) {
	out.Min, out.Max, out.MultipleOf = floatLit(s.Min), floatLit(s.Max), floatLit(s.MultipleOf)
	out.ExclusiveMin = s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool
	out.ExclusiveMax = s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool
	// OpenAPI 3.1 gives exclusive bounds as numbers of their own; keep
	// whichever bound is stricter.
	if v := s.ExclusiveMin.Value; v != nil && (s.Min == nil || *v >= *s.Min) {
		out.Min, out.ExclusiveMin = floatLit(v), true
	}
	if v := s.ExclusiveMax.Value; v != nil && (s.Max == nil || *v <= *s.Max) {
		out.Max, out.ExclusiveMax = floatLit(v), true
	}
}

func (c *compiler) required(out *Schema, required []string) {
	for _, name := range required {
		found := false
		for i := range out.Properties {
			if out.Properties[i].Name == name {
				out.Properties[i].Required, found = true, true
			}
		}
		if !found {
			out.Properties = append(out.Properties, Property{Name: name, Required: true})
		}
	}
	sort.Slice(out.Properties, func(i, j int) bool { return out.Properties[i].Name < out.Properties[j].Name })
}

func (c *compiler) pattern(p string) int {
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
func (c *compiler) discriminator(out *Schema, s *openapi3.Schema) {
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
			out.Mapping = append(out.Mapping, Mapping{Value: v, Schema: i})
			seen[target] = true
		} else if i, ok := byRef[refName(target)]; ok {
			out.Mapping = append(out.Mapping, Mapping{Value: v, Schema: i})
			seen[refName(target)] = true
		}
	}
	for _, a := range alts {
		name := refName(a.Ref)
		if name == "" || seen[a.Ref] || seen[name] || hasValue(out.Mapping, name) {
			continue
		}
		out.Mapping = append(out.Mapping, Mapping{Value: name, Schema: byRef[a.Ref]})
	}
	sort.Slice(out.Mapping, func(i, j int) bool { return out.Mapping[i].Value < out.Mapping[j].Value })
}

func hasValue(ms []Mapping, v string) bool {
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
		"dependentRequired":     len(s.DependentRequired) > 0,
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

func typeConst(t string) string {
	switch t {
	case "string", "integer", "number", "boolean", "array", "object", "null":
		return "type" + strings.ToUpper(t[:1]) + t[1:]
	}
	return ""
}

// formats the generated server checks; others are annotations only.
var knownFormats = map[string]string{
	"date": "formatDate", "date-time": "formatDateTime", "uuid": "formatUUID", "email": "formatEmail",
	"ipv4": "formatIPv4", "ipv6": "formatIPv6", "uri": "formatURI", "hostname": "formatHostname",
	"byte": "formatByte", "int8": "formatInt8", "int16": "formatInt16", "int32": "formatInt32",
	"int64": "formatInt64", "uint8": "formatUint8", "uint16": "formatUint16", "uint32": "formatUint32",
	"uint64": "formatUint64", "time": "formatTime", "float": "formatFloat",
}

func formatConst(f string) string { return knownFormats[f] }

func floatLit(f *float64) string {
	if f == nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		return ""
	}
	s := fmt.Sprintf("%v", *f)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

func uintLit(u *uint64) string {
	if u == nil {
		return ""
	}
	return fmt.Sprint(*u)
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

package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// sampleParam is a value that a parameter's schema accepts.
func sampleParam(p *openapi3.Parameter) (any, string) {
	if p.Example != nil {
		return p.Example, ""
	}
	if p.Schema == nil {
		if _, mt := pickMediaType(p.Content); mt != nil {
			v, skip := sampleSchema(mt.Schema, 0)
			return jsonText{v}, skip
		}
		return "x", ""
	}
	if v := p.Schema.Value; v != nil && v.Type == nil && len(v.Properties) == 0 && len(v.AllOf)+len(v.AnyOf)+len(v.OneOf) == 0 && v.Example == nil && len(v.Enum) == 0 {
		return "sample", "" // any value will do; a string fits every style
	}
	return sampleSchema(p.Schema, 0)
}

// jsonText marks a parameter value sent as JSON (content: application/json).
type jsonText struct{ v any }

// serialize puts a sample value on the wire the way the parameter's style
// says; a query parameter may take several pairs.
func serialize(p *openapi3.Parameter, v any) ([][2]string, string) {
	style, explode := paramStyle(p)
	if j, ok := v.(jsonText); ok {
		b, _ := json.Marshal(j.v)
		return [][2]string{{p.Name, string(b)}}, ""
	}
	scalar := func(x any) (string, bool) {
		switch x.(type) {
		case map[string]any, []any:
			return "", false
		}
		return fmt.Sprint(x), true
	}
	var items []string
	var pairs [][2]string
	isList, isObject := false, false
	switch t := v.(type) {
	case []any:
		isList = true
		for _, e := range t {
			s, ok := scalar(e)
			if !ok {
				return nil, fmt.Sprintf("parameter %q nests arrays or objects; no sample", p.Name)
			}
			items = append(items, s)
		}
	case map[string]any:
		isObject = true
		for _, k := range slices.Sorted(maps.Keys(t)) {
			s, ok := scalar(t[k])
			if !ok {
				return nil, fmt.Sprintf("parameter %q nests arrays or objects; no sample", p.Name)
			}
			pairs = append(pairs, [2]string{k, s})
		}
	default:
		s, _ := scalar(v)
		items = []string{s}
	}
	flat := func(sep, kv string) string {
		if !isObject {
			return strings.Join(items, sep)
		}
		parts := make([]string, 0, 2*len(pairs))
		for _, pr := range pairs {
			if explode {
				parts = append(parts, pr[0]+kv+pr[1])
			} else {
				parts = append(parts, pr[0], pr[1])
			}
		}
		return strings.Join(parts, sep)
	}
	one := func(s string) [][2]string { return [][2]string{{p.Name, s}} }
	switch style {
	case "label":
		if explode {
			return one("." + flat(".", "=")), ""
		}
		return one("." + flat(",", "=")), ""
	case "matrix":
		switch {
		case isList && explode:
			return one(";" + p.Name + "=" + strings.Join(items, ";"+p.Name+"=")), ""
		case isObject && explode:
			return one(";" + flat(";", "=")), ""
		}
		return one(";" + p.Name + "=" + flat(",", "=")), ""
	case "deepObject":
		var out [][2]string
		for _, pr := range pairs {
			out = append(out, [2]string{p.Name + "[" + pr[0] + "]", pr[1]})
		}
		return out, ""
	case "spaceDelimited":
		return one(strings.Join(items, " ")), ""
	case "pipeDelimited":
		return one(strings.Join(items, "|")), ""
	case "form":
		if !explode || p.In == openapi3.ParameterInCookie {
			return one(flat(",", "=")), ""
		}
		if isObject {
			return pairs, ""
		}
		var out [][2]string
		for _, it := range items {
			out = append(out, [2]string{p.Name, it})
		}
		return out, ""
	}
	return one(flat(",", "=")), ""
}

// paramStyle resolves a parameter's style and explode to OpenAPI's
// defaults, as the generated server does.
func paramStyle(p *openapi3.Parameter) (string, bool) {
	style := p.Style
	if style == "" {
		style = "simple"
		if p.In == openapi3.ParameterInQuery || p.In == openapi3.ParameterInCookie {
			style = "form"
		}
	}
	explode := style == "form"
	if p.Explode != nil {
		explode = *p.Explode
	}
	return style, explode
}

// discriminated sets the discriminator property of a sample to the value
// that selects the alternative the sample was made from.
func discriminated(s *openapi3.Schema, alt *openapi3.SchemaRef, v any) any {
	obj, ok := v.(map[string]any)
	if s.Discriminator == nil || !ok {
		return v
	}
	value := refName(alt.Ref)
	for _, k := range slices.Sorted(maps.Keys(s.Discriminator.Mapping)) {
		if m := s.Discriminator.Mapping[k].Ref; m == alt.Ref || refName(m) == refName(alt.Ref) {
			value = k
			break
		}
	}
	obj[s.Discriminator.PropertyName] = value
	return obj
}

// sampleSchema builds the smallest value a schema accepts: required
// properties only, the first enum member, the lower bound of a range. The
// second result says why no trustworthy value exists, if so.
func sampleSchema(ref *openapi3.SchemaRef, depth int) (any, string) {
	if ref == nil || ref.Value == nil {
		return map[string]any{}, ""
	}
	s := ref.Value
	if depth > 8 {
		return nil, "schema nests too deeply for a sample"
	}
	if s.Example != nil {
		return s.Example, ""
	}
	if len(s.Enum) > 0 {
		return s.Enum[0], ""
	}
	if s.Default != nil {
		return s.Default, ""
	}
	if len(s.OneOf) > 0 {
		v, skip := sampleSchema(s.OneOf[0], depth+1)
		return discriminated(s, s.OneOf[0], v), skip
	}
	if len(s.AnyOf) > 0 {
		return sampleSchema(s.AnyOf[0], depth+1)
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		var skip string
		if len(s.Required) > 0 {
			// Properties next to allOf are required too.
			own := *s
			own.AllOf = nil
			if v, why := sampleSchema(&openapi3.SchemaRef{Value: &own}, depth+1); why == "" {
				if m, ok := v.(map[string]any); ok {
					merged = m
				}
			}
		}
		for _, sub := range s.AllOf {
			v, why := sampleSchema(sub, depth+1)
			if why != "" {
				skip = why
			}
			if m, ok := v.(map[string]any); ok {
				for k, x := range m {
					merged[k] = x
				}
			} else {
				return v, why
			}
		}
		return merged, skip
	}
	// A schema of several types (OpenAPI 3.1) takes a value of its first.
	if ts := s.Type.Slice(); len(ts) > 1 {
		for _, t := range ts {
			if t != openapi3.TypeNull {
				own := *s
				own.Type = &openapi3.Types{t}
				return sampleSchema(&openapi3.SchemaRef{Value: &own}, depth+1)
			}
		}
	}
	switch {
	case s.Type.Is("integer"):
		v := int64(1)
		if s.Min != nil {
			v = int64(*s.Min) + 1
		}
		v = int64(multipleAtLeast(float64(v), s.MultipleOf))
		if s.Max != nil && float64(v) >= *s.Max {
			v = int64(*s.Max)
			if s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool {
				v--
			}
		}
		return v, ""
	case s.Type.Is("number"):
		v := 1.5
		if s.Min != nil {
			v = *s.Min + 1
		}
		v = multipleAtLeast(v, s.MultipleOf)
		if s.Max != nil && v >= *s.Max {
			v = *s.Max
			if s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool {
				v -= 0.5
			}
		}
		return v, ""
	case s.Type.Is("boolean"):
		return true, ""
	case s.Type.Is("null") && len(s.Type.Slice()) == 1:
		return nil, ""
	case s.Type.Is("array"):
		n := int(s.MinItems)
		if n == 0 {
			n = 1
		}
		out := make([]any, 0, n)
		var skip string
		for i := 0; i < n; i++ {
			v, why := sampleSchema(s.Items, depth+1)
			if why != "" {
				skip = why
			}
			if s.UniqueItems {
				var ok bool
				if v, ok = distinct(v, i); !ok {
					skip = "uniqueItems with minItems above 1 has no distinct samples"
				}
			}
			out = append(out, v)
		}
		return out, skip
	case s.Type.Is("string"):
		return sampleString(s)
	}
	obj := map[string]any{}
	var skip string
	for _, name := range s.Required {
		v, why := sampleSchema(s.Properties[name], depth+1)
		if why != "" {
			skip = why
		}
		obj[name] = v
	}
	// minProperties counts optional properties too: add them in name order,
	// then members the additionalProperties schema allows.
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		if uint64(len(obj)) >= s.MinProps {
			break
		}
		if p := s.Properties[name]; p != nil && p.Value != nil && p.Value.ReadOnly {
			continue
		}
		if _, ok := obj[name]; !ok {
			v, why := sampleSchema(s.Properties[name], depth+1)
			if why != "" {
				skip = why
			}
			obj[name] = v
		}
	}
	// dependentRequired: a sampled property brings the names it requires,
	// until nothing more is brought in.
	for added := true; added; {
		added = false
		for _, name := range slices.Sorted(maps.Keys(s.DependentRequired)) {
			if _, ok := obj[name]; !ok {
				continue
			}
			for _, r := range s.DependentRequired[name] {
				if _, ok := obj[r]; !ok {
					v, why := sampleSchema(s.Properties[r], depth+1)
					if why != "" {
						skip = why
					}
					obj[r], added = v, true
				}
			}
		}
	}
	for i := 1; uint64(len(obj)) < s.MinProps; i++ {
		if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
			return obj, fmt.Sprintf("minProperties %d is more than the object's properties", s.MinProps)
		}
		v, why := any("sample"), ""
		if s.AdditionalProperties.Schema != nil {
			v, why = sampleSchema(s.AdditionalProperties.Schema, depth+1)
		}
		if why != "" {
			skip = why
		}
		obj[fmt.Sprintf("sample%d", i)] = v
	}
	return obj, skip
}

// multipleAtLeast is the smallest multiple of m (when m > 0) that is not
// below v.
func multipleAtLeast(v float64, m *float64) float64 {
	if m == nil || *m <= 0 {
		return v
	}
	return math.Ceil(v / *m) * *m
}

// distinct makes the i-th sample of an array item differ from the others,
// for uniqueItems; ok is false when the value has no obvious variant.
func distinct(v any, i int) (any, bool) {
	switch x := v.(type) {
	case int64:
		return x + int64(i), true
	case float64:
		return x + float64(i), true
	case string:
		if i == 0 {
			return x, true
		}
		return fmt.Sprintf("%s%d", x, i), true
	}
	return v, i == 0
}

func sampleString(s *openapi3.Schema) (any, string) {
	switch s.Format {
	case "date-time":
		return "2024-01-02T03:04:05Z", ""
	case "date":
		return "2024-01-02", ""
	case "uuid":
		return "3fa85f64-5717-4562-b3fc-2c963f66afa6", ""
	case "email":
		return "user@example.com", ""
	case "uri", "url":
		return "https://example.com/", ""
	case "ipv4":
		return "192.0.2.1", ""
	case "ipv6":
		return "2001:db8::1", ""
	case "duration":
		return "P1D", ""
	case "byte", "binary":
		return "bGFtYmdlbg==", ""
	case "time":
		return "03:04:05Z", ""
	case "hostname":
		return "example.com", ""
	}
	if s.Pattern != "" {
		return "", fmt.Sprintf("string pattern %q has no example to sample from", s.Pattern)
	}
	v := "sample"
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v, ""
}

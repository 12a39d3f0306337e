package model

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// sampleParam renders a parameter value that its schema accepts.
func sampleParam(p *openapi3.Parameter) (string, string) {
	if p.Example != nil {
		return fmt.Sprint(p.Example), ""
	}
	if p.Schema == nil {
		return "x", ""
	}
	v, skip := sampleSchema(p.Schema, 0)
	switch t := v.(type) {
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ","), skip
	case map[string]any:
		return "", fmt.Sprintf("parameter %q is an object; no sample", p.Name)
	}
	return fmt.Sprint(v), skip
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
		return sampleSchema(s.OneOf[0], depth+1)
	}
	if len(s.AnyOf) > 0 {
		return sampleSchema(s.AnyOf[0], depth+1)
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		var skip string
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
	switch {
	case s.Type.Is("integer"):
		if s.Min != nil {
			return int64(*s.Min) + 1, ""
		}
		return 1, ""
	case s.Type.Is("number"):
		if s.Min != nil {
			return *s.Min + 1, ""
		}
		return 1.5, ""
	case s.Type.Is("boolean"):
		return true, ""
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
	return obj, skip
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
	case "byte":
		return "bGFtYmdlbg==", ""
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

package render

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
)

// unpasteable rewrites, in oapi-codegen's copy, what oapi-codegen would
// paste into Go source and so refuses, where the Go code can do without
// it: the Go-side extensions that are not Go (ignored), an x-go-type that
// cannot hold the schema's values (ignored), enum values and discriminators
// Go source or the Go type cannot hold (no constants, no discriminator
// helpers), property names encoding/json cannot tag (kept in the type's
// AdditionalProperties) and scopes (which oapi-codegen never emits for
// lambgen: security is the contract's). The server checks the spec as
// written, so only Go names and types change, and each such change is a
// located warning.
func unpasteable(spec *load.Spec, doc *openapi3.T) load.Problems {
	var found load.Problems
	moved := map[*openapi3.Schema]bool{}
	w := &pasteWalk{
		ext: func(ext map[string]any, o *openapi3.Origin, where string) {
			found = append(found, ignoreGoExtensions(spec, ext, o, where)...)
		},
		schema: func(s *openapi3.Schema, o *openapi3.Origin, where string) {
			found = append(found, dropEnumConstants(spec, s, where)...)
			found = append(found, dropMismatchedGoType(spec, s)...)
			found = append(found, dropDiscriminator(spec, s, where)...)
			if w := untagProperties(spec, s, where); len(w) > 0 {
				moved[s] = true
				found = append(found, w...)
			}
		},
	}
	w.document(doc)
	if len(moved) > 0 {
		merges := &pasteWalk{schema: func(s *openapi3.Schema, _ *openapi3.Origin, where string) {
			found = append(found, mergeAdditional(spec, s, where, moved)...)
		}}
		merges.document(doc)
	}
	dropUnpasteableScopes(doc)
	return found
}

// pasteBreaker is the first character of s that oapi-codegen refuses to
// paste between quotes or into a struct tag, described; or "".
func pasteBreaker(s string, also ...rune) string {
	for _, r := range s {
		switch {
		case r == '"':
			return "a double quote"
		case r == '`':
			return "a backtick"
		case unicode.IsControl(r):
			return fmt.Sprintf("the control character %U", r)
		case slices.Contains(also, r):
			return runeName(r)
		}
	}
	return ""
}

func runeName(r rune) string {
	switch r {
	case ';':
		return "a semicolon"
	case ':':
		return "a colon"
	case ' ':
		return "a space"
	case '\\':
		return "a backslash"
	case ',':
		return "a comma"
	case '\'':
		return "an apostrophe"
	}
	return fmt.Sprintf("%q", r)
}

// ignoreGoExtensions deletes the extensions that only steer Go names and
// types and whose values are no Go: oapi-codegen would paste them as they
// are. The code is then what it would be without them.
func ignoreGoExtensions(spec *load.Spec, ext map[string]any, o *openapi3.Origin, where string) load.Problems {
	var found load.Problems
	warn := func(name, msg string) {
		w := locatedField(spec, o, name, where+": "+msg)
		w.Class = load.IgnoredGoExtension
		found = append(found, w)
	}
	for _, name := range []string{"x-go-name", "x-go-type-name"} {
		if v, ok := ext[name].(string); ok && !token.IsIdentifier(v) {
			delete(ext, name)
			warn(name, fmt.Sprintf("%s %q is not a Go identifier (want letters, digits and underscores, not starting with a digit, and no Go keyword): ignored, the Go name is the one it has without it", name, v))
		}
	}
	if v, ok := ext["x-go-type"].(string); ok {
		if why := pasteBreaker(v, ';'); why != "" {
			delete(ext, "x-go-type")
			delete(ext, "x-go-type-import")
			warn("x-go-type", fmt.Sprintf("x-go-type %q is not a Go type expression (it has %s): ignored, the Go type is the schema's own", v, why))
		}
	}
	if imp, ok := ext["x-go-type-import"].(map[string]any); ok {
		why := ""
		for k, v := range imp {
			s, _ := v.(string)
			switch {
			case strings.EqualFold(k, "name") && s != "" && s != "." && !token.IsIdentifier(s):
				why = fmt.Sprintf("its name %q is not a Go identifier", s)
			case strings.EqualFold(k, "path") && strings.ContainsFunc(s, unicode.IsControl):
				why = fmt.Sprintf("its path %q has a control character", s)
			}
		}
		if why != "" {
			delete(ext, "x-go-type-import")
			msg := "x-go-type-import is no Go import (" + why + "): ignored"
			if t, ok := ext["x-go-type"].(string); ok {
				delete(ext, "x-go-type")
				msg += fmt.Sprintf(", and so is the x-go-type %q that needs it: the Go type is the schema's own", t)
			}
			warn("x-go-type-import", msg)
		}
	}
	if tags, ok := ext["x-oapi-codegen-extra-tags"].(map[string]any); ok {
		for _, k := range sortedKeys(tags) {
			v, ok := tags[k].(string)
			if !ok {
				continue // oapi-codegen ignores the whole extension
			}
			why := ""
			if b := pasteBreaker(k, ':', ' '); b != "" || k == "" {
				if b = "it has " + b; k == "" {
					b = "it is empty"
				}
				why = fmt.Sprintf("key %q is no struct tag key (%s)", k, b)
			} else if b := pasteBreaker(v); b != "" {
				why = fmt.Sprintf("%s: %q has %s, which a struct tag cannot hold", k, v, b)
			}
			if why != "" {
				delete(tags, k)
				warn("x-oapi-codegen-extra-tags", "x-oapi-codegen-extra-tags "+why+": that tag is left out")
			}
		}
		if len(tags) == 0 {
			delete(ext, "x-oapi-codegen-extra-tags")
		}
	}
	return found
}

// dropEnumConstants gives oapi-codegen no enum for a schema with a value
// its constants cannot hold: of another type than the constants'
// (constantsFit; the load reported why, or nothing is wrong), or with a
// control character, which it copies into comments and names. The server
// still checks the enum as written.
func dropEnumConstants(spec *load.Spec, s *openapi3.Schema, where string) load.Problems {
	if !constantsFit(s) {
		s.Enum = nil
		return nil
	}
	for i, v := range s.Enum {
		str, ok := v.(string)
		if !ok || !strings.ContainsFunc(str, unicode.IsControl) {
			continue
		}
		s.Enum = nil
		w := locatedSeq(spec, s.Origin, "enum", i, fmt.Sprintf(
			"%s: enum value %q has %s, which oapi-codegen cannot write into a Go constant: the schema has no enum constants in Go, and the server still accepts only the enum's values",
			where, str, pasteBreaker(str)))
		w.Class = load.UnwritableInGo
		return load.Problems{w}
	}
	return nil
}

// dropDiscriminator gives oapi-codegen no discriminator for a union whose
// property name or mapping values Go source cannot hold: they go into a
// struct tag and into case clauses. The union keeps its As, From and Merge
// methods; the server still picks the alternative by the discriminator.
func dropDiscriminator(spec *load.Spec, s *openapi3.Schema, where string) load.Problems {
	d := s.Discriminator
	if d == nil {
		return nil
	}
	why := ""
	if b := pasteBreaker(d.PropertyName); b != "" {
		why = fmt.Sprintf("its propertyName %q has %s", d.PropertyName, b)
	}
	for _, k := range sortedKeys(d.Mapping) {
		if b := pasteBreaker(k, '\\'); b != "" && why == "" {
			why = fmt.Sprintf("its mapping value %q has %s", k, b)
		}
	}
	for _, alt := range append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...) {
		if alt == nil || alt.Ref == "" || why != "" || (alt.Value != nil && alt.Value.Type.Is("null")) || mappedTo(d, alt.Ref) {
			continue
		}
		if name := codegen.RefPathToObjName(alt.Ref); pasteBreaker(name, '\\') != "" {
			why = fmt.Sprintf("the value %q by which it selects %s has %s", name, alt.Ref, pasteBreaker(name, '\\'))
		}
	}
	if why == "" {
		return nil
	}
	s.Discriminator = nil
	w := locatedField(spec, s.Origin, "discriminator", fmt.Sprintf(
		"%s: the discriminator cannot be written into Go source (%s): its Go type has no discriminator methods, and From and Merge do not set the property; the server still tells the alternatives apart by it",
		where, why))
	w.Class = load.UnwritableInGo
	return load.Problems{w}
}

func mappedTo(d *openapi3.Discriminator, ref string) bool {
	for _, m := range d.Mapping {
		if m.Ref == ref {
			return true
		}
	}
	return false
}

// jsonTagName says whether encoding/json reads name from a struct tag: it
// ignores a tag whose name has a quote, a backslash, a comma or any
// punctuation outside its list, and falls back to the Go field's name.
func jsonTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// untagProperties takes the properties whose names encoding/json cannot
// read from a tag out of oapi-codegen's struct, where they would be
// bound to a field of another name or refused, and keeps them in its
// AdditionalProperties map, which oapi-codegen marshals by the name
// itself. A typed map becomes a map of any value, which holds them too.
func untagProperties(spec *load.Spec, s *openapi3.Schema, where string) load.Problems {
	var found load.Problems
	for _, name := range sortedKeys(s.Properties) {
		if jsonTagName(name) {
			continue
		}
		p := s.Properties[name]
		delete(s.Properties, name)
		s.Required = slices.DeleteFunc(slices.Clone(s.Required), func(r string) bool { return r == name })
		what := "an empty name"
		if name != "" {
			what = "a name with " + tagBreaker(name)
		}
		var o *openapi3.Origin
		if p != nil {
			o = p.Origin
			if o == nil && p.Value != nil {
				o = p.Value.Origin
			}
		}
		msg := fmt.Sprintf("%s: property %q cannot be a Go field, as encoding/json reads %s from no struct tag: the Go type holds it among its additional properties, by name (AdditionalProperties, or the type itself once no field is left)", where, name, what)
		if s.AdditionalProperties.Schema != nil {
			msg += ", which then hold any value"
		}
		w := locatedField(spec, o, "", msg)
		w.Class = load.UnwritableInGo
		found = append(found, w)
	}
	if len(found) > 0 {
		anything := true
		s.AdditionalProperties = openapi3.AdditionalProperties{Has: &anything}
	}
	return found
}

// tagBreaker describes the first character of name that jsonTagName
// refuses.
func tagBreaker(name string) string {
	for _, c := range name {
		if !jsonTagName(string(c)) {
			if b := pasteBreaker(string(c)); b != "" {
				return b
			}
			return runeName(c)
		}
	}
	return ""
}

// mergeAdditional keeps the moved properties through an allOf, which
// oapi-codegen merges into one struct: a member that forbids additional
// properties would drop the map, and a typed one would give it a type
// that cannot hold them. Only the merge changes; a member's own struct
// is the same without additionalProperties: false.
func mergeAdditional(spec *load.Spec, s *openapi3.Schema, where string, moved map[*openapi3.Schema]bool) load.Problems {
	if !slices.ContainsFunc(s.AllOf, func(m *openapi3.SchemaRef) bool { return m != nil && moved[m.Value] }) {
		return nil
	}
	var found load.Problems
	for i, m := range append(openapi3.SchemaRefs{{Value: s}}, s.AllOf...) {
		if m == nil || m.Value == nil {
			continue
		}
		ap := &m.Value.AdditionalProperties
		switch {
		case ap.Has != nil && !*ap.Has && ap.Schema == nil:
			*ap = openapi3.AdditionalProperties{}
		case ap.Schema != nil && !moved[m.Value]:
			anything := true
			*ap = openapi3.AdditionalProperties{Has: &anything}
			at := where
			if i > 0 {
				at = fmt.Sprintf("allOf[%d] of %s", i-1, where)
			}
			w := locatedField(spec, m.Value.Origin, "additionalProperties", at+
				": its additional properties hold any value in Go, as the allOf merges them with properties that cannot be Go fields")
			w.Class = load.UnwritableInGo
			found = append(found, w)
		}
	}
	return found
}

// dropUnpasteableScopes leaves the scopes oapi-codegen would refuse out of
// its copy: it writes scopes only into the context values of an option
// lambgen does not set, and the contract enforces security as written.
func dropUnpasteableScopes(doc *openapi3.T) {
	clean := func(reqs openapi3.SecurityRequirements) {
		for _, req := range reqs {
			for scheme, scopes := range req {
				req[scheme] = slices.DeleteFunc(slices.Clone(scopes), func(s string) bool { return pasteBreaker(s) != "" })
			}
		}
	}
	clean(doc.Security)
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.Security != nil {
				clean(*op.Security)
			}
		}
	}
}

// locatedField is a warning at a field of an origin, or at its key.
func locatedField(spec *load.Spec, o *openapi3.Origin, field, msg string) load.Problem {
	if o != nil && field != "" {
		if l, ok := o.Fields.Lookup(field); ok && l.Line > 0 {
			return located(spec, &openapi3.Origin{Key: &l}, msg)
		}
	}
	return located(spec, o, msg)
}

// locatedSeq is a warning at the i-th item of a sequence field.
func locatedSeq(spec *load.Spec, o *openapi3.Origin, field string, i int, msg string) load.Problem {
	if o != nil && i < len(o.Sequences[field]) && o.Sequences[field][i].Line > 0 {
		l := o.Sequences[field][i]
		return located(spec, &openapi3.Origin{Key: &l}, msg)
	}
	return locatedField(spec, o, field, msg)
}

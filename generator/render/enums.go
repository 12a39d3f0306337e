package render

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
)

// enumTypeClashes are the enum constants oapi-codegen declared under the
// name of a type it also declared, by the constants' type. It checks an
// enum's bare values against type names, but not the names it prefixes
// them with: PandaScore's OpponentType has the value Player, whose
// constant OpponentTypePlayer is also the name of its schema for the
// one-value enum; and a bare value 1 is the constant N1, as is an inline
// oneOf member's type.
func enumTypeClashes(f *ast.File) map[string]map[string]bool {
	types := map[string]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, sp := range g.Specs {
				types[sp.(*ast.TypeSpec).Name.Name] = true
			}
		}
	}
	out := map[string]map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			typ, ok := vs.Type.(*ast.Ident)
			if !ok {
				continue
			}
			for _, n := range vs.Names {
				if types[n.Name] {
					if out[typ.Name] == nil {
						out[typ.Name] = map[string]bool{}
					}
					out[typ.Name][n.Name] = true
				}
			}
		}
	}
	return out
}

// addEnumClashes records clashes in renamed, and reports whether any was
// new: a clash seen before was not fixed by renaming, so retrying is moot.
func addEnumClashes(renamed, clashes map[string]map[string]bool) bool {
	added := false
	for typ, consts := range clashes {
		for c := range consts {
			if renamed[typ] == nil {
				renamed[typ] = map[string]bool{}
			}
			if !renamed[typ][c] {
				renamed[typ][c], added = true, true
			}
		}
	}
	return added
}

// renameEnumConstants gives the component enums in renamed an
// x-enum-varnames in which each clashing constant's name ends in Value
// (OpponentTypePlayerValue): the type keeps its name, as the spec gave it
// one, and the constant is lambgen's to choose.
func renameEnumConstants(spec *load.Spec, doc *openapi3.T, renamed map[string]map[string]bool) load.Problems {
	if doc.Components == nil || len(renamed) == 0 {
		return nil
	}
	var found load.Problems
	for _, key := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[key]
		if s == nil || s.Value == nil || len(s.Value.Enum) == 0 {
			continue
		}
		typ := codegen.SchemaNameToTypeName(key)
		if n, ok := s.Value.Extensions["x-go-name"].(string); ok && n != "" {
			typ = n
		}
		clashing := renamed[typ]
		if len(clashing) == 0 {
			continue
		}
		values := make([]string, len(s.Value.Enum))
		for i, v := range s.Value.Enum {
			values[i] = fmt.Sprintf("%v", v)
		}
		names := values
		if given, ok := s.Value.Extensions["x-enum-varnames"].([]any); ok && len(given) == len(values) {
			names = make([]string, len(given))
			for i, g := range given {
				names[i] = fmt.Sprint(g)
			}
		}
		byValue := map[string]string{}
		for name, v := range codegen.SanitizeEnumNames(names, values) {
			byValue[v] = name
		}
		var varnames []any
		var moved, to []string
		for _, v := range values {
			name := byValue[v]
			if name == "" {
				name = "Empty"
			}
			c := typ + codegen.UppercaseFirstCharacter(codegen.SchemaNameToTypeName(name))
			if clashing[c] {
				name += "Value"
				moved, to = append(moved, c), append(to, c+"Value")
			}
			varnames = append(varnames, name)
		}
		if len(moved) == 0 {
			continue
		}
		own := *s.Value
		own.Extensions = map[string]any{"x-enum-varnames": varnames}
		for k, v := range s.Value.Extensions {
			if k != "x-enum-varnames" && k != "x-enumNames" {
				own.Extensions[k] = v
			}
		}
		doc.Components.Schemas[key] = &openapi3.SchemaRef{Ref: s.Ref, Value: &own}
		found = append(found, located(spec, s.Value.Origin, fmt.Sprintf(
			"enum %q: its constants %s would have the names of types, so they are %s (give the schema an x-enum-varnames to choose others)",
			key, strings.Join(moved, ", "), strings.Join(to, ", "))))
	}
	return found
}

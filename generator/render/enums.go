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

// renameClashingConstants renames, in oapi-codegen's output, the enum
// constants still named as a type: an inline enum's (Stripe's source's
// type, whose ach_credit_transfer is SourceTypeAchCreditTransfer, also a
// schema's type), which has no schema to give an x-enum-varnames. Each gets
// Value after its name where it is declared and in its type's Valid
// method, the only code oapi-codegen writes that uses it.
func renameClashingConstants(spec *load.Spec, doc *openapi3.T, f *ast.File, clashes map[string]map[string]bool) load.Problems {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.CONST {
				continue
			}
			for _, sp := range d.Specs {
				vs := sp.(*ast.ValueSpec)
				if typ, ok := vs.Type.(*ast.Ident); ok {
					for _, n := range vs.Names {
						if clashes[typ.Name][n.Name] {
							n.Name += "Value"
						}
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 || d.Body == nil {
				continue
			}
			recv, ok := d.Recv.List[0].Type.(*ast.Ident)
			if !ok || len(clashes[recv.Name]) == 0 {
				continue
			}
			ast.Inspect(d.Body, func(n ast.Node) bool {
				if cc, ok := n.(*ast.CaseClause); ok {
					for _, e := range cc.List {
						if id, ok := e.(*ast.Ident); ok && clashes[recv.Name][id.Name] {
							id.Name += "Value"
						}
					}
				}
				return true
			})
		}
	}
	var found load.Problems
	for _, typ := range sortedKeys(clashes) {
		consts := sortedKeys(clashes[typ])
		to := make([]string, len(consts))
		for i, c := range consts {
			to[i] = c + "Value"
		}
		found = append(found, located(spec, inlineEnumOrigin(doc, typ), fmt.Sprintf(
			"enum %s: its constants %s would have the names of types, so they are %s", typ, strings.Join(consts, ", "), strings.Join(to, ", "))))
	}
	return found
}

// inlineEnumOrigin is where the property whose inline enum oapi-codegen
// names typ is written (schema source, property type: SourceType), when
// one is.
func inlineEnumOrigin(doc *openapi3.T, typ string) *openapi3.Origin {
	if doc.Components == nil {
		return nil
	}
	for _, key := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[key]
		if s == nil || s.Value == nil {
			continue
		}
		for _, name := range sortedKeys(s.Value.Properties) {
			p := s.Value.Properties[name]
			if p != nil && p.Value != nil && len(p.Value.Enum) > 0 &&
				codegen.SchemaNameToTypeName(key)+codegen.SchemaNameToTypeName(name) == typ {
				return p.Value.Origin
			}
		}
	}
	return nil
}

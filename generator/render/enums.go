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

// renameClashingConstants renames, in oapi-codegen's output, the enum
// constants still named as a type once they are prefixed: a component's
// (PandaScore's OpponentType has the value Player, and OpponentTypePlayer
// is a schema too) or an inline enum's (Stripe's source's type, whose
// ach_credit_transfer is SourceTypeAchCreditTransfer). Each gets Value
// after its name where it is declared and in its type's Valid method, the
// only code oapi-codegen writes that uses it; the types keep their names,
// as the spec gave them.
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
		renamed := fmt.Sprintf("its constants %s would have the names of types, so they are %s", strings.Join(consts, ", "), strings.Join(to, ", "))
		if key, s := enumComponent(doc, typ); s != nil {
			found = append(found, located(spec, s.Origin, fmt.Sprintf("enum %q: %s (give the schema an x-enum-varnames to choose others)", key, renamed)))
			continue
		}
		found = append(found, located(spec, inlineEnumOrigin(doc, typ), fmt.Sprintf("enum %s: %s", typ, renamed)))
	}
	return found
}

// enumComponent is the component schema whose enum oapi-codegen names typ.
func enumComponent(doc *openapi3.T, typ string) (string, *openapi3.Schema) {
	if doc.Components == nil {
		return "", nil
	}
	for _, key := range sortedKeys(doc.Components.Schemas) {
		s := doc.Components.Schemas[key]
		if s == nil || s.Value == nil || len(s.Value.Enum) == 0 {
			continue
		}
		name := codegen.SchemaNameToTypeName(key)
		if n, ok := s.Value.Extensions["x-go-name"].(string); ok && n != "" {
			name = n
		}
		if name == typ {
			return key, s.Value
		}
	}
	return "", nil
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

package render

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/load"
)

// scalarGoTypes are the Go types an x-go-type can name whose JSON form is
// known, with the schema types whose values they hold.
var scalarGoTypes = map[string][]string{
	"string": {openapi3.TypeString},
	"bool":   {openapi3.TypeBoolean},
	"int":    {openapi3.TypeInteger}, "int8": {openapi3.TypeInteger}, "int16": {openapi3.TypeInteger},
	"int32": {openapi3.TypeInteger}, "int64": {openapi3.TypeInteger},
	"uint": {openapi3.TypeInteger}, "uint8": {openapi3.TypeInteger}, "uint16": {openapi3.TypeInteger},
	"uint32": {openapi3.TypeInteger}, "uint64": {openapi3.TypeInteger},
	"float32": {openapi3.TypeNumber, openapi3.TypeInteger}, "float64": {openapi3.TypeNumber, openapi3.TypeInteger},
}

// dropMismatchedGoType removes, in oapi-codegen's copy, an x-go-type that
// names a Go scalar which cannot hold the schema's values (x-go-type:
// string on an object): every valid body would fail to decode, so the
// handler would never get what was validated. The schema's own type is
// generated instead. unpasteable calls it for every schema.
func dropMismatchedGoType(spec *load.Spec, s *openapi3.Schema) load.Problems {
	if s.Type == nil || len(*s.Type) == 0 {
		return nil
	}
	goType, ok := s.Extensions["x-go-type"].(string)
	holds, known := scalarGoTypes[strings.TrimSpace(goType)]
	if !ok || !known {
		return nil
	}
	for _, t := range *s.Type {
		if t != openapi3.TypeNull && !slices.Contains(holds, t) {
			delete(s.Extensions, "x-go-type")
			p := locatedField(spec, s.Origin, "x-go-type", fmt.Sprintf("x-go-type %s cannot hold a value of type %s, which the schema takes (want a Go type for %s); ignored", goType, t, t))
			p.Class = load.GoTypeMismatch
			return load.Problems{p}
		}
	}
	return nil
}

// goStructFormats are the string formats oapi-codegen gives a Go type that
// has no constants: []byte, openapi_types.Date (a struct), time.Time,
// openapi_types.UUID (an array) and openapi_types.File.
var goStructFormats = map[string]bool{"byte": true, "date": true, "date-time": true, "uuid": true, "binary": true}

// constantsFit says whether Go constants of the schema's type can hold its
// enum's members, which oapi-codegen declares them as. They cannot for a
// string of a format in goStructFormats (Firebrowse's dates: the
// constants do not compile), nor for an integer, number or boolean whose
// members are all strings (unsatisfiable-unused-schema), which it refuses.
func constantsFit(s *openapi3.Schema) bool {
	if s.Type == nil {
		return true
	}
	if goStructFormats[s.Format] && s.Type.Is(openapi3.TypeString) {
		return false
	}
	for _, v := range s.Enum {
		switch v.(type) {
		case float64, int, int64:
			if s.Type.Includes(openapi3.TypeInteger) || s.Type.Includes(openapi3.TypeNumber) {
				return true
			}
		case bool:
			if s.Type.Includes(openapi3.TypeBoolean) {
				return true
			}
		default:
			if !s.Type.Includes(openapi3.TypeInteger) && !s.Type.Includes(openapi3.TypeNumber) && !s.Type.Includes(openapi3.TypeBoolean) {
				return true
			}
		}
	}
	return len(s.Enum) == 0
}

// defineRecursiveAliases makes a type alias that refers to itself a
// defined type: oapi-codegen declares an array schema whose items are that
// schema (ogen's RecursiveArray) as type RecursiveArray = []RecursiveArray,
// which Go refuses; type RecursiveArray []RecursiveArray holds the same
// JSON.
func defineRecursiveAliases(f *ast.File) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok || !ts.Assign.IsValid() {
				continue
			}
			self := false
			ast.Inspect(ts.Type, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == ts.Name.Name {
					self = true
				}
				return !self
			})
			if self {
				ts.Assign = token.NoPos
			}
		}
	}
}

// jsonTag is a struct tag's json key, which hideRepeatedJSONTags rewrites.
var jsonTag = regexp.MustCompile(`json:"[^"]*"`)

// hideRepeatedJSONTags gives the later of two fields of one struct that
// share a JSON name the tag json:"-". oapi-codegen tags a query and a
// header parameter both named Last-Event-ID (Mercure's) with that name; go
// vet refuses the struct, and encoding/json would drop both fields. The
// parameters are bound by name, not through JSON, so the handler still
// gets each one.
func hideRepeatedJSONTags(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		st, ok := n.(*ast.StructType)
		if !ok || st.Fields == nil {
			return true
		}
		seen := map[string]bool{}
		for _, field := range st.Fields.List {
			if field.Tag == nil {
				continue
			}
			raw, err := strconv.Unquote(field.Tag.Value)
			if err != nil {
				continue
			}
			name, _, _ := strings.Cut(reflect.StructTag(raw).Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if seen[name] {
				field.Tag.Value = "`" + jsonTag.ReplaceAllString(raw, `json:"-"`) + "`"
				continue
			}
			seen[name] = true
		}
		return true
	})
}

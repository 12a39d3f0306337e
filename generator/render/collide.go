package render

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// retype answers "T redeclared" errors where one T is the type oapi-codegen
// derives from an inline property schema (schema CreateChatCompletionResponse,
// property object: CreateChatCompletionResponseObject) and the other a name
// of the strict server (operation createChatCompletion's
// CreateChatCompletionResponseObject). The operation's names are what the
// handlers use, so the property's type gets a new one, recorded in retyped
// for the next run, and a warning says which.
func retype(spec *load.Spec, errs []types.Error, retyped map[string]string) load.Problems {
	want := map[string]bool{}
	for _, e := range errs {
		if name, ok := strings.CutSuffix(e.Msg, " redeclared in this block"); ok {
			want[name] = true
		}
	}
	return retypeProperties(spec, want, retyped, "is a name the strict server gives an operation's types")
}

// retypeDuplicate answers oapi-codegen's own refusal, "duplicate typename
// 'T' detected", where T is both an inline property's type and a schema's
// name (GitHub's code-scanning-variant-analysis has a status property, and
// code-scanning-variant-analysis-status is a schema): the schema keeps it.
func retypeDuplicate(spec *load.Spec, err error, retyped map[string]string) load.Problems {
	m := duplicateTypeRE.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	return retypeProperties(spec, map[string]bool{m[1]: true}, retyped, "is the name of another type")
}

var duplicateTypeRE = regexp.MustCompile(`duplicate typename '(\w+)' detected`)

// retypeProperties renames the inline property types whose Go names are in
// want, recording the new names in retyped; why ends the warning's reason.
func retypeProperties(spec *load.Spec, want map[string]bool, retyped map[string]string, why string) load.Problems {
	if spec.Doc.Components == nil || len(want) == 0 {
		return nil
	}
	taken := map[string]bool{}
	for _, n := range retyped {
		taken[n] = true
	}
	var found load.Problems
	// path names the Go type (an allOf's members merge into the schema
	// that holds it); key is where the property is written, for retyped.
	var walk func(path, key []string, s *openapi3.SchemaRef, depth int)
	walk = func(path, key []string, s *openapi3.SchemaRef, depth int) {
		if s == nil || s.Value == nil || depth > 8 {
			return
		}
		for _, prop := range sortedKeys(s.Value.Properties) {
			p := s.Value.Properties[prop]
			if p == nil || p.Ref != "" || p.Value == nil {
				continue
			}
			at := append(append([]string(nil), path...), prop)
			keyAt := strings.Join(append(append([]string(nil), key...), prop), "/")
			name := codegen.SchemaNameToTypeName(codegen.PathToTypeName(append([]string(nil), at...)))
			if _, done := retyped[keyAt]; !done && want[name] {
				renamed := name + "Value"
				for i := 2; taken[renamed]; i++ {
					renamed = fmt.Sprintf("%sValue%d", name, i)
				}
				taken[renamed] = true
				retyped[keyAt] = renamed
				found = append(found, located(spec, p.Value.Origin, fmt.Sprintf(
					"property %q of schema %s is Go type %s, as %s %s (give it an x-go-type-name to choose another)",
					prop, strings.Join(at[:len(at)-1], "."), renamed, name, why)))
			}
			walk(at, strings.Split(keyAt, "/"), p, depth+1)
		}
		for _, m := range s.Value.AllOf {
			if comp, ok := strings.CutPrefix(m.Ref, "#/components/schemas/"); ok && !strings.Contains(comp, "/") {
				walk(path, []string{comp}, m, depth+1)
			}
		}
	}
	for _, name := range sortedKeys(spec.Doc.Components.Schemas) {
		walk([]string{name}, []string{name}, spec.Doc.Components.Schemas[name], 0)
	}
	return found
}

// notGenerated reports what still does not compile as errors at the
// operations (or schemas) whose code it is in: the user can act on a spec
// location, not on a line of generated Go they never see.
func notGenerated(spec *load.Spec, api *model.API, f *ast.File, errs []types.Error) load.Problems {
	byOp, found := attribute(spec, api, f, errs)
	for _, b := range byOp {
		found = append(found, b.problem(spec, load.NotGenerated, fmt.Sprintf(
			"operation %s (%s %s): the Go code oapi-codegen generates for it does not compile (%s: %s); lambgen has no workaround yet: simplify the operation or report it with this spec",
			b.op.ID, b.op.Method, b.op.Path, b.decl, b.msg)))
	}
	return found.Sorted()
}

// skippedOperation is the warning for an operation generated without.
func skippedOperation(spec *load.Spec, b brokenOp) load.Problem {
	return b.problem(spec, load.OperationNotGenerated, fmt.Sprintf(
		"operation %s (%s %s) is not generated, the rest is: the Go code oapi-codegen generates for it does not compile (%s: %s), and lambgen has no workaround yet; it answers 501 after validation and has no handler method; simplify the operation or report it with this spec",
		b.op.ID, b.op.Method, b.op.Path, b.decl, b.msg))
}

// brokenOp is the first compile error in one operation's code.
type brokenOp struct {
	op        *model.Operation
	decl, msg string
}

func (b brokenOp) problem(spec *load.Spec, c load.Class, msg string) load.Problem {
	p := load.Problem{File: spec.Path, Line: 1, Column: 1, Class: c, Message: msg}
	if b.op.Origin != nil {
		p.File, p.Line, p.Column = spec.FileOf(b.op.Origin), b.op.Origin.Line, b.op.Origin.Column
	}
	return p
}

// attribute sorts compile errors into those in one operation's code, by
// operation ID, and the rest, as located errors.
func attribute(spec *load.Spec, api *model.API, f *ast.File, errs []types.Error) (map[string]brokenOp, load.Problems) {
	ops := append([]*model.Operation(nil), api.Operations...)
	// The longest Go name first, so that GetPetsByID wins over GetPets.
	sort.SliceStable(ops, func(i, j int) bool { return len(ops[i].GoName) > len(ops[j].GoName) })
	byOp := map[string]brokenOp{}
	var rest load.Problems
	seen := map[string]bool{}
	for _, e := range errs {
		decl := declName(f, e.Pos)
		var op *model.Operation
		for _, o := range ops {
			if o.GoName != "" && strings.HasPrefix(subject(decl), o.GoName) {
				op = o
				break
			}
		}
		if op != nil {
			if _, done := byOp[op.ID]; !done {
				byOp[op.ID] = brokenOp{op: op, decl: decl, msg: e.Msg}
			}
			continue
		}
		p := load.Problem{File: spec.Path, Line: 1, Column: 1, Class: load.NotGenerated,
			Message: "oapi-codegen generates code for this spec that does not compile (" + e.Msg + "); lambgen has no workaround yet: simplify the construct or report it with this spec"}
		if !seen[p.Message] {
			seen[p.Message] = true
			rest = append(rest, p)
		}
	}
	return byOp, rest
}

// subject is the name in a declaration that says whose code it is: a
// method's receiver type, except on the server types, whose methods are
// named after the operations.
func subject(decl string) string {
	recv, method, ok := strings.Cut(strings.TrimPrefix(decl, "("), ").")
	if !ok {
		return decl
	}
	recv = strings.TrimPrefix(recv, "*")
	if recv == "strictHandler" || recv == "ServerInterfaceWrapper" {
		return method
	}
	return recv
}

// declName names the top-level declaration that holds pos, as
// "Type", "Func" or "(*Recv).Method".
func declName(f *ast.File, pos token.Pos) string {
	for _, d := range f.Decls {
		if pos < d.Pos() || pos > d.End() {
			continue
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) == 1 {
				return "(" + types.ExprString(d.Recv.List[0].Type) + ")." + d.Name.Name
			}
			return d.Name.Name
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if pos < s.Pos() || pos > s.End() {
					continue
				}
				switch s := s.(type) {
				case *ast.TypeSpec:
					return s.Name.Name
				case *ast.ValueSpec:
					return s.Names[0].Name
				}
			}
		}
	}
	return "api.gen.go"
}

package deploy

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// API Gateway's resource path rules: a segment is a literal of letters,
// digits, '.', '_' and '-', or one whole {variable}, which may be greedy
// ({proxy+}) only as the last segment.
var (
	literalSegment  = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	variableSegment = regexp.MustCompile(`^\{([A-Za-z0-9._-]+)(\+?)\}$`)
)

// checkGateway applies the rules API Gateway enforces only at deploy time
// to the spec's paths and operations.
func checkGateway(spec *load.Spec, api *model.API) load.Problems {
	var ps load.Problems
	paths := spec.Doc.Paths.Map()
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// variables maps a route prefix to the variable name first used after
	// it; API Gateway allows one variable name per position.
	type firstUse struct{ name, path string }
	variables := map[string]firstUse{}
	for _, p := range keys {
		loc := pathLocation(paths[p])
		problem := func(format string, args ...any) {
			pr := load.Problem{File: spec.Path, Message: fmt.Sprintf("path %q: ", p) + fmt.Sprintf(format, args...)}
			if loc != nil {
				pr.Line, pr.Column = loc.Line, loc.Column
			}
			ps = append(ps, pr)
		}
		full := api.BasePath + p
		segs := strings.Split(strings.TrimPrefix(full, "/"), "/")
		for i, seg := range segs {
			last := i == len(segs)-1
			switch {
			case seg == "" && last:
				// "/" or a trailing slash: a resource of its own.
			case seg == "":
				problem("has an empty segment (\"//\"); API Gateway resource paths cannot")
			case literalSegment.MatchString(seg):
			case variableSegment.MatchString(seg):
				m := variableSegment.FindStringSubmatch(seg)
				if m[2] == "+" && !last {
					problem("greedy parameter %s must be the last segment (API Gateway matches {name+} only at the end)", seg)
				}
				prefix := strings.Join(segs[:i], "/")
				if prev, ok := variables[prefix]; ok && prev.name != m[1] {
					problem("segment %s names the variable %q where %q already names it %q; API Gateway allows one variable name per position, so rename one", seg, m[1], prev.path, prev.name)
				} else if !ok {
					variables[prefix] = firstUse{m[1], p}
				}
			case strings.Contains(seg, "{"):
				problem("segment %q mixes text and a parameter; API Gateway parameters must be a whole segment, such as /{name}", seg)
			default:
				problem("segment %q has characters API Gateway does not allow (letters, digits, '.', '_' and '-')", seg)
			}
		}
	}
	for _, o := range api.Operations {
		if o.Method == "TRACE" {
			pr := load.Problem{File: spec.Path, Message: fmt.Sprintf(
				"operation %s %s: API Gateway has no TRACE method (it routes GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS); remove it", o.Method, o.Path)}
			if o.Origin != nil {
				pr.Line, pr.Column = o.Origin.Line, o.Origin.Column
			}
			ps = append(ps, pr)
		}
		item := spec.Doc.Paths.Value(o.Path)
		if item == nil {
			continue
		}
		op := item.GetOperation(o.Method)
		if op == nil || hasOperationID(spec, op) {
			continue
		}
		pr := load.Problem{File: spec.Path, Message: fmt.Sprintf(
			"operation %s %s has no operationId; lambgen names it %s, so its handler is renamed whenever the path changes (add operationId: %s)",
			o.Method, o.Path, o.ID, o.ID)}
		if o.Origin != nil {
			pr.Line, pr.Column = o.Origin.Line, o.Origin.Column
		}
		ps = append(ps, pr)
	}
	return ps
}

// hasOperationID reports whether the spec itself, not lambgen's model,
// named the operation: model.Build fills in missing IDs, but the loader
// records where each field came from.
func hasOperationID(spec *load.Spec, op *openapi3.Operation) bool {
	if op.Origin == nil {
		return op.OperationID != ""
	}
	for _, f := range op.Origin.Fields {
		if f.Name == "operationId" {
			return true
		}
	}
	return spec.Converted && op.OperationID != ""
}

func pathLocation(item *openapi3.PathItem) *openapi3.Location {
	if item != nil && item.Origin != nil && item.Origin.Key != nil {
		return item.Origin.Key
	}
	return nil
}

package deploy

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// routeKey is a route as API Gateway keys it.
type routeKey struct{ Method, Path string }

func (k routeKey) String() string { return k.Method + " " + k.Path }

// foundRoute is a route declared in a template, where it was declared.
type foundRoute struct {
	key  routeKey
	name string
	node *yaml.Node
}

// checkSAM checks template.yaml for what SAM requires and for the routes
// the spec defines, each problem located at its node.
func checkSAM(file string, doc *yaml.Node, d *model.Deploy) load.Problems {
	root := doc.Content[0]
	var ps load.Problems
	if t := val(root, "Transform"); !hasTransform(t) {
		ps = append(ps, at(file, orNode(t, root), "Transform must include AWS::Serverless-2016-10-31, or CloudFormation rejects every AWS::Serverless resource"))
	}
	resources := val(root, "Resources")
	if resources == nil || resources.Kind != yaml.MappingNode || len(resources.Content) == 0 {
		return append(ps, at(file, orNode(resources, root), "template has no Resources (a template needs at least one)"))
	}
	globals := val(val(root, "Globals"), "Function")
	types := map[string]string{}
	for _, kv := range pairs(resources) {
		types[kv[0].Value] = scalar(val(kv[1], "Type"))
	}
	var routes []foundRoute
	functions := 0
	// Missing routes are reported at the first function's Events, where
	// they belong.
	where := resources
	for _, kv := range pairs(resources) {
		id, res := kv[0], kv[1]
		props := val(res, "Properties")
		switch types[id.Value] {
		case "":
			ps = append(ps, at(file, id, "resource %s has no Type", id.Value))
		case "AWS::Serverless::Api":
			if val(props, "StageName") == nil {
				ps = append(ps, at(file, id, "resource %s (AWS::Serverless::Api) needs Properties.StageName", id.Value))
			}
		case "AWS::Serverless::Function":
			functions++
			if k, _ := get(props, "Events"); k != nil && where == resources {
				where = k
			}
			ps = append(ps, checkFunction(file, id, props, globals, d)...)
			rs, eps := functionRoutes(file, id, props, types, d)
			routes = append(routes, rs...)
			ps = append(ps, eps...)
			ps = append(ps, checkPolicies(file, val(props, "Policies"))...)
		}
	}
	if functions == 0 {
		ps = append(ps, at(file, resources, "template has no AWS::Serverless::Function (run lambgen generate)"))
	}
	return append(ps, compareRoutes(file, where, routes, d)...)
}

func hasTransform(t *yaml.Node) bool {
	const sam = "AWS::Serverless-2016-10-31"
	if scalar(t) == sam {
		return true
	}
	if t != nil && t.Kind == yaml.SequenceNode {
		for _, c := range t.Content {
			if scalar(c) == sam {
				return true
			}
		}
	}
	return false
}

func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// prop reads a function property, falling back to Globals.Function as SAM
// does.
func prop(props, globals *yaml.Node, key string) *yaml.Node {
	if v := val(props, key); v != nil {
		return v
	}
	return val(globals, key)
}

func checkFunction(file string, id, props, globals *yaml.Node, d *model.Deploy) load.Problems {
	var ps load.Problems
	name := id.Value
	if props == nil || props.Kind != yaml.MappingNode {
		return load.Problems{at(file, id, "function %s has no Properties", name)}
	}
	if prop(props, globals, "CodeUri") == nil && prop(props, globals, "InlineCode") == nil && prop(props, globals, "ImageUri") == nil {
		ps = append(ps, at(file, id, "function %s needs CodeUri (the project directory, or the zip lambgen build writes)", name))
	}
	rt := prop(props, globals, "Runtime")
	switch {
	case rt == nil:
		ps = append(ps, at(file, id, "function %s needs Runtime: provided.al2023", name))
	case rt.Kind == yaml.ScalarNode && !strings.HasPrefix(rt.Value, "provided."):
		ps = append(ps, at(file, rt, "function %s: Runtime %s cannot run a Go bootstrap binary (want provided.al2023)", name, rt.Value))
	}
	if h := prop(props, globals, "Handler"); h == nil {
		ps = append(ps, at(file, id, "function %s needs Handler: bootstrap", name))
	}
	if arch := prop(props, globals, "Architectures"); arch != nil {
		if arch.Kind != yaml.SequenceNode || len(arch.Content) != 1 {
			ps = append(ps, at(file, arch, "function %s: Architectures must list exactly one of arm64 or x86_64", name))
		} else if got := scalar(arch.Content[0]); got != d.Architecture {
			ps = append(ps, at(file, arch.Content[0], "function %s runs on %s, but lambgen.yaml builds bootstrap for %s (change one of them)", name, got, d.Architecture))
		}
	}
	return ps
}

// functionRoutes collects the Api and HttpApi events of a function.
func functionRoutes(file string, id, props *yaml.Node, types map[string]string, d *model.Deploy) ([]foundRoute, load.Problems) {
	var out []foundRoute
	var ps load.Problems
	wantType, refKey, apiType := "HttpApi", "ApiId", "AWS::Serverless::HttpApi"
	if d.REST {
		wantType, refKey, apiType = "Api", "RestApiId", "AWS::Serverless::Api"
	}
	for _, kv := range pairs(val(props, "Events")) {
		name, ev := kv[0], kv[1]
		typ := scalar(val(ev, "Type"))
		if typ != "Api" && typ != "HttpApi" {
			continue
		}
		if typ != wantType {
			ps = append(ps, at(file, orNode(val(ev, "Type"), name), "event %s is Type %s, but lambgen.yaml says api: %s (want Type %s; run lambgen generate)",
				name.Value, typ, map[bool]string{true: "rest", false: "http"}[d.REST], wantType))
		}
		ep := val(ev, "Properties")
		method, path := val(ep, "Method"), val(ep, "Path")
		if method == nil || path == nil {
			ps = append(ps, at(file, name, "event %s needs Properties.Path and Properties.Method (without them an HttpApi event catches every route)", name.Value))
			continue
		}
		if ref := val(ep, refKey); ref != nil {
			target := scalar(ref)
			if ref.Tag != "!Ref" {
				target = scalar(val(ref, "Ref"))
			}
			if types[target] != apiType {
				ps = append(ps, at(file, ref, "event %s: %s must be !Ref to an %s resource of this template, got %q", name.Value, refKey, apiType, target))
			}
		}
		out = append(out, foundRoute{key: routeKey{strings.ToUpper(method.Value), path.Value}, name: name.Value, node: name})
	}
	return out, ps
}

// compareRoutes demands exactly one route per operation, and no others.
func compareRoutes(file string, where *yaml.Node, found []foundRoute, d *model.Deploy) load.Problems {
	var ps load.Problems
	want := map[routeKey]*model.Route{}
	for _, r := range d.Routes {
		want[routeKey{r.Method, r.Path}] = r
	}
	seen := map[routeKey]bool{}
	for _, f := range found {
		if seen[f.key] {
			ps = append(ps, at(file, f.node, "event %s repeats route %s; API Gateway refuses duplicate routes", f.name, f.key))
			continue
		}
		seen[f.key] = true
		if want[f.key] == nil {
			ps = append(ps, at(file, f.node, "event %s routes %s, which the spec does not define (remove it, or add the operation to the spec and run lambgen generate)", f.name, f.key))
		}
	}
	var missing []string
	for k, r := range want {
		if !seen[k] {
			missing = append(missing, fmt.Sprintf("%s (operation %s)", k, r.Op.ID))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		ps = append(ps, at(file, where, "no event routes %s; run lambgen generate", m))
	}
	return ps
}

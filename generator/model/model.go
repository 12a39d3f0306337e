package model

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// API is everything the templates need to render one project.
type API struct {
	Title   string
	Version string
	// BasePath is the path of the spec's first server URL ("/v1"), or ""
	// when the API is served at the root.
	BasePath string
	// Operations are sorted by path, then method.
	Operations []*Operation
	// BinaryTypes are the media types of the spec's responses that are not
	// text; the runtime base64-encodes them and REST APIs list them.
	BinaryTypes []string
	// Validation is the compiled contract the generated server checks.
	Validation *Validation
	// Docs is where the server serves its contract; BuildDocs sets it.
	Docs *Docs
}

// Operation is one method on one path of the spec.
type Operation struct {
	// ID is the operationId as the spec spells it (or as lambgen made it up
	// when the spec has none).
	ID string
	// GoName is the exported name oapi-codegen derives from ID, or from
	// GoID when ID's would not do.
	GoName string
	// GoID is the operationId oapi-codegen is given when the spec's would
	// make no Go name (54763641281d830c) or another operation's; "" when
	// it is ID.
	GoID    string
	Method  string
	Path    string
	Summary string
	// MuxPattern is the net/http ServeMux pattern oapi-codegen registers.
	MuxPattern string
	// PathParams maps each path parameter's spec name to its ServeMux
	// wildcard name.
	PathParams []PathParam
	// HandlerFile is the user-owned file, relative to the project, that
	// holds this operation's method.
	HandlerFile string
	// SAMPath is the path in API Gateway syntax, for template.yaml.
	SAMPath string
	// Sample is a request that passes validation, and BadSample one that
	// must not; BadSample is nil when the operation takes no input.
	Sample    Request
	BadSample *Request
	// BadSamples break the operation's input one place at a time.
	BadSamples []Request
	// Responses are the documented status codes ("200", "default").
	Responses []string
	Origin    *openapi3.Location
	// Rules is what the server checks before the handler runs.
	Rules *Rules
	// NotGenerated says why the operation has no Go code, when the code
	// oapi-codegen generates for it does not compile. Only rendering can
	// tell, so render sets it; the operation then has no handler method
	// and answers 501 after validation.
	NotGenerated string
}

// PathParam names a path parameter in the spec and in the ServeMux.
type PathParam struct {
	Name    string
	MuxName string
}

// Build derives the model from a validated spec. Problems it finds (such as
// two operationIds that become the same Go name) are located and returned
// together.
func Build(spec *load.Spec) (*API, error) {
	doc := spec.Doc
	api := &API{BasePath: basePath(doc)}
	if doc.Info != nil {
		api.Title, api.Version = doc.Info.Title, doc.Info.Version
	}
	var problems load.Problems
	byGoName := map[string]*Operation{}
	comp, sec := newCompiler(), newSchemes(doc)
	binary := map[string]bool{}
	paths := doc.Paths.Map()
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	routed := map[string]string{}
	// unserved are the operations whose paths no router can serve;
	// unrouted, those under methods API Gateway does not route.
	var unserved, unrouted load.Problems
	handlerFiles := map[string]bool{}
	for _, path := range keys {
		item := paths[path]
		unrouted = append(unrouted, unroutedMethods(spec, path, item)...)
		for _, method := range sortedMethods(item) {
			op := item.GetOperation(method)
			if w := sameRoute(spec, routed, method, path, op); w != nil {
				unserved = append(unserved, *w)
				continue
			}
			o := &Operation{
				ID:      op.OperationID,
				Method:  method,
				Path:    path,
				Summary: oneLine(op.Summary),
				SAMPath: path,
			}
			if op.Origin != nil {
				o.Origin = op.Origin.Key
			}
			synthesized := o.ID == ""
			if synthesized {
				o.ID = synthesizeID(method, path)
				op.OperationID = o.ID
			}
			if seg := mixedSegment(path); seg != "" {
				w := problemAt(spec, o.Origin, fmt.Sprintf(
					"operation %s %s is not served: path segment %q has two parameters with nothing between them, so no router can tell where one ends (want them separated, such as /{a}/{b})", method, path, seg))
				w.Class = load.NotServed
				unserved = append(unserved, w)
				continue
			}
			if seg := partialSegment(path); seg != "" {
				w := problemAt(spec, o.Origin, fmt.Sprintf("operation %s %s is not served: its segment %q puts a parameter inside text, and API Gateway binds a path parameter only to a whole segment (want such as %s)",
					method, path, seg, wholeSegments(seg)))
				w.Class = load.NotServed
				unserved = append(unserved, w)
				continue
			}
			if bad := controlChar(path + o.ID); bad != "" {
				problems = append(problems, problemAt(spec, o.Origin, fmt.Sprintf(
					"operation %s %q: the path or operationId contains %s, which no HTTP route has; remove it", method, path, bad)))
				continue
			}
			o.GoName = codegen.ToCamelCase(o.ID)
			if w := o.nameForGo(spec, byGoName, synthesized); w != nil {
				spec.Warnings = append(spec.Warnings, *w)
				if synthesized {
					// A made-up ID is lambgen's to change, and must be unique.
					o.ID, o.GoID, op.OperationID = o.GoID, "", o.GoID
				}
			}
			byGoName[o.GoName] = o
			o.MuxPattern = method + " " + codegen.SwaggerUriToStdHttpUri(path)
			for _, p := range pathParamNames(path) {
				o.PathParams = append(o.PathParams, PathParam{Name: p, MuxName: codegen.SanitizeGoIdentifier(p)})
			}
			o.HandlerFile = uniqueFile(handlerFiles, files.HandlersDir+"/"+handlerFileName(o.GoName))
			o.Responses = responseCodes(op)
			collectBinary(op, binary)
			o.Rules = comp.operation(doc, item, op, o, sec)
			o.Sample, o.BadSamples = samples(method, path, item, op, o.Rules, sec.list)
			if len(o.BadSamples) > 0 {
				o.BadSample = &o.BadSamples[0]
			}
			api.Operations = append(api.Operations, o)
		}
	}
	if len(api.Operations) == 0 && len(unserved) > 0 {
		// Nothing sensible is left: refuse, for the reasons each was not.
		// (A spec of unrouted methods alone keeps its models, as one with
		// no paths does.)
		for _, w := range unserved {
			w.Class, w.Message = load.Invalid, w.Message+"; no operation of the spec is left to serve"
			problems = append(problems, w)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	spec.Warnings = append(append(spec.Warnings, unserved...), unrouted...)
	if len(api.Operations) == 0 {
		spec.Warnings = append(spec.Warnings, load.Problem{File: spec.Path, Line: 1, Column: 1, Class: load.NoOperations,
			Message: "spec has no operations under paths" + webhooksNote(doc) + ": the project has its models, and a server that answers 404 with no API in template.yaml, until you add paths"}).Sorted()
	}
	for t := range binary {
		api.BinaryTypes = append(api.BinaryTypes, t)
	}
	sort.Strings(api.BinaryTypes)
	shareGatewayNames(api.Operations)
	api.Validation = comp.finish(sec)
	api.Validation.Routes = routes(api.Operations)
	api.checkSamples()
	return api, nil
}

// uniqueFile is name, or name with a number before .go when an earlier
// operation's stub has it: Go names that differ only in case
// (GenerateMobileOTPUsingPOST, GenerateMobileOtpUsingPOST in India's ABHA
// description) make one file name.
func uniqueFile(taken map[string]bool, name string) string {
	base := strings.TrimSuffix(name, ".go")
	for n := 2; taken[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s_%d.go", base, n)
	}
	taken[strings.ToLower(name)] = true
	return name
}

// sameRoute warns of an operation whose path differs from an earlier one's
// only in its parameters' names, under the same method: no router can tell
// the two apart, so the first in sorted order is served and this one is not.
func sameRoute(spec *load.Spec, routed map[string]string, method, path string, op *openapi3.Operation) *load.Problem {
	key := method + " " + routeShape(path)
	first, taken := routed[key]
	if !taken {
		routed[key] = path
		return nil
	}
	var at *openapi3.Location
	if op.Origin != nil {
		at = op.Origin.Key
	}
	w := problemAt(spec, at, fmt.Sprintf("operation %s %s is not served: %s %s is the same route, as the paths differ only in their parameters' names, and no router can tell them apart "+
		"(want one path, or parameters in the same places named alike)", method, path, method, first))
	w.Class = load.NotServed
	return &w
}

func problemAt(spec *load.Spec, loc *openapi3.Location, msg string) load.Problem {
	p := load.Problem{File: spec.Path, Class: load.Invalid, Message: msg}
	if loc != nil {
		p.Line, p.Column = loc.Line, loc.Column
	}
	return p
}

// methodOrder is the order operations of one path appear in; it follows
// how people read an API (read, create, replace, change, delete).
var methodOrder = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}

// unroutedMethods warns of the operations under methods API Gateway does
// not route (CONNECT, OpenAPI 3.2's QUERY and additionalOperations such as
// LINK): they are not served, and render leaves them out of the code too.
func unroutedMethods(spec *load.Spec, path string, item *openapi3.PathItem) load.Problems {
	var found load.Problems
	ops := item.Operations()
	methods := make([]string, 0, len(ops))
	for m := range ops {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	for _, m := range methods {
		if slices.Contains(methodOrder, m) {
			continue
		}
		p := problemAt(spec, nil, fmt.Sprintf("operation %s %s is not served: API Gateway routes no %s requests (want one of %s)", m, path, m, strings.Join(methodOrder, ", ")))
		if o := ops[m].Origin; o != nil && o.Key != nil {
			p.Line, p.Column = o.Key.Line, o.Key.Column
		}
		p.Class = load.NotServed
		found = append(found, p)
	}
	return found
}

func sortedMethods(item *openapi3.PathItem) []string {
	var out []string
	for _, m := range methodOrder {
		if item.GetOperation(m) != nil {
			out = append(out, m)
		}
	}
	return out
}

// basePath takes the path of the first server URL, resolving variables to
// their defaults, because that is the prefix clients put before each path.
func basePath(doc *openapi3.T) string {
	if len(doc.Servers) == 0 || doc.Servers[0] == nil {
		return ""
	}
	s := doc.Servers[0]
	raw := s.URL
	for name, v := range s.Variables {
		if v != nil {
			raw = strings.ReplaceAll(raw, "{"+name+"}", v.Default)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	p := strings.TrimRight(u.Path, "/")
	// A variable the server does not declare has no value to put there
	// (server-variables-undeclared): no base path is known.
	if p == "" || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "{}") {
		return ""
	}
	return p
}

func responseCodes(op *openapi3.Operation) []string {
	if op.Responses == nil {
		return nil
	}
	var out []string
	for code := range op.Responses.Map() {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

func collectBinary(op *openapi3.Operation, into map[string]bool) {
	if op.Responses == nil {
		return
	}
	for _, r := range op.Responses.Map() {
		if r.Value == nil {
			continue
		}
		for mt := range r.Value.Content {
			if !IsText(mt) {
				into[mt] = true
			}
		}
	}
}

// IsText reports whether a media type is sent as UTF-8 text rather than
// base64. It is the runtime's own rule, so the binary media types a REST
// API lists are exactly the ones the adapter encodes.
func IsText(mediaType string) bool { return lambdahttp.IsTextType(mediaType) }

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// webhooksNote says what the spec has instead of paths, when webhooks.
func webhooksNote(doc *openapi3.T) string {
	if n := len(doc.Webhooks); n > 0 {
		return fmt.Sprintf(", only %d webhooks (requests the API sends, which lambgen does not serve)", n)
	}
	return ""
}

// routeShape is a path with its parameters' names left out: what a
// router tells paths apart by.
func routeShape(path string) string { return pathParamRE.ReplaceAllString(path, "{}") }

// shareGatewayNames gives paths that differ only in their parameters'
// names (/a/{id} for GET, /a/{key} for DELETE: a path-param-names warning)
// one API Gateway path, the first in sort order: a REST API allows one
// variable per level of its resource tree. The function routes by position
// and reads each operation's own names, so only the template changes.
func shareGatewayNames(ops []*Operation) {
	first := map[string]string{}
	for _, op := range ops {
		shape := routeShape(op.Path)
		if p, ok := first[shape]; !ok || op.Path < p {
			first[shape] = op.Path
		}
	}
	for _, op := range ops {
		op.SAMPath = first[routeShape(op.Path)]
	}
}

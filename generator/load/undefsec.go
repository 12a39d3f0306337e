package load

import (
	"errors"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// A security requirement object is an AND of schemes and a security list
// an OR of them, so an alternative that names an undefined scheme can
// never be met: the model drops it. The finding is a warning that says
// what is left, since a list with nothing left means the operation refuses
// every request, which is safe but not what the author meant.

// undefinedScheme words the finding for u: what dropping the alternative
// leaves of its list. Webhooks and callbacks are not served, so nothing of
// theirs is enforced either.
func undefinedScheme(doc *openapi3.T, u *openapi3.SecurityRequirementSchemeUndefinedError, msg string) (Class, string) {
	ptr := u.JSONPointer
	if strings.HasPrefix(ptr, "/webhooks/") || strings.Contains(ptr, "/callbacks/") {
		return NotServed, msg + " (inside a webhook or callback, which lambgen does not serve)"
	}
	const want = " (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, "
	reqs, where := requirementList(doc, ptr)
	switch {
	case reqs == nil:
		return UndefinedScheme, msg + want + "so it is dropped)"
	case schemesLeft(doc, *reqs):
		return UndefinedScheme, msg + want + "so it is dropped and the others still admit requests)"
	}
	return UndefinedScheme, msg + want + "and no other is left, so " + where + " answers 401 to every request)"
}

// schemesLeft says whether a security list keeps an alternative once
// those naming undefined schemes are dropped: an anonymous one, or one
// whose every scheme is defined.
func schemesLeft(doc *openapi3.T, reqs openapi3.SecurityRequirements) bool {
	for _, req := range reqs {
		if !namesUndefined(doc, req) {
			return true
		}
	}
	return false
}

func namesUndefined(doc *openapi3.T, req openapi3.SecurityRequirement) bool {
	for name := range req {
		if doc.Components == nil || doc.Components.SecuritySchemes[name] == nil {
			return true
		}
	}
	return false
}

// requirementList is the security list a finding's JSON pointer is in
// (/security/0/x, /paths/~1a/get/security/0/x) and who answers for it.
func requirementList(doc *openapi3.T, ptr string) (*openapi3.SecurityRequirements, string) {
	if strings.HasPrefix(ptr, "/security/") {
		return &doc.Security, "every operation that inherits the global security"
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/paths/"), "/")
	if !strings.HasPrefix(ptr, "/paths/") || len(toks) != 5 || toks[2] != "security" || doc.Paths == nil {
		return nil, ""
	}
	path, method := unescapePointer(toks[0]), strings.ToUpper(toks[1])
	item := doc.Paths.Value(path)
	if item == nil {
		return nil, ""
	}
	op := item.GetOperation(method)
	if op == nil || op.Security == nil {
		return nil, ""
	}
	return op.Security, method + " " + path
}

func unescapePointer(tok string) string {
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
}

// requirementAt is where the undefined name is written: its key in the
// requirement object, in whichever file holds the operation. It returns
// nil when the text cannot be found, and the operation's own position is
// used instead.
func (s *sources) requirementAt(err error) *openapi3.Location {
	var u *openapi3.SecurityRequirementSchemeUndefinedError
	if s == nil || !errors.As(err, &u) {
		return nil
	}
	toks := strings.Split(u.JSONPointer, "/")
	if len(toks) < 4 || toks[len(toks)-3] != "security" {
		return nil
	}
	i, convErr := strconv.Atoi(toks[len(toks)-2])
	name := unescapePointer(toks[len(toks)-1])
	if convErr != nil {
		return nil
	}
	// The root's text first: a pointer reaches an operation written there
	// (Swagger 2.0 has no origins, but the same layout); an operation in
	// another file is found by its origin.
	file, holder := s.rootAbs, (*yaml.Node)(nil)
	if root := s.files[s.rootAbs]; root != nil && root.root != nil {
		holder = pointer(root.root, strings.Join(toks[:len(toks)-3], "/"))
	}
	if holder == nil && u.Origin != nil && u.Origin.Key != nil {
		if f := s.files[u.Origin.Key.File]; f != nil && f.root != nil {
			file, holder = f.abs, valueAt(f.root, u.Origin.Key.Line, u.Origin.Key.Column)
		}
	}
	list := mapValue(holder, "security")
	if list == nil || list.Kind != yaml.SequenceNode || i < 0 || i >= len(list.Content) {
		return nil
	}
	k := mapKey(list.Content[i], name)
	if k == nil {
		return nil
	}
	return &openapi3.Location{File: file, Line: k.Line, Column: k.Column}
}

// valueAt is the value of the mapping key written at line and column.
func valueAt(n *yaml.Node, line, col int) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Line == line && k.Column == col {
				return n.Content[i+1]
			}
		}
	}
	for _, c := range n.Content {
		if v := valueAt(c, line, col); v != nil {
			return v
		}
	}
	return nil
}

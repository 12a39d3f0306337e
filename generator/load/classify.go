package load

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// classify names the class of one kin-openapi validation failure and the
// message to show for it. An empty class means the finding is accepted
// silently: a field of the document's own OpenAPI version that kin-openapi
// does not know yet.
func classify(doc *openapi3.T, err error) (Class, string) {
	msg := shorten(err.Error())
	c := Invalid
	var coded openapi3.CodedError
	if errors.As(err, &coded) {
		if k, ok := codeClasses[coded.Code()]; ok {
			c = k
		}
	}
	var undefined *openapi3.SecurityRequirementSchemeUndefinedError
	if c == UndefinedScheme && errors.As(err, &undefined) {
		return undefinedScheme(doc, undefined, msg)
	}
	var sib *openapi3.ExtraSiblingFieldsError
	if c == UnknownField && errors.As(err, &sib) {
		var sec *openapi3.SectionValidationError
		section := ""
		if errors.As(err, &sec) {
			section = sec.Section
		}
		var inSchema *openapi3.SchemaError
		if v, ok := newerVersion(section, sib.Fields); ok {
			if versionAtLeast(doc.OpenAPI, v) {
				return "", ""
			}
			c = NewerVersionField
			msg += fmt.Sprintf(" (fields of OpenAPI %s in an OpenAPI %s document; read as %s defines them)", v, doc.OpenAPI, v)
		} else if versionAtLeast(doc.OpenAPI, "3.1") && (errors.As(err, &inSchema) || strings.Contains(msg, "schema \"")) {
			// A 3.1 schema is a JSON Schema 2020-12 one, which ignores
			// keywords it does not know (an old definitions, say).
			return SchemaKeyword, msg + " (JSON Schema, which OpenAPI 3.1 schemas are, ignores keywords it does not know; so does lambgen)"
		} else if section == "" && nearFieldName(sib.Fields) == "" {
			// Only at the top of the document: a field there that is no
			// OpenAPI field's typo reaches no code. Inside an object a far
			// one may still be a mistake (a link's body for server).
			return VendorField, msg + " (no OpenAPI field is spelled near them, so they are no typo of one; ignored, as an x- extension is)"
		} else {
			msg += " (no OpenAPI version defines them here: want a known field, or an x- extension)"
		}
	}
	var undeclared *openapi3.ServerURLUndeclaredVariables
	if errors.As(err, &undeclared) {
		return ServerVariables, msg + " (a base path that holds one is unknown, so the paths are served without it)"
	}
	var empty *openapi3.ExampleValueOrExternalValueRequired
	if errors.As(err, &empty) {
		return EmptyExample, msg + " (an example with no value documents nothing; it is ignored)"
	}
	var optional *openapi3.PathParameterRequiredError
	if errors.As(err, &optional) {
		return PathParamOptional, msg + " (read as required: a path parameter is always in the path)"
	}
	var pattern *openapi3.SchemaPatternRegexError
	var syntaxErr *syntax.Error
	if errors.As(err, &pattern) && errors.As(err, &syntaxErr) && goLacks(syntaxErr) {
		return PatternUnsupported, msg + " (Go's regexp has no such syntax, so the server does not check this pattern; the rest of the schema is checked)"
	}
	var conflict *openapi3.ConflictingPathsError
	if errors.As(err, &conflict) {
		if len(sharedMethods(doc, conflict.Path1, conflict.Path2)) > 0 {
			// The model serves the first path under each shared method and
			// warns, at the operation, of the one it leaves out.
			return "", ""
		}
		return PathParamNames, msg + " (they differ only in their parameters' names and share no method, so they are told apart by method; API Gateway sees the first one's names on both)"
	}
	var hook *openapi3.WebhookValidationError
	if (errors.As(err, &hook) || strings.Contains(msg, "invalid callback ")) && SeverityOf(c) == Error {
		return NotServed, msg + " (inside a webhook or callback, which lambgen does not serve)"
	}
	if s, ok := advice[c]; ok {
		msg += s
	}
	return c, msg
}

// advice says what lambgen does instead, for the warnings kin-openapi
// words as errors.
var advice = map[Class]string{
	ExampleMismatch:    " (want an example the schema accepts; it is left out of generated test samples)",
	DefaultMismatch:    " (want a default the schema accepts; the generated code never applies defaults, and leaves it out of test samples)",
	EmptyVersion:       " (want a version such as \"1.0.0\"; it only labels the document)",
	MissingDescription: " (it is documentation only)",
	MissingMetadata:    " (it is documentation only)",
	NewerVersionField:  "",
	EmptyServerURL:     " (an empty url is relative to where the document is served, so the API has no base path)",
	ResponsesMissing:   " (OpenAPI 3.0 wants at least one; read as an operation that documents no response, whose handler can answer only with an error)",
}

// newerFields are fields that a later OpenAPI version defines and that
// kin-openapi does not know, by the section they appear in.
var newerFields = map[string]map[string]string{
	"tags":       {"kind": "3.2", "parent": "3.2", "summary": "3.2"},
	"components": {"pathItems": "3.1", "mediaTypes": "3.2"},
}

func newerFieldNames() []string {
	var out []string
	for _, fs := range newerFields {
		for f := range fs {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// newerVersion is the latest version that introduced any of fields in
// section, if every one of them is a newer-version field there.
func newerVersion(section string, fields []string) (string, bool) {
	known := newerFields[section]
	v := ""
	for _, f := range fields {
		fv, ok := known[f]
		if !ok {
			return "", false
		}
		v = max(v, fv)
	}
	return v, v != ""
}

// versionAtLeast compares "3.1.0" with "3.1" by their leading parts.
func versionAtLeast(have, want string) bool {
	return len(have) >= len(want) && have[:len(want)] >= want
}

// shorten keeps the part of a kin-openapi message that says what is wrong,
// dropping the schema and value dumps that can run to hundreds of lines.
func shorten(msg string) string {
	if i := strings.Index(msg, "\nSchema:"); i > 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

// sharedMethods are the methods both paths have operations for.
func sharedMethods(doc *openapi3.T, a, b string) []string {
	pa, pb := doc.Paths.Value(a), doc.Paths.Value(b)
	if pa == nil || pb == nil {
		return nil
	}
	var out []string
	for m := range pa.Operations() {
		if pb.GetOperation(m) != nil {
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}

// goLacks says whether a regexp error is about syntax ECMAScript has and
// Go's regexp does not (lookarounds, backreferences, repeats over 1000),
// rather than a pattern no engine reads (an unclosed bracket).
func goLacks(e *syntax.Error) bool {
	switch e.Code {
	case syntax.ErrInvalidPerlOp, syntax.ErrInvalidRepeatSize, syntax.ErrInvalidEscape, syntax.ErrInvalidNamedCapture:
		return true
	case syntax.ErrInvalidCharRange:
		// A Unicode class Go does not know (\p{Print}), not a range
		// written backwards.
		return strings.HasPrefix(e.Expr, `\p`) || strings.HasPrefix(e.Expr, `\P`)
	}
	return false
}

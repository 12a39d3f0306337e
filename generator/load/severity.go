package load

// Severity says whether a finding stops generation.
type Severity int

const (
	// Error: lambgen cannot generate correct code for the spec.
	Error Severity = iota
	// Warning: the spec is wrong, but the generated code is unaffected or
	// the intent is unambiguous. Generation goes on; --strict refuses.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Class names a kind of finding. Names are stable: scripts, docs and
// --strict users rely on them, so rename none.
type Class string

// The classes, and in classes below the one place that decides each one's
// severity.
const (
	Unreadable         Class = "unreadable"
	NotOpenAPI         Class = "not-openapi"
	RemoteRef          Class = "remote-ref"
	BadRef             Class = "bad-ref"
	Invalid            Class = "invalid"
	UnknownField       Class = "unknown-field"
	Unsatisfiable      Class = "unsatisfiable-schema"
	ExampleMismatch    Class = "example-mismatch"
	DefaultMismatch    Class = "default-mismatch"
	EnumMemberType     Class = "enum-member-type"
	ArrayWithoutItems  Class = "array-without-items"
	NewerVersionField  Class = "newer-version-field"
	RefSibling         Class = "ref-sibling"
	EmptyVersion       Class = "empty-info-version"
	MissingDescription Class = "missing-description"
	MissingMetadata    Class = "missing-metadata"
	NotServed          Class = "not-served"
	CallbackStrayField Class = "callback-stray-field"
	TextRef            Class = "text-ref"
	GoName             Class = "go-name"
	NotGenerated       Class = "not-generated"
	ParamAsString      Class = "param-as-string"
	// OperationNotGenerated is NotGenerated confined to some operations:
	// the rest of the API is generated without them.
	OperationNotGenerated Class = "operation-not-generated"
	NoOperations          Class = "no-operations"
	VersionNumber         Class = "version-number"
	EmptyExample          Class = "empty-example"
	PathParamOptional     Class = "path-param-not-required"
	MultiType             Class = "multi-type"
	PathParamNames        Class = "path-param-names"
	PatternUnsupported    Class = "pattern-unsupported"
	SchemaKeyword         Class = "schema-keyword"
	DocsMoved             Class = "docs-moved"
	HealthMoved           Class = "health-moved"
	EmptyServerURL        Class = "empty-server-url"
	UnquotedNull          Class = "unquoted-null"
	GoTypeMismatch        Class = "go-type-mismatch"
	TupleItems            Class = "tuple-items"
	PathOperator          Class = "path-template-operator"
	MediaTypeKeyword      Class = "media-type-keyword"
	RefPlusSpace          Class = "ref-plus-space"
	ResponsesMissing      Class = "responses-missing"
	ServerVariables       Class = "server-variables-undeclared"
	// UnsatisfiableUnused is Unsatisfiable in a component no operation
	// uses.
	UnsatisfiableUnused Class = "unsatisfiable-unused-schema"
	RemoteRefUnused     Class = "remote-ref-unused"
	VendorField         Class = "vendor-field"
	UndefinedScheme     Class = "undefined-security-scheme"
	UnsendableName      Class = "unsendable-name"
	IgnoredGoExtension  Class = "ignored-go-extension"
	UnwritableInGo      Class = "unwritable-in-go"
)

// classes is the severity table. Anything that reaches generated code in a
// way lambgen cannot repair is an error; anything that only documents,
// samples or decorates the API is a warning, with what lambgen does
// instead in the message.
//
//	class                       severity  why
//	unreadable                  error     not YAML or JSON: nothing to generate from
//	not-openapi                 error     no openapi (or swagger: "2.0") field
//	remote-ref                  error     a build must not fetch from the network
//	remote-ref-unused           warning   the same in a component that is only that $ref and
//	                                      that nothing uses: left out
//	bad-ref                     error     a $ref whose target is missing
//	invalid                     error     any other OpenAPI rule (types, parameters, paths...)
//	unknown-field               error     a field no OpenAPI version defines, spelled near one
//	                                      that does: likely a typo whose meaning the code would
//	                                      silently lose (paramters, securty)
//	vendor-field                warning   a field at the top of the document that no OpenAPI
//	                                      version defines, spelled near none (Google's source):
//	                                      a vendor's, written without x-; ignored, as an
//	                                      extension is. Inside an object it stays unknown-field
//	unsatisfiable-schema        error     no value can match; every request that carries it
//	                                      would fail, no answer could be valid (and a schema
//	                                      built only from itself, anywhere)
//	unsatisfiable-unused-schema warning   the same in a component no operation uses:
//	                                      generated as written
//	example-mismatch            warning   examples are documentation; dropped from test samples
//	default-mismatch            warning   the generated code never applies defaults; dropped
//	                                      from test samples
//	enum-member-type            warning   a member of the wrong type can never match; dropped
//	array-without-items         warning   read as an array of anything ([]interface{})
//	newer-version-field         warning   a field of a later OpenAPI version (3.1
//	                                      components.pathItems, info.summary, 3.2 tag kind,
//	                                      summary, parent...): read where lambgen can, else
//	                                      ignored; in a document of that version it is accepted
//	ref-sibling                 warning   OpenAPI 3.0 ignores fields next to $ref; so does
//	                                      the code (description, summary, example, x-* are
//	                                      accepted silently)
//	empty-info-version          warning   info.version only labels the document
//	missing-description         warning   response descriptions are documentation
//	missing-metadata            warning   title, license name, external docs url: documentation
//	not-served                  warning   webhooks and callbacks: lambgen serves paths only,
//	                                      so problems inside them are warnings too; also an
//	                                      operation no router can tell from an earlier one's
//	                                      (/a/{id} and /a/{key}, both GET): the first is served
//	callback-stray-field        warning   a non-expression field in a callback; ignored
//	text-ref                    warning   a $ref where OpenAPI allows none (description,
//	                                      summary, title) that reaches no text; left empty
//	                                      (one that reaches text is replaced by it silently)
//	go-name                     warning   two spec names would be one Go name, or a name the
//	                                      api package declares itself (Logger): the later
//	                                      one gets the Go name the message gives
//	param-as-string             warning   a parameter oapi-codegen's binder cannot read (no
//	                                      type, a oneOf of scalars or of scalars and arrays of
//	                                      them, binary strings, an object in a cookie): the
//	                                      handler gets the text (an array of strings for the
//	                                      arrays), checked as the spec says
//	operation-not-generated     warning   the code oapi-codegen generates for some operations
//	                                      does not compile, even after lambgen's workarounds:
//	                                      the rest is generated, and those operations answer
//	                                      501 (after validation) with no handler method
//	empty-example               warning   an example object with neither value nor
//	                                      externalValue: ignored
//	path-param-not-required     warning   a path parameter without required: true; read as
//	                                      required, which it always is
//	multi-type                  warning   a schema of several types (3.1 type: [integer,
//	                                      string]): any (interface{}) in Go, checked as written
//	path-param-names            warning   two paths that differ only in their parameters'
//	                                      names (/a/{id}, /a/{key}) and share no method: told
//	                                      apart by method; API Gateway gets one set of names
//	pattern-unsupported         warning   a pattern Go's regexp cannot compile (lookahead,
//	                                      backreferences, repeats over 1000): not checked
//	schema-keyword              warning   a keyword a 3.1 schema does not define (an old
//	                                      definitions): ignored, as JSON Schema ignores it
//	version-number              warning   swagger: 2.0 written as a YAML number; read as "2.0"
//	no-operations               warning   nothing under paths (only components, or only
//	                                      webhooks): the project has the models and a server
//	                                      that answers 404, and no API in template.yaml, until
//	                                      paths are added
//	docs-moved                  warning   the docs page or /openapi.json would hide an
//	                                      operation; they move to a path the spec leaves free
//	health-moved                warning   the spec serves the health endpoint's path; the
//	                                      local server answers health checks elsewhere
//	empty-server-url            warning   a server whose url is "": a URL relative to the
//	                                      document's own, so no base path
//	unquoted-null               warning   type: [string, null], whose null YAML reads as no
//	                                      value: read as the type null
//	go-type-mismatch            warning   an x-go-type naming a Go scalar that cannot hold the
//	                                      schema's values (string on an object): ignored, as
//	                                      no valid value would decode
//	tuple-items                 warning   items written as a list (a tuple, which 3.0 cannot
//	                                      write): an array of any values
//	path-template-operator      warning   an RFC 6570 operator in a path template ({.id},
//	                                      {;id}, {id*}) naming a declared path parameter:
//	                                      read as {id}, whose style says how it is written
//	media-type-keyword          warning   schema keywords on a media type with no schema
//	                                      (text/plain: {type: string}): read as its schema
//	ref-plus-space              warning   a $ref that writes a space as + (with+space), where
//	                                      only the name with a space exists: read so
//	responses-missing           warning   an operation with no responses (3.0 wants them):
//	                                      read as one that documents none
//	server-variables-undeclared warning   a server URL with variables it does not declare:
//	                                      a base path that holds one is not used
//	undefined-security-scheme   warning   a security requirement names a scheme that
//	                                      components.securitySchemes lacks: no credential
//	                                      meets that alternative, so it is dropped; an
//	                                      operation left with none answers 401 to everything
//	unsendable-name             warning   a media type with a control character, a header or
//	                                      cookie name that is no RFC 9110 token: no message can
//	                                      carry it, so it is left out (an operation that
//	                                      requires it is not served)
//	ignored-go-extension        warning   an x-go-name, x-go-type, x-go-type-name, extra tag
//	                                      or import oapi-codegen cannot paste into Go: those
//	                                      only steer Go names and types, so it is ignored
//	unwritable-in-go            warning   an enum value, discriminator or property name Go
//	                                      source cannot hold: the Go code goes without that
//	                                      part (constants, discriminator helpers, a field),
//	                                      the server checks it as written
//	not-generated               error     the same, but not confined to operations (a shared
//	                                      schema), or every operation: nothing is written
var classes = map[Class]Severity{
	Unreadable:         Error,
	NotOpenAPI:         Error,
	RemoteRef:          Error,
	BadRef:             Error,
	Invalid:            Error,
	UnknownField:       Error,
	Unsatisfiable:      Error,
	ExampleMismatch:    Warning,
	DefaultMismatch:    Warning,
	EnumMemberType:     Warning,
	ArrayWithoutItems:  Warning,
	NewerVersionField:  Warning,
	RefSibling:         Warning,
	EmptyVersion:       Warning,
	MissingDescription: Warning,
	MissingMetadata:    Warning,
	NotServed:          Warning,
	CallbackStrayField: Warning,
	TextRef:            Warning,
	GoName:             Warning,
	NotGenerated:       Error,
	ParamAsString:      Warning,

	OperationNotGenerated: Warning,
	NoOperations:          Warning,
	VersionNumber:         Warning,
	EmptyExample:          Warning,
	PathParamOptional:     Warning,
	MultiType:             Warning,
	PathParamNames:        Warning,
	PatternUnsupported:    Warning,
	SchemaKeyword:         Warning,
	DocsMoved:             Warning,
	HealthMoved:           Warning,
	EmptyServerURL:        Warning,
	UnquotedNull:          Warning,
	GoTypeMismatch:        Warning,
	TupleItems:            Warning,
	PathOperator:          Warning,
	MediaTypeKeyword:      Warning,
	RefPlusSpace:          Warning,
	ResponsesMissing:      Warning,
	ServerVariables:       Warning,

	UnsatisfiableUnused: Warning,
	RemoteRefUnused:     Warning,
	VendorField:         Warning,
	UndefinedScheme:     Warning,
	UnsendableName:      Warning,
	IgnoredGoExtension:  Warning,
	UnwritableInGo:      Warning,
}

// SeverityOf is the table's answer for c; a class missing from the table is
// an error, so a new finding is refused until someone decides otherwise.
func SeverityOf(c Class) Severity {
	if s, ok := classes[c]; ok {
		return s
	}
	return Error
}

// Classes lists every class, for documentation and tests.
func Classes() map[Class]Severity {
	out := make(map[Class]Severity, len(classes))
	for c, s := range classes {
		out[c] = s
	}
	return out
}

// codeClasses maps kin-openapi's stable validation codes to classes. Codes
// not listed are Invalid.
var codeClasses = map[string]Class{
	"example-violates-schema":              ExampleMismatch,
	"default-violates-schema":              DefaultMismatch,
	"schema-items-required":                ArrayWithoutItems,
	"info-version-required":                EmptyVersion,
	"response-description-required":        MissingDescription,
	"license-name-required":                MissingMetadata,
	"info-title-required":                  MissingMetadata,
	"external-docs-url-required":           MissingMetadata,
	"summary-field-for-3-1-plus":           NewerVersionField,
	"identifier-field-for-3-1-plus":        NewerVersionField,
	"webhooks-field-for-3-1-plus":          NotServed,
	"jsonschemadialect-field-for-3-1-plus": NewerVersionField,
	"extra-sibling-fields":                 UnknownField,
	"unresolved-ref":                       BadRef,
	"server-url-required":                  EmptyServerURL,
	"operation-responses-required":         ResponsesMissing,

	// An alternative naming an undefined scheme is dropped (undefsec.go).
	"security-requirement-scheme-undefined": UndefinedScheme,
}

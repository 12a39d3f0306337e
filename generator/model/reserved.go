package model

import (
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
)

// reservedNames are the exported names lambgen's own files declare in the
// generated api package, next to the types oapi-codegen makes from the
// spec's schemas.
var reservedNames = map[string]bool{
	"WithLogger": true, "WithMaxBodyBytes": true, "WithAuthenticator": true,
	"WithClaims": true, "WithResponseValidation": true, "NewHandler": true, "StripBasePath": true,
	"BasePath": true, "BinaryMediaTypes": true, "DefaultMaxBodyBytes": true, "ValidateResponsesEnv": true,
	// oapi-codegen's own declarations in the strict std-http server.
	"Handler": true, "HandlerFromMux": true, "HandlerFromMuxWithBaseURL": true, "HandlerWithOptions": true,
	"NewStrictHandler": true, "NewStrictHandlerWithOptions": true, "MiddlewareFunc": true, "ServeMux": true,
	"ServerInterface": true, "ServerInterfaceWrapper": true, "StdHTTPServerOptions": true,
	"StrictHTTPServerOptions": true, "StrictHandlerFunc": true, "StrictMiddlewareFunc": true,
	"StrictServerInterface": true, "InvalidParamFormatError": true, "RequiredHeaderError": true,
	"RequiredParamError": true, "TooManyValuesForParamError": true, "UnescapedCookieParamError": true,
	"UnmarshalingParamError": true,
	// api/openapi.gen.go, api/telemetry.gen.go and api/errors.gen.go.
	"OpenAPIJSON": true,
	// api/docs.gen.go and api/dev.gen.go.
	"DocsPath": true, "DocsJSONPath": true, "DocsYAMLPath": true, "DocsEnv": true, "DevEnv": true,
	"Logger": true, "TraceHeader": true, "OperationFromContext": true, "WithHealthCheck": true,
	"HealthCheckPath": true, "OnSIGTERM": true, "MetricsNamespace": true, "LogLevelEnv": true, "LogFormatEnv": true,
	"TelemetryEnv": true, "ProblemFor": true, "ErrForbidden": true, "ErrNotFound": true, "ErrConflict": true,
	"ErrGone": true, "ErrPreconditionFailed": true, "ErrUnprocessable": true, "ErrTooManyRequests": true,
}

// ContractNames are the contract package's names the api package
// re-exports for handlers. They are no clash: where oapi-codegen declares
// one for a type of the spec, render leaves the re-export out, and
// handlers reach the contract's under contract.<Name>.
var ContractNames = map[string]bool{
	"Problem": true, "Violation": true, "NotImplemented": true, "ErrorStatus": true,
	"Credential": true, "Identity": true, "Authenticator": true, "AuthenticatorFunc": true,
	"ErrUnauthenticated": true, "TrustGateway": true, "ClaimsFunc": true, "IdentityFromContext": true,
	"GatewayIdentity": true, "GatewayClaims": true, "Option": true,
}

// reservedClashes reports components whose Go type would collide with a
// name of lambgen's, and says how to rename the type.
// Reserved reports whether lambgen's own files declare name in the api
// package, so that the spec's code must not.
func Reserved(name string) bool { return reservedNames[name] }

func reservedClashes(spec *load.Spec) load.Problems {
	c := spec.Doc.Components
	if c == nil {
		return nil
	}
	var out load.Problems
	clash := func(kind, name string, loc *openapi3.Location, goName string) {
		if !reservedNames[goName] {
			return
		}
		fix := "add x-go-name: " + goName + "Body (or another name) to the schema"
		if kind != "schemas" {
			fix = "rename the component (" + goName + "Body, say) and its $refs"
		}
		out = append(out, problemAt(spec, loc, fmt.Sprintf(
			"components.%s.%s becomes Go type %s, which lambgen's api package already declares; %s", kind, name, goName, fix)))
	}
	for _, n := range slices.Sorted(maps.Keys(c.Schemas)) {
		if ref := c.Schemas[n]; ref != nil && ref.Value != nil {
			goName := codegen.SchemaNameToTypeName(n)
			if g, ok := ref.Value.Extensions["x-go-name"].(string); ok && g != "" {
				goName = g
			}
			clash("schemas", n, originKey(ref.Value.Origin), goName)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(c.Responses)) {
		if ref := c.Responses[n]; ref != nil && ref.Value != nil {
			clash("responses", n, originKey(ref.Value.Origin), codegen.SchemaNameToTypeName(n))
		}
	}
	for _, n := range slices.Sorted(maps.Keys(c.RequestBodies)) {
		if ref := c.RequestBodies[n]; ref != nil && ref.Value != nil {
			clash("requestBodies", n, originKey(ref.Value.Origin), codegen.SchemaNameToTypeName(n))
		}
	}
	return out
}

func originKey(o *openapi3.Origin) *openapi3.Location {
	if o == nil {
		return nil
	}
	return o.Key
}

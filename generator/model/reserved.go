package model

import (
	"maps"
	"slices"
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

// Reserved reports whether lambgen's own files declare name in the api
// package, so that the spec's code must not.
func Reserved(name string) bool { return reservedNames[name] }

// ReservedNames lists the names Reserved reports, sorted.
func ReservedNames() []string { return slices.Sorted(maps.Keys(reservedNames)) }

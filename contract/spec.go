package contract

// Spec is one API's contract, compiled: a generated project declares it
// as a composite literal of constants, which the linker lays out as
// static data, so a cold start parses nothing and runs no init code.
type Spec struct {
	// Operations holds each operation's rules; Routes point into it.
	Operations []Operation
	// Routes is the routing tree request paths are matched against; node
	// 0 is the root.
	Routes []RouteNode
	// SecuritySchemes are the spec's components.securitySchemes.
	SecuritySchemes []SecurityScheme
	// Patterns are compiled the first time a value is checked against
	// them; index 0 is unused, so a zero index means no pattern.
	Patterns []string
	// Schemas is the schema table; index 0 accepts anything.
	Schemas []Schema
}

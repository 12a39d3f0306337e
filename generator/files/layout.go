package files

// Where a project keeps what lambgen and the user share. Every stage names
// these paths through here, so moving one is one edit.
const (
	// APIDir holds the generated models, tables and server glue.
	APIDir = "api"
	// APIGenPath is oapi-codegen's output: regeneration compares the old
	// one with the new to find the user's methods that lost an operation.
	APIGenPath = APIDir + "/api.gen.go"
	// HandlersDir holds the user's handler files, one per operation.
	HandlersDir = "handlers"
	// RuntimeDir and ContractDir hold the copies of lambgen's runtime and
	// contract packages.
	RuntimeDir  = "internal/lambdahttp"
	ContractDir = "internal/contract"
	// MiddlewarePath is the user's hook around every operation and the
	// one place errors become answers.
	MiddlewarePath = HandlersDir + "/middleware.go"
	// TracingPath exists only in projects with tracing on, so that the
	// others cannot link it.
	TracingPath = APIDir + "/tracing.gen.go"
)

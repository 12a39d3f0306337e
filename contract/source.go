package contract

import "embed"

// Source is this package's own code, which lambgen copies into every
// project it generates; this file is left out of the copy.
//
//go:embed *.go
var Source embed.FS

// SourceFile is the name of this file, which copies leave out.
const SourceFile = "source.go"

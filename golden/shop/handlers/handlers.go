// Package handlers is where the API's behaviour lives. Each operation of
// the spec has its own file with one method on Handlers; lambgen writes a
// file when the operation first appears and never touches it again.
package handlers

import "example.com/shop/api"

// Handlers implements every operation. Put shared dependencies (clients,
// configuration) here as fields.
type Handlers struct{}

var _ api.StrictServerInterface = (*Handlers)(nil)

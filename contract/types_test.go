package contract

import (
	"encoding/json"
	"testing"

	"github.com/oapi-codegen/runtime/types"
)

// formatTypes pairs each format whose Go type oapi-codegen's runtime
// decodes with a decode through that very type: the server must accept
// exactly what the handler's type can hold.
var formatTypes = []struct {
	format Format
	decode func(string) error
}{
	{FormatEmail, func(v string) error { return decodeAs[types.Email](v) }},
	{FormatDuration, func(v string) error { _, err := types.ParseDuration(v); return err }},
	{FormatDate, func(v string) error { return decodeAs[types.Date](v) }},
	{FormatUUID, func(v string) error { return decodeAs[types.UUID](v) }},
}

func decodeAs[T any](v string) error {
	raw, _ := json.Marshal(v)
	var x T
	return json.Unmarshal(raw, &x)
}

var formatSeeds = []string{
	"", "a@b.example", "Ann <a@b.example>", "0@(", "a@b", "P1D", "P2W", "PT0,5S", "P1.5D", "PT", "2026-06-30",
	"2026-02-30", "20260630", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
	"{3fa85f64-5717-4562-b3fc-2c963f66afa6}", "3fa85f6457174562b3fc2c963f66afa6", "P99999999999999999999D",
}

// FuzzFormatsAgreeWithTypes fails when the server accepts a value that the
// handler's Go type refuses (the handler would never see it, and the client
// would get a binding error instead of the contract's answer).
func FuzzFormatsAgreeWithTypes(f *testing.F) {
	for _, s := range formatSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, ft := range formatTypes {
			if checkFormat(ft.format, v) == "" {
				if err := ft.decode(v); err != nil {
					t.Errorf("format %s accepts %q, which its Go type refuses: %v", formatNames[ft.format], v, err)
				}
			}
		}
	})
}

package write

import (
	"encoding/json"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/model"
)

// Manifest records what lambgen wrote, so a later run can tell its own
// files from the user's and notice hand edits.
type Manifest struct {
	Version int `json:"version"`
	// Generated maps each generated file to the sha256 of the bytes
	// lambgen wrote.
	Generated map[string]string `json:"generated"`
	// Operations records each operation's ID and Go name by method and path
	// so that a later run can report removed and renamed operations.
	Operations []ManifestOperation `json:"operations"`
}

// ManifestOperation is one operation as it was last generated.
type ManifestOperation struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	ID      string `json:"id"`
	GoName  string `json:"goName"`
	Handler string `json:"handler"`
}

// NewManifest describes set.
func NewManifest(set files.Set, ops []ManifestOperation) Manifest {
	m := Manifest{Version: 1, Generated: map[string]string{}, Operations: ops}
	for _, f := range set {
		if f.Kind == files.Generated {
			m.Generated[f.Path] = f.Hash()
		}
	}
	return m
}

// Encode is deterministic: encoding/json sorts map keys.
func (m Manifest) Encode() []byte {
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}

// Operations lists the model's operations for the manifest.
func Operations(api *model.API) []ManifestOperation {
	out := make([]ManifestOperation, 0, len(api.Operations))
	for _, op := range api.Operations {
		out = append(out, ManifestOperation{Method: op.Method, Path: op.Path, ID: op.ID, GoName: op.GoName, Handler: op.HandlerFile})
	}
	return out
}

package write

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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
	// Retired lists operations that left the spec while the user's method
	// for them still exists. lambgen keeps their request and response types
	// as deprecated tombstones, so the project compiles, until the method
	// is deleted.
	Retired []Retired `json:"retired,omitempty"`
}

// ManifestOperation is one operation as it was last generated.
type ManifestOperation struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	ID      string `json:"id"`
	GoName  string `json:"goName"`
	Handler string `json:"handler"`
}

// Retired is an operation that is gone from the spec. RenamedTo is the new
// operationId when the same method and path now carry another one.
type Retired struct {
	ManifestOperation
	RenamedTo string `json:"renamedTo,omitempty"`
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

// ReadManifest loads the manifest of the project in dir. A project without
// one yields nil and no error: every generated file on disk is then treated
// as one lambgen did not write.
func ReadManifest(dir string) (*Manifest, error) {
	p := filepath.Join(dir, filepath.FromSlash(files.ManifestPath))
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v (delete it and rerun lambgen generate --force to rebuild it)", p, err)
	}
	if m.Version != 1 {
		return nil, fmt.Errorf("%s: manifest version %d is not supported (want 1; this lambgen is older than the one that wrote it)", p, m.Version)
	}
	if m.Generated == nil {
		m.Generated = map[string]string{}
	}
	return &m, nil
}

// Operations lists the model's operations for the manifest.
func Operations(api *model.API) []ManifestOperation {
	out := make([]ManifestOperation, 0, len(api.Operations))
	for _, op := range api.Operations {
		// One with no code has no handler method to keep track of: once
		// it compiles, it is a new operation and gets its stub.
		if op.NotGenerated != "" {
			continue
		}
		out = append(out, ManifestOperation{Method: op.Method, Path: op.Path, ID: op.ID, GoName: op.GoName, Handler: op.HandlerFile})
	}
	return out
}

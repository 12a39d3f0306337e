package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/lambgen/lambgen/generator/files"
)

// RuntimeDir is where a project keeps its copy of the adapter. Being under
// internal/, it cannot leak into other modules' APIs.
const RuntimeDir = "internal/lambdahttp"

// copyRuntime copies the adapter's non-test Go files, each marked as
// generated, so a project depends only on public modules.
func copyRuntime(src fs.FS) (files.Set, error) {
	if src == nil {
		return nil, fmt.Errorf("no runtime source to copy")
	}
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return nil, fmt.Errorf("reading the runtime source: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("the runtime source has no Go files")
	}
	var out files.Set
	for _, n := range names {
		data, err := fs.ReadFile(src, n)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		buf.WriteString(files.Header + "\n\n")
		buf.Write(data)
		out = append(out, files.File{Path: path.Join(RuntimeDir, n), Data: buf.Bytes()})
	}
	return out, nil
}

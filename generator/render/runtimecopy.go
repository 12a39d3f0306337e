package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/files"
)

// RuntimeDir is where a project keeps its copy of the adapter. Being under
// internal/, it cannot leak into other modules' APIs.
const RuntimeDir = files.RuntimeDir

// ContractDir is where a project keeps its copy of the contract package:
// the validator, problem+json and security enforcement its tables drive.
const ContractDir = files.ContractDir

// copyRuntime copies the adapter's non-test Go files, each marked as
// generated, so a project depends only on public modules.
func copyRuntime(src fs.FS) (files.Set, error) { return copyPackage(src, "runtime", RuntimeDir) }

// copyContract copies the contract package the same way, but for the file
// that embeds its source into lambgen.
func copyContract(src fs.FS) (files.Set, error) {
	return copyPackage(src, "contract", ContractDir, contract.SourceFile)
}

func copyPackage(src fs.FS, what, dir string, skip ...string) (files.Set, error) {
	if src == nil {
		return nil, fmt.Errorf("no %s source to copy", what)
	}
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return nil, fmt.Errorf("reading the %s source: %w", what, err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || slices.Contains(skip, n) {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("the %s source has no Go files", what)
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
		out = append(out, files.File{Path: path.Join(dir, n), Data: buf.Bytes()})
	}
	return out, nil
}

package evolve

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

// userCode is the user's Go files under handlers/, by path.
type userCode map[string][]byte

// methods maps each method on Handlers that the user's files declare to
// where it is, as file:line.
func (u userCode) methods() map[string]string {
	out := map[string]string{}
	for _, p := range slices.Sorted(maps.Keys(u)) {
		src := u[p]
		if strings.HasSuffix(p, "_test.go") || bytes.HasPrefix(src, []byte(files.Header)) {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || write.ReceiverType(fd.Recv.List[0].Type) != "Handlers" {
				continue
			}
			if _, dup := out[fd.Name.Name]; !dup {
				out[fd.Name.Name] = fmt.Sprintf("%s:%d", p, fset.Position(fd.Pos()).Line)
			}
		}
	}
	return out
}

// uses finds the first place, as file:line, where the user's code names
// api.<name>; "" when it never does.
func (u userCode) uses(name string) string {
	re := regexp.MustCompile(`\bapi\.` + regexp.QuoteMeta(name) + `\b`)
	for _, p := range slices.Sorted(maps.Keys(u)) {
		src := u[p]
		if bytes.HasPrefix(src, []byte(files.Header)) {
			continue
		}
		if loc := re.FindIndex(src); loc != nil {
			return fmt.Sprintf("%s:%d", p, bytes.Count(src[:loc[0]], []byte("\n"))+1)
		}
	}
	return ""
}

// prefixed lists the api.<prefix>… names one file uses, sorted.
func prefixed(src []byte, prefix string) []string {
	re := regexp.MustCompile(`\bapi\.(` + regexp.QuoteMeta(prefix) + `\w*)`)
	seen := map[string]bool{}
	for _, m := range re.FindAllSubmatch(src, -1) {
		seen[string(m[1])] = true
	}
	out := slices.Sorted(maps.Keys(seen))
	sort.Strings(out)
	return out
}

package evolve

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/lambgen/lambgen/generator/write"
)

// Input is what the previous generation left and what the next one holds.
type Input struct {
	// Prev is the manifest on disk; nil when the project has none.
	Prev *write.Manifest
	// Next lists the operations of the spec as it is now.
	Next []write.ManifestOperation
	// OldAPI is the previous generated source of package api by path
	// (api/api.gen.go and api/tombstones.gen.go as they are on disk).
	OldAPI map[string][]byte
	// NewAPI is the next generated source of package api by path, without
	// the tombstone file.
	NewAPI map[string][]byte
	// Handlers is the user's Go files under handlers/ by path.
	Handlers map[string][]byte
}

// Result is the comparison.
type Result struct {
	// Tombstones is the content of TombstonePath, or nil when no operation
	// is retired and the file should not exist.
	Tombstones []byte
	// Retired goes into the next manifest.
	Retired []write.Retired
	// Notes tell the user what changed in the API and what to do about it,
	// one line each, in operation order.
	Notes []string
}

// Compare works out added, removed, renamed and moved operations, the
// tombstones that keep the user's code compiling, and the generated types
// that changed under it.
func Compare(in Input) (*Result, error) {
	res := &Result{}
	code := userCode(in.Handlers)
	have := code.methods()
	byGo, byRoute := map[string]write.ManifestOperation{}, map[string]write.ManifestOperation{}
	for _, op := range in.Next {
		byGo[op.GoName] = op
		byRoute[route(op)] = op
	}
	var candidates []write.Retired
	known := map[string]bool{}
	if in.Prev != nil {
		renamedTo := map[string]bool{}
		for _, p := range in.Prev.Operations {
			known[p.GoName] = true
			if n, ok := byGo[p.GoName]; ok {
				if route(n) != route(p) {
					res.Notes = append(res.Notes, fmt.Sprintf("moved: operation %s: %s → %s; method %s keeps its name", n.ID, route(p), route(n), n.GoName))
				}
				continue
			}
			r := write.Retired{ManifestOperation: p}
			if n, ok := byRoute[route(p)]; ok && !known[n.GoName] {
				r.RenamedTo = n.ID
				renamedTo[n.GoName] = true
			}
			candidates = append(candidates, r)
		}
		for _, op := range in.Next {
			switch where, ok := have[op.GoName]; {
			case known[op.GoName] || renamedTo[op.GoName]:
			case ok:
				res.Notes = append(res.Notes, fmt.Sprintf("added: operation %s (%s): your existing method %s at %s serves it", op.ID, route(op), op.GoName, where))
			default:
				res.Notes = append(res.Notes, fmt.Sprintf("added: operation %s (%s): fill in method %s in %s", op.ID, route(op), op.GoName, op.Handler))
			}
		}
		fresh := map[string]bool{}
		for _, c := range candidates {
			fresh[c.GoName] = true
		}
		for _, r := range in.Prev.Retired {
			if _, live := byGo[r.GoName]; live || fresh[r.GoName] {
				continue
			}
			candidates = append(candidates, r)
		}
	}
	retiredTypes := map[string]bool{}
	for _, r := range candidates {
		where, ok := have[r.GoName]
		first := !isRetired(in.Prev, r.GoName)
		if !ok {
			if first {
				res.Notes = append(res.Notes, fmt.Sprintf("removed: operation %s (%s); handlers/ has no method %s, so there is nothing to do", r.ID, route(r.ManifestOperation), r.GoName))
			} else {
				res.Notes = append(res.Notes, fmt.Sprintf("retired: operation %s: method %s is gone from handlers/, so its deprecated types leave %s", r.ID, r.GoName, TombstonePath))
			}
			continue
		}
		res.Retired = append(res.Retired, r)
		res.Notes = append(res.Notes, retiredNote(r, where, byRoute[route(r.ManifestOperation)], code, first))
	}
	old, next := newIndex(), newIndex()
	for _, p := range slices.Sorted(maps.Keys(in.OldAPI)) {
		old.add(p, in.OldAPI[p])
	}
	for _, p := range slices.Sorted(maps.Keys(in.NewAPI)) {
		next.add(p, in.NewAPI[p])
	}
	src, err := tombstones(res.Retired, old, next)
	if err != nil {
		return nil, err
	}
	res.Tombstones = src
	for _, r := range candidates {
		for name := range old.decls {
			if strings.HasPrefix(name, r.GoName) {
				retiredTypes[name] = true
			}
		}
	}
	if in.Prev != nil {
		res.Notes = append(res.Notes, surface(old, next, code, retiredTypes)...)
	}
	return res, nil
}

func retiredNote(r write.Retired, where string, now write.ManifestOperation, code userCode, first bool) string {
	verb := "removed"
	if !first {
		verb = "retired"
	}
	if r.RenamedTo == "" || now.GoName == "" {
		return fmt.Sprintf("%s: operation %s (%s) is gone from the spec; your method %s at %s is no longer served. "+
			"Its types stay, deprecated, in %s so the project compiles; delete the method when you no longer need it",
			verb, r.ID, route(r.ManifestOperation), r.GoName, where, TombstonePath)
	}
	file := where[:strings.LastIndex(where, ":")]
	var b strings.Builder
	fmt.Fprintf(&b, "renamed: %s operationId %s → %s. Your method %s at %s is no longer served; lambgen keeps its types, deprecated, in %s so the project compiles, and %s is a new stub. To move your code: ",
		route(r.ManifestOperation), r.ID, now.ID, r.GoName, where, TombstonePath, now.Handler)
	if file == now.Handler {
		fmt.Fprintf(&b, "rename method %s → %s in %s", r.GoName, now.GoName, file)
	} else {
		fmt.Fprintf(&b, "delete the stub %s", now.Handler)
		if path.Base(file) == path.Base(r.Handler) && file == r.Handler {
			fmt.Fprintf(&b, ", rename %s to %s", file, now.Handler)
		}
		fmt.Fprintf(&b, ", rename method %s → %s", r.GoName, now.GoName)
	}
	used := prefixed(code[file], r.GoName)
	if len(used) == 0 {
		used = []string{r.GoName + "RequestObject", r.GoName + "ResponseObject"}
	}
	var pairs []string
	for _, u := range used {
		pairs = append(pairs, "api."+u+" → api."+now.GoName+strings.TrimPrefix(u, r.GoName))
	}
	fmt.Fprintf(&b, " and the types %s, then run lambgen generate", strings.Join(pairs, ", "))
	return b.String()
}

func isRetired(m *write.Manifest, goName string) bool {
	if m == nil {
		return false
	}
	for _, r := range m.Retired {
		if r.GoName == goName {
			return true
		}
	}
	return false
}

func route(op write.ManifestOperation) string { return op.Method + " " + op.Path }

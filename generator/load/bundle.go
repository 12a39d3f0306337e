package load

import (
	"context"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// bundle moves every component that another file defines into the root's
// components, so that the document holds internal $refs only: the model
// names types by $ref, oapi-codegen follows no external ref, and the
// project embeds one self-contained contract. kin-openapi does the moving;
// lambgen only chooses the names.
func bundle(ctx context.Context, doc *openapi3.T, rootAbs string) {
	doc.InternalizeRefs(ctx, readableNames(doc, filepath.ToSlash(rootAbs)))
}

// readableNames names an internalized component after what the author
// named it: the component's own name for a fragment such as
// common.yaml#/components/schemas/Error, the file's name for a whole-file
// $ref such as schemas/Pet.yaml. Only when that name is already the root's,
// or another target's, does it fall back to kin-openapi's name, qualified
// by the file's path (common_Error), and then to a numbered one. Names are
// decided in kin-openapi's sorted walk, so they are the same on every run.
//
// kin-openapi's own ReferencesComponentInRootDocument answers what the
// root's components already name, but it scans them all on every call,
// which is quadratic on a spec of a thousand files; the same answer is
// worked out once here, before any component moves.
func readableNames(doc *openapi3.T, rootAbs string) openapi3.RefNameResolver {
	root := map[string]bool{}
	byTarget := map[string]string{} // collection and target -> name
	if c := doc.Components; c != nil {
		add := func(coll string, name string, ref openapi3.ComponentRef) {
			root[coll+"/"+name] = true
			if ref.RefString() != "" && ref.RefPath() != nil {
				byTarget[coll+" "+ref.RefPath().String()] = name
			}
		}
		for n, r := range c.Schemas {
			add("schemas", n, r)
		}
		for n, r := range c.Parameters {
			add("parameters", n, r)
		}
		for n, r := range c.Headers {
			add("headers", n, r)
		}
		for n, r := range c.RequestBodies {
			add("requestBodies", n, r)
		}
		for n, r := range c.Responses {
			add("responses", n, r)
		}
		for n, r := range c.SecuritySchemes {
			add("securitySchemes", n, r)
		}
		for n, r := range c.Examples {
			add("examples", n, r)
		}
		for n, r := range c.Links {
			add("links", n, r)
		}
		for n, r := range c.Callbacks {
			add("callbacks", n, r)
		}
	}
	given := map[string]string{} // collection/name -> target
	return func(doc *openapi3.T, ref openapi3.ComponentRef) string {
		coll := ref.CollectionName()
		u := ref.RefPath()
		target := coll + " " + u.String()
		if name, ok := byTarget[target]; ok {
			return name
		}
		// A $ref from another file back into the root's own components.
		if u.Path == rootAbs {
			if name, ok := strings.CutPrefix(u.Fragment, "/components/"+coll+"/"); ok && root[coll+"/"+name] {
				return name
			}
		}
		free := func(name string) bool {
			if name == "" || root[coll+"/"+name] {
				return false
			}
			t, ok := given[coll+"/"+name]
			return !ok || t == target
		}
		name := shortName(ref)
		if !free(name) {
			long := openapi3.DefaultRefNameResolver(doc, ref)
			name = long
			for i := 2; !free(name); i++ {
				name = long + "_" + strconv.Itoa(i)
			}
		}
		given[coll+"/"+name] = target
		byTarget[target] = name
		return name
	}
}

// shortName is the last token of the fragment, or the file's base name
// without its extension for a whole-file $ref.
func shortName(ref openapi3.ComponentRef) string {
	u := ref.RefPath()
	name := ""
	if frag := strings.TrimRight(u.Fragment, "/"); frag != "" {
		name = frag[strings.LastIndex(frag, "/")+1:]
		name = strings.NewReplacer("~1", "/", "~0", "~").Replace(name)
	} else {
		name = strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
	}
	return openapi3.InvalidIdentifierCharRegExp.ReplaceAllString(name, "_")
}

// keys is m's keys, in no order.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

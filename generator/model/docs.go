package model

import (
	"fmt"
	"strings"

	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/load"
)

// Docs is where the generated server serves its own contract: Swagger UI
// at Path (its assets below Path/), the embedded spec at JSONPath and
// YAMLPath. The paths are below the base path, like the spec's own.
type Docs struct {
	// Local and Lambda say where they are served.
	Local, Lambda            bool
	Path, JSONPath, YAMLPath string
}

// On reports whether the docs are served anywhere; when they are not, the
// project does without Swagger UI's module.
func (d *Docs) On() bool { return d.Local || d.Lambda }

// Routes are the paths API Gateway must send to the function when the
// docs are served on Lambda: the page, its assets and the two documents.
func (d *Docs) Routes() []string {
	return []string{d.Path, d.Path + "/{proxy+}", d.JSONPath, d.YAMLPath}
}

// docsPlaces are where the docs go, in order of preference: the configured
// path, then the same names behind an underscore, which specs rarely use,
// then a folder of their own.
func docsPlaces(path string) [][3]string {
	return [][3]string{
		{path, "/openapi.json", "/openapi.yaml"},
		{"/_" + strings.TrimPrefix(path, "/"), "/_openapi.json", "/_openapi.yaml"},
		{"/_lambgen" + path, "/_lambgen/openapi.json", "/_lambgen/openapi.yaml"},
	}
}

// BuildDocs places the docs where no operation of the spec can be reached
// by the same request: the docs are routed first, so a collision would
// hide the operation. A moved place is a warning that names the operation.
func BuildDocs(spec *load.Spec, api *API, cfg config.Docs) (*Docs, load.Problems) {
	d := &Docs{Local: cfg.LocalOn(), Lambda: cfg.Lambda}
	var warnings load.Problems
	var first *Operation
	places := docsPlaces(cfg.Path)
	for i, p := range places {
		op := docsCollision(api, p)
		if op == nil {
			d.Path, d.JSONPath, d.YAMLPath = p[0], p[1], p[2]
			if first != nil {
				warnings = append(warnings, docsWarning(spec, first, places[0], fmt.Sprintf("serving them at %s, %s and %s instead", p[0], p[1], p[2])))
			}
			return d, warnings
		}
		if i == 0 {
			first = op
		}
	}
	d.Local, d.Lambda = false, false
	return d, load.Problems{docsWarning(spec, first, places[0], "every other place lambgen tries collides too, so the docs are not served")}
}

func docsWarning(spec *load.Spec, op *Operation, p [3]string, what string) load.Problem {
	w := problemAt(spec, op.Origin, fmt.Sprintf("the docs at %s, %s and %s would hide operation %s %s (%s); %s (want docs.path in lambgen.yaml set to a path the spec does not use)",
		p[0], p[1], p[2], op.Method, op.Path, op.ID, what))
	w.Class = load.DocsMoved
	return w
}

// docsCollision returns an operation that a request for the docs could
// also reach.
func docsCollision(api *API, p [3]string) *Operation {
	for _, op := range api.Operations {
		if pathCovers(op.Path, p[0], true) || pathCovers(op.Path, p[1], false) || pathCovers(op.Path, p[2], false) {
			return op
		}
	}
	return nil
}

// pathCovers reports whether the spec path template matches the concrete
// path ours or, with below, a path under it. A segment holding a parameter
// is taken to match any segment, which errs towards moving the docs.
func pathCovers(template, ours string, below bool) bool {
	ts := strings.Split(strings.Trim(template, "/"), "/")
	us := strings.Split(strings.Trim(ours, "/"), "/")
	if len(ts) < len(us) || len(ts) > len(us) && !below {
		return false
	}
	if len(ts) > len(us) {
		// Below the page are only its assets, one segment deep; a longer
		// template reaches them only through parameters.
		for _, s := range ts[len(us):] {
			if !strings.Contains(s, "{") {
				return false
			}
		}
		if len(ts) > len(us)+1 {
			return false
		}
	}
	for i, s := range us {
		if ts[i] != s && !strings.Contains(ts[i], "{") {
			return false
		}
	}
	return true
}

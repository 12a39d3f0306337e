package deploy

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/lambgen/lambgen/generator/load"
)

// Report is what Validate found.
type Report struct {
	// Checked says what was checked, one line per file.
	Checked []string
	// Notes are things to know that are not errors, such as a template
	// parameter sam deploy will ask for.
	Notes    []string
	Problems load.Problems
}

// Validate checks a project offline: lambgen.yaml, the spec (with API
// Gateway's path and operation rules as well as OpenAPI's), template.yaml
// and serverless.yml against the spec and against what SAM and the
// Serverless Framework require. It returns an error only when it cannot
// check; what it finds wrong is in the Report.
func Validate(ctx context.Context, dir string) (*Report, error) {
	rep := &Report{}
	p, err := Open(ctx, dir)
	if err != nil {
		var ps load.Problems
		if errors.As(err, &ps) {
			rep.Problems = ps.Sorted()
			return rep, nil
		}
		return nil, err
	}
	rep.Problems = append(rep.Problems, checkGateway(p.Spec, p.API)...)
	rep.Checked = append(rep.Checked, fmt.Sprintf("%s: %d operations, with API Gateway's path rules", p.Spec.Path, len(p.API.Operations)))

	tmpl := p.Path("template.yaml")
	if doc, err := readYAML(tmpl); err != nil {
		if !appendProblems(&rep.Problems, err) {
			return nil, err
		}
	} else {
		rep.Problems = append(rep.Problems, checkSAM(tmpl, doc, p.Deploy)...)
		rep.Checked = append(rep.Checked, fmt.Sprintf("%s: %d routes, SAM's required properties, least-privilege policies", tmpl, len(p.Deploy.Routes)))
	}
	sls := p.Path("serverless.yml")
	if _, err := os.Stat(sls); err == nil {
		doc, err := readYAML(sls)
		if err != nil {
			if !appendProblems(&rep.Problems, err) {
				return nil, err
			}
		} else {
			rep.Problems = append(rep.Problems, checkServerless(sls, doc, p.Deploy)...)
			rep.Checked = append(rep.Checked, fmt.Sprintf("%s: %d routes, runtime, architecture, artifact, least-privilege statements", sls, len(p.Deploy.Routes)))
		}
	}
	for _, r := range p.Deploy.Routes {
		if r.Auth.Denied {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s: every alternative of %q names an undefined scheme, so the server answers 401 to every request",
				r.Method, r.Op.Path, r.Auth.Spec))
		}
		if r.Auth.FunctionChecks {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s: API Gateway checks %s of %q; the handler must check the rest",
				r.Method, r.Op.Path, r.Auth.Gateway(), r.Auth.Spec))
		}
	}
	for _, prm := range p.Deploy.Parameters {
		if !prm.HasDefault {
			rep.Notes = append(rep.Notes, fmt.Sprintf("template parameter %s has no default: sam deploy --guided asks for it, serverless needs --param=\"%s=...\" (%s)",
				prm.Name, prm.SLS, prm.Description))
		}
	}
	rep.Problems = rep.Problems.Sorted()
	return rep, nil
}

func appendProblems(into *load.Problems, err error) bool {
	var ps load.Problems
	if errors.As(err, &ps) {
		*into = append(*into, ps...)
		return true
	}
	return false
}

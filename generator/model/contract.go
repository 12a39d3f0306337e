package model

import "github.com/lambgen/lambgen/contract"

// Spec is the contract the generated server is handed: the model's
// tables as values of the contract package, which a project declares
// once as static data. Call it after BuildDeploy, which decides what the
// gateway verifies on each route.
func (api *API) Spec() contract.Spec {
	v := api.Validation
	sp := contract.Spec{Patterns: append([]string{""}, v.Patterns...)}
	for _, o := range api.Operations {
		sp.Operations = append(sp.Operations, o.contract())
	}
	for _, n := range v.Routes {
		sp.Routes = append(sp.Routes, *n)
	}
	for _, sc := range v.Schemes {
		sp.SecuritySchemes = append(sp.SecuritySchemes, *sc)
	}
	for _, s := range v.Schemas {
		sp.Schemas = append(sp.Schemas, *s)
	}
	return sp
}

func (o *Operation) contract() contract.Operation {
	op := contract.Operation{ID: o.ID, Method: o.Method, Path: o.Path, Pattern: o.MuxPattern}
	r := o.Rules
	if r == nil {
		return op
	}
	op.Wildcards, op.Params, op.Body, op.Responses, op.Anonymous = r.Wildcards, r.Params, r.Body, r.Responses, r.Anonymous
	op.Undefined = r.Undefined
	for _, req := range r.Security {
		var out contract.Requirement
		for _, u := range req.Uses {
			out = append(out, contract.SchemeUse{Scheme: u.Scheme, Scopes: u.Scopes})
		}
		op.Security = append(op.Security, out)
	}
	for _, g := range r.Gateway {
		op.Gateway = append(op.Gateway, contract.GatewayCheck{Scheme: g.Scheme, By: g.By})
	}
	return op
}

package deploy

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/load"
)

// checkPolicies refuses any policy that reaches every resource: a "*"
// Resource, a "*" in a policy template's parameter, or a managed policy
// that grants full access. Each grant must name its bucket or table.
func checkPolicies(file string, policies *yaml.Node) load.Problems {
	if policies == nil {
		return nil
	}
	items := []*yaml.Node{policies}
	if policies.Kind == yaml.SequenceNode {
		items = policies.Content
	}
	var ps load.Problems
	for _, p := range items {
		switch p.Kind {
		case yaml.ScalarNode:
			if broadManaged(p.Value) {
				ps = append(ps, at(file, p, "policy %s grants every resource; use a policy template scoped to one bucket or table (s3_access, dynamodb_access in lambgen.yaml)", p.Value))
			}
		case yaml.MappingNode:
			if st := val(p, "Statement"); st != nil {
				ps = append(ps, checkStatements(file, st)...)
				continue
			}
			for _, kv := range pairs(p) {
				for _, param := range pairs(kv[1]) {
					if strings.Contains(scalar(param[1]), "*") {
						ps = append(ps, at(file, param[1], "policy %s: %s %q is a wildcard; name the one resource the function needs", kv[0].Value, param[0].Value, param[1].Value))
					}
				}
			}
		}
	}
	return ps
}

// checkStatements flags statements whose Resource is "*".
func checkStatements(file string, st *yaml.Node) load.Problems {
	list := []*yaml.Node{st}
	if st.Kind == yaml.SequenceNode {
		list = st.Content
	}
	var ps load.Problems
	for _, s := range list {
		res := val(s, "Resource")
		if res == nil {
			continue
		}
		rs := []*yaml.Node{res}
		if res.Kind == yaml.SequenceNode {
			rs = res.Content
		}
		for _, r := range rs {
			if scalar(r) == "*" {
				ps = append(ps, at(file, r, "statement grants Resource \"*\"; name the bucket or table instead"))
			}
		}
	}
	return ps
}

func broadManaged(name string) bool {
	base := name[strings.LastIndex(name, "/")+1:]
	return strings.HasSuffix(base, "FullAccess") || base == "AdministratorAccess" || base == "PowerUserAccess"
}

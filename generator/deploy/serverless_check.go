package deploy

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
)

// checkServerless checks serverless.yml the way checkSAM checks
// template.yaml: the runtime, the architecture, the artifact, least
// privilege, and one route per operation.
func checkServerless(file string, doc *yaml.Node, d *model.Deploy) load.Problems {
	root := doc.Content[0]
	var ps load.Problems
	provider := val(root, "provider")
	if rt := val(provider, "runtime"); !strings.HasPrefix(scalar(rt), "provided.") {
		ps = append(ps, at(file, orNode(rt, root), "provider.runtime must be provided.al2023 to run a Go bootstrap binary"))
	}
	if arch := val(provider, "architecture"); arch != nil && scalar(arch) != d.Architecture {
		ps = append(ps, at(file, arch, "provider.architecture is %s, but lambgen.yaml builds bootstrap for %s", scalar(arch), d.Architecture))
	}
	if art := val(val(root, "package"), "artifact"); scalar(art) != d.Artifact {
		ps = append(ps, at(file, orNode(art, root), "package.artifact must be %s, the zip lambgen build writes", d.Artifact))
	}
	ps = append(ps, checkStatements(file, orEmpty(val(val(val(provider, "iam"), "role"), "statements")))...)
	var found []foundRoute
	for _, fn := range pairs(val(root, "functions")) {
		for _, ev := range seq(val(fn[1], "events")) {
			for _, kv := range pairs(ev) {
				if kv[0].Value != "http" && kv[0].Value != "httpApi" {
					continue
				}
				if want := map[bool]string{true: "http", false: "httpApi"}[d.REST]; kv[0].Value != want {
					ps = append(ps, at(file, kv[0], "event is %s, but lambgen.yaml says api: %s (want %s; run lambgen generate)", kv[0].Value, map[bool]string{true: "rest", false: "http"}[d.REST], want))
				}
				method, path := val(kv[1], "method"), val(kv[1], "path")
				if method == nil || path == nil {
					ps = append(ps, at(file, kv[0], "event needs method and path"))
					continue
				}
				found = append(found, foundRoute{key: routeKey{strings.ToUpper(method.Value), path.Value}, name: kv[0].Value, node: kv[0]})
			}
		}
	}
	fnKey, _ := get(root, "functions")
	return append(ps, compareRoutes(file, orNode(fnKey, root), found, d)...)
}

func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func orEmpty(n *yaml.Node) *yaml.Node {
	if n == nil {
		return &yaml.Node{Kind: yaml.SequenceNode}
	}
	return n
}

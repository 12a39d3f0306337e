// Package merge folds the user's template.overrides.yaml into the generated
// template.yaml, as Chalice's package --merge-template does: mappings merge
// key by key and the user's value wins everywhere else. It works on
// gopkg.in/yaml.v3 node trees, so CloudFormation short tags (!Sub, !GetAtt,
// !Ref), quoting and key order survive, and the output is deterministic.
package merge

// Package templates holds the text templates a project is rendered from,
// one per output file, named by the output's relative path plus ".tmpl".
//
// go.mod is stored as go.mod.tmpl because go:embed skips any folder that
// holds a real go.mod, and .gitignore as gitignore.tmpl because go:embed
// skips dot files.
package templates

import "embed"

// FS is the template tree; paths start with "project/".
//
//go:embed project
var FS embed.FS

// ItemsSpec is the built-in example: the Item API of the FastAPI app that
// Mangum's introductory article deploys. examples/items/openapi.yaml is a
// copy, kept identical by a test.
//
//go:embed items.openapi.yaml
var ItemsSpec []byte

package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/lambgen/lambgen/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"lambgen": func() {
			os.Exit(cli.Run(context.Background(), os.Args, os.Stdout, os.Stderr, env()))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script, one behaviour per
// file. Scripts may build generated projects, so the Go caches pass through.
func TestScripts(t *testing.T) {
	corpus, _ := filepath.Abs("../shared/corpus")
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPROXY", "GOFLAGS", "GONOSUMDB", "GOPATH", "HOME"} {
				if v, ok := os.LookupEnv(k); ok {
					e.Setenv(k, v)
				}
			}
			if os.Getenv("GOCACHE") == "" {
				e.Setenv("GOCACHE", goEnv("GOCACHE"))
			}
			if os.Getenv("GOMODCACHE") == "" {
				e.Setenv("GOMODCACHE", goEnv("GOMODCACHE"))
			}
			e.Setenv("CORPUS", corpus)
			e.Setenv("GOWORK", "off")
			return nil
		},
	})
}

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

// fixtureDir holds files that several scripts share.
var fixtureDir, _ = filepath.Abs("testdata/script/fixtures")

// TestScripts runs the CLI scripts in testdata/script, one behaviour per
// file. Scripts may build generated projects, so the Go caches pass through.
func TestScripts(t *testing.T) {
	corpus, _ := filepath.Abs("../shared/corpus")
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"fixture": fixture},
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

// fixture copies shared files from testdata/script/fixtures into the
// script's work folder: the spec and handlers that many regeneration
// scripts start from, kept once instead of in every archive.
func fixture(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! fixture")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: fixture FILE...")
	}
	for _, name := range args {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o644))
	}
}

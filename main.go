// Command lambgen turns an OpenAPI contract into a Go API on AWS Lambda.
package main

import (
	"context"
	"embed"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/lambgen/lambgen/internal/cli"
)

// runtimeSource is the adapter package, which every project gets a copy of.
//
//go:embed runtime/*.go
var runtimeSource embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args, os.Stdout, os.Stderr, env())
	stop()
	os.Exit(code)
}

func env() cli.Env {
	rt, err := fs.Sub(runtimeSource, "runtime")
	if err != nil {
		panic(err)
	}
	v := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		v = info.Main.Version
	}
	return cli.Env{Runtime: rt, Version: v}
}

package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

// BuildFlags are the go build flags for Lambda, shared with the Makefile:
// no RPC runtime (provided.al2023 speaks the Runtime API), no local paths
// or VCS stamps in the binary, no symbol tables.
var BuildFlags = []string{"-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags=-s -w"}

// Built is what Build wrote.
type Built struct {
	Binary     string
	BinarySize int64
	Zip        string
	ZipSize    int64
	// SHA256 is the zip's digest, hex-encoded.
	SHA256 string
}

// Build compiles bootstrap for linux and the configured architecture, then
// writes the deployment zip. It reports each step on log; a failing
// compiler's output is part of the returned error.
func Build(ctx context.Context, p *Project, log io.Writer) (*Built, error) {
	goarch := p.Config.GoArch()
	dist := p.Path("dist")
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(dist, ".build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	// go build runs in the project directory, so -o must not be relative
	// to ours.
	out, err := filepath.Abs(filepath.Join(tmp, "bootstrap"))
	if err != nil {
		return nil, err
	}
	args := append(append([]string{"build"}, BuildFlags...), "-o", out, ".")
	env := []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + goarch}
	fmt.Fprintf(log, "compiling %s for linux/%s (%s)\n", p.Config.Name, goarch, p.Config.Architecture)
	fmt.Fprintf(log, "  %s go %s\n", strings.Join(env, " "), quoteArgs(args, out, "dist/bootstrap"))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = p.Dir
	cmd.Env = append(os.Environ(), env...)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return nil, fmt.Errorf("go build in %s failed (%v):\n%s", p.Dir, err, strings.TrimRight(output.String(), "\n"))
		}
		return nil, fmt.Errorf("cannot run go build in %s: %w (is Go installed and on PATH?)", p.Dir, err)
	}
	bin, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	b := &Built{Binary: filepath.Join(dist, "bootstrap"), BinarySize: int64(len(bin))}
	if err := write.AtomicFile(b.Binary, bin, 0o755); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  bootstrap: %s\n", size(b.BinarySize))

	zipped, err := Zip([]ZipEntry{{Name: "bootstrap", Data: bin, Executable: true}})
	if err != nil {
		return nil, err
	}
	b.Zip = p.Path(p.Deploy.Artifact)
	b.ZipSize = int64(len(zipped))
	b.SHA256 = files.Hash(zipped)
	if err := write.AtomicFile(b.Zip, zipped, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "zipped %s: %s, sha256 %s\n", b.Zip, size(b.ZipSize), b.SHA256)
	return b, nil
}

// quoteArgs prints args as a shell would need them, showing the output
// file where it finally lands rather than the temporary one.
func quoteArgs(args []string, tmpOut, shown string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == tmpOut {
			a = shown
		}
		if strings.ContainsAny(a, " \t'\"") {
			a = "'" + a + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

func size(n int64) string {
	return fmt.Sprintf("%d bytes (%.1f MiB)", n, float64(n)/(1<<20))
}

package deploy_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambgen/lambgen/generator/deploy"
)

// tinyProject writes the smallest project Build accepts: lambgen.yaml, a
// spec and a main package with no dependencies.
func tinyProject(t *testing.T, arch, main string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lambgen.yaml", "name: tiny\nmodule: example.com/tiny\nspec: openapi.yaml\napi: http\narchitecture: "+arch+"\n")
	write("openapi.yaml", "openapi: 3.0.3\ninfo: {title: Tiny, version: '1'}\npaths:\n  /:\n    get:\n      operationId: root\n      responses:\n        '200': {description: ok}\n")
	write("go.mod", "module example.com/tiny\n\ngo 1.26\n")
	write("main.go", main)
	return dir
}

const tinyMain = "package main\n\nfunc main() { println(\"tiny\") }\n"

func build(t *testing.T, dir string) (*deploy.Built, string) {
	t.Helper()
	p, err := deploy.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	b, err := deploy.Build(context.Background(), p, &log)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, log.String())
	}
	return b, log.String()
}

// TestBuildZipHoldsBootstrapForArchitecture: the zip has one entry, an
// executable bootstrap ELF for the configured machine, and building twice
// gives the same bytes.
func TestBuildZipHoldsBootstrapForArchitecture(t *testing.T) {
	for arch, machine := range map[string]elf.Machine{"arm64": elf.EM_AARCH64, "x86_64": elf.EM_X86_64} {
		t.Run(arch, func(t *testing.T) {
			dir := tinyProject(t, arch, tinyMain)
			first, log := build(t, dir)
			data1, err := os.ReadFile(first.Zip)
			if err != nil {
				t.Fatal(err)
			}
			second, _ := build(t, dir)
			data2, _ := os.ReadFile(second.Zip)
			if sha256.Sum256(data1) != sha256.Sum256(data2) || first.SHA256 != second.SHA256 {
				t.Fatalf("two builds of the same source differ: %s vs %s", first.SHA256, second.SHA256)
			}
			for _, want := range []string{
				"compiling tiny for linux/" + map[string]string{"arm64": "arm64", "x86_64": "amd64"}[arch] + " (" + arch + ")\n",
				" go build -tags lambda.norpc -trimpath -buildvcs=false '-ldflags=-s -w' -o dist/bootstrap .\n",
				"  bootstrap: ",
				"zipped " + first.Zip + ": ",
				"sha256 " + first.SHA256 + "\n",
			} {
				if !strings.Contains(log, want) {
					t.Errorf("build log lacks %q:\n%s", want, log)
				}
			}
			zr, err := zip.NewReader(bytes.NewReader(data1), int64(len(data1)))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != 1 || zr.File[0].Name != "bootstrap" {
				t.Fatalf("zip holds %d entries (first %q), want just bootstrap", len(zr.File), zr.File[0].Name)
			}
			f := zr.File[0]
			if mode := f.Mode(); mode != 0o755 {
				t.Errorf("bootstrap mode = %v, want -rwxr-xr-x", mode)
			}
			if f.CreatorVersion>>8 != 3 {
				t.Errorf("zip entry made by %d, want 3 (Unix) so the mode is read", f.CreatorVersion>>8)
			}
			rc, _ := f.Open()
			bin, _ := io.ReadAll(rc)
			rc.Close()
			ef, err := elf.NewFile(bytes.NewReader(bin))
			if err != nil {
				t.Fatalf("bootstrap is not ELF: %v", err)
			}
			if ef.Machine != machine || ef.Type != elf.ET_EXEC {
				t.Errorf("bootstrap is %v %v, want %v ET_EXEC", ef.Machine, ef.Type, machine)
			}
			if ef.Section(".symtab") != nil {
				t.Errorf("bootstrap has a symbol table; -ldflags=-s should strip it")
			}
			if int64(len(bin)) != first.BinarySize {
				t.Errorf("reported binary size %d, zip holds %d bytes", first.BinarySize, len(bin))
			}
		})
	}
}

// TestBuildSurfacesCompilerErrors: a failing go build is an error that
// carries the compiler's own message, and no zip is written.
func TestBuildSurfacesCompilerErrors(t *testing.T) {
	dir := tinyProject(t, "arm64", "package main\n\nfunc main() { undefinedThing() }\n")
	p, err := deploy.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = deploy.Build(context.Background(), p, io.Discard)
	if err == nil {
		t.Fatal("build of broken source succeeded")
	}
	want := "go build in " + dir + " failed (exit status 1):\n# example.com/tiny\n./main.go:3:15: undefined: undefinedThing"
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist", "tiny.zip")); !os.IsNotExist(err) {
		t.Errorf("a failed build left a zip behind (%v)", err)
	}
}

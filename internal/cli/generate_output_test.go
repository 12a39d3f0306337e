package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/write"
)

func TestDiffColour(t *testing.T) {
	plan := &write.Plan{Changes: []write.Change{
		{Path: "api/a.gen.go", Action: write.Update, Old: []byte("one\ntwo\n"), New: []byte("one\nthree\n")},
		{Path: "api/b.gen.go", Action: write.Keep, Old: []byte("x\n"), New: []byte("x\n")},
		{Path: files.ManifestPath, Action: write.Update, Old: []byte("{}\n"), New: []byte("{\"a\":1}\n")},
	}}
	var plain, colour bytes.Buffer
	printDiff(&plain, plan, false)
	printDiff(&colour, plan, true)
	wantPlain := "diff a/api/a.gen.go b/api/a.gen.go\n--- a/api/a.gen.go\n+++ b/api/a.gen.go\n@@ -1,2 +1,2 @@\n one\n-two\n+three\n"
	if plain.String() != wantPlain {
		t.Errorf("plain diff:\n%q\nwant\n%q", plain.String(), wantPlain)
	}
	wantColour := "\x1b[1mdiff a/api/a.gen.go b/api/a.gen.go\x1b[0m\n\x1b[1m--- a/api/a.gen.go\x1b[0m\n\x1b[1m+++ b/api/a.gen.go\x1b[0m\n" +
		"\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n one\n\x1b[31m-two\x1b[0m\n\x1b[32m+three\x1b[0m\n"
	if colour.String() != wantColour {
		t.Errorf("coloured diff:\n%q\nwant\n%q", colour.String(), wantColour)
	}
}

func TestColorable(t *testing.T) {
	if colorable(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if colorable(f) {
		t.Error("a regular file is not a terminal")
	}
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer dev.Close()
	t.Setenv("NO_COLOR", "")
	if !colorable(dev) {
		t.Error("a character device without NO_COLOR should get colour")
	}
	t.Setenv("NO_COLOR", "1")
	if colorable(dev) {
		t.Error("NO_COLOR=1 must turn colour off")
	}
}

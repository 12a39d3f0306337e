package deploy_test

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/lambgen/lambgen/generator/deploy"
)

// TestZipIsReproducible: entry order, times and modes come from Zip, not
// from the caller or the disk.
func TestZipIsReproducible(t *testing.T) {
	a, err := deploy.Zip([]deploy.ZipEntry{{Name: "z.txt", Data: []byte("z")}, {Name: "bootstrap", Data: []byte("b"), Executable: true}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := deploy.Zip([]deploy.ZipEntry{{Name: "bootstrap", Data: []byte("b"), Executable: true}, {Name: "z.txt", Data: []byte("z")}})
	if !bytes.Equal(a, b) {
		t.Fatal("the same entries in another order give other bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		mode string
	}{{"bootstrap", "-rwxr-xr-x"}, {"z.txt", "-rw-r--r--"}}
	for i, f := range zr.File {
		if f.Name != want[i].name || f.Mode().String() != want[i].mode {
			t.Errorf("entry %d = %s %s, want %s %s", i, f.Name, f.Mode(), want[i].name, want[i].mode)
		}
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v, want the fixed 1980-01-01", f.Name, f.Modified)
		}
	}
}

package deploy

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"sort"
	"time"
)

// ZipEntry is one file of a Lambda deployment package.
type ZipEntry struct {
	Name string
	Data []byte
	// Executable marks a file Lambda must be able to run (bootstrap).
	Executable bool
}

// zipTime is the earliest time a zip can record (the MS-DOS epoch), fixed
// so that the same inputs always give the same archive bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip builds a reproducible archive: entries sorted by name, one fixed
// modification time, Unix modes set explicitly (0755 or 0644) rather than
// taken from the disk, and deflate at the best compression.
func Zip(entries []ZipEntry) ([]byte, error) {
	sorted := append([]ZipEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, e := range sorted {
		mode := uint32(0o100644)
		if e.Executable {
			mode = 0o100755
		}
		h := &zip.FileHeader{
			Name:     e.Name,
			Method:   zip.Deflate,
			Modified: zipTime,
			// Made by Unix (3) so that unzip and Lambda read the mode bits
			// from the high half of ExternalAttrs.
			CreatorVersion: 3<<8 | 20,
			ExternalAttrs:  mode << 16,
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(e.Data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

package files

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// File is one rendered file, not yet on disk.
type File struct {
	Path string // slash-separated, relative to the project root
	Data []byte
	Kind Kind
}

// Hash is the content hash the manifest records.
func (f File) Hash() string { return Hash(f.Data) }

// Hash is the manifest's hash of some bytes: hex sha256. Files on disk are
// hashed with it too, so that the two always compare.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Set is a rendered project, kept sorted by path so that every consumer
// (writer, --check, --diff, golden tests) walks it in the same order.
type Set []File

// Sort orders the set by path.
func (s Set) Sort() {
	sort.Slice(s, func(i, j int) bool { return s[i].Path < s[j].Path })
}

// Get returns the file at path.
func (s Set) Get(path string) (File, bool) {
	for _, f := range s {
		if f.Path == path {
			return f, true
		}
	}
	return File{}, false
}

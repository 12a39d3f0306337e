package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Source is one file of a spec: the root, or a local file a $ref reaches.
type Source struct {
	// Path names the file in problems: the root's path as the user gave it,
	// joined with the file's path relative to the root's folder.
	Path string
	// Rel is the file's slash-separated path relative to the root's
	// folder; it starts with ../ for a file outside that folder.
	Rel string
	// Data is the file's bytes, unchanged.
	Data []byte
}

// maxSourceSize bounds each file a spec is read from. The largest public
// descriptions are a few megabytes; a $ref to something far bigger is a
// mistake, or an attempt to exhaust memory.
const maxSourceSize = 64 << 20

// sources reads the files of one spec for kin-openapi's loader and keeps
// what locating problems later needs: each file's bytes and YAML tree.
type sources struct {
	rootPath string // the root as the user named it
	rootAbs  string
	files    map[string]*sourceFile // by absolute path
	// failed is a located problem found while reading a referenced file;
	// the loader's own error about it would carry no position.
	failed   *Problem
	unread   *unread
	warnings Problems
	// pos is where each node of the bundled text came from, when the
	// spec's files were made one document before loading (bundle3).
	pos *positions
}

// unread is the first referenced file that could not be read.
type unread struct{ abs, why string }

type sourceFile struct {
	abs      string
	data     []byte     // as read
	root     *yaml.Node // the parsed document, for locating $refs
	prepared []byte     // what the loader reads
}

// snapshot is a sources of its own over the same files, already read and
// prepared, for a second load that may run beside users of the first.
func (s *sources) snapshot() *sources {
	c := newSources(s.rootPath, s.rootAbs)
	c.pos = s.pos // read only after the first load
	for abs, f := range s.files {
		cp := *f // what the second load caches stays its own
		c.files[abs] = &cp
	}
	return c
}

func newSources(rootPath, rootAbs string) *sources {
	return &sources{rootPath: rootPath, rootAbs: rootAbs, files: map[string]*sourceFile{}}
}

// display names a file as problems do.
func (s *sources) display(abs string) string {
	if abs == "" || abs == s.rootAbs {
		return s.rootPath
	}
	rel, err := filepath.Rel(filepath.Dir(s.rootAbs), abs)
	if err != nil {
		return abs
	}
	return filepath.Join(filepath.Dir(s.rootPath), rel)
}

// list is every file read, the root first, then by path.
func (s *sources) list() []Source {
	var out []Source
	for abs, f := range s.files {
		rel, err := filepath.Rel(filepath.Dir(s.rootAbs), abs)
		if err != nil {
			rel = abs
		}
		out = append(out, Source{Path: s.display(abs), Rel: filepath.ToSlash(rel), Data: f.data})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Path == s.rootPath) != (out[j].Path == s.rootPath) {
			return out[i].Path == s.rootPath
		}
		return out[i].Rel < out[j].Rel
	})
	return out
}

// errRemoteRef marks a $ref that would need the network. Specs are build
// inputs, and a build that fetches from the internet is neither
// reproducible nor safe.
var errRemoteRef = errors.New("remote $ref is not followed")

// read is the loader's ReadFromURIFunc. Local files anywhere on disk are
// followed, including outside the root's folder: monorepos share common
// definitions through ../, and a local file is as reproducible as the spec
// itself. Only regular files are read, so that a $ref to a device or a pipe
// cannot hang the build.
func (s *sources) read(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
	if u.Scheme != "" && u.Scheme != "file" {
		return nil, fmt.Errorf("%w: %s (download it and $ref the local copy)", errRemoteRef, u.String())
	}
	abs := filepath.FromSlash(u.Path)
	if f := s.files[abs]; f != nil {
		return s.prepare(f)
	}
	data, err := readRegular(abs)
	if err != nil {
		if s.unread == nil {
			s.unread = &unread{abs: abs, why: s.readError(abs, err)}
		}
		return nil, err
	}
	f := &sourceFile{abs: abs, data: data}
	s.files[abs] = f
	return s.prepare(f)
}

// prepare turns a referenced file's bytes into what the loader reads: JSON
// made YAML-safe, and $refs in text fields replaced by their text.
func (s *sources) prepare(f *sourceFile) ([]byte, error) {
	if f.prepared != nil {
		return f.prepared, nil
	}
	name := s.display(f.abs)
	src := f.data
	if isJSON(f.abs, src) {
		js, p := fromJSON(name, src)
		if p != nil {
			s.fail(*p)
			return nil, errors.New(p.String())
		}
		src = js
	}
	root, p := parseYAML(name, src)
	if p != nil {
		s.fail(*p)
		return nil, errors.New(p.String())
	}
	f.root = root
	out, ws := s.inlineTextRefs(f.abs, src, root)
	s.warnings = append(s.warnings, ws...)
	f.prepared = out
	return out, nil
}

func (s *sources) fail(p Problem) {
	if s.failed == nil {
		s.failed = &p
	}
}

// readRegular reads a regular file of at most maxSourceSize bytes.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (want a YAML or JSON file)", path)
	}
	if fi.Size() > maxSourceSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a spec file may have", path, fi.Size(), maxSourceSize)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxSourceSize+1))
}

// readError says why a referenced file could not be read, naming it as
// problems do.
func (s *sources) readError(abs string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return s.display(abs) + " does not exist"
	}
	return "cannot read " + s.display(abs) + ": " + strings.ReplaceAll(err.Error(), abs, s.display(abs))
}

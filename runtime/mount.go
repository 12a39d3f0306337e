package lambdahttp

import (
	"net/http"
	"net/url"
	"strings"
)

// The handler sees a path with its mount point removed: the stage, which
// API Gateway takes off REST API paths itself and the adapter takes off HTTP
// API paths, and the WithBasePath prefix. It routes, and writes redirects,
// relative to that mount point; a Location that is an absolute path must get
// the mount point back, or a redirect on Lambda leaves the API's routes.

// mount is what lies in front of the path the handler saw: "/" + the
// event's stage, then the configured base path.
type mount struct {
	stage, base bool
}

// stripMount removes the stage (HTTP APIs on their execute-api host with a
// named stage) and the base path from u, and records what the client's URL
// has in front of the handler's path.
func (a *Adapter) stripMount(u *url.URL, src Source, stage, host string) mount {
	var m mount
	if stage != "" && stage != "$default" && isExecuteAPIHost(host) {
		switch src {
		case RESTv1:
			// REST event paths never carry the stage, so there is nothing
			// to strip, but the client's URL has it.
			m.stage = true
		case HTTPv1, HTTPv2:
			p := u.Path
			if a.cfg.stageStripping && len(p) > len(stage) && strings.HasPrefix(p[1:], stage) &&
				stripSegments(u, p[:1+len(stage)]) {
				m.stage = true
			}
		}
	}
	if a.cfg.basePath != "" && stripSegments(u, a.cfg.basePath) {
		m.base = true
	}
	return m
}

// isExecuteAPIHost reports whether host is API Gateway's own domain
// ({api-id}.execute-api.{region}.amazonaws.com), where the stage is the
// first path segment of the URL.
func isExecuteAPIHost(host string) bool {
	return strings.Contains(host, ".execute-api.")
}

// restoreLocation puts the mount point in front of every Location value that
// is an absolute path. The value is already a URL reference, escaped by
// whoever wrote it, and is kept as it is; only the prefix is escaped. A
// network-path reference ("//host/...") names another host and is left
// alone.
func (a *Adapter) restoreLocation(h http.Header, m mount, stage string) {
	if vs := h["Location"]; len(vs) > 0 {
		h["Location"] = a.withMount(vs, m, stage)
	}
}

// withMount returns the Location values vs with the mount point in front of
// the absolute paths: vs itself when there are none, else a copy.
func (a *Adapter) withMount(vs []string, m mount, stage string) []string {
	if !m.stage && !m.base {
		return vs
	}
	var prefix string
	copied := false
	for i, v := range vs {
		if v == "" || v[0] != '/' || len(v) > 1 && v[1] == '/' {
			continue
		}
		if prefix == "" {
			prefix = a.mountPrefix(m, stage)
		}
		if !copied {
			vs, copied = append([]string(nil), vs...), true
		}
		vs[i] = prefix + v
	}
	return vs
}

func (a *Adapter) mountPrefix(m mount, stage string) string {
	var p string
	if m.stage {
		p = "/" + stage
	}
	if m.base {
		p += a.cfg.basePath
	}
	return (&url.URL{Path: p}).EscapedPath()
}

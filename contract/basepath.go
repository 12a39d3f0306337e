package contract

import (
	"net/http"
	"strings"
)

// StripBasePath serves h below the base path, for local runs where nothing
// strips it first. Requests without the prefix are served too, so the same
// URLs work locally and behind API Gateway. What strips the prefix puts it
// back: a Location the handler or the router writes as an absolute path
// gets the base path in front, as the Lambda adapter does, so a redirect stays
// within the API.
func StripBasePath(base string, h http.Handler) http.Handler {
	if base == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == base || (len(p) > len(base) && p[:len(base)] == base && p[len(base)] == '/') {
			r2 := r.Clone(r.Context())
			r2.URL.Path = p[len(base):]
			if r2.URL.Path == "" {
				r2.URL.Path = "/"
			}
			r2.URL.RawPath = ""
			if raw := r.URL.RawPath; raw != "" && strings.HasPrefix(raw, base) {
				r2.URL.RawPath = raw[len(base):]
			}
			h.ServeHTTP(&prefixedLocation{ResponseWriter: w, base: base}, r2)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// prefixedLocation puts the base path in front of an absolute-path Location.
type prefixedLocation struct {
	base string
	http.ResponseWriter
	wrote bool
}

func (p *prefixedLocation) WriteHeader(code int) {
	if !p.wrote {
		p.wrote = true
		h := p.ResponseWriter.Header()
		if loc := h.Get("Location"); strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") {
			h.Set("Location", p.base+loc)
		}
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *prefixedLocation) Write(b []byte) (int, error) {
	if !p.wrote {
		p.WriteHeader(http.StatusOK)
	}
	return p.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (p *prefixedLocation) Unwrap() http.ResponseWriter { return p.ResponseWriter }

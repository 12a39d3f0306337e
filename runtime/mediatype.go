package lambdahttp

import "strings"

// mediaType returns the type/subtype part of a Content-Type value.
func mediaType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(ct)
}

// defaultTextTypes are the exact media types sent as text besides text/*
// and the +json and +xml suffixes; it follows Mangum's list and adds the
// types an OpenAPI-generated API commonly returns.
var defaultTextTypes = [...]string{
	"application/json",
	"application/javascript",
	"application/ecmascript",
	"application/xml",
	"application/x-www-form-urlencoded",
	"application/problem+json",
	"application/vnd.api+json",
	"application/vnd.oai.openapi",
	"application/x-yaml",
	"application/yaml",
	"application/graphql",
	"application/x-ndjson",
	"application/jsonl",
	"image/svg+xml",
}

// IsTextType reports whether the adapter sends a body of this content type
// as text by default: text/*, the +json, +xml and +yaml suffixes, and a
// list of common textual application types. Everything else is base64.
// lambgen's generator uses the same function to decide which of a spec's
// media types an API Gateway REST API must treat as binary, so the two can
// never disagree.
func IsTextType(contentType string) bool {
	mt := mediaType(contentType)
	if hasPrefixFold(mt, "text/") || hasSuffixFold(mt, "+json") || hasSuffixFold(mt, "+xml") || hasSuffixFold(mt, "+yaml") {
		return true
	}
	for _, p := range defaultTextTypes {
		if strings.EqualFold(mt, p) {
			return true
		}
	}
	return false
}

// matchType reports whether media type mt (no parameters) matches a
// configured pattern: an exact type, "type/*" or "*/*".
func matchType(mt, pattern string) bool {
	if strings.HasSuffix(pattern, "/*") {
		if pattern == "*/*" {
			return true
		}
		p := pattern[:len(pattern)-1]
		return len(mt) >= len(p) && strings.EqualFold(mt[:len(p)], p)
	}
	return strings.EqualFold(mt, pattern)
}

// isText reports whether a body of content type ct may be sent as text
// (it still has to be valid UTF-8).
func (c *config) isText(ct string) bool {
	mt := mediaType(ct)
	if mt == "" {
		return false
	}
	for _, p := range c.binaryTypes {
		if matchType(mt, p) {
			return false
		}
	}
	if IsTextType(mt) {
		return true
	}
	for _, p := range c.textTypes {
		if matchType(mt, p) {
			return true
		}
	}
	return false
}

// compressible reports whether compressing a body of type ct is likely to
// pay off: text formats, and a few binary formats that are not compressed
// already.
func (c *config) compressible(ct string) bool {
	if c.isText(ct) {
		return true
	}
	switch strings.ToLower(mediaType(ct)) {
	case "application/wasm", "font/ttf", "font/otf", "image/bmp", "image/x-icon", "application/vnd.ms-fontobject":
		return true
	}
	return false
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
func hasSuffixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[len(s)-len(p):], p)
}

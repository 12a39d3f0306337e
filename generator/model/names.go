package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var pathParamRE = regexp.MustCompile(`\{([^}]+)\}`)

func pathParamNames(path string) []string {
	var out []string
	for _, m := range pathParamRE.FindAllStringSubmatch(path, -1) {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(m[1], "."), "*"))
	}
	return out
}

// synthesizeID names an operation that has no operationId the way people
// would: the method, then each literal segment, then "by" each parameter
// (GET /items/{id} becomes getItemsById).
func synthesizeID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		if m := pathParamRE.FindStringSubmatch(seg); m != nil {
			b.WriteString("By")
			seg = m[1]
		}
		for _, w := range strings.FieldsFunc(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	if b.Len() == len(method) {
		b.WriteString("Root")
	}
	return b.String()
}

// snake turns a Go name into a file name: ReadItem becomes read_item,
// GetHTTPStatus becomes get_http_status.
func snake(goName string) string {
	rs := []rune(goName)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if i > 0 && (prevLower || (nextLower && unicode.IsUpper(rs[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// handlerFileName names an operation's file so that the go command treats
// it as plain source: GetTest must not become get_test.go (a test file) and
// ListLinux must not become list_linux.go (built only on Linux).
func handlerFileName(goName string) string {
	base := snake(goName)
	parts := strings.Split(base, "_")
	last := parts[len(parts)-1]
	if len(parts) > 1 && (last == "test" || knownOS[last] || knownArch[last]) {
		base += "_op"
	}
	return base + ".go"
}

// knownOS and knownArch are the file-name suffixes the go command reads as
// build constraints (go/build's list).
var knownOS = map[string]bool{
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "hurd": true,
	"illumos": true, "ios": true, "js": true, "linux": true, "nacl": true, "netbsd": true, "openbsd": true,
	"plan9": true, "solaris": true, "wasip1": true, "windows": true, "zos": true,
}

var knownArch = map[string]bool{
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true, "arm64": true, "arm64be": true,
	"loong64": true, "mips": true, "mipsle": true, "mips64": true, "mips64le": true, "mips64p32": true,
	"mips64p32le": true, "ppc": true, "ppc64": true, "ppc64le": true, "riscv": true, "riscv64": true,
	"s390": true, "s390x": true, "sparc": true, "sparc64": true, "wasm": true,
}

// controlChar names the first control character in s, or returns "". A
// path or operationId carrying one would break out of the comments and
// strings lambgen renders it into.
func controlChar(s string) string {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Sprintf("the control character %U", r)
		}
	}
	return ""
}

// mixedSegment returns the first path segment in which two parameters
// touch ("{a}{b}"), or "". A parameter next to text ("{id}:cancel") is
// fine for the router; lambgen validate reports it for API Gateway.
func mixedSegment(path string) string {
	for _, seg := range strings.Split(path, "/") {
		if strings.Contains(seg, "}{") {
			return seg
		}
	}
	return ""
}

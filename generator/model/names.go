package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/lambgen/lambgen/generator/load"
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

// partialSegment is the first segment in which a parameter shares the
// segment with text (additionalData.{ext}), or "". API Gateway binds a path
// parameter only to a whole segment, and so does the server's router.
func partialSegment(path string) string {
	for _, seg := range strings.Split(path, "/") {
		if strings.Contains(seg, "{") && !(strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") && strings.Count(seg, "{") == 1) {
			return seg
		}
	}
	return ""
}

// nameForGo settles o.GoName when the one ID gives is no Go identifier (an
// operationId of digits) or another operation's (getItem and get-item; two
// paths whose synthesized IDs meet): o gets a GoID whose Go name is free,
// and the warning says which. Operations are met in path and method order,
// so the same spec always gives the same names.
func (o *Operation) nameForGo(spec *load.Spec, byGoName map[string]*Operation, synthesized bool) *load.Problem {
	prev, dup := byGoName[o.GoName]
	startsOK := o.GoName != "" && unicode.IsLetter([]rune(o.GoName)[0])
	if !dup && startsOK {
		return nil
	}
	base := o.ID
	if !startsOK {
		base = "op" + strings.ToUpper(o.ID[:min(1, len(o.ID))]) + o.ID[min(1, len(o.ID)):]
	} else if synthesized {
		base = synthesizeMixedID(o.Method, o.Path)
	}
	id := base
	for n := 2; ; n++ {
		if _, taken := byGoName[codegen.ToCamelCase(id)]; !taken && id != o.ID {
			break
		}
		id = fmt.Sprintf("%s%d", base, n)
	}
	was := o.GoName
	o.GoID, o.GoName = id, codegen.ToCamelCase(id)
	why := "which is no Go identifier"
	if dup {
		why = fmt.Sprintf("which %s %s (operationId %q) already has", prev.Method, prev.Path, prev.ID)
	}
	p := problemAt(spec, o.Origin, fmt.Sprintf("operation %s %s: operationId %q would be Go name %s, %s; its Go name is %s (give it an x-go-name or another operationId to choose)",
		o.Method, o.Path, o.ID, was, why, o.GoName))
	p.Class = load.GoName
	return &p
}

// synthesizeMixedID is synthesizeID that keeps the literal part of a
// segment holding a parameter (geometryFilter.{ext}), for the paths whose
// shorter IDs meet.
func synthesizeMixedID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, seg := range strings.Split(path, "/") {
		seg = pathParamRE.ReplaceAllString(seg, " By $1 ")
		for _, w := range strings.FieldsFunc(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// segmentParts are a path segment's parameters and the text between them.
var segmentParts = regexp.MustCompile(`\{[^{}]*\}|[^{}]+`)

// wholeSegments suggests a path in which each parameter of seg has a
// segment of its own: {name}:cancel as /{name}/cancel, project.{format} as
// /project/{format}. Separators left at a part's ends are dropped.
func wholeSegments(seg string) string {
	var b strings.Builder
	for _, part := range segmentParts.FindAllString(seg, -1) {
		if !strings.HasPrefix(part, "{") {
			part = strings.Trim(part, ".:-_~!,;")
		}
		if part != "" {
			b.WriteString("/" + part)
		}
	}
	return b.String()
}

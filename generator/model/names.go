package model

import (
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

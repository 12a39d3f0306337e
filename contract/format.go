package contract

import (
	"encoding/base64"
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Format is a string or integer format the server checks. Formats not
// listed here are annotations, as JSON Schema treats them by default.
type Format uint8

const (
	FormatNone Format = iota
	FormatDate
	FormatDateTime
	FormatTime
	FormatUUID
	FormatEmail
	FormatIPv4
	FormatIPv6
	FormatURI
	FormatHostname
	FormatByte
	FormatInt8
	FormatInt16
	FormatInt32
	FormatInt64
	FormatUint8
	FormatUint16
	FormatUint32
	FormatUint64
	FormatFloat
	FormatDuration
)

// formatNames are the OpenAPI names of the formats, by Format.
var formatNames = [...]string{
	FormatDate: "date", FormatDateTime: "date-time", FormatTime: "time", FormatUUID: "uuid",
	FormatEmail: "email", FormatIPv4: "ipv4", FormatIPv6: "ipv6", FormatURI: "uri",
	FormatHostname: "hostname", FormatByte: "byte", FormatInt8: "int8", FormatInt16: "int16",
	FormatInt32: "int32", FormatInt64: "int64", FormatUint8: "uint8", FormatUint16: "uint16",
	FormatUint32: "uint32", FormatUint64: "uint64", FormatFloat: "float", FormatDuration: "duration",
}

// FormatOf is the format the server checks for an OpenAPI format name:
// FormatNone for the formats that are only annotations.
func FormatOf(name string) Format {
	if name == "binary" {
		// In JSON, oapi-codegen reads a binary string into []byte, which
		// encoding/json decodes from base64: the rule of byte. A form or
		// multipart field declared binary is a file and is not checked.
		return FormatByte
	}
	for i, n := range formatNames {
		if n != "" && n == name {
			return Format(i)
		}
	}
	return FormatNone
}

// checkFormat returns why v is not in format f, or "".
func checkFormat(f Format, v string) string {
	switch f {
	case FormatDate:
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return "is not a date (want YYYY-MM-DD)"
		}
	case FormatDateTime:
		date, clock, ok := strings.Cut(v, "T")
		if !ok || !isDate(date) || !isTime(clock) {
			return "is not a date-time (want RFC 3339, such as 2024-01-02T03:04:05Z, with an upper-case T and Z and an offset of at most ±23:59)"
		}
		if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
			return "is not a date-time (want RFC 3339, such as 2024-01-02T03:04:05Z; the date must exist)"
		}
	case FormatTime:
		if !isTime(v) {
			return "is not a time (want RFC 3339, such as 03:04:05Z, with an offset of at most ±23:59)"
		}
	case FormatUUID:
		if !isUUID(v) {
			return "is not a UUID"
		}
	case FormatEmail:
		// The handler's openapi_types.Email keeps what net/mail parses out
		// of the value, so only a bare address that parses to itself is
		// received exactly as it was sent.
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return "is not an email address (want a bare address, such as user@example.com)"
		}
	case FormatDuration:
		if !isDuration(v) {
			return "is not a duration (want RFC 3339 appendix A, such as P3Y6M4DT12H30M5S or P2W)"
		}
	case FormatIPv4:
		if a, err := netip.ParseAddr(v); err != nil || !a.Is4() {
			return "is not an IPv4 address"
		}
	case FormatIPv6:
		if a, err := netip.ParseAddr(v); err != nil || !a.Is6() {
			return "is not an IPv6 address"
		}
	case FormatURI:
		if u, err := url.Parse(v); err != nil || u.Scheme == "" {
			return "is not an absolute URI"
		}
	case FormatHostname:
		if !isHostname(v) {
			return "is not a host name"
		}
	case FormatByte:
		if _, err := base64.StdEncoding.DecodeString(v); err != nil {
			return "is not base64"
		}
	}
	return ""
}

// checkIntFormat checks the range an integer format implies.
func checkIntFormat(f Format, raw []byte) string {
	bits, unsigned := 0, false
	switch f {
	case FormatInt8:
		bits = 8
	case FormatInt16:
		bits = 16
	case FormatInt32:
		bits = 32
	case FormatInt64:
		bits = 64
	case FormatUint8:
		bits, unsigned = 8, true
	case FormatUint16:
		bits, unsigned = 16, true
	case FormatUint32:
		bits, unsigned = 32, true
	case FormatUint64:
		bits, unsigned = 64, true
	default:
		return ""
	}
	s := string(raw)
	if i := strings.IndexAny(s, ".eE"); i >= 0 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "is out of range"
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	var err error
	if unsigned {
		_, err = strconv.ParseUint(s, 10, bits)
	} else {
		_, err = strconv.ParseInt(s, 10, bits)
	}
	if err != nil {
		kind := "int"
		if unsigned {
			kind = "uint"
		}
		return "is out of range for " + kind + strconv.Itoa(bits)
	}
	return ""
}

// isDate checks RFC 3339's full-date: YYYY-MM-DD, a real day.
func isDate(v string) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' || !digits(v[:4]) || !digits(v[5:7]) || !digits(v[8:]) {
		return false
	}
	_, err := time.Parse("2006-01-02", v)
	return err == nil
}

// isTime checks RFC 3339's full-time: HH:MM:SS, an optional fraction, and
// Z or an offset of at most ±23:59. time.Parse alone accepts offsets up to
// +99:59, which Go's time then cannot write back out. A leap second (60)
// is refused too, because Go's time cannot hold it.
func isTime(v string) bool {
	if len(v) < 9 || v[2] != ':' || v[5] != ':' || !digits(v[:2]) || !digits(v[3:5]) || !digits(v[6:8]) ||
		v[:2] > "23" || v[3:5] > "59" || v[6:8] > "59" {
		return false
	}
	rest := v[8:]
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return false
		}
		rest = rest[n:]
	}
	if rest == "Z" {
		return true
	}
	return len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
		digits(rest[1:3]) && digits(rest[4:]) && rest[1:3] <= "23" && rest[4:] <= "59"
}

func digits(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return v != ""
}

func isUUID(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func isHostname(v string) bool {
	if v == "" || len(v) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(v, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// compiled holds each pattern once it has been needed: a function that
// never sees a value for a pattern never compiles it.
type compiledPattern struct {
	once sync.Once
	re   *regexp.Regexp
}

func (e *Server) matchPattern(i int, v string) bool {
	p := &e.compiled[i]
	p.once.Do(func() { p.re, _ = regexp.Compile(e.spec.Patterns[i]) })
	return p.re == nil || p.re.MatchString(v)
}

// isDuration follows the grammar oapi-codegen's types.Duration parses, so
// a value that passes here is one the handler receives: "P", date
// components in the order Y M D, then "T" and H M S, or a week alone;
// only seconds may carry a fraction (with "." or ","), and every other
// number fits an int.
func isDuration(v string) bool {
	if len(v) < 2 || v[0] != 'P' {
		return false
	}
	rest, inTime, last, n := v[1:], false, -1, 0
	for rest != "" {
		if rest[0] == 'T' {
			if inTime || len(rest) == 1 {
				return false
			}
			inTime, last, rest = true, -1, rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
			i++
		}
		whole := i
		fraction := i < len(rest) && (rest[i] == '.' || rest[i] == ',')
		if fraction {
			i++
			for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
				i++
			}
			if i == whole+1 {
				return false
			}
		}
		if whole == 0 || i >= len(rest) {
			return false
		}
		num, d := rest[:i], rest[i]
		rest = rest[i+1:]
		n++
		if d == 'W' {
			_, err := strconv.Atoi(num)
			return !inTime && n == 1 && rest == "" && !fraction && err == nil
		}
		order := "YMD"
		if inTime {
			order = "HMS"
		}
		rank := strings.IndexByte(order, d)
		if rank <= last {
			return false
		}
		last = rank
		if inTime && d == 'S' {
			if _, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64); err != nil {
				return false
			}
			continue
		}
		if _, err := strconv.Atoi(num); fraction || err != nil {
			return false
		}
	}
	return true
}

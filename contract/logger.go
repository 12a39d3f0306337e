package contract

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// Redacted replaces what the logs must not show.
const Redacted = "[redacted]"

// AlwaysSensitive are the names whose values are credentials whatever the
// spec says: logged under these keys, as headers or as query parameters,
// they are replaced by Redacted.
var AlwaysSensitive = []string{"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-amz-security-token"}

// LogOptions say how NewLogger writes.
type LogOptions struct {
	// JSON writes one JSON object per line (for CloudWatch); otherwise
	// slog's key=value text, for people.
	JSON  bool
	Level slog.Leveler
	// Sensitive are more names to redact (compared case-insensitively):
	// the spec's API-key parameters and its secret-marked parameters.
	Sensitive []string
}

// NewLogger logs to w, redacting the values of sensitive names wherever
// they appear as an attribute's key or inside an http.Header, url.Values
// or *url.URL attribute.
func NewLogger(w io.Writer, o LogOptions) *slog.Logger {
	names := make(map[string]bool, len(AlwaysSensitive)+len(o.Sensitive))
	for _, n := range AlwaysSensitive {
		names[n] = true
	}
	for _, n := range o.Sensitive {
		names[strings.ToLower(n)] = true
	}
	r := redactor(names)
	return newLogger(w, o, r.replace)
}

func newLogger(w io.Writer, o LogOptions, replace func([]string, slog.Attr) slog.Attr) *slog.Logger {
	ho := &slog.HandlerOptions{Level: o.Level, ReplaceAttr: replace}
	if o.JSON {
		return slog.New(slog.NewJSONHandler(w, ho))
	}
	return slog.New(slog.NewTextHandler(w, ho))
}

// ParseLevel reads LOG_LEVEL's values (debug, info, warn or warning,
// error, in any case); anything else is def.
func ParseLevel(s string, def slog.Level) slog.Level {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug", "trace":
		return slog.LevelDebug
	case "info":
		return slog.LevelInfo
	case "warn", "warning":
		return slog.LevelWarn
	case "error", "fatal":
		return slog.LevelError
	}
	return def
}

type redactor map[string]bool

func (r redactor) sensitive(name string) bool { return r[strings.ToLower(name)] }

func (r redactor) replace(_ []string, a slog.Attr) slog.Attr {
	if r.sensitive(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	if a.Value.Kind() != slog.KindAny {
		return a
	}
	switch v := a.Value.Any().(type) {
	case http.Header:
		return slog.Any(a.Key, r.values(v, true))
	case url.Values:
		return slog.Any(a.Key, r.values(v, false))
	case *url.URL:
		if v != nil && v.RawQuery != "" {
			u := *v
			q, err := url.ParseQuery(v.RawQuery)
			if err != nil {
				u.RawQuery = Redacted
			} else {
				u.RawQuery = url.Values(r.values(q, false)).Encode()
			}
			return slog.String(a.Key, u.String())
		}
	}
	return a
}

// values copies m with the values of sensitive keys replaced; headers
// keep their canonical keys.
func (r redactor) values(m map[string][]string, header bool) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, vs := range m {
		if r.sensitive(k) {
			vs = []string{Redacted}
		}
		out[k] = vs
	}
	if header {
		return http.Header(out)
	}
	return out
}

package contract

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// AccessLog is the one line per request. The server writes it itself,
// rather than through slog, into the same buffer as the request's EMF
// line, so that telemetry costs one write(2) per request and no
// attribute boxing; the line has slog's shape (time, level, msg first),
// so it reads like every other line of the function.
type AccessLog struct {
	// JSON writes a JSON object, as slog.JSONHandler does; otherwise
	// key=value text, as slog.TextHandler does.
	JSON bool
	// Level is the minimum level written: the line is INFO, or ERROR for
	// a 5xx.
	Level slog.Leveler
}

var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// flush writes what observe gathered in one call.
func (s *Server) flush(r *http.Request, rec *record, start time.Time, status int, elapsed time.Duration) {
	t := s.cfg.Telemetry
	bp := lineBuffers.Get().(*[]byte)
	b := (*bp)[:0]
	if t.Access != nil {
		b = t.Access.appendLine(b, r.Context(), r.Method, rec, start, status, elapsed)
	}
	if t.Metrics != nil {
		b = t.Metrics.appendDocument(b, start, rec, status, elapsed)
	}
	if len(b) > 0 && t.Out != nil {
		// One Write: a single write to a pipe is not interleaved with
		// another process's, and CloudWatch reads one event per line.
		_, _ = t.Out.Write(b)
	}
	if cap(b) <= 64<<10 {
		*bp = b
		lineBuffers.Put(bp)
	}
}

func (a *AccessLog) appendLine(b []byte, ctx context.Context, method string, rec *record, start time.Time, status int, elapsed time.Duration) []byte {
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	min := slog.LevelInfo
	if a.Level != nil {
		min = a.Level.Level()
	}
	if level < min {
		return b
	}
	route, op := "", ""
	if rec.op != nil {
		route, op = rec.op.Path, rec.op.ID
	}
	w := lineWriter{b: b, json: a.JSON}
	w.begin()
	w.str("time", "")
	w.b = start.AppendFormat(w.b, time.RFC3339Nano)
	if a.JSON {
		w.b = append(w.b, '"')
	}
	w.str("level", level.String())
	w.str("msg", "request")
	w.str("method", method)
	w.str("route", route)
	w.str("operation", op)
	w.num("status", int64(status))
	w.key("duration_ms")
	w.b = strconv.AppendFloat(w.b, float64(elapsed.Microseconds())/1000, 'f', -1, 64)
	w.num("response_bytes", int64(rec.size))
	w.str("request_id", rec.lambdaID)
	w.str("apigw_request_id", rec.gatewayID)
	w.str("trace_id", rec.traceRoot)
	w.key("cold_start")
	w.b = strconv.AppendBool(w.b, rec.cold)
	if rec.handlerErr != nil {
		w.str("error", rec.handlerErr.Error())
	}
	return w.end()
}

// lineWriter appends one JSON object or one key=value line.
type lineWriter struct {
	b     []byte
	json  bool
	first bool
}

func (w *lineWriter) begin() {
	w.first = true
	if w.json {
		w.b = append(w.b, '{')
	}
}

func (w *lineWriter) end() []byte {
	if w.json {
		w.b = append(w.b, '}')
	}
	return append(w.b, '\n')
}

func (w *lineWriter) key(k string) {
	if !w.first {
		if w.json {
			w.b = append(w.b, ',')
		} else {
			w.b = append(w.b, ' ')
		}
	}
	w.first = false
	if w.json {
		w.b = append(w.b, '"')
		w.b = append(w.b, k...)
		w.b = append(w.b, '"', ':')
		return
	}
	w.b = append(w.b, k...)
	w.b = append(w.b, '=')
}

// str writes k and v; the "time" key passes "" and appends the value
// itself, after the opening quote in JSON.
func (w *lineWriter) str(k, v string) {
	w.key(k)
	if w.json {
		if k == "time" {
			w.b = append(w.b, '"')
			return
		}
		w.b = appendJSONString(w.b, v)
		return
	}
	if k == "time" {
		return
	}
	if needsQuote(v) {
		w.b = strconv.AppendQuote(w.b, v)
		return
	}
	w.b = append(w.b, v...)
}

func (w *lineWriter) num(k string, n int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, n, 10)
}

// needsQuote is slog.TextHandler's rule: empty values, and values with
// spaces, '=', '"' or anything unprintable, are quoted.
func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == '=' || c == '"' || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

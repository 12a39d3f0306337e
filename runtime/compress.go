package lambdahttp

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// brotliQuality trades ratio for latency: quality 4 compresses JSON about as
// well as gzip -9 at a fraction of brotli's default cost, which matters
// when every millisecond is billed.
const brotliQuality = 4

var (
	gzipPool   = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return w }}
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, brotliQuality) }}
)

func compress(dst *bytes.Buffer, enc string, body []byte) error {
	switch enc {
	case "br":
		w := brotliPool.Get().(*brotli.Writer)
		defer brotliPool.Put(w)
		w.Reset(dst)
		if _, err := w.Write(body); err != nil {
			return err
		}
		return w.Close()
	default:
		w := gzipPool.Get().(*gzip.Writer)
		defer gzipPool.Put(w)
		w.Reset(dst)
		if _, err := w.Write(body); err != nil {
			return err
		}
		return w.Close()
	}
}

// negotiate picks a content coding from Accept-Encoding values: "br" or
// "gzip", whichever has the higher q-value (brotli on a tie), or "" if the
// client accepts neither. "*" stands for any coding not named.
func negotiate(values []string) string {
	qBr, qGzip, qAny := -1.0, -1.0, -1.0
	for _, v := range values {
		for len(v) > 0 {
			var item string
			if i := strings.IndexByte(v, ','); i >= 0 {
				item, v = v[:i], v[i+1:]
			} else {
				item, v = v, ""
			}
			name, params, _ := strings.Cut(item, ";")
			name = strings.TrimSpace(name)
			q := 1.0
			for params != "" {
				var p string
				p, params, _ = strings.Cut(params, ";")
				p = strings.TrimSpace(p)
				if len(p) > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=' {
					if f, err := strconv.ParseFloat(strings.TrimSpace(p[2:]), 64); err == nil {
						q = f
					} else {
						q = 0
					}
				}
			}
			switch {
			case strings.EqualFold(name, "br"):
				qBr = q
			case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
				qGzip = q
			case name == "*":
				qAny = q
			}
		}
	}
	if qBr < 0 {
		qBr = qAny
	}
	if qGzip < 0 {
		qGzip = qAny
	}
	switch {
	case qBr > 0 && qBr >= qGzip:
		return "br"
	case qGzip > 0:
		return "gzip"
	}
	return ""
}

package contract

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Metrics writes one CloudWatch embedded metric format (EMF) document per
// request: CloudWatch Logs turns the line into metrics, so there is no SDK,
// no buffer to flush before Lambda freezes the process, and no network
// call. The document follows
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html:
// an _aws member with a millisecond Timestamp and one directive, the
// dimension and metric values as members of the root.
type Metrics struct {
	service   string
	dims      []string
	directive []byte
}

// The metrics each request reports, in the order of the directive.
const (
	MetricRequests = "Requests"   // Count, 1 per request
	MetricLatency  = "Latency"    // Milliseconds, until the answer is written
	Metric4xx      = "4xx"        // Count, 1 when the status is 4xx
	Metric5xx      = "5xx"        // Count, 1 when the status is 5xx
	Unrouted       = "(unrouted)" // Operation and Route of requests no operation serves
)

// NewMetrics reports under namespace, with the dimension set dims: names
// from Service, Operation, Route and Method. service is the Service
// dimension's value.
func NewMetrics(namespace, service string, dims []string) *Metrics {
	m := &Metrics{service: service, dims: dims}
	d := append([]byte(nil), `,"CloudWatchMetrics":[{"Namespace":`...)
	d = appendJSONString(d, namespace)
	d = append(d, `,"Dimensions":[[`...)
	for i, name := range dims {
		if i > 0 {
			d = append(d, ',')
		}
		d = appendJSONString(d, name)
	}
	d = append(d, `]],"Metrics":[{"Name":"`+MetricRequests+`","Unit":"Count"},{"Name":"`+MetricLatency+
		`","Unit":"Milliseconds"},{"Name":"`+Metric4xx+`","Unit":"Count"},{"Name":"`+Metric5xx+`","Unit":"Count"}]}]}`...)
	m.directive = d
	return m
}

func (m *Metrics) appendDocument(b []byte, start time.Time, rec *record, status int, elapsed time.Duration) []byte {
	b = append(b, `{"_aws":{"Timestamp":`...)
	b = strconv.AppendInt(b, start.UnixMilli(), 10)
	b = append(b, m.directive...)
	for _, d := range m.dims {
		b = append(b, ',')
		b = appendJSONString(b, d)
		b = append(b, ':')
		b = appendJSONString(b, m.dimension(d, rec))
	}
	b = append(b, `,"`+MetricRequests+`":1,"`+MetricLatency+`":`...)
	b = strconv.AppendFloat(b, float64(elapsed.Microseconds())/1000, 'f', -1, 64)
	b = append(b, `,"`+Metric4xx+`":`...)
	b = append(b, flag(status >= 400 && status < 500))
	b = append(b, `,"`+Metric5xx+`":`...)
	b = append(b, flag(status >= 500))
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"request_id":`...)
	b = appendJSONString(b, rec.lambdaID)
	if rec.traceRoot != "" {
		b = append(b, `,"trace_id":`...)
		b = appendJSONString(b, rec.traceRoot)
	}
	return append(b, "}\n"...)
}

func flag(on bool) byte {
	if on {
		return '1'
	}
	return '0'
}

// dimension is the value of one dimension for rec; CloudWatch refuses
// empty values, so requests outside every operation get a placeholder.
func (m *Metrics) dimension(name string, rec *record) string {
	switch name {
	case "Service":
		return m.service
	case "Method":
		if rec.op != nil {
			return rec.op.Method
		}
	case "Route":
		if rec.op != nil {
			return rec.op.Path
		}
	case "Operation":
		if rec.op != nil {
			return rec.op.ID
		}
	}
	return Unrouted
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes
// U+FFFD, as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

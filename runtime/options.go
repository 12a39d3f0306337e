package lambdahttp

import (
	"log/slog"
	"strings"
)

// Option configures an Adapter.
type Option func(*config)

type config struct {
	basePath       string
	stageStripping bool
	textTypes      []string
	binaryTypes    []string
	compressMin    int
	streaming      bool
	logger         *slog.Logger
	sigterm        []func()
}

// defaultCompressMin is the smallest body worth compressing: below about a
// kilobyte the saving rarely pays for the CPU time and the header bytes.
const defaultCompressMin = 1024

func defaultConfig() config {
	return config{stageStripping: true, compressMin: defaultCompressMin}
}

// WithBasePath strips a path prefix from every request before the handler
// sees it, for APIs mounted under a custom-domain base path mapping. The
// prefix is matched whole segments at a time: "/api" turns "/api/x" into
// "/x" and "/api" into "/", and leaves "/apiary" alone. When it was
// stripped, it is put back in front of a Location that is an absolute path.
func WithBasePath(p string) Option {
	p = strings.Trim(p, "/")
	return func(c *config) {
		if p == "" {
			c.basePath = ""
		} else {
			c.basePath = "/" + p
		}
	}
}

// WithStageStripping controls whether "/{stage}" is removed from the front
// of an HTTP API request's path when it reached API Gateway through its own
// execute-api host name with a named stage, where the stage is part of the
// URL and of the event's path, and put back in front of a Location that is
// an absolute path. REST API event paths never contain the stage and are
// not changed; their Location gets the stage on the execute-api host
// whatever this says, since the handler cannot see it. Requests through a
// custom domain are never changed. On by default.
func WithStageStripping(on bool) Option {
	return func(c *config) { c.stageStripping = on }
}

// WithTextTypes adds media types whose response bodies are sent as text
// rather than base64. "type/*" matches a whole type. The defaults are text/*,
// JSON, XML, JavaScript, YAML, form data, problem details and OpenAPI
// documents, including the +json and +xml suffixes.
func WithTextTypes(mediaTypes ...string) Option {
	return func(c *config) { c.textTypes = append(c.textTypes, lowerAll(mediaTypes)...) }
}

// WithBinaryTypes names media types whose response bodies are always sent
// base64-encoded, even when they would otherwise count as text. The
// generator passes the binary media types of the API description here.
func WithBinaryTypes(mediaTypes ...string) Option {
	return func(c *config) { c.binaryTypes = append(c.binaryTypes, lowerAll(mediaTypes)...) }
}

// WithCompression sets the smallest response body, in bytes, that is
// compressed with gzip or brotli when the client's Accept-Encoding allows.
// A negative size turns compression off. The default is 1024.
func WithCompression(minSize int) Option {
	return func(c *config) { c.compressMin = minSize }
}

// WithStreaming serves Lambda function URLs configured with InvokeMode
// RESPONSE_STREAM: the status and headers go out with the handler's first
// write or flush, and every write reaches the client as it happens. Events
// from other sources are still answered with a buffered response. The
// invoke mode is function URL configuration that the event does not show, so
// it has to be stated here.
func WithStreaming() Option {
	return func(c *config) { c.streaming = true }
}

// WithLogger sets the logger for handler panics and adapter errors. The
// default is slog.Default() at the time of logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

func lowerAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// WithSIGTERM has Start call fns when Lambda sends SIGTERM before shutting
// the execution environment down, which it does only while an extension
// is registered; the function then has 500 ms to finish. The registration
// is one more Runtime API call before the first event, at every cold start
// (0.66 ms against a bare function's 2.7 ms init here; BENCHMARKS.md).
func WithSIGTERM(fns ...func()) Option {
	return func(c *config) { c.sigterm = append(c.sigterm, fns...) }
}

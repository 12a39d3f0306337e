package lambdahttp

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/lambda"
)

// Adapter serves Lambda HTTP events with an http.Handler. It implements
// lambda.Handler and is safe for concurrent use.
type Adapter struct {
	h   http.Handler
	cfg config
}

var _ lambda.Handler = (*Adapter)(nil)

// New returns an Adapter that serves h; a nil h means
// http.DefaultServeMux, as for http.ListenAndServe.
func New(h http.Handler, opts ...Option) *Adapter {
	if h == nil {
		h = http.DefaultServeMux
	}
	a := &Adapter{h: h, cfg: defaultConfig()}
	for _, o := range opts {
		o(&a.cfg)
	}
	return a
}

// Start runs the Lambda runtime loop with h behind an Adapter; with
// WithStreaming it registers the streaming handler instead. Like
// lambda.Start it does not return. With InvokeEventEnv set it answers
// that one event instead.
func Start(h http.Handler, opts ...Option) {
	a := New(h, opts...)
	if ev := os.Getenv(InvokeEventEnv); ev != "" {
		os.Exit(a.invokeFile(ev, os.Getenv(InvokeOutputEnv)))
	}
	var lo []lambda.Option
	if len(a.cfg.sigterm) > 0 {
		lo = append(lo, lambda.WithEnableSIGTERM(a.cfg.sigterm...))
	}
	if a.cfg.streaming {
		lambda.StartWithOptions(a.streamHandler, lo...)
		return
	}
	lambda.StartWithOptions(a, lo...)
}

// Invoke decodes the event in payload, serves it with the handler and
// returns the response event for the same source. ctx is passed to the
// handler as the request context, so lambdacontext.FromContext keeps
// working there. Payloads that are not HTTP events yield an error matching
// ErrUnsupportedEvent.
func (a *Adapter) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	x, err := a.decode(ctx, payload)
	if err != nil {
		return nil, err
	}
	w := getWriter(x.req.Method == http.MethodHead)
	defer putWriter(w)
	a.respond(w, x)
	return a.encode(x, w)
}

// respond runs the handler, unless the request is one net/http would have
// refused.
func (a *Adapter) respond(w *responseWriter, x *exchange) {
	if x.bad != accepted {
		refuse(w, x.bad)
		return
	}
	a.serve(w, x.req)
}

// exchange is one decoded request. It is a single allocation that the
// request's context keeps alive.
type exchange struct {
	inv   invocation
	url   url.URL
	body  body
	req   *http.Request
	multi bool
	bad   refusal
	mount mount
}

func (a *Adapter) decode(ctx context.Context, payload []byte) (*exchange, error) {
	sc := scanner{b: payload, s: string(payload)}
	var f fields
	if err := f.scan(&sc); err != nil {
		return nil, err
	}
	src, err := f.classify(&sc)
	if err != nil {
		return nil, err
	}
	var p reqParts
	x := &exchange{}
	switch src {
	case RESTv1, HTTPv1:
		decodeV1(&sc, &f, &p, src)
	case HTTPv2:
		decodeV2(&sc, &f, &p, src)
	case FunctionURL:
		decodeFunctionURL(&sc, &f, &p)
	case ALB:
		x.multi = decodeALB(&sc, &f, &p)
	}
	if sc.err != nil {
		return nil, sc.err
	}
	x.inv.ev = Event{
		Source:            src,
		Raw:               payload,
		MultiValueHeaders: x.multi,
		RequestID:         f.rc.requestID,
		Stage:             f.rc.stage,
		DomainName:        f.rc.domainName,
		SourceIP:          p.remoteIP,
	}
	x.inv.rcJSON = f.rc.raw
	x.req = a.buildRequest(withInvocation(ctx, &x.inv), x, &p, &f)
	if x.bad == accepted {
		x.bad = p.hs.bad
	}
	return x, nil
}

func (a *Adapter) buildRequest(ctx context.Context, x *exchange, p *reqParts, f *fields) *http.Request {
	host := p.hs.host
	if host == "" {
		host = f.rc.domainName
		if host == "" {
			host = "localhost"
		}
	}
	u := &x.url
	u.Scheme = scheme(p.hs.h)
	u.Host = host
	if !setPath(u, p.path, p.encoded) {
		x.bad = badPath
	}
	x.mount = a.stripMount(u, x.inv.ev.Source, f.rc.stage, host)
	u.RawQuery = p.rawQuery
	requestURI := u.EscapedPath()
	if u.RawQuery != "" {
		requestURI += "?" + u.RawQuery
	}
	x.body = p.body
	r := &http.Request{
		Method:        p.method,
		URL:           u,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        p.hs.h,
		Body:          http.NoBody,
		ContentLength: int64(x.body.len()),
		Host:          host,
		RemoteAddr:    remoteAddr(p.remoteIP),
		RequestURI:    requestURI,
	}
	if r.ContentLength > 0 {
		r.Body = &x.body
	}
	return r.WithContext(ctx)
}

// serve runs the handler. A panic is logged with its stack and replaces
// whatever the handler had written with a 500 problem response; Lambda
// never sees the panic.
func (a *Adapter) serve(w *responseWriter, r *http.Request) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v != http.ErrAbortHandler {
			a.logger().ErrorContext(r.Context(), "lambdahttp: handler panicked",
				slog.Any("panic", v), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.String("stack", string(debug.Stack())))
		}
		w.replace(http.StatusInternalServerError, problemType, problem500)
	}()
	a.h.ServeHTTP(w, r)
}

func (a *Adapter) logger() *slog.Logger {
	if a.cfg.logger != nil {
		return a.cfg.logger
	}
	return slog.Default()
}

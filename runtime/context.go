package lambdahttp

import (
	"context"
	"strconv"
	"sync"
)

// Source is the kind of event an HTTP request arrived in. It decides how the
// request is read and how the response must be shaped.
type Source uint8

// The supported event sources.
const (
	// RESTv1 is an API Gateway REST API proxy event (payload format 1.0).
	RESTv1 Source = iota + 1
	// HTTPv1 is an API Gateway HTTP API event with payload format 1.0.
	HTTPv1
	// HTTPv2 is an API Gateway HTTP API event with payload format 2.0.
	HTTPv2
	// ALB is an Application Load Balancer target group event.
	ALB
	// FunctionURL is a Lambda function URL event (payload format 2.0 shape).
	FunctionURL
)

func (s Source) String() string {
	switch s {
	case RESTv1:
		return "RESTv1"
	case HTTPv1:
		return "HTTPv1"
	case HTTPv2:
		return "HTTPv2"
	case ALB:
		return "ALB"
	case FunctionURL:
		return "FunctionURL"
	}
	return "Source(" + strconv.Itoa(int(s)) + ")"
}

// Event describes the Lambda event behind a request. Handlers get it with
// EventFromContext.
type Event struct {
	// Source is the kind of event.
	Source Source
	// Raw is the event payload exactly as the function received it. It is
	// the runtime's buffer and is only valid while the invocation runs: copy
	// it to keep it.
	Raw []byte
	// MultiValueHeaders reports, for ALB, that the target group has
	// multi-value headers turned on (the response uses the same mode).
	MultiValueHeaders bool

	// Fields from requestContext that the adapter reads anyway; the rest is
	// decoded on demand by RequestContextFromContext.
	RequestID  string
	Stage      string
	DomainName string
	SourceIP   string
}

// invocation is what a request's context carries: the event and, decoded the
// first time a handler asks, the full request context.
type invocation struct {
	ev     Event
	rcJSON string
	once   sync.Once
	rc     RequestContext
}

type ctxKey struct{}

func withInvocation(ctx context.Context, inv *invocation) context.Context {
	return context.WithValue(ctx, ctxKey{}, inv)
}

// EventFromContext returns the event behind the request whose context is
// ctx.
func EventFromContext(ctx context.Context) (Event, bool) {
	inv, ok := ctx.Value(ctxKey{}).(*invocation)
	if !ok {
		return Event{}, false
	}
	return inv.ev, true
}

// RequestContextFromContext returns the decoded requestContext of the event
// behind the request whose context is ctx: stage, request ID, domain, source
// IP and what the authorizer established about the caller. It is decoded the
// first time it is asked for, so requests that never ask do not pay for it.
func RequestContextFromContext(ctx context.Context) (RequestContext, bool) {
	inv, ok := ctx.Value(ctxKey{}).(*invocation)
	if !ok {
		return RequestContext{}, false
	}
	inv.once.Do(func() { inv.rc = decodeRequestContext(inv.ev, inv.rcJSON) })
	return inv.rc, true
}

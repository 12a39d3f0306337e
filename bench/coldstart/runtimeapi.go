package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// runtimeAPI is a stand-in for the Lambda Runtime API: it hands the
// function one event and notes when the function first asked for work
// (init done) and when it answered (first response out).
type runtimeAPI struct {
	addr  string
	srv   *http.Server
	mu    sync.Mutex
	trial *trial
	seq   int
	// traceID is the Lambda-Runtime-Trace-Id of every invocation.
	traceID string
}

// trial is one start of one binary. Each gets its own path prefix in
// AWS_LAMBDA_RUNTIME_API, so that a request still in flight from the
// previous, killed process cannot be taken for the new one's.
type trial struct {
	id       string
	event    []byte
	served   bool
	ready    chan time.Time
	answered chan answer
}

type answer struct {
	at     time.Time
	body   []byte
	failed bool
}

func startRuntimeAPI() (*runtimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	api := &runtimeAPI{addr: ln.Addr().String()}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{trial}/2018-06-01/runtime/invocation/next", api.next)
	mux.HandleFunc("POST /{trial}/2018-06-01/runtime/invocation/{id}/response", api.respond(false))
	mux.HandleFunc("POST /{trial}/2018-06-01/runtime/invocation/{id}/error", api.respond(true))
	mux.HandleFunc("POST /{trial}/2018-06-01/runtime/init/error", api.respond(true))
	api.srv = &http.Server{Handler: mux}
	go func() { _ = api.srv.Serve(ln) }()
	return api, nil
}

func (a *runtimeAPI) current(r *http.Request) *trial {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.trial == nil || a.trial.id != r.PathValue("trial") {
		return nil
	}
	return a.trial
}

func (a *runtimeAPI) next(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	t := a.current(r)
	if t == nil || t.served {
		<-r.Context().Done() // one event per process: park until it is killed
		return
	}
	t.served = true
	t.ready <- now
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", "bench-request")
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(30*time.Second).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench")
	trace := a.traceID
	if trace == "" {
		trace = "Root=1-00000000-000000000000000000000000"
	}
	h.Set("Lambda-Runtime-Trace-Id", trace)
	h.Set("Content-Type", "application/json")
	_, _ = w.Write(t.event)
}

func (a *runtimeAPI) respond(failed bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		now := time.Now()
		w.WriteHeader(http.StatusAccepted)
		if t := a.current(r); t != nil {
			select {
			case t.answered <- answer{at: now, body: body, failed: failed}:
			default:
			}
		}
	}
}

// measure starts bin once, hands it event, and returns the time from
// process start to its first request for work, and to its first response.
func (a *runtimeAPI) measure(bin string, event []byte) (initDur, firstDur time.Duration, body []byte, err error) {
	a.mu.Lock()
	a.seq++
	t := &trial{id: "t" + strconv.Itoa(a.seq), event: event, ready: make(chan time.Time, 1), answered: make(chan answer, 1)}
	a.trial = t
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		a.trial = nil
		a.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(os.Environ(), "AWS_LAMBDA_RUNTIME_API="+a.addr+"/"+t.id, "AWS_LAMBDA_FUNCTION_NAME=bench",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "AWS_REGION=us-east-1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, nil, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	select {
	case ready := <-t.ready:
		initDur = ready.Sub(start)
	case <-ctx.Done():
		return 0, 0, nil, fmt.Errorf("%s never asked for an event: %s", bin, stderr.String())
	}
	select {
	case ans := <-t.answered:
		if ans.failed {
			return 0, 0, nil, fmt.Errorf("%s failed the invocation: %s %s", bin, ans.body, stderr.String())
		}
		return initDur, ans.at.Sub(start), ans.body, nil
	case <-ctx.Done():
		return 0, 0, nil, fmt.Errorf("%s never answered: %s", bin, stderr.String())
	}
}

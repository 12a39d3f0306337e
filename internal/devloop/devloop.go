package devloop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Project is what the loop needs to know about the project after each
// regeneration.
type Project struct {
	// Watch are the files whose change means regenerating: lambgen.yaml
	// and every file of the spec.
	Watch []string
	// BasePath and DocsPath place the URLs the loop prints; DocsPath is
	// empty when the docs are off.
	BasePath, DocsPath string
}

// Options configure Run.
type Options struct {
	Dir  string
	Port int
	// Regenerate does what `lambgen generate` does in Dir, reporting on
	// Out as it does. It returns the project even when it fails, with at
	// least lambgen.yaml and the spec's root to watch, so that fixing them
	// resumes the loop.
	Regenerate func(ctx context.Context) (Project, error)
	// Out gets the loop's messages and the server's stdout, Err the
	// server's stderr (its request lines among them).
	Out, Err io.Writer
	// Poll is how often the files are compared (default 200ms).
	Poll time.Duration
}

type loop struct {
	Options
	tmp     string
	builds  int
	proj    Project
	server  *process
	exited  chan *process
	lastBin string
	// regenerated is how long the last regeneration took, for the next
	// "serving" line; zero when the round did not regenerate.
	regenerated time.Duration
}

// Run runs the loop until ctx is done, then stops the server and returns.
// Only a failure to start at all is an error: a spec that does not load or
// a build that fails is reported and waited out.
func Run(ctx context.Context, o Options) error {
	if o.Poll <= 0 {
		o.Poll = 200 * time.Millisecond
	}
	if err := portFree(o.Port); err != nil {
		return err
	}
	if abs, err := filepath.Abs(o.Dir); err == nil {
		o.Dir = abs
	}
	tmp, err := os.MkdirTemp("", "lambgen-dev-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	l := &loop{Options: o, tmp: tmp, exited: make(chan *process, 1)}
	defer l.stop()

	l.regenerate(ctx)
	spec, code := stampFiles(l.proj.Watch), goFiles(o.Dir)
	l.rebuild(ctx)
	tick := time.NewTicker(o.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			l.stop()
			l.say("stopped")
			return nil
		case p := <-l.exited:
			if p == l.server {
				l.server = nil
				l.say("the server stopped (%v); save a file to build and start it again", p.err)
			}
			continue
		case <-tick.C:
		}
		specNow, codeNow := stampFiles(l.proj.Watch), goFiles(o.Dir)
		if len(changed(spec, specNow)) == 0 && len(changed(code, codeNow)) == 0 {
			continue
		}
		// An editor's save, a git checkout or a formatter can take more
		// than one write: wait until two polls agree before reading.
		for range 10 {
			time.Sleep(o.Poll / 2)
			s2, c2 := stampFiles(l.proj.Watch), goFiles(o.Dir)
			if len(changed(s2, specNow)) == 0 && len(changed(c2, codeNow)) == 0 {
				break
			}
			specNow, codeNow = s2, c2
		}
		edited := append(changed(spec, specNow), changed(code, codeNow)...)
		l.say("%s changed", l.names(edited))
		if len(changed(spec, specNow)) > 0 {
			l.regenerate(ctx)
		}
		// After regenerating, what it wrote is the new baseline, so its
		// own writes do not start another round.
		spec, code = stampFiles(l.proj.Watch), goFiles(o.Dir)
		l.rebuild(ctx)
	}
}

func (l *loop) say(format string, args ...any) {
	fmt.Fprintf(l.Out, "lambgen dev: "+format+"\n", args...)
}

func (l *loop) names(paths []string) string {
	var rel []string
	for _, p := range paths {
		if r, err := filepath.Rel(l.Dir, p); err == nil && !strings.HasPrefix(r, "..") {
			p = r
		}
		rel = append(rel, filepath.ToSlash(p))
	}
	if len(rel) > 3 {
		return strings.Join(rel[:3], ", ") + fmt.Sprintf(" and %d more", len(rel)-3)
	}
	return strings.Join(rel, ", ")
}

func (l *loop) regenerate(ctx context.Context) bool {
	start := time.Now()
	proj, err := l.Regenerate(ctx)
	l.regenerated = time.Since(start)
	if len(proj.Watch) > 0 {
		l.proj = proj
	}
	if err != nil {
		l.say("not regenerated: %v", err)
		if l.server != nil {
			l.say("still serving the previous build")
		}
		return false
	}
	return true
}

// rebuild builds the project and, when that works, replaces the server.
// The old server serves until the new binary exists, so a failed build
// leaves it running.
func (l *loop) rebuild(ctx context.Context) {
	l.builds++
	bin := filepath.Join(l.tmp, "server-"+strconv.Itoa(l.builds))
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	cmd.Dir = l.Dir
	// Ctrl-C during a build stops the compiler and linker the go command
	// started, not only the go command.
	ownGroup(cmd)
	cmd.Cancel = func() error { kill(cmd); return nil }
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		msg := "build failed"
		if l.server != nil {
			msg += "; still serving the previous build"
		}
		l.say("%s:\n%s", msg, strings.TrimRight(string(out), "\n"))
		return
	}
	built := time.Since(start)
	l.stop()
	if l.lastBin != "" {
		os.Remove(l.lastBin)
	}
	l.lastBin = bin
	p, err := l.start(bin)
	if err != nil {
		l.say("cannot start the server: %v", err)
		return
	}
	if err := waitListening(l.Port, p, 15*time.Second); err != nil {
		l.say("%v", err)
		return
	}
	base := fmt.Sprintf("http://127.0.0.1:%d%s", l.Port, l.proj.BasePath)
	took := "built in " + built.Round(10*time.Millisecond).String()
	if l.regenerated > 0 {
		took = "regenerated in " + l.regenerated.Round(10*time.Millisecond).String() + ", " + took
		l.regenerated = 0
	}
	msg := fmt.Sprintf("serving %s (%s)", base, took)
	if l.proj.DocsPath != "" {
		msg += "; docs at " + base + l.proj.DocsPath
	}
	l.say("%s", msg)
}

// process is one run of the server.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

func (l *loop) start(bin string) (*process, error) {
	cmd := exec.Command(bin)
	cmd.Dir = l.Dir
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(l.Port), "LAMBGEN_DEV=1")
	if _, set := os.LookupEnv("LAMBGEN_TELEMETRY"); !set {
		// The request line is the loop's log; the access and EMF lines are
		// Lambda's, and would say each request twice more. Set
		// LAMBGEN_TELEMETRY=on to see them here too.
		cmd.Env = append(cmd.Env, "LAMBGEN_TELEMETRY=off")
	}
	cmd.Stdout, cmd.Stderr = l.Out, l.Err
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	l.server = p
	go func() {
		p.err = cmd.Wait()
		if p.err == nil {
			p.err = errors.New("exit status 0")
		}
		close(p.done)
		select {
		case l.exited <- p:
		default:
		}
	}()
	return p, nil
}

// stop ends the server and everything it started: SIGTERM to its process
// group lets it shut down gracefully, SIGKILL follows if it does not.
func (l *loop) stop() {
	p := l.server
	if p == nil {
		return
	}
	l.server = nil
	terminate(p.cmd)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		kill(p.cmd)
		<-p.done
	}
	// Drop its exit notice: it was asked to stop.
	select {
	case q := <-l.exited:
		if q != p {
			l.exited <- q
		}
	default:
	}
}

func portFree(port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d is taken (%v); pick another with --port", port, err)
	}
	return ln.Close()
}

func waitListening(port int, p *process, limit time.Duration) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("the server exited before listening on %s (%v)", addr, p.err)
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the server did not listen on %s within %s", addr, limit)
}

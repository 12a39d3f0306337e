package testtool

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// Emulator is a bootstrap running under the AWS Lambda Runtime Interface
// Emulator, listening on loopback only (its default is every interface).
type Emulator struct {
	addr string
	logs *syncBuffer
}

// StartEmulator runs bootstrap under the emulator until the test ends; its
// output is logged if the test fails.
func StartEmulator(t testing.TB, bootstrap string) *Emulator {
	t.Helper()
	rie := Find(t, "aws-lambda-rie")
	e := &Emulator{addr: LoopbackAddr(t), logs: &syncBuffer{}}
	cmd := exec.Command(rie, "--runtime-interface-emulator-address", e.addr,
		"--runtime-api-address", LoopbackAddr(t), bootstrap)
	cmd.Stdout, cmd.Stderr = e.logs, e.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("emulator output:\n%s", e.logs.String())
		}
	})
	WaitForListener(t, e.addr, 10*time.Second)
	return e
}

// Invoke sends one event and returns the function's response payload. Call
// it from one goroutine at a time: the emulator does not survive
// concurrent invokes.
func (e *Emulator) Invoke(t testing.TB, event []byte) []byte {
	t.Helper()
	resp, err := http.Post("http://"+e.addr+"/2015-03-31/functions/function/invocations", "application/json", bytes.NewReader(event))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Logs is what the emulator and the function have printed so far.
func (e *Emulator) Logs() string { return e.logs.String() }

// syncBuffer collects the emulator's output while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

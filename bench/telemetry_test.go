package bench

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"example.com/items/api"
	"example.com/items/handlers"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// itemEvents are the Item example's two operations with an input, as API
// Gateway HTTP API events (payload 2.0) carrying a trace header.
var itemEvents = map[string]string{
	"get": `{"version":"2.0","routeKey":"$default","rawPath":"/items/5","rawQueryString":"q=somequery",
	"headers":{"host":"abc123.execute-api.eu-west-1.amazonaws.com","user-agent":"bench","accept":"application/json",
	"x-amzn-trace-id":"Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1"},
	"requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.eu-west-1.amazonaws.com",
	"domainPrefix":"abc123","http":{"method":"GET","path":"/items/5","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"bench"},
	"requestId":"Ab1cDEfGhIjKLmN=","routeKey":"$default","stage":"$default","time":"01/Dec/2026:10:00:00 +0000","timeEpoch":1796119200000},
	"isBase64Encoded":false}`,
	"post": `{"version":"2.0","routeKey":"$default","rawPath":"/items/","rawQueryString":"",
	"headers":{"host":"abc123.execute-api.eu-west-1.amazonaws.com","user-agent":"bench","content-type":"application/json",
	"x-amzn-trace-id":"Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1"},
	"requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.eu-west-1.amazonaws.com",
	"domainPrefix":"abc123","http":{"method":"POST","path":"/items/","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"bench"},
	"requestId":"Ab1cDEfGhIjKLmN=","routeKey":"$default","stage":"$default","time":"01/Dec/2026:10:00:00 +0000","timeEpoch":1796119200000},
	"body":"{\"name\":\"Foo\",\"description\":\"An optional description\",\"price\":45.2,\"tax\":3.5}","isBase64Encoded":false}`,
}

// itemsAdapter is the Item example (examples/items, whose readItem handler
// logs a line of its own) behind the adapter, with its logs going to out
// as they go to stdout on Lambda. on=false is the same project with
// LAMBGEN_TELEMETRY=off: no access line, no EMF line.
func itemsAdapter(tb testing.TB, out *os.File, on bool) *lambdahttp.Adapter {
	tb.Helper()
	tb.Setenv(api.TelemetryEnv, map[bool]string{true: "on", false: "off"}[on])
	stdout := os.Stdout
	os.Stdout = out // the generated telemetry writes to the os.Stdout of NewHandler's time
	defer func() { os.Stdout = stdout }()
	tb.Setenv("AWS_LAMBDA_FUNCTION_NAME", "bench") // JSON lines, as on Lambda
	return lambdahttp.New(api.NewHandler(&handlers.Handlers{}))
}

// BenchmarkTelemetry is one request through Invoke with the generated
// access line and EMF line on and off. The lines go to /dev/null through
// a real file descriptor, so that each costs the write(2) it costs on
// Lambda, where stdout is a pipe to the runtime. Compare with
// benchstat -col /telemetry.
func BenchmarkTelemetry(b *testing.B) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	ctx := invokeContext()
	for _, name := range []string{"get", "post"} {
		payload := []byte(itemEvents[name])
		for _, on := range []bool{true, false} {
			a := itemsAdapter(b, devnull, on)
			label := map[bool]string{true: "on", false: "off"}[on]
			b.Run("telemetry="+label+"/op="+name, func(b *testing.B) {
				b.ReportAllocs()
				before := cpuTime()
				for b.Loop() {
					if _, err := a.Invoke(ctx, payload); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime is the CPU time the process has used, user and system, in
// nanoseconds. Reported per request beside the wall time, it measures the
// work itself even while other processes hold the machine's cores, which
// inflate the wall time of both variants by whatever they take.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestTelemetryBenchWork checks that the benchmark compares what it says:
// with telemetry on, each request writes an access line and an EMF line
// (and the handler's own line for get); off, only the handler's line.
func TestTelemetryBenchWork(t *testing.T) {
	ctx := invokeContext()
	for _, on := range []bool{true, false} {
		f, err := os.Create(filepath.Join(t.TempDir(), "out"))
		if err != nil {
			t.Fatal(err)
		}
		a := itemsAdapter(t, f, on)
		for _, name := range []string{"get", "post"} {
			out, err := a.Invoke(ctx, []byte(itemEvents[name]))
			var resp struct{ StatusCode int }
			if err != nil || json.Unmarshal(out, &resp) != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %v %s", name, err, out)
			}
		}
		_ = f.Close()
		data, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		access := bytes.Count(data, []byte(`"msg":"request"`))
		emf := bytes.Count(data, []byte(`"_aws":`))
		want := map[bool][3]int{true: {5, 2, 2}, false: {1, 0, 0}}[on]
		if got := [3]int{len(lines), access, emf}; got != want {
			t.Errorf("telemetry %v: %d lines, %d access, %d EMF; want %v:\n%s", on, len(lines), access, emf, want, data)
		}
	}
}

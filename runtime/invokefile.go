package lambdahttp

import (
	"context"
	"fmt"
	"os"
)

// InvokeEventEnv and InvokeOutputEnv make Start answer one event read from
// a file, write the response event to another file and exit, instead of
// running the Lambda runtime loop. `lambgen invoke` runs a project's own
// binary that way, so the event meets the real handler with the options
// main.go gives it, with no emulator.
const (
	InvokeEventEnv  = "LAMBDAHTTP_INVOKE_EVENT"
	InvokeOutputEnv = "LAMBDAHTTP_INVOKE_OUTPUT"
)

// invokeFile serves the event in file in and writes the response to out
// (stdout when empty); it returns the exit status.
func (a *Adapter) invokeFile(in, out string) int {
	payload, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lambdahttp: %v\n", err)
		return 1
	}
	resp, err := a.Invoke(context.Background(), payload)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lambdahttp: the event is not one the adapter serves: %v\n", err)
		return 1
	}
	if out == "" {
		_, err = os.Stdout.Write(append(resp, '\n'))
	} else {
		err = os.WriteFile(out, resp, 0o600)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "lambdahttp: %v\n", err)
		return 1
	}
	return 0
}

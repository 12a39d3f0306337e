//go:build unix

package devloop

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the server in a process group of its own: a Ctrl-C in the
// terminal reaches lambgen only, which then stops the whole group, so
// nothing the server started outlives the loop.
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

func terminate(cmd *exec.Cmd) { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }

func kill(cmd *exec.Cmd) { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }

//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func init() {
	// Tests that call Main in the test's own process (render's interrupted
	// batch) must not have the watchdog end that process under a loaded
	// machine; the "roadmap" command run by the scripts and by
	// TestStopOnSignal keeps the real grace.
	if filepath.Base(os.Args[0]) != "roadmap" {
		stopGrace = time.Minute
	}
}

// TestStopOnSignal: a run waiting on something that does not end (here
// validate reading a standard input that never closes) stops within a
// second of SIGINT or SIGTERM, says it was interrupted and exits 130 or
// 143 (content import once kept waiting on a named pipe through Ctrl-C).
func TestStopOnSignal(t *testing.T) {
	bin, err := exec.LookPath("roadmap")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			cmd := exec.Command(bin, "validate", "-")
			cmd.Stdin = r
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			r.Close()
			// A start, then nothing. The start is larger than a pipe holds
			// (64 KiB), so that once it is written the command is reading
			// (its handler of signals is set by then).
			start := "form: community\n" + strings.Repeat("# a comment line to fill the pipe\n", 200<<10/34)
			if _, err := w.Write([]byte(start)); err != nil {
				t.Fatalf("writing to the command: %v", err)
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				t.Fatal("still running 5 seconds after the signal")
			}
			if took := time.Since(sent); took > time.Second {
				t.Errorf("stopped %v after the signal, want within a second", took)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tt.want {
				t.Errorf("exit %v, want status %d", err, tt.want)
			}
			if stderr.String() != "roadmap: interrupted\n" || stdout.Len() != 0 {
				t.Errorf("stdout %q, stderr %q; want only %q", stdout.String(), stderr.String(), "roadmap: interrupted\n")
			}
		})
	}
}

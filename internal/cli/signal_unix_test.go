//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalRenderInterrupted sends render SIGINT, then SIGTERM, once its
// first roadmap is written: it stops starting new roadmaps, finishes those
// begun, says it was interrupted and how many are complete (no flood of
// "context canceled"), leaves only whole folders and no temporary files,
// and exits 130 or 143.
func TestSignalRenderInterrupted(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
			const n = 40
			writeAnswers(t, in, n)
			var stdout, stderr bytes.Buffer
			code := make(chan int, 1)
			go func() { code <- Main([]string{"render", in, "--out", out, "--jobs", "1"}, nil, &stdout, &stderr) }()
			deadline := time.Now().Add(2 * time.Minute)
			for {
				if entries, _ := os.ReadDir(out); len(entries) > 0 && !strings.HasPrefix(entries[0].Name(), ".") {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("no roadmap written in two minutes")
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := syscall.Kill(os.Getpid(), tt.sig); err != nil {
				t.Fatal(err)
			}
			if got := <-code; got != tt.want {
				t.Errorf("exit status %d, want %d", got, tt.want)
			}
			m := regexp.MustCompile(`^roadmap: interrupted: (\d+) of 40 roadmaps are complete in \S+; the others were not made\n$`).FindStringSubmatch(stderr.String())
			if m == nil {
				t.Fatalf("stderr %q, want one line saying it was interrupted", stderr.String())
			}
			complete, _ := strconv.Atoi(m[1])
			if complete < 1 || complete >= n {
				t.Errorf("%d complete, want at least 1 and fewer than %d", complete, n)
			}
			if want := fmt.Sprintf("rendered %d of %d roadmaps into %s\n", complete, n, out); stdout.String() != want {
				t.Errorf("stdout %q, want %q", stdout.String(), want)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != complete {
				t.Errorf("%d entries in out, want the %d complete folders only", len(entries), complete)
			}
			for _, e := range entries {
				files, _ := os.ReadDir(filepath.Join(out, e.Name()))
				var names []string
				for _, f := range files {
					names = append(names, f.Name())
				}
				if got := strings.Join(names, " "); strings.HasPrefix(e.Name(), ".") || got != "form-community.pdf plans.ics plans.xlsx proposal.pdf" {
					t.Errorf("%s: %s; want a whole roadmap folder (form, plans and their calendar)", e.Name(), got)
				}
			}
		})
	}
}

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

// writeAnswers writes n answers files of distinct organisations into dir.
func writeAnswers(t *testing.T, dir string, n int) {
	t.Helper()
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-lv.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const name = `  name: Biedrība "Brīnumiņš"`
	if !bytes.Contains(example, []byte(name)) {
		t.Fatalf("the example no longer has the line %q", name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		data := bytes.Replace(example, []byte(name), fmt.Appendf(nil, "  name: Org %d", i), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("org-%03d.yaml", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

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

// TestRenderProgressBar checks that the progress bar is drawn when stderr
// is a terminal (set through IO), and only then.
func TestRenderProgressBar(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeAnswers(t, in, 3)
	for _, tty := range []bool{true, false} {
		var stdout, stderr bytes.Buffer
		app := &App{IO: IO{Out: &stdout, Err: &stderr}}
		app.SetStderrTTY(tty)
		code := run(t.Context(), func() os.Signal { return nil }, []string{"render", in, "--out", filepath.Join(dir, fmt.Sprint(tty))}, app)
		if code != 0 {
			t.Fatalf("tty %v: exit status %d: %s", tty, code, stderr.String())
		}
		drawn := strings.Contains(stderr.String(), "rendering") && strings.Contains(stderr.String(), "(1/3)")
		if drawn != tty {
			t.Errorf("stderr a terminal: %v; bar drawn: %v (stderr %q)", tty, drawn, stderr.String())
		}
	}
}

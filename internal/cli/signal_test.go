package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

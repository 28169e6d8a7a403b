//go:build unix

package serve_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHomeSpecialFiles checks that a named pipe named like a roadmap is
// skipped without blocking, and that names as people's computers make
// them are listed: "x (1).yaml", an en dash, ".YAML".
func TestHomeSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile("../../examples/" + roadmapA)
	for _, n := range []string{"x (1).yaml", "Brīnumiņš – 2027.yaml", "LIELS.YAML"} {
		os.WriteFile(filepath.Join(dir, n), src, 0o644)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	h := newServer(t, dir)
	done := make(chan string, 1)
	go func() {
		_, page := call(t, h, "GET", "/?lang=en", nil)
		done <- page
	}()
	select {
	case page := <-done:
		for _, n := range []string{"x (1).yaml", "Brīnumiņš – 2027.yaml", "LIELS.YAML"} {
			if !strings.Contains(page, `<div class="file">`+n+`</div>`) {
				t.Errorf("%s is not listed", n)
			}
		}
		if strings.Contains(page, "pipe.yaml") {
			t.Error("the named pipe is listed")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the home page waits on a named pipe")
	}
	if _, body := call(t, h, "GET", "/r/pipe.yaml", nil); !strings.Contains(body, "pipe.yaml: tā ir nosaukts kanāls (named pipe), nevis fails") {
		t.Errorf("the named pipe's page does not say what it is:\n%s", body[strings.Index(body, "<main"):])
	}
	if res, body := call(t, h, "GET", "/r/x%20(1).yaml", nil); res.StatusCode != 200 || !strings.Contains(body, "Brīnumiņš") {
		t.Errorf("x (1).yaml = %d", res.StatusCode)
	}
}

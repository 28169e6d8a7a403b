//go:build unix

package serve_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: a named pipe *.yaml in the folder once hung the home
// page and blocked every save behind it. A pipe or a link to a device is
// never opened for the list and is refused when asked for, at once; the
// other roadmaps are listed and saved as before.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	if err := syscall.Mkfifo(filepath.Join(dir, "stuck.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	h := newServer(t, dir)
	within := func(what string, f func()) {
		t.Helper()
		done := make(chan struct{})
		go func() { defer close(done); f() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no answer in 10 seconds", what)
		}
	}
	within("the home page", func() {
		res, body := call(t, h, "GET", "/", nil)
		if res.StatusCode != 200 || !strings.Contains(body, "Biedrība &#34;Brīnumiņš&#34;") {
			t.Errorf("GET / = %d, the example not listed", res.StatusCode)
		}
		if strings.Contains(body, "stuck.yaml") {
			t.Error("the named pipe is listed")
		}
	})
	within("the pipe's page", func() {
		if _, body := call(t, h, "GET", "/r/stuck.yaml", nil); !strings.Contains(body, "<code>stuck.yaml: tā ir nosaukts kanāls (named pipe), nevis fails</code>") {
			t.Errorf("GET /r/stuck.yaml does not say what the file is:\n%s", body)
		}
	})
	within("the device's page", func() {
		if _, body := call(t, h, "GET", "/r/zero.yaml", nil); !strings.Contains(body, "<code>zero.yaml: fails ir saite uz vietu ārpus mapes") {
			t.Errorf("GET /r/zero.yaml does not refuse the link:\n%s", body)
		}
	})
	within("a save", func() {
		v := fields(t, h, example)
		v.Set("cp.pilot.status", "done")
		if res, body := post(t, h, "/r/"+example, v, "Accept", "application/json"); res.StatusCode != http.StatusOK {
			t.Errorf("save = %d %s", res.StatusCode, body)
		}
	})
}

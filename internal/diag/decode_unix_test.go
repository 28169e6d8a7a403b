//go:build unix

package diag

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// TestReadFileFIFO checks that a named pipe is refused at once: opening it
// would wait for a writer forever.
func TestReadFileFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadPath(filepath.Join(dir, "pipe.yaml"), msg.Plain("the answers file"))
		done <- err
	}()
	select {
	case err := <-done:
		want := "pipe.yaml: cannot read the answers file: is a named pipe, not a file"
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("ReadPath of a pipe = %v, want …%s", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadPath of a named pipe blocked")
	}
}

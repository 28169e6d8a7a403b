package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSaveErrorWords: a failed save is told in plain words, without the
// temporary file's name or the system call ("open .x.yaml.12-3.tmp: no
// space left on device" once reached the page).
func TestSaveErrorWords(t *testing.T) {
	err := saveError{&fs.PathError{Op: "open", Path: ".roadmap-12-3.tmp", Err: syscall.ENOSPC}}
	if got := err.Error(); got != "the disk is full" {
		t.Errorf("%q, want %q", got, "the disk is full")
	}
	dir := filepath.Join(t.TempDir(), "answers")
	os.Mkdir(dir, 0o755)
	root, err2 := os.OpenRoot(dir)
	if err2 != nil {
		t.Fatal(err2)
	}
	defer root.Close()
	s := &store{root: root, dir: dir}
	os.Remove(dir) // the folder is gone under the server
	werr := s.write("a.yaml", []byte("form: community\n"))
	if werr == nil || strings.Contains(werr.Error(), ".tmp") || strings.Contains(werr.Error(), "openat") {
		t.Errorf("error %v, want plain words without the temporary name", werr)
	}
}

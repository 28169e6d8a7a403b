package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFilesAllOrNothing: when one of the files cannot be written, no
// file is replaced (content import once rewrote one file before failing on
// the next), no temporary file is left, and the message names the file.
func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "lv", "a.yaml")
	os.MkdirAll(filepath.Dir(a), 0o755)
	os.WriteFile(a, []byte("old\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "blocker"), []byte("a file"), 0o644)
	bad := filepath.Join(dir, "blocker", "b.yaml")
	err := WriteFiles([]PathFile{{Path: a, Data: []byte("new\n")}, {Path: bad, Data: []byte("new\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Fatalf("error %v, want one naming %s", err, bad)
	}
	if got, _ := os.ReadFile(a); string(got) != "old\n" {
		t.Errorf("%s was replaced: %q", a, got)
	}
	for _, d := range []string{dir, filepath.Dir(a)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file %s left in %s", e.Name(), d)
			}
		}
	}
	b := filepath.Join(dir, "en", "b.yaml")
	if err := WriteFiles([]PathFile{{Path: a, Data: []byte("new\n")}, {Path: b, Data: []byte("b\n")}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(a); string(got) != "new\n" {
		t.Errorf("%s = %q after a write that succeeded", a, got)
	}
}

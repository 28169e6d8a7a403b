package fsutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "a.pdf")
	if err := WriteFileAtomic(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(name, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "two" {
		t.Fatalf("got %q, %v; want \"two\"", got, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only a.pdf (no temporary files left)", len(entries))
	}
	// A failed write leaves the earlier file intact.
	if err := WriteFileAtomic(filepath.Join(name, "x"), []byte("three")); err == nil {
		t.Fatal("writing under a file succeeded, want an error")
	}
	if got, _ := os.ReadFile(name); string(got) != "two" {
		t.Errorf("earlier output changed to %q", got)
	}
}

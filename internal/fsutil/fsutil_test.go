package fsutil

import (
	"os"
	"path/filepath"
	"strconv"
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

func TestWriteFileAtomicMode(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.pdf")
	if err := WriteFileAtomic(name, []byte("x")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	// 0644 less the umask: never executable, always the owner's to rewrite
	if p := st.Mode().Perm(); p&0o111 != 0 || p&0o600 != 0o600 || p&^0o644 != 0 {
		t.Errorf("mode %v, want 0644 less the umask", p)
	}
}

// TestWriteFileAtomicStaleTemp checks that a temporary file left by an
// earlier process of the same id is neither used nor removed.
func TestWriteFileAtomicStaleTemp(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	stale := filepath.Join(dir, ".a.pdf."+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(tmpSeq.Load()+1, 10)+".tmp")
	if err := os.WriteFile(stale, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "new" {
		t.Errorf("got %q", got)
	}
	if got, _ := os.ReadFile(stale); string(got) != "stale" {
		t.Errorf("stale temporary file changed to %q", got)
	}
}

// BenchmarkWriteFileAtomic writes two files into a new folder, as render
// does for each organisation.
func BenchmarkWriteFileAtomic(b *testing.B) {
	dir := b.TempDir()
	pdf, xlsx := make([]byte, 57_000), make([]byte, 30_000)
	i := 0
	for b.Loop() {
		i++
		sub := filepath.Join(dir, strconv.Itoa(i))
		if err := WriteFileAtomic(filepath.Join(sub, "form.pdf"), pdf); err != nil {
			b.Fatal(err)
		}
		if err := WriteFileAtomic(filepath.Join(sub, "plans.xlsx"), xlsx); err != nil {
			b.Fatal(err)
		}
	}
}

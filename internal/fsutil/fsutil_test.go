package fsutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestCleanStaleTemp checks that temporary files left by a killed run
// (a process that is gone) are removed by the next write into the folder,
// while those of a running process, and files of other names, are kept.
func TestCleanStaleTemp(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".roadmap-999999999-3.tmp")    // no such process
	live := filepath.Join(dir, ".roadmap-1-7.tmp")            // init: running
	deadDir := filepath.Join(dir, ".roadmap-999999998-1.tmp") // a staged folder
	other := filepath.Join(dir, ".a.pdf.999999999-1.tmp")     // not our pattern
	for _, f := range []string{dead, live, other} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(deadDir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "a.pdf"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{dead, deadDir} {
		if _, err := os.Lstat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v); a dead run's temporary must be cleaned", filepath.Base(gone), err)
		}
	}
	for _, kept := range []string{live, other} {
		if _, err := os.Lstat(kept); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(kept), err)
		}
	}
}

// TestWriteFileAtomicLongName writes a file whose name is 249 bytes long,
// near the 255-byte limit: the temporary name must fit too.
func TestWriteFileAtomicLongName(t *testing.T) {
	name := filepath.Join(t.TempDir(), strings.Repeat("a", 245)+".pdf")
	if err := WriteFileAtomic(name, []byte("x")); err != nil {
		t.Fatal(err)
	}
}

// TestWriteFileAtomicRefuses checks the plain-word errors: a folder, a
// dangling link and a read-only folder are named once, by the user's path,
// and no temporary name shows.
func TestWriteFileAtomicRefuses(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "x.pdf")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "gone.pdf")
	if err := os.Symlink(filepath.Join(dir, "nowhere", "y.pdf"), dangling); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{folder, folder + " is a folder; give the name of a file to write"},
		{dangling, dangling + " is a link to a file that does not exist; remove the link or write another file"},
	}
	for _, tt := range tests {
		err := WriteFileAtomic(tt.name, []byte("x"))
		if err == nil || err.Error() != tt.want {
			t.Errorf("WriteFileAtomic(%s) = %v, want %q", tt.name, err, tt.want)
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		err := WriteFileAtomic(filepath.Join(ro, "a.pdf"), []byte("x"))
		if want := filepath.Join(ro, "a.pdf") + ": permission denied; choose a folder you may write to"; err == nil || err.Error() != want {
			t.Errorf("read-only folder: %v, want %q", err, want)
		}
	}
}

// TestWriteFileAtomicThroughLink writes onto a symbolic link: the file it
// points to gets the new data and the link stays a link.
func TestWriteFileAtomicThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.pdf")
	link := filepath.Join(dir, "link.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.pdf", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.pdf is no longer a link (%v)", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("real.pdf holds %q, want \"new\"", got)
	}
}

// TestWriteFileDurable checks that the synced write replaces a file whole,
// through a link as WriteFileAtomic does, and leaves no temporary file.
func TestWriteFileDurable(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	if err := WriteFileDurable(target, []byte("old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileDurable(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("real.yaml holds %q, want \"new\"", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries, want real.yaml and link.yaml alone", len(entries))
	}
	if err := WriteFileDurable(filepath.Join(target, "x"), []byte("three")); err == nil {
		t.Error("writing under a file succeeded, want an error")
	}
}

// TestWriteFolder checks that a folder is written whole: new, it appears
// with all its files at once; existing, its files are replaced together,
// and a failure on the second file leaves the first one old.
func TestWriteFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Org")
	files := []File{{Name: "form.pdf", Data: []byte("form 1")}, {Name: "plans.xlsx", Data: []byte("plans 1")}}
	if err := WriteFolder(dir, files); err != nil {
		t.Fatal(err)
	}
	files = []File{{Name: "form.pdf", Data: []byte("form 2")}, {Name: "plans.xlsx", Data: []byte("plans 2")}}
	if err := WriteFolder(dir, files); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "plans.xlsx")); string(got) != "plans 2" {
		t.Errorf("plans.xlsx holds %q", got)
	}
	// plans.xlsx becomes a folder: the second file cannot be written, and
	// the first must not change.
	os.Remove(filepath.Join(dir, "plans.xlsx"))
	os.Mkdir(filepath.Join(dir, "plans.xlsx"), 0o755)
	files = []File{{Name: "form.pdf", Data: []byte("form 3")}, {Name: "plans.xlsx", Data: []byte("plans 3")}}
	if err := WriteFolder(dir, files); err == nil {
		t.Fatal("writing over a folder succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "form.pdf")); string(got) != "form 2" {
		t.Errorf("form.pdf holds %q after a failed write, want the old \"form 2\"", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want form.pdf and plans.xlsx only", len(entries))
	}
	parent, _ := os.ReadDir(filepath.Dir(dir))
	if len(parent) != 1 {
		t.Errorf("parent holds %d entries, want only Org (no temporary folder)", len(parent))
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

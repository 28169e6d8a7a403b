package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPath(t *testing.T) {
	if got, want := Path(t), filepath.Join("testdata", "TestPath.golden"); got != want {
		t.Errorf("Path = %s, want %s", got, want)
	}
	t.Run("sub/case", func(t *testing.T) {
		if got, want := Path(t), filepath.Join("testdata", "TestPath", "sub", "case.golden"); got != want {
			t.Errorf("Path = %s, want %s", got, want)
		}
	})
}

// fakeT records failures instead of failing.
type fakeT struct {
	testing.TB
	name   string
	failed string
}

func (f *fakeT) Name() string              { return f.name }
func (f *fakeT) Helper()                   {}
func (f *fakeT) Errorf(s string, a ...any) { f.failed = s }
func (f *fakeT) Fatalf(s string, a ...any) { f.failed = s }
func (f *fakeT) Fatal(a ...any)            { f.failed = "fatal" }

func TestRequireEqual(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "X.golden"), []byte("a\r\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := &fakeT{TB: t, name: "X"}
	RequireEqual(ok, []byte("a\nb\n"))
	if ok.failed != "" {
		t.Errorf("equal text (line endings aside) fails: %s", ok.failed)
	}
	bad := &fakeT{TB: t, name: "X"}
	RequireEqual(bad, []byte("a\nc\n"))
	if !strings.Contains(bad.failed, "differs") {
		t.Errorf("different text: failure %q, want a diff", bad.failed)
	}
	missing := &fakeT{TB: t, name: "Y"}
	RequireEqual(missing, []byte("a"))
	if !strings.Contains(missing.failed, "-update") {
		t.Errorf("missing golden file: failure %q, want the hint to run with -update", missing.failed)
	}
	*update = true
	defer func() { *update = false }()
	RequireEqual(&fakeT{TB: t, name: "Z/sub"}, []byte("new\n"))
	if b, err := os.ReadFile(filepath.Join("testdata", "Z", "sub.golden")); err != nil || string(b) != "new\n" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
}

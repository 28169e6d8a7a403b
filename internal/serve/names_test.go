package serve

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFreeNameIgnoresCase checks that a new answers file never differs
// from one in the folder only in letter case: Windows and macOS take the
// two for one file, so the folder would not copy to them whole.
func TestFreeNameIgnoresCase(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"brinumins.yaml", "δημος.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s := &store{root: root, dir: dir}
	for _, tc := range []struct{ base, want string }{
		{"Brinumins", "Brinumins-2.yaml"},
		{"BRINUMINS", "BRINUMINS-2.yaml"},
		{"Talsi", "Talsi.yaml"},
		{"ΔΗΜΟΣ", "ΔΗΜΟΣ-2.yaml"}, // beside δημος.yaml: final ς and σ are one letter on Windows
	} {
		if got := s.freeName(tc.base); got != tc.want {
			t.Errorf("freeName(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestThemeSpacingReachesDocuments: one spacing value changed in a theme
// given with --templates (the space below a step band) moves what follows
// every step band down by that much, in the form and in the booklet alike.
func TestThemeSpacingReachesDocuments(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "tpl")
	if err := os.MkdirAll(tpl, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tpl, "theme.yaml"), []byte("styles:\n  band:\n    after: 14\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// the y of the word prefix where it last stands (in the booklet, the
	// heading, after the contents)
	top := func(t *testing.T, pdf, prefix string) float64 {
		t.Helper()
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		y := -1.0
		for _, p := range pdftest.Words(t, data) {
			for _, w := range p.Words {
				if w.Text == prefix {
					y = w.YMin
				}
			}
		}
		if y < 0 {
			t.Fatalf("%s: %q not found", pdf, prefix)
		}
		return y
	}
	run := func(args ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("roadmap %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
	}
	for _, doc := range []struct{ cmd []string }{{[]string{"form", "municipality"}}, {[]string{"guide"}}} {
		name := doc.cmd[0]
		before := filepath.Join(dir, name+"-default.pdf")
		after := filepath.Join(dir, name+"-themed.pdf")
		run(append(doc.cmd, "-o", before)...)
		run(append([]string{"--templates", tpl}, append(doc.cmd, "-o", after)...)...)
		// 1.1 is the first checkpoint, right below the first step band
		moved := top(t, after, "1.1") - top(t, before, "1.1")
		if moved < 9.5 || moved > 10.5 {
			t.Errorf("%s: the first checkpoint moved %.1f mm; the theme adds 10 mm below the band", name, moved)
		}
	}
}

// Package golden compares what a test produced with a golden file under the
// test package's testdata folder, named after the test, and rewrites the
// files when the tests run with -update (as goreleaser's golden helpers
// do): go test ./internal/form -run TestGolden -update. A golden file is
// meant to be read in review: a change of layout shows as a diff of it.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Path returns the golden file of test t: testdata/<test name>.golden, with
// the subtests' slashes as underscores.
func Path(t testing.TB) string {
	return filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
}

// Assert compares got with the golden file of t, or rewrites it with
// -update.
func Assert(t testing.TB, got string) {
	t.Helper()
	path := Path(t)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n%s", path, diff(string(want), got))
	}
}

// diff returns the lines that differ between want and got, each with its
// line number, at most 40 of them.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 40; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  - %s\n  + %s\n", i+1, wl, gl)
			n++
		}
	}
	return b.String()
}

// PDF returns the summary of a PDF that golden files hold: per page its
// text (pdftotext -layout, trailing spaces trimmed), then the outline and
// the links, so that a change of page breaks, order, outline or links
// shows as a diff.
func PDF(t testing.TB, pdf []byte) string {
	t.Helper()
	var b strings.Builder
	for i, p := range pdftest.Pages(t, pdf) {
		fmt.Fprintf(&b, "=== page %d\n", i+1)
		for _, l := range strings.Split(strings.TrimRight(p, "\n "), "\n") {
			b.WriteString(strings.TrimRight(l, " "))
			b.WriteByte('\n')
		}
	}
	b.WriteString("=== outline\n")
	for _, o := range pdftest.Outline(t, pdf) {
		fmt.Fprintf(&b, "%s%s → p%d\n", strings.Repeat("  ", o.Level), o.Title, o.Page)
	}
	b.WriteString("=== links\n")
	for _, l := range pdftest.Links(t, pdf) {
		if l.URI != "" {
			fmt.Fprintf(&b, "p%d → %s\n", l.Page, l.URI)
		} else {
			fmt.Fprintf(&b, "p%d → p%d\n", l.Page, l.DestPage)
		}
	}
	return b.String()
}

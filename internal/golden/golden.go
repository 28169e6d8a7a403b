// Package golden compares what a test made with a file kept in the test's
// testdata folder, in the manner of goreleaser's golden package: the file is
// testdata/<test name>.golden, and running the tests with -update writes it
// from what the test made instead of comparing. A golden file is a summary
// a person can read in a diff (text per page, a workbook's cells), so that
// a change of layout shows as the lines it changed.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the golden files from what the tests make")

// Path returns the golden file of the test t: testdata/<t.Name()>.golden,
// with the subtests' slashes kept as folders.
func Path(t testing.TB) string {
	return filepath.Join("testdata", filepath.FromSlash(t.Name())+".golden")
}

// RequireEqual fails t unless got equals the test's golden file (line
// endings aside); with -update it writes got to the file instead.
func RequireEqual(t testing.TB, got []byte) {
	t.Helper()
	path := Path(t)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to write it)", err)
	}
	got, want = fixLineEndings(got), fixLineEndings(want)
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("%s differs from what the test made (run with -update if the change is intended):\n%s", path, diff(string(want), string(got)))
}

func fixLineEndings(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

// diff returns the lines that differ between want and got, at most 40, each
// with its line number: "-" the golden file's, "+" the test's.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 40; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		shown++
		if i < len(w) {
			b.WriteString("-" + itoa(i+1) + ": " + wl + "\n")
		}
		if i < len(g) {
			b.WriteString("+" + itoa(i+1) + ": " + gl + "\n")
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

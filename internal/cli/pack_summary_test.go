package cli

import (
	"bytes"
	"errors"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// TestPackSummaryLanguage checks that the pack's summary table speaks the
// reader's language: its heading, a failed folder and the count of files
// with the language's CLDR plural form.
func TestPackSummaryLanguage(t *testing.T) {
	files := func(n int) []pack.Written {
		out := make([]pack.Written, n)
		for i := range out {
			out[i] = pack.Written{Path: "output/lv/guide.pdf", Size: 1500, Pages: 12}
		}
		return out
	}
	broken := pack.Result{Name: "output/lt", Err: errors.New("disk full")}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "FILE                 PAGES  SHEETS  SIZE\noutput/lv/guide.pdf  12     -       2 KB\noutput/lt                           failed\n1 file                              2 KB\n"},
		{"en", 2, "2 files "},
		{"lv", 1, "FAILS                LAPPUSES  LAPAS  IZMĒRS\noutput/lv/guide.pdf  12        -      2 KB\noutput/lt                             neizdevās\n1 fails                               2 KB\n"},
		{"lv", 21, "21 fails "},
		{"lv", 0, "0 failu "},
		{"lv", 3, "3 faili "},
		{"lt", 1, "1 failas "},
		{"lt", 2, "2 failai "},
		{"lt", 11, "11 failų "},
		{"pt", 2, "2 ficheiros "},
		{"el", 2, "2 αρχεία "},
		{"sv", 2, "2 filer "},
	} {
		var b bytes.Buffer
		printSummary(&b, []pack.Result{{Name: "output/lv", Files: files(c.n)}, broken}, c.lang)
		if got := b.String(); got != c.want && !bytes.Contains(b.Bytes(), []byte("\n"+c.want)) {
			t.Errorf("%s, %d files:\n%s\nwant %q", c.lang, c.n, got, c.want)
		}
	}
}

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestEveryLanguagePack makes the pack of every built-in language and reads
// its forms and booklet back: each is in its language, every letter of the
// language that its text uses is drawn, and nothing is replaced by a box.
func TestEveryLanguagePack(t *testing.T) {
	b, err := content.Load(embedded.FS, "content")
	if err != nil {
		t.Fatal(err)
	}
	codes := b.Codes()
	for _, want := range []string{"lv", "en", "lt", "sv", "pt", "el"} {
		if !strings.Contains(","+strings.Join(codes, ",")+",", ","+want+",") {
			t.Errorf("language %s is not built in; have %v", want, codes)
		}
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"pack", "--lang", strings.Join(codes, ","), "--out", dir}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("pack: exit %d\n%s", code, stderr.String())
	}
	for _, code := range codes {
		lang, err := b.Language(code)
		if err != nil {
			t.Fatal(err)
		}
		// The letters outside ASCII that the language's text uses.
		letters := map[rune]bool{}
		for _, cp := range lang.Checkpoints("all") {
			for _, r := range cp.Title + cp.Hint + cp.Guidance {
				if r > unicode.MaxASCII && unicode.IsLetter(r) {
					letters[r] = true
				}
			}
		}
		guide, err := os.ReadFile(filepath.Join(dir, code, "guide.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		text := pdftest.Text(t, guide)
		for r := range letters {
			if !strings.ContainsRune(text, r) {
				t.Errorf("%s: the booklet's text lacks %q (U+%04X), which the content uses", code, r, r)
			}
		}
		if strings.ContainsAny(text, "□\uFFFD") {
			t.Errorf("%s: the booklet has a replaced character", code)
		}
		if first := lang.Checkpoints("all")[0].Title; !strings.Contains(strings.Join(strings.Fields(text), " "), first) {
			t.Errorf("%s: the booklet lacks the first checkpoint's title %q", code, first)
		}
		for _, form := range []string{"form-municipality.pdf", "form-community.pdf"} {
			data, err := os.ReadFile(filepath.Join(dir, code, form))
			if err != nil {
				t.Fatal(err)
			}
			if ft := pdftest.Text(t, data); !strings.Contains(ft, lang.Label("status.done")) {
				t.Errorf("%s/%s: the status word %q is not on the form", code, form, lang.Label("status.done"))
			}
		}
	}
	if strings.Contains(stderr.String(), "cannot draw") || strings.Contains(stderr.String(), "missing") {
		t.Errorf("pack warned:\n%s", stderr.String())
	}
}

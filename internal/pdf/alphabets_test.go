package pdf

import (
	"strings"
	"testing"
	"unicode"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// alphabets are the letters of every partner country's language, the
// special ones of each and, for Greek, the whole alphabet with tonos and
// dialytika.
var alphabets = map[string]string{
	"lv": "āčēģīķļņšūž",
	"lt": "ąčęėįšųūž",
	"sv": "åäöé",
	"pt": "ãõçáéíóúâêôàü",
	"el": "αβγδεζηθικλμνξοπρσςτυφχψω" + "άέήίόύώ" + "ϊϋΐΰ",
}

// TestEveryAlphabetIsDrawn draws every letter of the content languages, in
// lower and upper case and in each style, and reads them back with
// pdftotext: every letter is there, and none was replaced for want of a
// glyph.
func TestEveryAlphabetIsDrawn(t *testing.T) {
	d, err := New(WithTitle("Alphabets"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, code := range []string{"lv", "lt", "sv", "pt", "el"} {
		lower := alphabets[code]
		upper := strings.Map(unicode.ToUpper, lower)
		for _, st := range []Style{Regular, Bold, Italic} {
			line := code + ": " + lower + " " + upper
			d.Text(ParaStyle{Style: st}, Run{Text: line, Style: st})
			all = append(all, lower, upper)
		}
	}
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if w := d.Warnings(); len(w) > 0 {
		t.Errorf("warnings: %v", w)
	}
	text := pdftest.Text(t, data)
	for _, s := range all {
		for _, r := range s {
			if !strings.ContainsRune(text, r) {
				t.Errorf("%q (U+%04X) is not in the PDF's text", r, r)
			}
		}
	}
	if strings.ContainsRune(text, '□') || strings.ContainsRune(text, '\uFFFD') {
		t.Error("a letter was replaced")
	}
}

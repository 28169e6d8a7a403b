package pdf_test

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// TestNoBreakInNumbers: at every width from a few words to one, a line
// never breaks inside a phone number, a date or between a number and its
// unit; it still breaks between ordinary words.
func TestNoBreakInNumbers(t *testing.T) {
	d := newDoc(t)
	kept := []string{"+371 26 000 000", "27.11.2026.", "12 km", "80 %", "2026. gada", "5 000 EUR"}
	text := "Zvaniet pa tālr. +371 26 000 000 līdz 27.11.2026. vai brauciet 12 km, vismaz 80 % no 2026. gada budžeta ir 5 000 EUR."
	for w := 30.0; w <= 120; w += 1.5 { // from the phone number's width (27 mm)
		lines := d.Lines(text, pdf.Regular, 10, w)
		joined := strings.Join(lines, "\n")
		for _, k := range kept {
			if !strings.Contains(joined, k) {
				t.Errorf("width %.1f mm: %q broken:\n%s", w, k, joined)
			}
		}
		if w < 60 && len(lines) < 3 {
			t.Errorf("width %.1f mm: %d lines; ordinary words should still break", w, len(lines))
		}
	}
}

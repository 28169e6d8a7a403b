package guide

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestMeasure checks that the booklet reads at a comfortable measure in
// every language, on A4 and Letter: the median full line of its pages
// after the cover (a line of 40 characters or more followed by another
// line of the same paragraph, as pdftotext gives them) is 60 to 75
// characters long.
func TestMeasure(t *testing.T) {
	for _, code := range contenttest.Bundle(t).Codes() {
		for _, th := range []pdf.Theme{pdf.DefaultTheme(), letterTheme()} {
			t.Run(code+"/"+string(th.Paper), func(t *testing.T) {
				r := render(t, code, Options{Theme: th})
				var full []int
				for _, page := range pdftest.RawPages(t, r.Data)[1:] {
					lines := strings.Split(page, "\n")
					for i := 0; i+1 < len(lines); i++ {
						a, b := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
						if n := utf8.RuneCountInString(a); n >= 40 && b != "" {
							full = append(full, n)
						}
					}
				}
				if len(full) < 100 {
					t.Fatalf("%d full lines; want a booklet's", len(full))
				}
				slices.Sort(full)
				if m := full[len(full)/2]; m < 60 || m > 75 {
					t.Errorf("median full line %d characters; want 60 to 75", m)
				}
			})
		}
	}
}

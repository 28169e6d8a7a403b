package guide

import (
	"fmt"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestPagesFilled: no page of any edition of the booklet (lv and en, every
// audience, A4 and Letter) has its text end in the upper half of the page,
// except a page before a new chapter (a step or "about the project"), the
// cover, the preface and the last page. The booklet is no longer than it
// was with these rules once set on a measure of about 70 characters (lv: 17
// pages on A4, 18 on Letter; 15 and 17 on the page's whole width, whose
// lines ran to 100 characters).
func TestPagesFilled(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, aud := range []content.Audience{"all", content.Municipality, content.Community} {
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				t.Run(fmt.Sprintf("%s/%s/%s", code, aud, paper), func(t *testing.T) {
					th := pdf.DefaultTheme()
					th.Paper = paper
					res := render(t, code, Options{Audience: aud, Theme: th})
					if was := map[pdf.Paper]int{pdf.A4: 17, pdf.Letter: 18}[paper]; code == "lv" && aud == "all" && res.Pages > was {
						t.Errorf("%d pages; the booklet had %d and must not grow", res.Pages, was)
					}
					chapter := map[int]bool{} // pages a chapter starts on
					for _, it := range pdftest.Outline(t, res.Data) {
						if it.Level == 0 {
							chapter[it.Page] = true
						}
					}
					m := th.Margins
					for i, p := range pdftest.Words(t, res.Data) {
						page := i + 1
						if page <= 3 || page == res.Pages || chapter[page+1] {
							continue // cover, contents, preface, last page, before a chapter
						}
						bottom := m.Top
						for _, w := range p.Words {
							if w.YMin > m.Top-1 && w.YMax < p.Height-m.Bottom+1 {
								bottom = max(bottom, w.YMax)
							}
						}
						area := p.Height - m.Top - m.Bottom
						if used := (bottom - m.Top) / area; used < 0.5 {
							t.Errorf("page %d: text ends %.0f%% down the page; want at least half used", page, 100*used)
						}
					}
				})
			}
		}
	}
}

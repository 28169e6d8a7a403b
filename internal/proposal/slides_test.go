package proposal

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

func makeSlides(t testing.TB, a *answers.File) []byte {
	t.Helper()
	res, err := Slides(contenttest.Language(t, a.Language), a, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	return res.Data
}

// TestSlidesExamples: each example's deck has 16:9 pages, one per
// answered part plus the title, the first steps and the contact; the
// organisation's name is on every page; every text above the footer is
// set in at least 24 pt; the first sentences and the first action with
// its date are there.
func TestSlidesExamples(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			a := example(t, name)
			lang := contenttest.Language(t, a.Language)
			data := makeSlides(t, a)
			pdftest.Check(t, data)
			pages := pdftest.Words(t, data)
			answered := 0
			for _, id := range Sections[a.Form] {
				if strings.TrimSpace(a.Checkpoint(id).Answer) != "" {
					answered++
				}
			}
			if want := answered + 3; len(pages) != want {
				t.Errorf("%d slides, want %d", len(pages), want)
			}
			texts := pdftest.Pages(t, data)
			footer := SlideTheme(pdf.DefaultTheme()).Margins.Bottom
			const ptToMM = 25.4 / 72
			for i, p := range pages {
				if r := p.Width / p.Height; math.Abs(r-16.0/9) > 0.001 {
					t.Errorf("slide %d is %.1f × %.1f mm, not 16:9", i+1, p.Width, p.Height)
				}
				if !strings.Contains(strings.Join(strings.Fields(texts[i]), " "), a.Organisation.Name) {
					t.Errorf("slide %d does not name the organisation", i+1)
				}
				for _, w := range p.Words {
					// pdftotext's box is the font's ascent to descent: about
					// 1.1 times the type size for Liberation Sans
					if w.YMax < p.Height-footer && (w.YMax-w.YMin) < SlideBody*ptToMM {
						t.Errorf("slide %d: %q is smaller than %d pt (%.1f mm high)", i+1, w.Text, SlideBody, w.YMax-w.YMin)
						break
					}
				}
			}
			text := pdftest.Text(t, data)
			want := []string{a.ActionPlan[0].Activity, lang.FormatDate(a.ActionPlan[0].Deadline.Time()), a.Organisation.Partner}
			for _, id := range Sections[a.Form] {
				if ans := a.Checkpoint(id).Answer; strings.TrimSpace(ans) != "" {
					want = append(want, lang.Label("proposal.heading."+id+"."+string(a.Form)), firstSentence(ans))
				}
			}
			for _, w := range want {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("the slides lack %q", w)
				}
			}
		})
	}
}

// TestSlidesLongAnswers: answers far too long for a slide keep to one
// slide each, with their first sentence.
func TestSlidesLongAnswers(t *testing.T) {
	a := example(t, "brinumins-community-en.yaml")
	a.Checkpoints = maps(a.Checkpoints)
	for _, id := range Sections[content.Community] {
		cp := a.Checkpoints[id]
		cp.Answer = "The first sentence of " + id + " stays. " + strings.Repeat("Another sentence follows it here. ", 60) +
			strings.Repeat("word ", 200) + "."
		a.Checkpoints[id] = cp
	}
	data := makeSlides(t, a)
	if n, want := pdftest.PageCount(t, data), len(Sections[content.Community])+3; n != want {
		t.Errorf("%d slides, want %d", n, want)
	}
	text := pdftest.Text(t, data)
	for _, id := range Sections[content.Community] {
		if s := "The first sentence of " + id + " stays."; !strings.Contains(text, s) {
			t.Errorf("no %q", s)
		}
	}
}

func TestSlidesDeterministic(t *testing.T) {
	a := example(t, "talsi-municipality-lv.yaml")
	if !bytes.Equal(makeSlides(t, a), makeSlides(t, a)) {
		t.Error("two renderings of the same answers differ")
	}
}

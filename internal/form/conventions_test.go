package form

import (
	"image"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestConventions checks, for both blank forms in every language, that the
// form's conventions read at arm's length: the organisation block's labels
// at 9 pt or more in the text colour, a numbered line per participant (six),
// the date format beside each date's line, the words saying that the
// numbers follow the booklet, and tick boxes of 4 mm or more.
func TestConventions(t *testing.T) {
	const dpi = 150
	for _, code := range contenttest.Bundle(t).Codes() {
		lang := contenttest.Language(t, code)
		for _, f := range content.Forms {
			t.Run(code+"/"+string(f), func(t *testing.T) {
				res := render(t, lang, f, nil)
				page := norm(pdftest.Pages(t, res.Data)[0])
				hint := lang.DateHint()
				for _, want := range []string{
					lang.Label("field.date") + " " + hint,
					lang.Label("field.next_review") + " " + hint,
					lang.Label("field.participants") + " 1 2 3 4 5 6 ",
					norm(lang.Label("form.numbering")),
				} {
					if !strings.Contains(page, want) {
						t.Errorf("page 1 lacks %q:\n%s", want, page)
					}
				}
				if strings.Contains(page, " 7 ") {
					t.Errorf("more than six participant lines:\n%s", page)
				}

				// the labels: their words 9 pt high or more (a word's box
				// is about 1.12 times the type size: 3.5 mm at 9 pt, 3.1 mm
				// at 8 pt), drawn in the text colour, darker than the
				// muted grey of hints (gray 104) anywhere
				words := pdftest.Words(t, res.Data)[0]
				img := pdftest.PPM(t, pdftest.Images(t, res.Data, dpi)[0])
				px := func(mm float64) int { return int(mm / 25.4 * dpi) }
				for _, key := range []string{"field.organisation", "field.contact", "field.partner", "field.date",
					"field.facilitator", "field.next_review", "field.participants"} {
					first := strings.Fields(lang.Label(key))[0]
					found := false
					for _, w := range words.Words {
						if w.Text != first || w.YMin > words.Height/2 {
							continue
						}
						found = true
						if h := w.YMax - w.YMin; h < 3.4 {
							t.Errorf("label %q is %.2f mm high; want 9 pt type (3.5 mm)", first, h)
						}
						r := image.Rect(px(w.XMin), px(w.YMin), px(w.XMax), px(w.YMax))
						if n := pdftest.Ink(img, r, 80); n < 5 {
							t.Errorf("label %q: %d pixels darker than gray 80; want it in the text colour", first, n)
						}
						break
					}
					if !found {
						t.Errorf("label %q not found on the top half of page 1", first)
					}
				}

				// tick boxes: the option boxes of the fillable form, where
				// each widget is the box drawn
				fill, err := Render(lang, f, nil, Options{Date: testDate, Fillable: true})
				if err != nil {
					t.Fatal(err)
				}
				re := regexp.MustCompile(`/Rect \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]\s*(?:/StructParent \d+\s*)?/Subtype /Widget\s*/T \(cp_[^)]*_opt_`)
				boxes := re.FindAllSubmatch(pdftest.Decompressed(t, fill.Data), -1)
				if len(boxes) == 0 {
					t.Fatal("no option tick box found")
				}
				for _, m := range boxes {
					x0, _ := strconv.ParseFloat(string(m[1]), 64)
					x1, _ := strconv.ParseFloat(string(m[3]), 64)
					if side := (x1 - x0) / 72 * 25.4; side < 3.99 {
						t.Fatalf("an option's tick box is %.2f mm wide; want 4 mm or more", side)
					}
				}
			})
		}
	}
}

// TestFundingLine checks that the closing page of every form, blank,
// filled and fillable, in every language, ends with "Funded by the European
// Union" in the form's language, below the notes' lines or text.
func TestFundingLine(t *testing.T) {
	for _, code := range contenttest.Bundle(t).Codes() {
		lang := contenttest.Language(t, code)
		src := "en"
		if code == "lv" {
			src = "lv"
		}
		a := example(t, "brinumins-community-"+src+".yaml")
		for name, opts := range map[string]Options{"blank": {}, "fillable": {Fillable: true}} {
			t.Run(code+"/"+name, func(t *testing.T) {
				opts.Date = testDate
				for _, ans := range []*answers.File{nil, a} {
					res, err := Render(lang, content.Community, ans, opts)
					if err != nil {
						t.Fatal(err)
					}
					pages := pdftest.Pages(t, res.Data)
					last := norm(pages[len(pages)-1])
					want := lang.Label("funded_by")
					i, j := strings.Index(last, want), strings.Index(last, lang.Label("form.notes.title"))
					if i < 0 || j < 0 || i < j {
						t.Errorf("answers %v: the last page lacks %q below the notes:\n%s", ans != nil, want, last)
					}
					for _, p := range pages[:len(pages)-1] {
						if strings.Contains(norm(p), want) {
							t.Errorf("answers %v: %q on a page before the last", ans != nil, want)
						}
					}
				}
			})
		}
	}
}

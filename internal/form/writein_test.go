package form

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestWriteInSpace checks the space to write in on every blank form, A4
// and Letter, in every language, through the fillable form, whose answer
// field covers each checkpoint's ruled lines: a checkpoint with options has
// at least six lines (or the content's number, if larger), every other one
// at least the content's number; and a page's leftover space goes to the
// checkpoint that ends it: below the last lines of a page with nothing
// under them there is less than one line's room.
func TestWriteInSpace(t *testing.T) {
	answer := regexp.MustCompile(`/Rect \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]\s*(?:/StructParent \d+\s*)?/Subtype /Widget\s*/T \(cp_([^)]*)_answer\)`)
	for _, code := range contenttest.Bundle(t).Codes() {
		lang := contenttest.Language(t, code)
		for _, f := range content.Forms {
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				t.Run(fmt.Sprintf("%s/%s/%s", code, f, paper), func(t *testing.T) {
					th := pdf.DefaultTheme()
					th.Paper = paper
					res, err := Render(lang, f, nil, Options{Theme: th, Date: testDate, Fillable: true})
					if err != nil {
						t.Fatal(err)
					}
					page := map[string]int{}
					for _, fd := range pdftest.Fields(t, res.Data) {
						page[fd.Name] = fd.Page
					}
					words := pdftest.Words(t, res.Data)
					mm := func(b []byte) float64 { v, _ := strconv.ParseFloat(string(b), 64); return v / 72 * 25.4 }
					seen := 0
					for _, m := range answer.FindAllSubmatch(pdftest.Decompressed(t, res.Data), -1) {
						id := string(m[5])
						cp := lang.Checkpoint(id)
						if cp == nil {
							t.Fatalf("answer field of unknown checkpoint %q", id)
						}
						seen++
						lines := int(math.Round((mm(m[4]) - mm(m[2])) / th.Spacing.WriteIn))
						want := cp.WriteInLines()
						if cp.Options != nil && len(cp.Options.Items) > 0 {
							want = max(want, 6)
						}
						if lines < want {
							t.Errorf("%s %s: %d write-in lines; want at least %d", lang.Number(cp), id, lines, want)
						}
						if cp.Table != "" {
							continue
						}
						// from the top of the page, where its lines end (the
						// field stands 1 mm lower than its lines)
						pw := words[page[AnswerField(id)]-1]
						end := pw.Height - mm(m[2]) - 1
						foot := pw.Height - th.Margins.Bottom
						below := false
						for _, w := range pw.Words {
							if w.YMin > end && w.YMax < foot {
								below = true
								break
							}
						}
						if room := foot - end - th.Styles.WriteIn.After; !below && room >= th.Spacing.WriteIn {
							t.Errorf("%s %s ends page %d with %.1f mm of it empty below: room for more lines",
								lang.Number(cp), id, page[AnswerField(id)], room)
						}
					}
					if n := len(lang.Checkpoints(f)); seen != n {
						t.Errorf("%d answer fields; want one per checkpoint, %d", seen, n)
					}
				})
			}
		}
	}
}

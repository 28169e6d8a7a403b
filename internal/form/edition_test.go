package form

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestPageReferencesMatchTheBooklet checks the form's page references
// against the booklet it is handed out with: by default the whole
// guidebook, with Edition the guidebook's edition for the form's side
// (roadmap guide --audience), which the form then names. Each checkpoint's
// reference is a page of that booklet holding the checkpoint's number and
// the start of its title, after the contents.
func TestPageReferencesMatchTheBooklet(t *testing.T) {
	ref := regexp.MustCompile(`(\d+)`)
	for _, code := range []string{"lv", "en"} {
		lang := contenttest.Language(t, code)
		for _, f := range content.Forms {
			for _, edition := range []content.Audience{"", f} {
				name := code + "/" + string(f) + "/all"
				if edition != "" {
					name = code + "/" + string(f) + "/" + string(edition)
				}
				t.Run(name, func(t *testing.T) {
					th := pdf.DefaultTheme()
					res, err := Render(lang, f, nil, Options{Theme: th, Date: testDate, Edition: edition})
					if err != nil {
						t.Fatal(err)
					}
					g, err := guide.Render(lang, guide.Options{Theme: th, Audience: edition})
					if err != nil {
						t.Fatal(err)
					}
					text := norm(strings.Join(pdftest.Pages(t, res.Data), "\n"))
					prefix := strings.Split(lang.Label("form.guide_page"), "{page}")[0]
					var pages []int
					for _, s := range strings.Split(text, "→ "+prefix)[1:] {
						n, _ := strconv.Atoi(ref.FindString(s))
						pages = append(pages, n)
					}
					cps := lang.Checkpoints(f)
					if len(pages) != len(cps) {
						t.Fatalf("%d page references for %d checkpoints", len(pages), len(cps))
					}
					booklet := pdftest.Pages(t, g.Data)
					for i, cp := range cps {
						p := pages[i]
						title := norm(cp.Title)
						title = string([]rune(title)[:min(len([]rune(title)), 25)])
						if p < 3 || p > len(booklet) || !strings.Contains(norm(booklet[p-1]), title) {
							t.Errorf("%s %q: the form says page %d, which does not hold it", lang.Number(cp), cp.Title, p)
						}
					}
					named := lang.Format("form.guide_edition", "edition", lang.Label("guide.edition."+string(f)))
					if got := strings.Contains(text, norm(named)); got != (edition != "") {
						t.Errorf("the form names the edition %v, want %v (%q)", got, edition != "", named)
					}
				})
			}
		}
	}
}

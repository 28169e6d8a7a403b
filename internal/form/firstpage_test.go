package form

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// TestFirstPageStartsStep1 checks that page 1 of every form, blank and
// filled, on A4 and Letter, in every language, starts step 1: its band and
// checkpoint 1.1's title are on it. A filled form in a language without an
// example is filled from the English example, as --lang makes it. A blank
// form holds the three plan tables (3.1, 3.2, 3.3) under their titles.
func TestFirstPageStartsStep1(t *testing.T) {
	examples := map[content.Audience]string{content.Municipality: "talsi-municipality", content.Community: "brinumins-community"}
	for _, code := range contenttest.Bundle(t).Codes() {
		lang := contenttest.Language(t, code)
		for _, f := range content.Forms {
			src := "en"
			if code == "lv" {
				src = "lv"
			}
			filled := example(t, examples[f]+"-"+src+".yaml")
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				for _, a := range []*answers.File{nil, filled} {
					name := code + "/" + string(f) + "/" + string(paper) + "/blank"
					if a != nil {
						name = code + "/" + string(f) + "/" + string(paper) + "/filled"
					}
					t.Run(name, func(t *testing.T) {
						th := pdf.DefaultTheme()
						th.Paper = paper
						res, err := Render(lang, f, a, Options{Theme: th, Date: testDate})
						if err != nil {
							t.Fatal(err)
						}
						first := lang.Checkpoints(f)[0]
						if n := lang.Number(first); n != "1.1" {
							t.Fatalf("the form's first checkpoint is %s, not 1.1", n)
						}
						page := norm(pdftest.Pages(t, res.Data)[0])
						st := lang.Steps[0]
						for _, want := range []string{norm(st.Title), norm(first.Title)} {
							if !strings.Contains(page, want) {
								t.Errorf("page 1 lacks %q:\n%s", want, page)
							}
						}
						// a blank form holds the three plan tables (3.1,
						// 3.2, 3.3) to write in, under their titles
						if a == nil {
							all := norm(strings.Join(pdftest.Pages(t, res.Data), "\n"))
							for _, p := range roadmap.Plans {
								if want := strings.ToUpper(p.Title(lang)); !strings.Contains(all, want) {
									t.Errorf("the blank form has no table %q", want)
								}
							}
						}
					})
				}
			}
		}
	}
}

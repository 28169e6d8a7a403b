package poster

import (
	"bytes"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

var testDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func example(t testing.TB, name string) *answers.File {
	t.Helper()
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", name), contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func render(t testing.TB, lang *content.Language, a *answers.File, opts Options) []byte {
	t.Helper()
	opts.Date = testDate
	res, err := Render(lang, a, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	return res.Data
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestBlankPoster: in every language and on every paper, the blank poster
// has one page per checklist, each with every checkpoint of its checklist
// (number and title) and none of the other's, on paper of the right size.
func TestBlankPoster(t *testing.T) {
	letter := pdf.DefaultTheme()
	letter.Paper = pdf.Letter
	papers := []struct {
		name string
		opts Options
		w, h float64
	}{
		{"a4", Options{}, 210, 297},
		{"letter", Options{Theme: letter}, 215.9, 279.4},
		{"a3", Options{A3: true}, 297, 420},
	}
	for _, code := range contenttest.Bundle(t).Codes() {
		lang := contenttest.Language(t, code)
		for _, p := range papers {
			t.Run(code+"/"+p.name, func(t *testing.T) {
				data := render(t, lang, nil, p.opts)
				pages := pdftest.Words(t, data)
				texts := pdftest.Pages(t, data)
				if len(pages) != len(Forms) {
					t.Fatalf("%d pages, want %d (one per checklist)", len(pages), len(Forms))
				}
				for i, f := range Forms {
					pg := pages[i]
					if math.Abs(pg.Width-p.w) > 0.5 || math.Abs(pg.Height-p.h) > 0.5 {
						t.Errorf("page %d is %.1f × %.1f mm, want %.1f × %.1f", i+1, pg.Width, pg.Height, p.w, p.h)
					}
					text := flat(texts[i])
					for _, want := range []string{lang.Label("poster.title"), lang.Label("audience." + string(f)), lang.Label("funded_by")} {
						if !strings.Contains(text, want) {
							t.Errorf("page %d lacks %q", i+1, want)
						}
					}
					for _, cp := range lang.Checkpoints("all") {
						has := strings.Contains(text, flat(cp.Title))
						if in := cp.Audience.Includes(f); has != in {
							t.Errorf("page %d (%s): checkpoint %s %q shown: %v, want %v", i+1, f, lang.Number(cp), cp.ID, has, in)
						}
					}
				}
			})
		}
	}
}

// TestFilledPoster: filled in from the answers, the poster is one page
// for the answers' checklist whose progress is roadmap.Progress's, per
// step and in total, with the status of each checkpoint not done beside
// it; not-applicable checkpoints are left out of the totals.
func TestFilledPoster(t *testing.T) {
	for _, name := range []string{"brinumins-community-en.yaml", "talsi-municipality-lv.yaml"} {
		for _, na := range []bool{false, true} {
			t.Run(name+"/na="+strconv.FormatBool(na), func(t *testing.T) {
				a := example(t, name)
				lang := contenttest.Language(t, a.Language)
				if na {
					cps := make(map[string]answers.Checkpoint, len(a.Checkpoints))
					for k, v := range a.Checkpoints {
						cps[k] = v
					}
					for _, id := range []string{"needs", "evaluation-stages"} {
						c := cps[id]
						c.Status = answers.NotApplicable
						cps[id] = c
					}
					a.Checkpoints = cps
				}
				for _, a3 := range []bool{false, true} {
					data := render(t, lang, a, Options{A3: a3})
					if n := pdftest.PageCount(t, data); n != 1 {
						t.Fatalf("a3 %v: %d pages, want 1", a3, n)
					}
					text := pdftest.Text(t, data)
					steps, total := roadmap.Progress(lang, a.Form, a)
					count := func(c roadmap.Count) string {
						return lang.Format("form.progress.count", "done", strconv.Itoa(c.Done), "total", strconv.Itoa(c.Total()))
					}
					want := []string{a.Organisation.Name, lang.Label("form.progress.total"), count(total)}
					for _, st := range steps {
						want = append(want, count(st.Count))
					}
					for _, w := range want {
						if !strings.Contains(text, flat(w)) {
							t.Errorf("a3 %v: the poster lacks %q", a3, w)
						}
					}
					if na && total.Total() != len(lang.Checkpoints(a.Form))-2 {
						t.Errorf("the total counts %d checkpoints; not applicable ones must be left out", total.Total())
					}
					for _, s := range []answers.Status{answers.InProgress, answers.NotApplicable, answers.NotStarted} {
						n := 0
						for _, cp := range lang.Checkpoints(a.Form) {
							if a.Checkpoint(cp.ID).Status == s {
								n++
							}
						}
						if s == answers.InProgress {
							n++ // the legend
						}
						if got := strings.Count(text, lang.Label("status."+string(s))); got != n {
							t.Errorf("a3 %v: %q shown %d times, want %d", a3, lang.Label("status."+string(s)), got, n)
						}
					}
				}
			})
		}
	}
}

func TestPosterDeterministic(t *testing.T) {
	a := example(t, "talsi-municipality-en.yaml")
	lang := contenttest.Language(t, "en")
	if !bytes.Equal(render(t, lang, a, Options{}), render(t, lang, a, Options{})) {
		t.Error("two renderings differ")
	}
}

// FuzzPoster: any organisation text makes a one-page filled poster.
func FuzzPoster(f *testing.F) {
	for _, s := range []string{"", "plain", "🎉 \x00\u200b", strings.Repeat("ļoti-garš-vārds ", 40)} {
		f.Add(s)
	}
	a0 := example(f, "brinumins-community-lv.yaml")
	lang := contenttest.Language(f, "lv")
	f.Fuzz(func(t *testing.T, s string) {
		a := *a0
		a.Organisation = answers.Organisation{Name: s, Contact: s, Partner: s}
		res, err := Render(lang, &a, Options{Date: testDate})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages != 1 {
			t.Errorf("%d pages", res.Pages)
		}
	})
}

package form

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// examples are the answers files of the examples folder.
var examples = []string{
	"talsi-municipality-lv.yaml", "talsi-municipality-en.yaml",
	"brinumins-community-lv.yaml", "brinumins-community-en.yaml",
}

// TestPlansInFilledForm: every value of the three plans of every example
// answers file is in the filled form's text, as a reader sees it (dates in
// the language's format, suggested values by their labels), with each
// plan's title.
func TestPlansInFilledForm(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			a := example(t, name)
			lang := contenttest.Language(t, a.Language)
			if len(a.ActionPlan) == 0 || len(a.CommunicationPlan) == 0 || len(a.EvaluationPlan) == 0 {
				t.Fatalf("the example should fill all three plans")
			}
			text := pdftest.Text(t, render(t, lang, a.Form, a).Data)
			for _, p := range roadmap.Plans {
				if title := strings.ToUpper(p.Title(lang)); !strings.Contains(text, norm(title)) {
					t.Errorf("plan title %q missing", title)
				}
				for i, row := range p.Texts(lang, a) {
					for j, v := range row {
						if v = norm(v); v != "" && !strings.Contains(text, v) {
							t.Errorf("%s plan, row %d, column %d: %q missing", p.ID, i+1, j+1, v)
						}
					}
				}
			}
			// spot checks that the values are the reader's, not the file's
			act := a.ActionPlan[0]
			for _, s := range []string{lang.FormatDate(act.Deadline.Time()), lang.Label("value.action-status." + act.Status)} {
				if !strings.Contains(text, s) {
					t.Errorf("action plan: %q missing", s)
				}
			}
			if ch := a.CommunicationPlan[0].Channel; !strings.Contains(text, lang.Label("value.channel."+ch)) {
				t.Errorf("communication plan: channel %q not shown by its label", ch)
			}
			for _, r := range a.ActionPlan {
				if r.Notes != "" && !strings.Contains(text, norm(r.Notes)) {
					t.Errorf("action plan notes %q missing", r.Notes)
				}
			}
		})
	}
}

// TestProgressNotApplicable: a file with every checkpoint done but one not
// applicable shows everything done, out of the checkpoints that apply, and
// says that one was left out.
func TestProgressNotApplicable(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			lang := contenttest.Language(t, code)
			a := &answers.File{Form: content.Community, Language: code, Checkpoints: map[string]answers.Checkpoint{}}
			cps := lang.Checkpoints(content.Community)
			for _, cp := range cps {
				a.Checkpoints[cp.ID] = answers.Checkpoint{Status: answers.Done}
			}
			a.Checkpoints[cps[4].ID] = answers.Checkpoint{Status: answers.NotApplicable}
			first := norm(pdftest.Pages(t, render(t, lang, content.Community, a).Data)[0])
			n := len(cps) - 1
			total := lang.Label("form.progress.total") + " " +
				lang.Format("form.progress.count", "done", fmt.Sprint(n), "total", fmt.Sprint(n))
			if !strings.Contains(first, total) {
				t.Errorf("first page lacks %q:\n%s", total, first)
			}
			wrong := lang.Format("form.progress.count", "done", fmt.Sprint(n), "total", fmt.Sprint(n+1))
			if strings.Contains(first, wrong) {
				t.Errorf("first page counts the not-applicable checkpoint: %q", wrong)
			}
			if na := norm(lang.Format("form.progress.na", "n", "1")); !strings.Contains(first, na) {
				t.Errorf("first page does not say what was left out: %q", na)
			}
		})
	}
}

// TestEmojiNotABox: an emoji in an answer is replaced by a mark that is no
// box: the page shows no □ (the shape of an unticked box), the replacement
// stands where the emoji was, and a warning names the place.
func TestEmojiNotABox(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	cp := a.Checkpoints["target-group"]
	cp.Answer = "✅ izdarīts, 🙂 paldies"
	a.Checkpoints["target-group"] = cp
	res := render(t, contenttest.Language(t, "lv"), content.Community, a)
	text := pdftest.Text(t, res.Data)
	if strings.Contains(text, "□") {
		t.Errorf("the form shows □ where an emoji was")
	}
	if want := pdf.Replacement + " izdarīts, " + pdf.Replacement + " paldies"; !strings.Contains(text, want) {
		t.Errorf("text lacks %q", want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "checkpoint target-group") {
		t.Errorf("warnings = %q; want one naming checkpoint target-group", res.Warnings)
	}
}

// longAnswers is an answers file whose every answer is long enough to
// flow over a page break somewhere, with long plans.
func longAnswers(t *testing.T) *answers.File {
	a := example(t, "talsi-municipality-lv.yaml")
	lang := contenttest.Language(t, "lv")
	ws := words(400)
	for i, cp := range lang.Checkpoints(a.Form) {
		c := a.Checkpoints[cp.ID]
		n := 40 + 37*i%360
		c.Answer = cp.ID + "-start " + strings.Join(ws[:n], " ") + "\n" + strings.Join(ws[n:], " ")
		a.Checkpoints[cp.ID] = c
	}
	for range 4 {
		a.ActionPlan = append(a.ActionPlan, a.ActionPlan...)
		a.CommunicationPlan = append(a.CommunicationPlan, a.CommunicationPlan...)
	}
	return a
}

// TestTitleWithAnswer: in the four examples and a file of long answers, on
// A4 and Letter, every checkpoint's title is on the same page as the first
// line of its answer, or of its table when it has no answer text; a page
// that carries on an answer or a table starts with a "continued" line
// naming the checkpoint.
func TestTitleWithAnswer(t *testing.T) {
	files := map[string]*answers.File{"long answers": longAnswers(t)}
	for _, name := range examples {
		files[name] = example(t, name)
	}
	for name, a := range files {
		for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
			t.Run(name+"/"+string(paper), func(t *testing.T) {
				lang := contenttest.Language(t, a.Language)
				th := pdf.DefaultTheme()
				th.Paper = paper
				res, err := Render(lang, a.Form, a, Options{Theme: th, Date: testDate})
				if err != nil {
					t.Fatal(err)
				}
				pages := pdftest.Pages(t, res.Data)
				for i := range pages {
					pages[i] = norm(pages[i])
				}
				find := func(s string) int {
					for i, p := range pages {
						if strings.Contains(p, s) {
							return i + 1
						}
					}
					return 0
				}
				continued := 0
				for _, cp := range lang.Checkpoints(a.Form) {
					title := find(norm(lang.Number(cp) + " " + cp.Title))
					var first string
					if ans := paragraphs(a.Checkpoint(cp.ID).Answer); len(ans) > 0 {
						first = strings.Join(strings.Fields(ans[0])[:min(3, len(strings.Fields(ans[0])))], " ")
					} else if p, ok := roadmap.Of(cp); ok {
						first = norm(strings.ToUpper(p.Title(lang)))
					} else {
						continue
					}
					at := find(first)
					if title == 0 || at == 0 {
						t.Errorf("%s: title on page %d, %q on page %d", cp.ID, title, first, at)
						continue
					}
					if title != at {
						t.Errorf("%s: title on page %d, the first line of its answer (%q) on page %d", cp.ID, title, first, at)
					}
					label := norm(lang.Format("form.continued", "number", lang.Number(cp), "title", cp.Title))
					for _, p := range pages {
						if strings.Contains(p, label) {
							continued++
						}
					}
				}
				if name == "long answers" && continued < 3 {
					t.Errorf("only %d pages carry on an answer with a continued line; the long answers flow over many", continued)
				}
			})
		}
	}
}

// TestNumbering: a checkpoint has one number everywhere: 2.4 (the
// municipal programmes, in the community form only) and 2.6 (the benefits,
// in both) are so numbered in the forms' text and outline and in the
// booklet's contents and outline; and each form item names the booklet
// page its guidance is on, which is the page the booklet's outline gives.
func TestNumbering(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			lang := contenttest.Language(t, code)
			booklet, err := guide.Render(lang, guide.Options{Theme: pdf.DefaultTheme(), Date: testDate})
			if err != nil {
				t.Fatal(err)
			}
			bookPage := map[string]int{}
			for _, it := range pdftest.Outline(t, booklet.Data) {
				bookPage[it.Title] = it.Page
			}
			contents := norm(pdftest.Pages(t, booklet.Data)[1])
			for _, c := range []struct {
				id    string
				num   string
				forms []content.Audience
			}{
				{"municipal-programmes", "2.4", []content.Audience{content.Community}},
				{"mutual-benefits", "2.6", content.Forms},
				{"action-plan", "3.1", content.Forms},
			} {
				cp := lang.Checkpoint(c.id)
				if got := lang.Number(cp); got != c.num {
					t.Fatalf("%s is numbered %s; want %s", c.id, got, c.num)
				}
				heading := c.num + " " + cp.Title
				page, ok := bookPage[heading]
				if !ok {
					t.Errorf("booklet outline lacks %q", heading)
				}
				if !strings.Contains(contents, norm(heading)) {
					t.Errorf("booklet contents lack %q", heading)
				}
				for _, f := range c.forms {
					res := render(t, lang, f, nil)
					outline := map[string]bool{}
					for _, it := range pdftest.Outline(t, res.Data) {
						outline[it.Title] = true
					}
					if !outline[heading] {
						t.Errorf("%s form outline lacks %q", f, heading)
					}
					text := pdftest.Text(t, res.Data)
					ref := norm(lang.Format("form.guide_page", "page", fmt.Sprint(page)))
					at := strings.Index(text, norm(heading))
					if at < 0 {
						t.Errorf("%s form lacks %q", f, heading)
						continue
					}
					if next := text[at:]; !strings.Contains(next[:min(len(next), 400)], ref) {
						t.Errorf("%s form: %q is not followed by %q (its booklet page)", f, heading, ref)
					}
				}
			}
		})
	}
}

// TestBlankKeptWhole: in a blank form (lv and en, both forms, A4 and
// Letter) no checkpoint is split over a page break: no page carries a
// "continued" line, and every checkpoint's status row is on the page its
// title is on.
func TestBlankKeptWhole(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, f := range content.Forms {
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				t.Run(code+"/"+string(f)+"/"+string(paper), func(t *testing.T) {
					lang := contenttest.Language(t, code)
					th := pdf.DefaultTheme()
					th.Paper = paper
					res, err := Render(lang, f, nil, Options{Theme: th, Date: testDate})
					if err != nil {
						t.Fatal(err)
					}
					cont := norm(lang.Format("form.continued", "number", "", "title", ""))
					for i, p := range pdftest.Pages(t, res.Data) {
						if strings.Contains(norm(p), cont) {
							t.Errorf("page %d continues a blank checkpoint:\n%s", i+1, p)
						}
					}
				})
			}
		}
	}
}

// hugeAnswers is an example file with a 5,000-character word in an answer
// and in an action-plan cell, and a 10,000-character organisation name.
func hugeAnswers(t testing.TB) *answers.File {
	a := example(t, "brinumins-community-lv.yaml")
	a.Organisation.Name = strings.Repeat("Biedrība ", 1111)
	word := strings.Repeat("ā", 5000)
	cp := a.Checkpoints["target-group"]
	cp.Answer = "Sākums " + word + " beigas"
	a.Checkpoints["target-group"] = cp
	a.ActionPlan[0].Notes = word
	return a
}

// TestHugeInputStaysOnPage: a 5,000-character word and a 10,000-character
// organisation name are laid out (the word broken over lines, the name
// shortened in the footer) and no word of any page reaches past the
// page's right margin or below its foot.
func TestHugeInputStaysOnPage(t *testing.T) {
	a := hugeAnswers(t)
	res := render(t, contenttest.Language(t, "lv"), content.Community, a)
	th := pdf.DefaultTheme()
	for i, p := range pdftest.Words(t, res.Data) {
		for _, w := range p.Words {
			if w.XMax > p.Width-th.Margins.Right+0.5 || w.YMax > p.Height-2 || w.XMin < 2 {
				t.Fatalf("page %d: %q at x %.1f–%.1f, y %.1f runs off the page", i+1, w.Text[:min(len(w.Text), 20)], w.XMin, w.XMax, w.YMax)
			}
		}
	}
	text := pdftest.Text(t, res.Data)
	if !strings.Contains(text, "Sākums ā") || !strings.Contains(text, "ā beigas") {
		t.Errorf("the long word's surroundings are missing")
	}
	if n := strings.Count(text, "ā"); n < 10000 {
		t.Errorf("%d of the 10,000 letters ā of the two long words drawn", n)
	}
}

// BenchmarkHugeInput times a filled form with a 5,000-character word and
// a 10,000-character organisation name (it took 38 s before the footer
// was shortened in one pass).
func BenchmarkHugeInput(b *testing.B) {
	a := hugeAnswers(b)
	lang := contenttest.Language(b, "lv")
	for b.Loop() {
		if _, err := Render(lang, content.Community, a, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
}

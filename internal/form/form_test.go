package form

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
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

func render(t testing.TB, lang *content.Language, f content.Audience, a *answers.File) *Result {
	t.Helper()
	res, err := Render(lang, f, a, Options{Theme: pdf.DefaultTheme(), Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// example reads an answers file of the examples folder.
func example(t testing.TB, name string) *answers.File {
	t.Helper()
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", name), contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// other returns the other checklist form.
func other(f content.Audience) content.Audience {
	if f == content.Municipality {
		return content.Community
	}
	return content.Municipality
}

// norm collapses runs of white space, so that a phrase matches whatever its
// line breaks in the PDF.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestBlankForm checks what a blank form must show: every checkpoint of the
// form and none of the other form's, the form's title and labels, the status
// words, the action-plan columns; a clean file, small, with embedded
// Unicode fonts.
func TestBlankForm(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, f := range content.Forms {
			t.Run(code+"/"+string(f), func(t *testing.T) {
				lang := contenttest.Language(t, code)
				res := render(t, lang, f, nil)
				pdftest.Check(t, res.Data)
				if n := pdftest.PageCount(t, res.Data); n != res.Pages {
					t.Errorf("Result.Pages = %d, the PDF has %d", res.Pages, n)
				}
				// 64 KB untagged; tagging (PDF/UA, PDF/A) may add a
				// quarter at most (issue 22)
				if len(res.Data) > 80_000 {
					t.Errorf("blank form is %d bytes; want at most 80 KB", len(res.Data))
				}
				if len(res.Warnings) > 0 {
					t.Errorf("warnings on a blank form: %q", res.Warnings)
				}
				text := pdftest.Text(t, res.Data)
				for _, cp := range lang.Checkpoints(f) {
					if !strings.Contains(text, norm(cp.Title)) {
						t.Errorf("title of %s missing: %q", cp.ID, cp.Title)
					}
					if cp.Options != nil {
						for _, o := range cp.Options.Items {
							if !strings.Contains(text, norm(o.Label)) {
								t.Errorf("option %s/%s missing: %q", cp.ID, o.ID, o.Label)
							}
						}
					}
				}
				for _, cp := range lang.Checkpoints(other(f)) {
					if cp.Audience != content.Both && strings.Contains(text, norm(cp.Title)) {
						t.Errorf("checkpoint %s of the %s form is on the %s form", cp.ID, cp.Audience, f)
					}
				}
				want := []string{
					lang.Label("form.title." + string(f)),
					norm(lang.Title),
					lang.Label("audience." + string(f)),
					lang.Label("field.organisation"), lang.Label("field.contact"), lang.Label("field.partner"), lang.Label("field.date"),
					lang.Label("form.instructions.title"),
					lang.Label("form.action.col.activity"), lang.Label("form.action.col.responsible"),
					lang.Label("form.action.col.goals"), lang.Label("form.action.col.deadline"),
					lang.Label("status.not-started"), lang.Label("status.in-progress"),
					lang.Label("status.done"), lang.Label("status.not-applicable"),
					lang.Format("page.footer", "page", "1", "pages", fmt.Sprint(res.Pages)),
				}
				for _, s := range want {
					if !strings.Contains(text, s) {
						t.Errorf("text lacks %q", s)
					}
				}
				if strings.Contains(text, lang.Label("form.progress.title")) {
					t.Errorf("a blank form has a progress summary")
				}
				// the three plan tables (3.1, 3.2, 3.3) under their titles,
				// with every column's header, to write in
				for _, p := range roadmap.Plans {
					if want := strings.ToUpper(p.Title(lang)); !strings.Contains(text, want) {
						t.Errorf("no table %q", want)
					}
					for _, c := range p.Columns {
						if want := norm(p.Label(lang, c.ID)); !strings.Contains(text, want) {
							t.Errorf("table %s: no column %q", p.ID, want)
						}
					}
				}
				for _, fn := range pdftest.Fonts(t, res.Data) {
					if !fn.Embedded || !fn.Unicode {
						t.Errorf("font %s: embedded %v, unicode %v; want both", fn.Name, fn.Embedded, fn.Unicode)
					}
				}
			})
		}
	}
}

// TestLatvianLetters checks that every Latvian letter the content uses is
// drawn in a blank form, and that all of them are drawn in a filled one.
func TestLatvianLetters(t *testing.T) {
	const letters = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
	lang := contenttest.Language(t, "lv")
	blank := pdftest.Text(t, render(t, lang, content.Community, nil).Data)
	var source strings.Builder
	for _, cp := range lang.Checkpoints(content.Community) {
		source.WriteString(cp.Title + cp.Hint)
	}
	for _, r := range letters {
		if strings.ContainsRune(source.String(), r) && !strings.ContainsRune(blank, r) {
			t.Errorf("blank form: %c is in the content but not in the PDF's text", r)
		}
	}
	a := example(t, "brinumins-community-lv.yaml")
	a.Organisation.Name = "Biedrība " + letters
	res := render(t, lang, content.Community, a)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	if text := pdftest.Text(t, res.Data); !strings.Contains(text, letters) {
		t.Errorf("filled form: %q not drawn", letters)
	}
	fonts := pdftest.Fonts(t, res.Data)
	if len(fonts) == 0 {
		t.Fatal("no fonts")
	}
	for _, fn := range fonts {
		if !fn.Embedded || !fn.Unicode {
			t.Errorf("font %s: embedded %v, unicode %v; want both", fn.Name, fn.Embedded, fn.Unicode)
		}
	}
}

// TestKeepTogether checks the page breaks of every form, blank and filled:
// a step's band is on the page of its first checkpoint, and each
// checkpoint's statement is on the page of its status boxes.
func TestKeepTogether(t *testing.T) {
	cases := []struct {
		code string
		f    content.Audience
		a    string
	}{
		{"lv", content.Municipality, ""},
		{"lv", content.Community, ""},
		{"en", content.Municipality, ""},
		{"en", content.Community, ""},
		{"lv", content.Municipality, "talsi-municipality-lv.yaml"},
		{"lv", content.Community, "brinumins-community-lv.yaml"},
		{"en", content.Municipality, "talsi-municipality-en.yaml"},
		{"en", content.Community, "brinumins-community-en.yaml"},
	}
	for _, c := range cases {
		t.Run(c.code+"/"+string(c.f)+"/"+c.a, func(t *testing.T) {
			lang := contenttest.Language(t, c.code)
			var a *answers.File
			if c.a != "" {
				a = example(t, c.a)
			}
			res := render(t, lang, c.f, a)
			outline := pdftest.Outline(t, res.Data)
			// title, then per step: the step, then its checkpoints
			var stepPage int
			first := false
			cps := 0
			for _, it := range outline {
				switch it.Level {
				case 1:
					stepPage, first = it.Page, true
				case 2:
					cps++
					if first && it.Page != stepPage {
						t.Errorf("band on page %d, its first checkpoint %q on page %d", stepPage, it.Title, it.Page)
					}
					first = false
				}
			}
			if want := len(lang.Checkpoints(c.f)); cps != want {
				t.Errorf("outline has %d checkpoints; want %d", cps, want)
			}
			// On every page, as many status rows as statements begin there.
			pages := pdftest.Pages(t, res.Data)
			starts := make([]int, len(pages)+1)
			for _, it := range outline {
				if it.Level == 2 {
					starts[it.Page]++
				}
			}
			status := lang.Label("status.not-applicable")
			for i, p := range pages {
				if got := strings.Count(p, status); got != starts[i+1] {
					t.Errorf("page %d: %d status rows, %d checkpoints begin", i+1, got, starts[i+1])
				}
			}
		})
	}
}

// words returns n distinct words, each one checkable on its own.
func words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("vārds%04dž", i)
	}
	return out
}

// TestLongAnswer fills a checkpoint with a 3,000-word answer in several
// paragraphs, with an emoji and a formula-looking text: every word is in the
// PDF, in order, across pages; the paragraphs start new lines; the emoji is
// replaced and a warning names where; the formula is text.
func TestLongAnswer(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "brinumins-community-lv.yaml")
	ws := words(3000)
	var paras []string
	for i := 0; i < len(ws); i += 250 {
		paras = append(paras, strings.Join(ws[i:min(i+250, len(ws))], " "))
	}
	const formula = `=HYPERLINK("http://x","y")`
	long := strings.Join(paras, "\n") + "\n\n" + formula + " 🎉 beigas"
	cp := a.Checkpoints["needs"]
	cp.Answer = long
	a.Checkpoints["needs"] = cp
	a.ActionPlan[0].Activity = formula
	res := render(t, lang, content.Community, a)
	pdftest.Check(t, res.Data)

	text := pdftest.Text(t, res.Data)
	at := 0
	for _, w := range ws {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("word %q missing or out of order", w)
		}
		at += i + len(w)
	}
	if !strings.Contains(text, formula+" ‹?› beigas") {
		t.Errorf("the formula and the replaced emoji are not drawn as text")
	}
	if strings.Count(text, formula) != 3 {
		t.Errorf("the formula is drawn %d times; want 3 (answer, action plan, timeline)", strings.Count(text, formula))
	}
	raw := strings.Join(pdftest.RawPages(t, res.Data), "\n")
	for i, p := range paras {
		first := strings.Fields(p)[0]
		if !strings.Contains(raw, "\n"+first+" ") {
			t.Errorf("paragraph %d does not start a line", i+1)
		}
	}
	if res.Pages < 6+4 {
		t.Errorf("%d pages; a 3,000-word answer should add several", res.Pages)
	}
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], "checkpoint needs: replaced 1 character") ||
		!strings.Contains(res.Warnings[0], "U+1F389") {
		t.Errorf("warnings = %q; want one naming checkpoint needs and U+1F389", res.Warnings)
	}
}

// TestWarningsOnce checks that a character the font cannot draw in the
// organisation's name, shown in the block and in every footer, is reported
// once, where the block is.
func TestWarningsOnce(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	a.Organisation.Name = "Biedrība 🌈"
	res := render(t, contenttest.Language(t, "lv"), content.Community, a)
	want := "organisation: replaced 1 character the font cannot draw (🌈 U+1F308)"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings = %q; want [%q]", res.Warnings, want)
	}
	pages := pdftest.Pages(t, res.Data)
	if !strings.Contains(pages[len(pages)-1], "Biedrība ‹?›") {
		t.Errorf("the footer does not show the name with the replacement")
	}
}

// TestProgress checks the progress summary of the example answers, counted
// and printed.
func TestProgress(t *testing.T) {
	cases := []struct {
		file  string
		f     content.Audience
		steps [][3]int // done, in progress, total
		all   [3]int
		shown []string
	}{
		{"brinumins-community-lv.yaml", content.Community,
			[][3]int{{5, 1, 6}, {3, 0, 3}, {0, 3, 4}}, [3]int{8, 4, 13},
			[]string{"5 no 6", "3 no 3", "0 no 4", "Kopā 8 no 13"}},
		{"talsi-municipality-en.yaml", content.Municipality, nil, [3]int{}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			a := example(t, c.file)
			lang := contenttest.Language(t, a.Language)
			steps, all := roadmap.Progress(lang, c.f, a)
			if c.steps == nil {
				// counted from the file itself
				for _, st := range lang.Steps {
					var p [3]int
					for _, cp := range st.Checkpoints {
						if !cp.Audience.Includes(c.f) {
							continue
						}
						p[2]++
						switch a.Checkpoint(cp.ID).Status {
						case answers.Done:
							p[0]++
						case answers.InProgress:
							p[1]++
						}
					}
					c.steps = append(c.steps, p)
					c.all[0] += p[0]
					c.all[1] += p[1]
					c.all[2] += p[2]
					c.shown = append(c.shown, fmt.Sprintf("%d of %d", p[0], p[2]))
				}
				c.shown = append(c.shown, fmt.Sprintf("Total %d of %d", c.all[0], c.all[2]))
			}
			if len(steps) != len(c.steps) {
				t.Fatalf("%d steps; want %d", len(steps), len(c.steps))
			}
			for i, p := range steps {
				if got := [3]int{p.Done, p.InProgress, p.Total()}; got != c.steps[i] {
					t.Errorf("step %d: done, in progress, total = %v; want %v", p.Number, got, c.steps[i])
				}
			}
			if got := [3]int{all.Done, all.InProgress, all.Total()}; got != c.all {
				t.Errorf("all: %v; want %v", got, c.all)
			}
			first := norm(pdftest.Pages(t, render(t, lang, c.f, a).Data)[0])
			for _, s := range c.shown {
				if !strings.Contains(first, s) {
					t.Errorf("first page lacks %q:\n%s", s, first)
				}
			}
		})
	}
}

// TestFilledForm checks a filled form's first page and action plan: the
// organisation block filled, the dates in the language's format, the rows
// of the plan, and write-in lines kept for unanswered checkpoints.
func TestFilledForm(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	lang := contenttest.Language(t, "lv")
	res := render(t, lang, content.Community, a)
	pdftest.Check(t, res.Data)
	pages := pdftest.Pages(t, res.Data)
	first := norm(pages[0])
	for _, s := range []string{a.Organisation.Name, norm(a.Organisation.Partner), "27.11.2026.", lang.Label("form.progress.title")} {
		if !strings.Contains(first, s) {
			t.Errorf("first page lacks %q", s)
		}
	}
	text := pdftest.Text(t, res.Data)
	for _, act := range a.ActionPlan {
		if !strings.Contains(text, norm(act.Activity)) {
			t.Errorf("action %q missing", act.Activity)
		}
		if d := lang.FormatDate(act.Deadline.Time()); !strings.Contains(text, d) {
			t.Errorf("deadline %s missing", d)
		}
	}
	for id, cp := range a.Checkpoints {
		for _, p := range paragraphs(cp.Answer) {
			if !strings.Contains(text, norm(p)) {
				t.Errorf("answer of %s: paragraph missing: %q", id, p)
			}
		}
	}
	// The footer names the organisation.
	if !strings.Contains(norm(pages[len(pages)-1]), a.Organisation.Name) {
		t.Errorf("footer lacks the organisation's name")
	}
}

// TestUnansweredKeepsLines checks that a filled form has write-in lines
// where an answer is missing, and none where the answer is given.
func TestUnansweredKeepsLines(t *testing.T) {
	lang := contenttest.Language(t, "en")
	a := example(t, "talsi-municipality-en.yaml")
	full := render(t, lang, content.Municipality, a)
	for id, cp := range a.Checkpoints {
		cp.Answer = ""
		a.Checkpoints[id] = cp
	}
	a.ActionPlan = nil
	empty := render(t, lang, content.Municipality, a)
	blank := render(t, lang, content.Municipality, nil)
	// ruled lines are drawn as path segments: count the "l" operators
	if n, m := lineOps(t, empty.Data), lineOps(t, full.Data); n <= m {
		t.Errorf("a form without answer texts has %d lines, with them %d; want more without", n, m)
	}
	// at least every checkpoint's write-in lines (a blank form adds more
	// where a page has room; a filled one does not)
	want := 0
	for _, cp := range lang.Checkpoints(content.Municipality) {
		if _, ok := roadmap.Of(cp); !ok {
			want += cp.WriteInLines()
		}
	}
	if n, m := lineOps(t, empty.Data), lineOps(t, blank.Data); n < want || m < n {
		t.Errorf("a form without answer texts has %d lines, a blank one %d; want at least %d, the checkpoints' write-in lines, and the blank one as many or more", n, m, want)
	}
}

// lineOps counts the straight lines stroked in the PDF's compressed
// streams ("x y m x y l S").
func lineOps(t *testing.T, b []byte) int {
	t.Helper()
	n := 0
	for {
		i := bytes.Index(b, []byte("stream\n"))
		if i < 0 {
			return n
		}
		b = b[i+len("stream\n"):]
		j := bytes.Index(b, []byte("endstream"))
		if j < 0 {
			t.Fatal("unterminated stream")
		}
		zr, err := zlib.NewReader(bytes.NewReader(b[:j]))
		if err == nil {
			c, _ := io.ReadAll(zr)
			n += bytes.Count(c, []byte(" l S"))
		}
		b = b[j+len("endstream"):]
	}
}

// TestDeterministic renders the same form twice, and many times at once:
// the bytes are identical every time.
func TestDeterministic(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "brinumins-community-lv.yaml")
	want := render(t, lang, content.Community, a).Data
	if again := render(t, lang, content.Community, a).Data; !bytes.Equal(want, again) {
		t.Fatal("two renders of the same form differ")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var aa *answers.File
			if i%2 == 0 {
				aa = a
			}
			res, err := Render(lang, content.Community, aa, Options{Theme: pdf.DefaultTheme(), Date: testDate})
			if err != nil {
				errs <- err.Error()
				return
			}
			if aa != nil && !bytes.Equal(res.Data, want) {
				errs <- "a concurrent render differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// the date is the one given
	other := render(t, lang, content.Community, nil).Data
	res, err := Render(lang, content.Community, nil, Options{Theme: pdf.DefaultTheme(), Date: testDate.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other, res.Data) {
		t.Error("the creation date does not change the PDF")
	}
}

// TestLetter renders on Letter paper: the pages are Letter sized and the
// form is whole.
func TestLetter(t *testing.T) {
	th := pdf.DefaultTheme()
	th.Paper = pdf.Letter
	lang := contenttest.Language(t, "en")
	res, err := Render(lang, content.Municipality, example(t, "talsi-municipality-en.yaml"), Options{Theme: th, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, res.Data)
	if got := pdftest.PageSize(t, res.Data); got != "612 x 792" {
		t.Errorf("page size %s pt; want Letter, 612 x 792", got)
	}
	text := pdftest.Text(t, res.Data)
	for _, cp := range lang.Checkpoints(content.Municipality) {
		if !strings.Contains(text, norm(cp.Title)) {
			t.Errorf("title of %s missing", cp.ID)
		}
	}
}

// TestZeroTheme renders with the zero Options: the default theme is used.
func TestZeroTheme(t *testing.T) {
	res, err := Render(contenttest.Language(t, "lv"), content.Municipality, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, res.Data)
}

func TestRenderErrors(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "brinumins-community-lv.yaml")
	for name, fn := range map[string]func() error{
		"no language": func() error { _, err := Render(nil, content.Community, nil, Options{}); return err },
		"bad form":    func() error { _, err := Render(lang, "council", nil, Options{}); return err },
		"both":        func() error { _, err := Render(lang, content.Both, nil, Options{}); return err },
		"other form":  func() error { _, err := Render(lang, content.Municipality, a, Options{}); return err },
	} {
		if err := fn(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("one\r\ntwo  \n\n   \nthree\n")
	if want := []string{"one", "two", "three"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q; want %q", got, want)
	}
}

func BenchmarkBlankForm(b *testing.B) {
	lang := contenttest.Language(b, "lv")
	opts := Options{Theme: pdf.DefaultTheme(), Date: testDate}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(lang, content.Community, nil, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFilledForm(b *testing.B) {
	lang := contenttest.Language(b, "lv")
	a := example(b, "brinumins-community-lv.yaml")
	opts := Options{Theme: pdf.DefaultTheme(), Date: testDate}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(lang, content.Community, a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzAnswerText renders a filled form with arbitrary text in every place
// the answers put text: it must never fail, whatever the text.
func FuzzAnswerText(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a\nb\r\nc\n\n\nd", "🎉🎉 =HYPERLINK(\"http://x\",\"y\")", "\x00\x01\u200b\u00ad\ufeff",
		strings.Repeat("ļoti-garš-vārds-bez-atstarpēm", 40), "\xff\xfe invalid", "\t\t tab", "Ελληνικά Ąžuolas Åsa ção",
	} {
		f.Add(s)
	}
	lang := contenttest.Language(f, "lv")
	a0 := example(f, "brinumins-community-lv.yaml")
	f.Fuzz(func(t *testing.T, s string) {
		a := *a0
		a.Organisation = answers.Organisation{Name: s, Contact: s, Partner: s}
		a.Checkpoints = map[string]answers.Checkpoint{}
		for id, cp := range a0.Checkpoints {
			cp.Answer = s
			a.Checkpoints[id] = cp
		}
		a.ActionPlan = []answers.Action{{Activity: s, Responsible: s, Goals: s, Deadline: answers.Date{Year: 2027, Month: 1, Day: 2}}}
		res, err := Render(lang, content.Community, &a, Options{Date: testDate})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(res.Data, []byte("%PDF-")) || res.Pages < 1 {
			t.Fatal("not a PDF")
		}
	})
}

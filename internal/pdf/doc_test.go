package pdf_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

var date = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func newDoc(t testing.TB, opts ...pdf.Option) *pdf.Doc {
	t.Helper()
	d, err := pdf.New(append([]pdf.Option{pdf.WithTitle("Test"), pdf.WithDate(date), pdf.WithLanguage("lv")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func render(t testing.TB, d *pdf.Doc) []byte {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const latvian = "ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž"

func TestLatvianLetters(t *testing.T) {
	styles := []struct {
		name  string
		style pdf.Style
	}{
		{"regular", pdf.Regular},
		{"bold", pdf.Bold},
		{"italic", pdf.Italic},
		{"bold italic", pdf.BoldItalic},
		{"mono", pdf.Mono},
	}
	d := newDoc(t)
	for _, s := range styles {
		d.Text(pdf.ParaStyle{}, pdf.Run{Text: s.name + ": " + latvian, Style: s.style})
	}
	b := render(t, d)
	pdftest.Check(t, b)
	text := pdftest.Text(t, b)
	for _, s := range styles {
		if want := s.name + ": " + latvian; !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	fonts := pdftest.Fonts(t, b)
	if len(fonts) != len(styles) {
		t.Errorf("got %d fonts, want %d: %+v", len(fonts), len(styles), fonts)
	}
	for _, f := range fonts {
		if !f.Embedded || !f.Unicode || f.Type != "CID TrueType" {
			t.Errorf("font %+v: want an embedded CID TrueType font with a Unicode map", f)
		}
	}
	// Five faces embedded whole would be over 1.5 MB: the fonts are subsets.
	if len(b) > 150_000 {
		t.Errorf("PDF is %d bytes: fonts are not subset", len(b))
	}
	if w := d.Warnings(); len(w) != 0 {
		t.Errorf("warnings: %q", w)
	}
}

func TestUndrawableCharacters(t *testing.T) {
	tests := []struct {
		name, in, want string
		warning        string // "" for none
	}{
		{"emoji", "Labi 🙂!", "Labi ‹?›!", "checkpoint needs: replaced 1 character the font cannot draw (🙂 U+1F642)"},
		{"astral and repeated", "𝄞 un 🙂 un 🙂", "‹?› un ‹?› un ‹?›", "checkpoint needs: replaced 3 characters the font cannot draw (𝄞 U+1D11E, 🙂 U+1F642)"},
		{"emoji with variation selector", "❤️ sirds", "‹?› sirds", "checkpoint needs: replaced 1 character the font cannot draw (❤ U+2764)"},
		{"control characters", "a\x00b\x07c\u200bd\u00ade", "abcde", ""},
		{"combining macron composes", "a\u0304bols", "ābols", ""},
		{"CJK", "日本", "‹?›‹?›", "checkpoint needs: replaced 2 characters the font cannot draw (日 U+65E5, 本 U+672C)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t)
			d.SetPlace("checkpoint needs")
			d.Paragraph(tt.in, pdf.ParaStyle{})
			d.SetPlace("table")
			d.Table(pdf.Table{Columns: []pdf.Column{{Label: "A", Width: 1}}}, [][]string{{"ok"}})
			b := render(t, d)
			pdftest.Check(t, b)
			if got := pdftest.Text(t, b); !strings.Contains(got, tt.want) {
				t.Errorf("text %q lacks %q", got, tt.want)
			}
			var want []string
			if tt.warning != "" {
				want = []string{tt.warning}
			}
			if got := d.Warnings(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("warnings\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestUndrawableEverywhere(t *testing.T) {
	// every primitive that takes text goes through the guard
	d := newDoc(t, pdf.WithTitle("Title 🙂"), pdf.WithFooter("Footer 🙂"))
	th := d.Theme()
	d.SetPlace("all")
	d.SetHeader("Header 🙂")
	d.Heading(pdf.Heading{Level: 1, Text: "Heading 🙂", Outline: true})
	d.StepBand(1, "Step 🙂", "Band 🙂")
	d.Check("Check 🙂", true)
	d.Choices([]pdf.Choice{{Label: "Choice 🙂"}})
	d.Badges(pdf.Badge{Text: "Badge 🙂", Color: th.Colors.Community})
	d.Table(pdf.Table{Columns: []pdf.Column{{Label: "Head 🙂", Width: 1}}}, [][]string{{"Cell 🙂"}})
	d.TOCEntry("TOC 🙂", 0, d.NewLink())
	d.TextAt(30, 200, "At 🙂", pdf.Regular, 10, th.Colors.Text)
	d.AddPage()
	b := render(t, d)
	pdftest.Check(t, b)
	text := pdftest.Text(t, b)
	for _, w := range []string{"Header", "Heading", "Step", "Band", "Check", "Choice", "Badge", "Head", "Cell", "TOC", "At", "Footer"} {
		if !strings.Contains(text, w+" ‹?›") {
			t.Errorf("text lacks %q: %s", w+" ‹?›", text)
		}
	}
	if strings.Contains(text, "🙂") {
		t.Error("an emoji reached the PDF")
	}
	if out := pdftest.Outline(t, b); len(out) != 1 || out[0].Title != "Heading ‹?›" {
		t.Errorf("outline: %+v", out)
	}
	if w := d.Warnings(); len(w) == 0 || !strings.HasPrefix(w[0], "all: replaced") {
		t.Errorf("warnings: %q", w)
	}
}

func words(n int) []string {
	base := strings.Fields("Sadarbība starp pašvaldību un kopienu organizācijām prasa laiku uzticību skaidru rīcības plānu jauniešiem sociālajiem uzņēmējiem ģimenēm ķēniņiem ļaudīm")
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", base[i%len(base)], i)
	}
	return out
}

func TestLongParagraphFlows(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paper pdf.Paper
	}{{"a4", pdf.A4}, {"letter", pdf.Letter}} {
		t.Run(tc.name, func(t *testing.T) {
			ws := words(3000)
			d := newDoc(t, pdf.WithPaper(tc.paper))
			d.Heading(pdf.Heading{Level: 1, Text: "Garš teksts"})
			d.Paragraph(strings.Join(ws, " "), pdf.ParaStyle{})
			b := render(t, d)
			pdftest.Check(t, b)
			pages := pdftest.Pages(t, b)
			if len(pages) < 5 {
				t.Fatalf("3,000 words on %d pages", len(pages))
			}
			// every word, in order, once
			got := strings.Fields(strings.Join(pages, " "))
			i := 0
			for _, w := range got {
				if i < len(ws) && w == ws[i] {
					i++
				}
			}
			if i != len(ws) {
				t.Fatalf("word %d (%q) missing from the extracted text", i, ws[i])
			}
			for p, text := range pdftest.RawPages(t, b) {
				if want := fmt.Sprintf("Test %d / %d", p+1, len(pages)); !strings.Contains(text, want) {
					t.Errorf("page %d lacks footer %q", p+1, want)
				}
			}
		})
	}
}

func TestFooterPageNumbers(t *testing.T) {
	tests := []struct {
		pages int
		label func(int, int) string
		want  func(int, int) string
	}{
		{10, pdf.PageLabel("{page}. lpp. no {pages}"), func(p, n int) string { return fmt.Sprintf("%d. lpp. no %d", p, n) }},
		{12, pdf.PageLabel("{page}. lpp. no {pages}"), func(p, n int) string { return fmt.Sprintf("%d. lpp. no %d", p, n) }},
		{12, nil, func(p, n int) string { return fmt.Sprintf("%d / %d", p, n) }},
		{9, pdf.PageLabel("Page {page} of {pages}"), func(p, n int) string { return fmt.Sprintf("Page %d of %d", p, n) }},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.pages), func(t *testing.T) {
			opts := []pdf.Option{pdf.WithFooter("Ceļa karte")}
			if tt.label != nil {
				opts = append(opts, pdf.WithPageLabel(tt.label))
			}
			d := newDoc(t, opts...)
			for i := range tt.pages {
				if i > 0 {
					d.AddPage()
				}
				d.SetHeader(fmt.Sprintf("Nodaļa %d", i+1))
				d.Paragraph(fmt.Sprintf("Saturs %d", i+1), pdf.ParaStyle{})
			}
			b := render(t, d)
			pages := pdftest.Pages(t, b)
			if len(pages) != tt.pages {
				t.Fatalf("%d pages, want %d", len(pages), tt.pages)
			}
			for i, text := range pages {
				lines := strings.Split(strings.TrimRight(text, "\n "), "\n")
				last := strings.Join(strings.Fields(lines[len(lines)-1]), " ")
				if want := "Ceļa karte " + tt.want(i+1, tt.pages); last != want {
					t.Errorf("page %d footer %q, want %q", i+1, last, want)
				}
				first := strings.TrimSpace(strings.SplitN(strings.TrimLeft(text, "\n"), "\n", 2)[0])
				if want := fmt.Sprintf("Nodaļa %d", i+1); first != want {
					t.Errorf("page %d header %q, want %q", i+1, first, want)
				}
			}
		})
	}
}

func TestTableHeaderRepeats(t *testing.T) {
	long := strings.Join(words(1400), " ") // one row taller than a page
	var rows [][]string
	for i := range 60 {
		rows = append(rows, []string{fmt.Sprintf("Aktivitāte %d", i), "Anna Bērziņa", "Mērķis", "01.03.2027."})
		if i == 30 {
			rows = append(rows, []string{long, "Jānis", "Garš", "—"})
		}
	}
	d := newDoc(t)
	d.Paragraph("Rīcības plāns", pdf.ParaStyle{})
	d.Table(pdf.Table{
		Columns: []pdf.Column{{Label: "Aktivitāte / Darbība", Width: 3}, {Label: "Atbildīgā persona", Width: 2}, {Label: "Mērķi(s)", Width: 2}, {Label: "Termiņš", Width: 1.3}},
		Zebra:   true, EmptyRows: 10, MinRowHeight: 10,
	}, rows)
	b := render(t, d)
	pdftest.Check(t, b)
	pages := pdftest.Pages(t, b)
	if len(pages) < 4 {
		t.Fatalf("only %d pages", len(pages))
	}
	head := regexp.MustCompile(`Aktivitāte / Darbība\s+Atbildīgā persona\s+Mērķi\(s\)\s+Termiņš`)
	for i, p := range pages {
		if !head.MatchString(p) {
			t.Errorf("page %d has no table header:\n%s", i+1, p)
		}
	}
	all := strings.Join(pages, "\n")
	for i := range 60 {
		if n := strings.Count(all, fmt.Sprintf("Aktivitāte %d ", i)); n != 1 {
			t.Errorf("row %d appears %d times", i, n)
		}
	}
	// the tall row's words all arrive, in order, and no line is cut
	ws := words(1400)
	got := strings.Fields(all)
	k := 0
	for _, w := range got {
		if k < len(ws) && w == ws[k] {
			k++
		}
	}
	if k != len(ws) {
		t.Errorf("tall row lost word %d (%q)", k, ws[k])
	}
}

func TestOutlineAndLinks(t *testing.T) {
	d := newDoc(t)
	ch := []pdf.Link{d.NewLink(), d.NewLink(), d.NewLink()}
	d.Heading(pdf.Heading{Level: 1, Text: "Saturs", Outline: true})
	for i, l := range ch {
		d.TOCEntry(fmt.Sprintf("%d. solis – Ēkas un ļaudis", i+1), 0, l)
	}
	for i, l := range ch {
		d.AddPage()
		d.Heading(pdf.Heading{Level: 1, Text: fmt.Sprintf("%d. solis", i+1), Outline: true, Dest: l})
		d.Heading(pdf.Heading{Level: 2, Text: fmt.Sprintf("Pārbaudes punkts %d.1", i+1), Outline: true})
		d.Text(pdf.ParaStyle{}, pdf.Run{Text: "Skatīt "}, pdf.Run{Text: "projekta lapu", URL: fmt.Sprintf("https://example.org/%d", i+1)})
	}
	b := render(t, d)
	pdftest.Check(t, b)
	want := []pdftest.OutlineItem{
		{Title: "Saturs", Level: 0, Page: 1},
		{Title: "1. solis", Level: 0, Page: 2}, {Title: "Pārbaudes punkts 1.1", Level: 1, Page: 2},
		{Title: "2. solis", Level: 0, Page: 3}, {Title: "Pārbaudes punkts 2.1", Level: 1, Page: 3},
		{Title: "3. solis", Level: 0, Page: 4}, {Title: "Pārbaudes punkts 3.1", Level: 1, Page: 4},
	}
	if got := pdftest.Outline(t, b); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outline\n got %+v\nwant %+v", got, want)
	}
	wantLinks := []pdftest.Link{
		{Page: 1, DestPage: 2}, {Page: 1, DestPage: 3}, {Page: 1, DestPage: 4},
		{Page: 2, URI: "https://example.org/1"}, {Page: 3, URI: "https://example.org/2"}, {Page: 4, URI: "https://example.org/3"},
	}
	if got := pdftest.Links(t, b); fmt.Sprint(got) != fmt.Sprint(wantLinks) {
		t.Errorf("links\n got %+v\nwant %+v", got, wantLinks)
	}
	toc := pdftest.Pages(t, b)[0]
	for i := range ch {
		re := regexp.MustCompile(fmt.Sprintf(`%d\. solis – Ēkas un ļaudis[ .]+%d\n`, i+1, i+2))
		if !re.MatchString(toc) {
			t.Errorf("TOC lacks entry %d with page %d:\n%s", i+1, i+2, toc)
		}
	}
}

func TestDeterministic(t *testing.T) {
	make := func() []byte {
		d := newDoc(t, pdf.WithTitle("Ceļa karte"))
		th := d.Theme()
		d.Heading(pdf.Heading{Level: 0, Text: "Ceļa karte", Outline: true})
		d.StepBand(2, "2. solis", "Kontakta veidošana")
		d.Badges(pdf.Badge{Text: "Pašvaldībām", Color: th.Colors.Municipality})
		d.Check("Jā", true)
		d.Text(pdf.ParaStyle{}, pdf.Run{Text: "saite", URL: "https://example.org"}, pdf.Run{Text: " kods", Style: pdf.Mono | pdf.Bold})
		d.Table(pdf.Table{Columns: []pdf.Column{{Label: "A", Width: 1}, {Label: "B", Width: 1}}}, [][]string{{"1", "2"}})
		d.Paragraph(strings.Join(words(800), " "), pdf.ParaStyle{})
		return render(t, d)
	}
	a, b := make(), make()
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same document differ")
	}
	if !bytes.Contains(a, []byte("<xmp:CreateDate>2026-11-27T00:00:00+00:00<")) {
		t.Error("creation date is not the given date")
	}
}

func TestMeasureMatchesDrawing(t *testing.T) {
	d := newDoc(t)
	d.Paragraph("Pirmā rindkopa.", pdf.ParaStyle{})
	runs := []pdf.Run{{Text: strings.Join(words(120), " ")}, {Text: " treknraksts ", Style: pdf.Bold}, {Text: "\nJauna rinda", Style: pdf.Italic}}
	p := pdf.ParaStyle{Indent: 8, SpaceBefore: 3, Marker: "1."}
	h := d.TextHeight(p, runs...)
	y := d.Y()
	d.Text(p, runs...)
	if got := d.Y() - y; abs(got-h) > 1e-9 {
		t.Errorf("Text moved %.3f mm, TextHeight said %.3f", got, h)
	}
	m := d.Measure(func() { d.Text(p, runs...) })
	if abs(m-h) > 1e-9 {
		t.Errorf("Measure %.3f, TextHeight %.3f", m, h)
	}
	if abs(d.Y()-(y+h)) > 1e-9 {
		t.Error("Measure moved the cursor")
	}
	lines := d.Lines("Sadarbība starp pašvaldību un kopienu organizācijām", pdf.Regular, 10, 40)
	for _, l := range lines {
		if w := pdf.Width(l, pdf.Regular, 10); w > 40 {
			t.Errorf("line %q is %.1f mm wide, more than 40", l, w)
		}
	}
	if len(lines) < 2 {
		t.Errorf("lines: %q", lines)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestKeepWithNext(t *testing.T) {
	d := newDoc(t)
	// fill the page so that a heading would land in its last two lines
	for d.Remaining() > 2*d.LineHeight(d.Theme().Type.Body)+1 {
		d.Paragraph("Aizpildījums", pdf.ParaStyle{SpaceAfter: -1})
	}
	d.Heading(pdf.Heading{Level: 2, Text: "Virsraksts"})
	d.Paragraph("Teksts pēc virsraksta.", pdf.ParaStyle{})
	b := render(t, d)
	pages := pdftest.Pages(t, b)
	if len(pages) != 2 || strings.Contains(pages[0], "Virsraksts") || !strings.Contains(pages[1], "Virsraksts") {
		t.Errorf("heading not moved to page 2 with its text: %d pages", len(pages))
	}
}

func TestLongBoxFlows(t *testing.T) {
	d := newDoc(t)
	th := d.Theme()
	ws := words(1500)
	shade, bar := th.Colors.Shade, th.Colors.Accent
	d.Box(pdf.Box{Background: &shade, Bar: &bar}, func() {
		d.Paragraph(strings.Join(ws, " "), pdf.ParaStyle{})
	})
	d.Box(pdf.Box{Background: &shade, Bar: &bar}, func() { d.Paragraph("Īss piemērs.", pdf.ParaStyle{}) })
	b := render(t, d)
	pdftest.Check(t, b)
	text := pdftest.Text(t, b)
	if !strings.Contains(text, ws[0]+" "+ws[1]) || !strings.Contains(text, ws[len(ws)-1]) || !strings.Contains(text, "Īss piemērs.") {
		t.Error("box content missing")
	}
}

func TestChoicesWrap(t *testing.T) {
	d := newDoc(t)
	var cs []pdf.Choice
	for i := range 12 {
		cs = append(cs, pdf.Choice{Label: fmt.Sprintf("Izvēle numur %d", i), Ticked: i == 3})
	}
	d.Choices(cs)
	b := render(t, d)
	page := pdftest.Pages(t, b)[0]
	n := 0
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, "Izvēle numur") {
			n++
		}
	}
	if n < 3 {
		t.Errorf("12 choices on %d lines; want them to wrap:\n%s", n, page)
	}
	for i := range 12 {
		if !strings.Contains(page, fmt.Sprintf("Izvēle numur %d", i)) {
			t.Errorf("choice %d missing", i)
		}
	}
}

func TestBytesReportsErrors(t *testing.T) {
	d := newDoc(t)
	d.Bookmark("Pirmais", 0)
	d.Bookmark("Lēciens", 3) // fpdf tolerates this; it must not panic
	if _, err := d.Bytes(); err != nil {
		t.Logf("error (acceptable): %v", err)
	}
	if _, err := pdf.New(pdf.WithPaper("a3")); err == nil {
		t.Error("paper a3 accepted")
	}
}

func TestParallelDocuments(t *testing.T) {
	// fonts and the theme are shared per process; documents are not
	want := render(t, func() *pdf.Doc {
		d := newDoc(t)
		d.Paragraph(strings.Join(words(500), " "), pdf.ParaStyle{})
		return d
	}())
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			d, err := pdf.New(pdf.WithTitle("Test"), pdf.WithDate(date), pdf.WithLanguage("lv"))
			if err == nil {
				d.Paragraph(strings.Join(words(500), " "), pdf.ParaStyle{})
				var b []byte
				if b, err = d.Bytes(); err == nil && !bytes.Equal(b, want) {
					err = fmt.Errorf("parallel rendering differs")
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFinishedDocument(t *testing.T) {
	d := newDoc(t)
	d.Paragraph("Teksts", pdf.ParaStyle{})
	a := render(t, d)
	b := render(t, d)
	if !bytes.Equal(a, b) {
		t.Error("second Bytes differs")
	}
	d.Paragraph("Vēl", pdf.ParaStyle{})
	if d.Err() == nil {
		t.Error("drawing after Bytes is not an error")
	}
}

package pdf_test

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdfcheck"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestTagged checks the structure every primitive gives what it draws, as
// poppler reads it, and that roadmap check finds no rule broken: headings,
// paragraphs with links, a list, tick boxes said as ticked, a table with
// header cells, a figure described by its text, a field under a Form
// element; the frame and the rules are artifacts, not read.
func TestTagged(t *testing.T) {
	d := newDoc(t, pdf.WithTitle("Ceļa karte"), pdf.WithLanguage("lv"), pdf.WithTickWords(pdf.TickWords{Ticked: "atzīmēts", Chosen: "izvēlēts"}))
	d.Heading(pdf.Heading{Level: 0, Text: "Ceļa karte", Outline: true})
	d.StepBand(1, "1. solis", "Analīze")
	d.Heading(pdf.Heading{Level: 2, Text: "1.1 Mērķa grupa", Outline: true})
	d.Text(pdf.ParaStyle{}, pdf.Run{Text: "Skatīt "}, pdf.Run{Text: "sua.lv", URL: "https://sua.lv"})
	d.Group(pdf.Elem{Type: pdf.TagL}, func() {
		d.Text(pdf.ParaStyle{Marker: "•", Indent: 5}, pdf.Run{Text: "pirmais"})
	})
	d.Choices([]pdf.Choice{{Label: "Nav sākts"}, {Label: "Izpildīts", Ticked: true}})
	d.Check("Aptaujas", true)
	d.Rule()
	d.Table(pdf.Table{Columns: []pdf.Column{{Label: "Aktivitāte", Width: 1}, {Label: "Termiņš", Width: 1}}}, [][]string{{"Tikšanās", "01.03.2027."}})
	d.Figure("", func() { d.Label(d.Left(), d.Y(), 40, "3 no 4", pdf.Regular, 10, d.Theme().Colors.Text, pdf.AlignLeft) })
	d.AddField(pdf.Field{Kind: pdf.TextField, Name: "answer", Tooltip: "1.1 Atbilde", Rect: pdf.Rect{X: 20, Y: 200, W: 100, H: 10}})
	b := render(t, d)
	fails, err := pdfcheck.Check(b)
	if err != nil || len(fails) > 0 {
		t.Errorf("roadmap check: %v %v", fails, err)
	}
	got := pdftest.StructText(t, b)
	var lines []string
	for _, l := range strings.Split(got, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Object ") {
			lines = append(lines, strings.TrimSuffix(strings.TrimSuffix(l, " (block)"), " (inline)"))
		}
	}
	flat := "\n" + strings.Join(lines, "\n") + "\n"
	for _, want := range [][]string{
		{"Document", "H1", `"Ceļa karte"`, "H1", `"1. solis – Analīze"`, "H2", `"1.1 Mērķa grupa"`},
		{"P", `"Skatīt "`, "Link", `"sua.lv"`},
		{"L", "LI", "Lbl", `"•"`, "LBody", `"pirmais"`},
		{"L", "LI", "LBody", `"Nav sākts"`, "LI", "Lbl", `""`, "LBody", `"Izpildīts"`},
		{"L", "LI", "Lbl", `""`, "LBody", `"Aptaujas"`},
		{"Table", "THead", "TR", "TH:", "/Scope /Column", `"Aktivitāte"`, "TH:", "/Scope /Column", `"Termiņš"`},
		{"TBody", "TR", "TD", `"Tikšanās"`, "TD", `"01.03.2027."`},
		{"Figure", `"3 no 4"`, "Form"},
	} {
		if w := "\n" + strings.Join(want, "\n") + "\n"; !strings.Contains(flat, w) {
			t.Errorf("poppler does not read%sin\n%s", w, got)
		}
	}
	// the tick words, which poppler does not print
	// (as qpdf writes the text string "izvēlēts")
	if !strings.Contains(string(pdftest.Decompressed(t, b)), "/ActualText <feff0069007a00760113006c011300740073>") {
		t.Error("the chosen status is not said")
	}
	for _, not := range []string{"1 / 1", "Ceļa karte\"\n  Document"} {
		if strings.Contains(got, not) {
			t.Errorf("poppler reads %q, an artifact", not)
		}
	}
}

package form

import (
	"bytes"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestRegistrationForm checks the registration form of the organisation
// directory, blank, on A4 and Letter in every language: two pages, its
// title, the organisation block without a partner or workshop, every
// question with its hint and options, no status words and the funding line;
// the same bytes twice.
func TestRegistrationForm(t *testing.T) {
	for _, code := range contenttest.Bundle(t).Codes() {
		for _, pp := range []paper.Size{paper.A4, paper.Letter} {
			t.Run(code+"-"+string(pp), func(t *testing.T) {
				lang := contenttest.Language(t, code)
				th := pdf.DefaultTheme()
				th.Paper = pp
				res, err := Render(lang, content.Registration, nil, Options{Theme: th, Date: testDate})
				if err != nil {
					t.Fatal(err)
				}
				again, _ := Render(lang, content.Registration, nil, Options{Theme: th, Date: testDate})
				if !bytes.Equal(res.Data, again.Data) {
					t.Error("not the same bytes twice")
				}
				if res.Pages != 2 {
					t.Errorf("%d pages, want 2", res.Pages)
				}
				text := norm(pdftest.Text(t, res.Data))
				want := []string{lang.Label("form.title.registration"), lang.Label("field.organisation"), lang.Label("field.contact"),
					lang.Label("funded_by")}
				for _, cp := range lang.Checkpoints(content.Registration) {
					want = append(want, lang.Number(cp)+" "+cp.Title, norm(cp.Hint))
					for _, o := range cp.OptionIDs() {
						want = append(want, cp.Option(o).Label)
					}
				}
				for _, w := range want {
					if !strings.Contains(text, norm(w)) {
						t.Errorf("the form lacks %q", w)
					}
				}
				for _, absent := range []string{lang.Label("field.partner"), lang.Label("field.facilitator"), lang.Label("status.done"), lang.Label("form.notes.title")} {
					if strings.Contains(text, norm(absent)) {
						t.Errorf("the registration form shows %q", absent)
					}
				}
			})
		}
	}
}

// TestRegistrationFilled checks a filled registration: its answers and
// ticked options on the page, and a fillable copy with a field per question
// and option but none for a status, the partner or the workshop.
func TestRegistrationFilled(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "testdata/registration-brinumins-lv.yaml")
	res := render(t, lang, content.Registration, a)
	text := norm(pdftest.Text(t, res.Data))
	for _, w := range []string{`Biedrība "Brīnumiņš"`, "info@brinumins.example.lv", "+371 26 000 000", "Dienas aprūpes centrs, fizioterapija"} {
		if !strings.Contains(text, w) {
			t.Errorf("the filled registration lacks %q", w)
		}
	}
	fill, err := Render(lang, content.Registration, a, Options{Theme: pdf.DefaultTheme(), Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, fd := range pdftest.Fields(t, fill.Data) {
		names[fd.Name] = fd.Value
	}
	for _, cp := range lang.Checkpoints(content.Registration) {
		if _, ok := names[AnswerField(cp.ID)]; !ok {
			t.Errorf("no field %s", AnswerField(cp.ID))
		}
		if _, ok := names[StatusField(cp.ID)]; ok {
			t.Errorf("a status field %s", StatusField(cp.ID))
		}
	}
	for _, absent := range []string{OrgPartnerField, FacilitatorField, NotesField} {
		if _, ok := names[absent]; ok {
			t.Errorf("a field %s", absent)
		}
	}
	if got, want := names[MarkerField], Marker(content.Registration, "lv"); got != want {
		t.Errorf("marker %q, want %q", got, want)
	}
	if got := names[AnswerField("email")]; got != "info@brinumins.example.lv\n" && got != "info@brinumins.example.lv" {
		t.Errorf("the e-mail field holds %q", got)
	}
}

func BenchmarkRegistrationForm(b *testing.B) {
	lang := contenttest.Language(b, "lv")
	a := example(b, "testdata/registration-brinumins-lv.yaml")
	opts := Options{Theme: pdf.DefaultTheme(), Date: testDate}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(lang, content.Registration, a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

package form

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// TestFillableLayout checks that the fillable form is the blank form with
// fields over it: the same pages with the same text (but the line on how to
// fill in), and per checkpoint a status radio group of four buttons, a
// check box per option and an answer field, each with the checkpoint's
// number and title as its tooltip, plus the organisation block, the date,
// the action plan's cells, the closing page's notes and the hidden marker,
// in reading order.
func TestFillableLayout(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, f := range []content.Audience{content.Municipality, content.Community} {
			lang := contenttest.Language(t, code)
			blank := render(t, lang, f, nil)
			res, err := Render(lang, f, nil, Options{Date: testDate, Fillable: true})
			if err != nil {
				t.Fatal(err)
			}
			pdftest.Check(t, res.Data)
			got, want := pdftest.Pages(t, res.Data), pdftest.Pages(t, blank.Data)
			if len(got) != len(want) {
				t.Fatalf("%s %s: %d pages, blank form %d", code, f, len(got), len(want))
			}
			for i := range got {
				g, w := norm(got[i]), norm(want[i])
				if i == 0 {
					g = strings.Replace(g, norm(lang.Label("fillable.instructions")), "", 1)
					w = strings.Replace(w, norm(lang.Label("form.instructions")), "", 1)
				}
				if g != w {
					t.Errorf("%s %s: page %d differs from the blank form:\n got %s\nwant %s", code, f, i+1, g, w)
				}
			}

			var names []string
			tips := map[string]string{}
			qdf := pdftest.Decompressed(t, res.Data)
			for _, fd := range pdftest.Fields(t, res.Data) {
				names = append(names, fd.Name)
				tips[fd.Name] = fd.Tooltip
				if fd.Value != "" && fd.Name != MarkerField {
					t.Errorf("%s %s: blank field %s holds %q", code, f, fd.Name, fd.Value)
				}
				// printable (PDF/A wants it) but of no size: not seen
				if fd.Name == MarkerField && (fd.Flags&2 != 0 || fd.Flags&4 == 0) {
					t.Errorf("marker field flags %d; want printable (4), of no size", fd.Flags)
				}
			}
			want2 := []string{MarkerField, OrgNameField, OrgContactField, OrgPartnerField, DateField, FacilitatorField, NextReviewField, ParticipantsField}
			for _, cp := range lang.Checkpoints(f) {
				want2 = append(want2, StatusField(cp.ID))
				// qpdf reads a radio button's own tooltip; the group's is
				// on the group
				if !regexp.MustCompile(`/T \(` + regexp.QuoteMeta(StatusField(cp.ID)) + `\)\s*/TU `).Match(qdf) {
					t.Errorf("%s: no tooltip", StatusField(cp.ID))
				}
				if tip := tips[AnswerField(cp.ID)]; !strings.HasPrefix(tip, lang.Number(cp)+". "+cp.Title) {
					t.Errorf("%s: tooltip %q", AnswerField(cp.ID), tip)
				}
				if cp.Options != nil {
					for _, o := range cp.Options.Items {
						want2 = append(want2, OptionField(cp.ID, o.ID))
					}
				}
				want2 = append(want2, AnswerField(cp.ID))
				if p, ok := roadmap.Of(cp); ok {
					for row := 1; row <= PlanRows(p, nil); row++ {
						for _, col := range p.Columns {
							want2 = append(want2, p.Field(row, col.ID))
						}
					}
				}
			}
			// the closing page's notes, last
			want2 = append(want2, NotesField)
			if tip := tips[NotesField]; tip != lang.Label("form.notes.title") {
				t.Errorf("%s: tooltip %q", NotesField, tip)
			}
			if !slices.Equal(slices.Sorted(slices.Values(names)), slices.Sorted(slices.Values(want2))) {
				t.Errorf("%s %s: fields\n got %v\nwant %v", code, f, names, want2)
			}
			// the marker is on page 1, added last
			if order := withoutMarker(names); !slices.Equal(order, withoutMarker(want2)) {
				t.Errorf("%s %s: fields not in reading order:\n got %v\nwant %v", code, f, order, withoutMarker(want2))
			}
		}
	}
}

// TestFillableFilled checks that a fillable form filled from answers
// carries the values in its fields, not on the page.
func TestFillableFilled(t *testing.T) {
	a := example(t, "talsi-municipality-lv.yaml")
	lang := contenttest.Language(t, "lv")
	res, err := Render(lang, a.Form, a, Options{Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for _, fd := range pdftest.Fields(t, res.Data) {
		values[fd.Name] = fd.Value
	}
	// dates as the printed form writes them
	local := func(d answers.Date) string { return lang.FormatDate(d.Time()) }
	if values[OrgNameField] != a.Organisation.Name || values[DateField] != local(a.Date) || values[DateField] != "27.11.2026." {
		t.Errorf("organisation %q, date %q", values[OrgNameField], values[DateField])
	}
	for id, c := range a.Checkpoints {
		if values[StatusField(id)] != string(c.Status) {
			t.Errorf("%s: status %q, want %q", id, values[StatusField(id)], c.Status)
		}
		if values[AnswerField(id)] != c.Answer {
			t.Errorf("%s: answer %q, want %q", id, values[AnswerField(id)], c.Answer)
		}
		for _, o := range c.Options {
			if values[OptionField(id, o)] != "Yes" {
				t.Errorf("%s: option %s not ticked", id, o)
			}
		}
	}
	for i, r := range a.ActionPlan {
		if values[roadmap.ActionPlan.Field(i+1, "activity")] != r.Activity || values[roadmap.ActionPlan.Field(i+1, "deadline")] != local(r.Deadline) {
			t.Errorf("action row %d: %q, %q", i+1, values[roadmap.ActionPlan.Field(i+1, "activity")], values[roadmap.ActionPlan.Field(i+1, "deadline")])
		}
	}
	// The page is the blank form's: the answers are in the fields only.
	blank, err := Render(lang, a.Form, nil, Options{Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != blank.Pages {
		t.Errorf("%d pages, the blank fillable form %d", res.Pages, blank.Pages)
	}
}

func withoutMarker(s []string) []string {
	var out []string
	for _, n := range s {
		if n != MarkerField {
			out = append(out, n)
		}
	}
	return out
}

// BenchmarkFillableForm is BenchmarkBlankForm's form with its fields: the
// budget is twice the printable form's time. (Run the two together, as
// -bench 'BlankForm$|FillableForm$', and compare.)
func BenchmarkFillableForm(b *testing.B) {
	lang := contenttest.Language(b, "lv")
	opts := Options{Theme: pdf.DefaultTheme(), Date: testDate, Fillable: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(lang, content.Community, nil, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFillablePlanTypeSize checks that every cell of a fillable plan table
// is set in the table's one type size, which a reader keeps (a /DA with a
// size, not 0, which has each cell's text sized on its own), and that its
// dates are written as the printed form writes them.
func TestFillablePlanTypeSize(t *testing.T) {
	a := example(t, "talsi-municipality-en.yaml")
	lang := contenttest.Language(t, "en")
	res, err := Render(lang, a.Form, a, Options{Date: testDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	qdf := string(pdftest.Decompressed(t, res.Data))
	field := regexp.MustCompile(`(?s)/DA \(/\w+ ([\d.]+) Tf[^)]*\)[^>]*?/T \(((action|communication|evaluation)_\d+_\w+)\)`)
	sizes := map[string]map[string]bool{}
	n := 0
	for _, m := range field.FindAllStringSubmatch(qdf, -1) {
		n++
		if m[1] == "0" {
			t.Errorf("field %s sizes its text on its own (/DA size 0)", m[2])
		}
		if sizes[m[3]] == nil {
			sizes[m[3]] = map[string]bool{}
		}
		sizes[m[3]][m[1]] = true
	}
	if n == 0 {
		t.Fatal("no plan field with a /DA found")
	}
	for plan, s := range sizes {
		if len(s) != 1 {
			t.Errorf("the %s table's fields are set in %d sizes: %v", plan, len(s), s)
		}
	}
	for _, fd := range pdftest.Fields(t, res.Data) {
		if fd.Name == roadmap.ActionPlan.Field(1, "deadline") && fd.Value != "15/01/2027" {
			t.Errorf("the first deadline is %q, want it as printed: 15/01/2027", fd.Value)
		}
	}
}

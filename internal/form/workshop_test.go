package form

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// testWorkshop is a workshop block with Latvian and Greek letters and a
// participants text of two lines.
var testWorkshop = answers.Workshop{
	Facilitator:  "Ilze Kalēja",
	NextReview:   answers.Date{Year: 2027, Month: time.May, Day: 1},
	Participants: "Jānis Kalniņš, Līga Ozola (Talsu novads)\nΓιώργος Παπαδόπουλος, Ελένη Χριστοδούλου",
}

// TestWorkshopFilled checks that a filled form shows the workshop's
// facilitator, next review (in the language's date format) and
// participants on page 1, each under its label, and that a form whose
// answers have no workshop shows the labels over empty lines.
func TestWorkshopFilled(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "talsi-municipality-lv.yaml")
	a.Workshop = testWorkshop
	page := pdftest.RawPages(t, render(t, lang, a.Form, a).Data)[0]
	lines := strings.Split(page, "\n")
	// each label with its value on its line, in reading order after the
	// date; the participants under their label
	want := []string{
		lang.Label("field.facilitator") + " Ilze Kalēja " + lang.Label("field.next_review") + " 01.05.2027.",
		lang.Label("field.participants"),
		"Jānis Kalniņš, Līga Ozola (Talsu novads)",
		"Γιώργος Παπαδόπουλος, Ελένη Χριστοδούλου",
	}
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), lang.Label("field.facilitator")) {
			at = i
			break
		}
	}
	if at < 0 || at+len(want) > len(lines) {
		t.Fatalf("page 1 has no line %q:\n%s", want[0], page)
	}
	for i, w := range want {
		if got := strings.TrimSpace(lines[at+i]); got != w {
			t.Errorf("page 1 line %d = %q, want %q\n%s", at+i+1, got, w, page)
		}
	}

	// Without a workshop the values are not there, and the page is the
	// same as far as the labels go.
	a.Workshop = answers.Workshop{}
	page = norm(pdftest.RawPages(t, render(t, lang, a.Form, a).Data)[0])
	if strings.Contains(page, "Ilze") || strings.Contains(page, "01.05.2027.") {
		t.Errorf("a form without a workshop shows workshop values:\n%s", page)
	}
	// the next review's date format beside its line; the participants two
	// numbered lines in a filled form (six in a blank one)
	if !strings.Contains(page, lang.Label("field.facilitator")+" "+lang.Label("field.next_review")+" DD.MM.GGGG. "+
		lang.Label("field.participants")+" 1 2 ") || strings.Contains(page, " 1 2 3 ") {
		t.Errorf("a form without a workshop lacks the workshop labels:\n%s", page)
	}
}

// TestWorkshopFillable checks the workshop's fields in a fillable form:
// their names, tooltips (the label, the date's format, how to write the
// participants), page 1, participants multi-line, and the values from the
// answers, the date as YYYY-MM-DD.
func TestWorkshopFillable(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		lang := contenttest.Language(t, code)
		a := example(t, "brinumins-community-"+code+".yaml")
		a.Workshop = testWorkshop
		res, err := Render(lang, a.Form, a, Options{Date: testDate, Fillable: true})
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, res.Data)
		want := map[string][2]string{
			FacilitatorField: {lang.Label("field.facilitator"), testWorkshop.Facilitator},
			NextReviewField: {lang.Format("fillable.tip.date", "label", lang.Label("field.next_review"), "format", lang.DateHint()),
				lang.FormatDate(time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC))},
			ParticipantsField: {lang.Format("fillable.tip.participants", "label", lang.Label("field.participants")),
				testWorkshop.Participants},
		}
		found := 0
		for _, fd := range pdftest.Fields(t, res.Data) {
			w, ok := want[fd.Name]
			if !ok {
				continue
			}
			found++
			if fd.Type != "/Tx" || fd.Tooltip != w[0] || fd.Value != w[1] || fd.Page != 1 {
				t.Errorf("%s: field %s is %s on page %d, tooltip %q, value %q; want /Tx on page 1, %q, %q",
					code, fd.Name, fd.Type, fd.Page, fd.Tooltip, fd.Value, w[0], w[1])
			}
		}
		if found != len(want) {
			t.Errorf("%s: %d of the %d workshop fields", code, found, len(want))
		}
		if code == "en" && !strings.Contains(want[ParticipantsField][0], "one per line") {
			t.Errorf("participants tooltip %q", want[ParticipantsField][0])
		}
		// participants wraps and takes new lines (/Ff multiline); the
		// facilitator is one line
		qdf := string(pdftest.Decompressed(t, res.Data))
		for name, multi := range map[string]bool{ParticipantsField: true, FacilitatorField: false} {
			m := regexp.MustCompile(`/Ff (\d+)[^>]*?/T \(` + name + `\)|/T \(` + name + `\)[^>]*?/Ff (\d+)`).FindStringSubmatch(qdf)
			flags := ""
			if m != nil {
				flags = m[1] + m[2]
			}
			if got := flags == "4096"; got != multi {
				t.Errorf("%s: field %s has /Ff %q; multi-line wanted: %v", code, name, flags, multi)
			}
		}
	}
}

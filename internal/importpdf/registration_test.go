package importpdf

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
)

// registrations are the example registrations of the organisation
// directory.
var registrations = []string{"registration-brinumins-lv.yaml", "registration-tilts-lv.yaml", "registration-green-coast-en.yaml"}

// TestRegistrationRoundTrip checks a registration → its fillable form
// filled from it → import → the same registration, and that the form has
// no field of a roadmap's checklist (status, partner, workshop, plans).
func TestRegistrationRoundTrip(t *testing.T) {
	for _, name := range registrations {
		t.Run(name, func(t *testing.T) {
			a := example(t, filepath.Join("testdata", name))
			lang := contenttest.Language(t, a.Language)
			doc := fillable(t, lang, content.Registration, a)
			fields, err := readFields(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, absent := range []string{form.OrgPartnerField, form.FacilitatorField, form.NotesField, form.StatusField("email"), "action_1_activity"} {
				if _, ok := fields[absent]; ok {
					t.Errorf("the registration form has a field %s", absent)
				}
			}
			got, err := Read(doc, contenttest.Bundle(t))
			if err != nil {
				t.Fatal(err)
			}
			want := parsed(t, lang, onForm(lang, a))
			for id, c := range want.Checkpoints {
				if !c.Answered() {
					delete(want.Checkpoints, id) // a question left empty is not written
				}
			}
			if g := parsed(t, lang, got); !reflect.DeepEqual(g, want) {
				t.Errorf("imported:\n got %+v\nwant %+v", g, want)
			}
		})
	}
}

// TestRegistrationFilledByPdfjs fills a blank fillable registration form
// with pdf.js, as a person in a reader does, imports it and checks the
// registration file it makes: validate reads it back to the same values.
func TestRegistrationFilledByPdfjs(t *testing.T) {
	lang := contenttest.Language(t, "en")
	blank := fillable(t, lang, content.Registration, nil)
	values := map[string]any{
		form.OrgNameField:    `Association "Green Coast"`,
		form.OrgContactField: "Laura Liepa, coordinator",
		form.DateField:       "2026-12-03",
		form.OptionField("field-of-work", "environment"): true,
		form.OptionField("cooperation", "events"):        true,
		form.OptionField("cooperation", "premises"):      true,
		form.AnswerField("email"):                        "hello@greencoast.example.org",
		form.AnswerField("programmes"):                   "Monthly coast clean-ups,\nnature walks for school classes.",
		form.AnswerField("area"):                         ltText + " " + elText,
	}
	dir := t.TempDir()
	in, out, vals := filepath.Join(dir, "blank.pdf"), filepath.Join(dir, "filled.pdf"), filepath.Join(dir, "values.json")
	vj, _ := json.Marshal(values)
	if err := os.WriteFile(in, blank, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(vals, vj, 0o644); err != nil {
		t.Fatal(err)
	}
	pdfjs(t, "fill", in, out, vals)
	filled, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(filled, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err := answers.Encode(got, lang, nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := answers.Parse("registration.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatalf("the imported registration does not validate: %v\n%s", err, data)
	}
	want := map[string]answers.Checkpoint{
		"field-of-work": {Status: answers.NotStarted, Options: []string{"environment"}},
		"cooperation":   {Status: answers.NotStarted, Options: []string{"events", "premises"}},
		"email":         {Status: answers.NotStarted, Answer: "hello@greencoast.example.org"},
		"programmes":    {Status: answers.NotStarted, Answer: "Monthly coast clean-ups,\nnature walks for school classes."},
		"area":          {Status: answers.NotStarted, Answer: ltText + " " + elText},
	}
	if back.Form != content.Registration || back.Organisation.Name != `Association "Green Coast"` ||
		back.Organisation.Contact != "Laura Liepa, coordinator" || back.Date != (answers.Date{Year: 2026, Month: 12, Day: 3}) {
		t.Errorf("imported %s %q %q %v", back.Form, back.Organisation.Name, back.Organisation.Contact, back.Date)
	}
	if !reflect.DeepEqual(back.Checkpoints, want) {
		t.Errorf("imported checkpoints:\n got %+v\nwant %+v\n%s", back.Checkpoints, want, data)
	}
}

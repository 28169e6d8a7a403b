package importpdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// edited returns doc with its form's fields changed by edit, as another
// program would save them: read and written again by pdfcpu.
func edited(t *testing.T, doc []byte, edit func(x *model.XRefTable, fields map[string]types.Dict)) []byte {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(doc), conf)
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	root, err := x.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	af, err := x.DereferenceDict(root["AcroForm"])
	if err != nil {
		t.Fatal(err)
	}
	top, err := x.DereferenceArray(af["Fields"])
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]types.Dict{}
	for _, o := range top {
		d, err := x.DereferenceDict(o)
		if err != nil {
			t.Fatal(err)
		}
		if name := d.StringEntry("T"); name != nil {
			fields[*name] = d
		}
	}
	edit(x, fields)
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestOddValues reads values that readers store in other ways than a text
// string: a long text as a stream (UTF-16, as a text string would be, and
// plain), a number as a number, a list's choice as an array; and a form
// that was signed in a reader, which adds a signature field.
func TestOddValues(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	blank := fillable(t, lang, content.Community, nil)
	cps := lang.Checkpoints(content.Community)
	long := strings.Repeat("Ilgs teksts ar garumzīmēm: āčēģīķļņšūž. ", 120)
	doc := edited(t, blank, func(x *model.XRefTable, fields map[string]types.Dict) {
		stream := func(b []byte) types.Object {
			sd, err := x.NewStreamDictForBuf(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := sd.Encode(); err != nil {
				t.Fatal(err)
			}
			ref, err := x.IndRefForNewObject(*sd)
			if err != nil {
				t.Fatal(err)
			}
			return *ref
		}
		utf := []byte{0xfe, 0xff}
		for _, u := range utf16.Encode([]rune(long)) {
			utf = append(utf, byte(u>>8), byte(u))
		}
		set := func(name string, v types.Object) {
			d, ok := fields[name]
			if !ok {
				t.Fatalf("no field %s", name)
			}
			d["V"] = v
		}
		set(form.AnswerField(cps[0].ID), stream(utf))
		set(form.AnswerField(cps[1].ID), stream([]byte("Plain stream text")))
		set(form.OrgContactField, types.Integer(26000000))
		set(roadmap.ActionPlan.Field(1, "activity"), types.StringLiteral("Pirmā darbība"))
		set(roadmap.ActionPlan.Field(1, "status"), types.Array{types.StringLiteral("done")})
		set(roadmap.CommunicationPlan.Field(1, "channel"), types.StringLiteral("E-pasts")) // its label
		set(roadmap.EvaluationPlan.Field(1, "result"), types.Float(0.75))
		// A signature added in a reader: a field of its own.
		sig := types.Dict{"FT": types.Name("Sig"), "T": types.StringLiteral("Signature1"),
			"Type": types.Name("Annot"), "Subtype": types.Name("Widget"), "Rect": types.NewNumberArray(0, 0, 0, 0)}
		ref, err := x.IndRefForNewObject(sig)
		if err != nil {
			t.Fatal(err)
		}
		root, _ := x.Catalog()
		af, _ := x.DereferenceDict(root["AcroForm"])
		af["Fields"] = append(af["Fields"].(types.Array), *ref)
	})
	a, err := Read(doc, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Checkpoint(cps[0].ID).Answer; got != long {
		t.Errorf("a UTF-16 stream reads %d characters %q…; want %d", len([]rune(got)), got[:min(40, len(got))], len([]rune(long)))
	}
	if got := a.Checkpoint(cps[1].ID).Answer; got != "Plain stream text" {
		t.Errorf("a plain stream reads %q", got)
	}
	if a.Organisation.Contact != "26000000" {
		t.Errorf("a number reads %q", a.Organisation.Contact)
	}
	if len(a.ActionPlan) != 1 || a.ActionPlan[0].Status != "done" || a.ActionPlan[0].Activity != "Pirmā darbība" {
		t.Errorf("action plan %+v", a.ActionPlan)
	}
	if len(a.CommunicationPlan) != 1 || a.CommunicationPlan[0].Channel != "email" {
		t.Errorf("a channel chosen by its label reads %+v", a.CommunicationPlan)
	}
	if len(a.EvaluationPlan) != 1 || a.EvaluationPlan[0].Result != "0.75" {
		t.Errorf("a number in a text column reads %+v", a.EvaluationPlan)
	}
}

// TestUnreadableValue refuses a field whose value is neither a text nor a
// number, naming the field, rather than reading it as empty.
func TestUnreadableValue(t *testing.T) {
	lang := contenttest.Language(t, "en")
	blank := fillable(t, lang, content.Municipality, nil)
	doc := edited(t, blank, func(x *model.XRefTable, fields map[string]types.Dict) {
		fields[form.OrgNameField]["V"] = types.Dict{"X": types.Integer(1)}
	})
	_, err := Read(doc, contenttest.Bundle(t))
	want := "field org_name: its value is neither a text nor a number"
	if err == nil || err.Error() != want {
		t.Errorf("error %v; want %q", err, want)
	}
}

// TestOlderForm imports a form made by the roadmap before every plan column
// had a field (testdata/older-form-v1.pdf, the lv community example made
// fillable by that version): its fields are read as they were, the columns
// it had no fields for as left empty.
func TestOlderForm(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("testdata", "older-form-v1.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(doc, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	a := example(t, "brinumins-community-lv.yaml")
	if len(got.ActionPlan) != len(a.ActionPlan) {
		t.Fatalf("%d action rows; want %d", len(got.ActionPlan), len(a.ActionPlan))
	}
	for i, r := range a.ActionPlan {
		// A dated row is given an id for its calendar event.
		want := answers.Action{Activity: r.Activity, Responsible: r.Responsible, Goals: r.Goals, Deadline: r.Deadline, ID: got.ActionPlan[i].ID}
		if got.ActionPlan[i] != want || want.ID == "" {
			t.Errorf("action row %d: %+v; want %+v", i+1, got.ActionPlan[i], want)
		}
	}
	if got.CommunicationPlan != nil || got.EvaluationPlan != nil {
		t.Errorf("plans the older form had no fields for: %+v, %+v", got.CommunicationPlan, got.EvaluationPlan)
	}
	if got.Organisation != a.Organisation || got.Checkpoint("needs").Answer != a.Checkpoint("needs").Answer {
		t.Errorf("the older form's other fields: %+v", got.Organisation)
	}
}

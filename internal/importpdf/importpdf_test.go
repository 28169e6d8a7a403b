package importpdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfcpuform "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

func example(t testing.TB, name string) *answers.File {
	t.Helper()
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", name), contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// fillable renders the fillable form f in lang, filled from a (nil: blank).
func fillable(t testing.TB, lang *content.Language, f content.Audience, a *answers.File) []byte {
	t.Helper()
	res, err := form.Render(lang, f, a, form.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.Data
}

// onForm returns what of answers a a fillable form holds: everything, with
// options in the content's order and only checkpoints with a status.
func onForm(lang *content.Language, a *answers.File) *answers.File {
	out := &answers.File{Form: a.Form, Language: a.Language, Date: a.Date, Organisation: a.Organisation,
		Workshop: a.Workshop, Checkpoints: map[string]answers.Checkpoint{}}
	for _, cp := range lang.Checkpoints(a.Form) {
		c, ok := a.Checkpoints[cp.ID]
		if !ok {
			continue
		}
		var opts []string
		if cp.Options != nil {
			for _, o := range cp.Options.Items {
				if c.Ticked(o.ID) {
					opts = append(opts, o.ID)
				}
			}
		}
		c.Options = opts
		out.Checkpoints[cp.ID] = c
	}
	out.ActionPlan, out.CommunicationPlan, out.EvaluationPlan = a.ActionPlan, a.CommunicationPlan, a.EvaluationPlan
	return out
}

// parsed returns a as answers.Parse reads it once written: the form an
// answers file has on disk.
func parsed(t *testing.T, lang *content.Language, a *answers.File) *answers.File {
	t.Helper()
	data, err := answers.Encode(a, lang, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := answers.Parse("answers.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	p.Path, p.Warnings = "", nil
	return p
}

// pdfjs runs testdata/pdfjs/reader.mjs (pdf.js) with args. It needs node
// and pdfjs-dist (npm ci in testdata/pdfjs): the test skips without them,
// and fails under CI=true.
func pdfjs(t *testing.T, args ...string) []byte {
	t.Helper()
	missing := func(msg string) { testtool.Missing(t, "%s", msg) }
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node not found (apt-get install -y nodejs npm)")
	}
	if _, err := os.Stat(filepath.Join("testdata", "pdfjs", "node_modules", "pdfjs-dist")); err != nil {
		missing("pdfjs-dist not installed (cd internal/importpdf/testdata/pdfjs && npm ci)")
	}
	cmd := exec.Command(node, append([]string{"reader.mjs"}, args...)...)
	cmd.Dir = filepath.Join("testdata", "pdfjs")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// jsField is a field as pdf.js reads it.
type jsField struct {
	Type    string `json:"type"`
	Value   any    `json:"value"`
	Widgets int    `json:"widgets"`
}

func pdfjsRead(t *testing.T, doc []byte) map[string]jsField {
	t.Helper()
	path := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	var fields map[string]jsField
	if err := json.Unmarshal(pdfjs(t, "read", path), &fields); err != nil {
		t.Fatal(err)
	}
	return fields
}

// TestRoundTrip checks answers → fillable form → the fields as pdf.js reads
// them → import → the same answers, for both example roadmaps in lv and en.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"brinumins-community-lv.yaml", "talsi-municipality-en.yaml"} {
		t.Run(name, func(t *testing.T) {
			a := example(t, name)
			a.Workshop = testWorkshop
			lang := contenttest.Language(t, a.Language)
			doc := fillable(t, lang, a.Form, a)
			pdftest.Check(t, doc)

			// pdf.js, a second reader, sees the values in the fields,
			// dates as the printed form writes them.
			local := func(d answers.Date) string { return lang.FormatDate(d.Time()) }
			js := pdfjsRead(t, doc)
			want := map[string]string{
				form.OrgNameField:      a.Organisation.Name,
				form.DateField:         local(a.Date),
				form.MarkerField:       form.Marker(a.Form, a.Language),
				form.FacilitatorField:  testWorkshop.Facilitator,
				form.NextReviewField:   local(answers.Date{Year: 2027, Month: 5, Day: 1}),
				form.ParticipantsField: testWorkshop.Participants,
				form.NotesField:        testWorkshop.Notes,
			}
			for id, c := range a.Checkpoints {
				want[form.StatusField(id)] = string(c.Status)
				if c.Answer != "" {
					want[form.AnswerField(id)] = c.Answer
				}
				for _, o := range c.Options {
					want[form.OptionField(id, o)] = "Yes"
				}
			}
			for _, p := range roadmap.Plans {
				for i, r := range p.Rows(a) {
					for j, c := range p.Columns {
						v := r[j].Text
						if c.Kind == roadmap.Date {
							v = ""
							if !r[j].Date.IsZero() {
								v = local(r[j].Date)
							}
						}
						if v != "" {
							want[p.Field(i+1, c.ID)] = v
						}
					}
				}
			}
			for name, v := range want {
				f, ok := js[name]
				if !ok {
					t.Errorf("pdf.js finds no field %s", name)
					continue
				}
				if got, _ := f.Value.(string); got != v {
					t.Errorf("pdf.js reads %s = %q, want %q", name, got, v)
				}
			}
			if f := js[form.StatusField(lang.Checkpoints(a.Form)[0].ID)]; f.Type != "radiobutton" {
				t.Errorf("status field is a %q to pdf.js", f.Type)
			}

			got, err := Read(doc, contenttest.Bundle(t))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := parsed(t, lang, got), parsed(t, lang, onForm(lang, a)); !reflect.DeepEqual(g, w) {
				t.Errorf("imported answers differ:\n got %+v\nwant %+v", g, w)
			}
		})
	}
}

// TestRoundTripPrintable checks, for each example, that the answers read
// back from its fillable form make the printable filled form byte for byte
// as the example itself does: nothing shown on paper is lost on the way
// through a fillable form (every plan, every status and note).
func TestRoundTripPrintable(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if err != nil || len(names) < 4 {
		t.Fatalf("examples: %v %v", names, err)
	}
	for _, path := range names {
		t.Run(filepath.Base(path), func(t *testing.T) {
			a := example(t, filepath.Base(path))
			lang := contenttest.Language(t, a.Language)
			got, err := Read(fillable(t, lang, a.Form, a), contenttest.Bundle(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range roadmap.Plans {
				if n, m := len(p.Rows(got)), len(p.Rows(a)); n != m || m == 0 {
					t.Errorf("%s: %d rows imported, the example has %d", p.Name, n, m)
				}
			}
			opts := form.Options{Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
			want, err := form.Render(lang, a.Form, a, opts)
			if err != nil {
				t.Fatal(err)
			}
			back, err := form.Render(lang, a.Form, parsed(t, lang, got), opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back.Data, want.Data) {
				t.Errorf("the printable form made from the imported answers differs from the one made from %s:\n%s", path,
					diffText(pdftest.Text(t, back.Data), pdftest.Text(t, want.Data)))
			}
		})
	}
}

// diffText returns the first line that differs between two texts.
func diffText(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(g), len(w))
}

// testWorkshop is a workshop block whose participants, on three lines,
// and notes, on four with a blank one, are written in Latvian, Greek and
// Lithuanian.
var testWorkshop = answers.Workshop{
	Facilitator:  "Ilze Kalēja",
	NextReview:   answers.Date{Year: 2027, Month: time.May, Day: 1},
	Participants: "Jānis Kalniņš, Līga Ozola\nΓιώργος Παπαδόπουλος, Ελένη Χριστοδούλου\nAušra Žemaitė",
	Notes: "Sociālais dienests sagatavo līgumu līdz 1. martam.\n\n" +
		"Ο Γιώργος ενημερώνει τον δήμο.\nAušra kviečia į susitikimą gegužę.",
}

// Texts in three of the content languages' scripts, as a person types them.
const (
	lvText = "Biedrība „Saulgrieži” — āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ"
	ltText = "Ąžuolų bendruomenė: ąčęėįšųūž ĄČĘĖĮŠŲŪŽ"
	elText = "Κοινότητα Λευκωσίας: άέήίόύώ ΑΒΓΔΕΖΗΘ ϊϋΐΰς"
)

// TestFilledByPdfjs fills a blank form in pdf.js as a person in a reader
// does, saves it, and imports it: Latvian, Lithuanian and Greek intact.
// The saved form, drawn by poppler, shows every value.
func TestFilledByPdfjs(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	blank := fillable(t, lang, content.Community, nil)
	cps := lang.Checkpoints(content.Community)
	var withOpts *content.Checkpoint
	for _, cp := range cps {
		if cp.Options != nil && len(cp.Options.Items) > 1 {
			withOpts = cp
			break
		}
	}
	values := map[string]any{
		form.OrgNameField:             lvText,
		form.OrgContactField:          elText,
		form.OrgPartnerField:          ltText,
		form.DateField:                "2027-03-01",
		form.StatusField(cps[0].ID):   "done",
		form.AnswerField(cps[0].ID):   lvText + "\n" + ltText + "\n" + elText,
		form.StatusField(withOpts.ID): "in-progress",
		form.OptionField(withOpts.ID, withOpts.Options.Items[1].ID): true,
		roadmap.ActionPlan.Field(1, "activity"):                     elText,
		roadmap.ActionPlan.Field(1, "responsible"):                  ltText,
		roadmap.ActionPlan.Field(1, "deadline"):                     "2027-05-31",
		form.FacilitatorField:                                       lvText,
		form.NextReviewField:                                        "01.05.2027.", // as the Latvian form prints dates
		form.ParticipantsField:                                      lvText + "\n" + elText + "\n" + ltText,
		form.NotesField:                                             "\n" + ltText + "\n\n" + elText + "\n" + lvText + "\n",
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
	if bytes.Equal(filled, blank) {
		t.Fatal("pdf.js saved the form unchanged")
	}
	got, err := Read(filled, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	want := &answers.File{Form: content.Community, Language: "lv", Date: answers.Date{Year: 2027, Month: 3, Day: 1},
		Organisation: answers.Organisation{Name: lvText, Contact: elText, Partner: ltText},
		Workshop: answers.Workshop{Facilitator: lvText, NextReview: answers.Date{Year: 2027, Month: 5, Day: 1},
			Participants: lvText + "\n" + elText + "\n" + ltText, Notes: ltText + "\n\n" + elText + "\n" + lvText},
		Checkpoints: map[string]answers.Checkpoint{
			cps[0].ID:   {Status: answers.Done, Answer: lvText + "\n" + ltText + "\n" + elText},
			withOpts.ID: {Status: answers.InProgress, Options: []string{withOpts.Options.Items[1].ID}},
		},
		ActionPlan: []answers.Action{{Activity: elText, Responsible: ltText, Deadline: answers.Date{Year: 2027, Month: 5, Day: 31}}},
	}
	// A dated row is given an id, the identity of its calendar event.
	if len(got.ActionPlan) == 1 {
		if got.ActionPlan[0].ID == "" {
			t.Error("the dated action row has no id")
		}
		want.ActionPlan[0].ID = got.ActionPlan[0].ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported:\n got %+v\nwant %+v", got, want)
	}
	// The appearances pdf.js made for what was typed, in the form's field
	// font, show every letter.
	drawn := pdftest.Pages(t, pdftest.Flatten(t, filled))
	for _, p := range []int{0, len(drawn) - 1} { // the organisation block, the notes
		text := strings.Join(strings.Fields(drawn[p]), " ")
		for _, s := range []string{lvText, ltText, elText} {
			if !strings.Contains(text, s) {
				t.Errorf("page %d as drawn does not show %q:\n%s", p+1, s, text)
			}
		}
	}
	if os.Getenv("ROADMAP_KEEP") != "" {
		os.WriteFile(filepath.Join(os.Getenv("ROADMAP_KEEP"), "pdfjs-filled.pdf"), filled, 0o644)
	}
}

// TestFilledByPdfcpu sets values through pdfcpu, as a user of its form
// filling would, and imports them.
func TestFilledByPdfcpu(t *testing.T) {
	lang := contenttest.Language(t, "en")
	blank := fillable(t, lang, content.Municipality, nil)
	cps := lang.Checkpoints(content.Municipality)
	filled := pdfcpuFill(t, blank, map[string]string{
		form.OrgNameField:           lvText,
		form.OrgPartnerField:        elText,
		form.AnswerField(cps[1].ID): ltText,
		form.ParticipantsField:      elText + "\n" + lvText,
		form.NextReviewField:        "2027-9-3",
	}, map[string]string{form.StatusField(cps[1].ID): "not-applicable"})
	got, err := Read(filled, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	want := &answers.File{Form: content.Municipality, Language: "en",
		Organisation: answers.Organisation{Name: lvText, Partner: elText},
		Workshop:     answers.Workshop{NextReview: answers.Date{Year: 2027, Month: 9, Day: 3}, Participants: elText + "\n" + lvText},
		Checkpoints:  map[string]answers.Checkpoint{cps[1].ID: {Status: answers.NotApplicable, Answer: ltText}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported:\n got %+v\nwant %+v", got, want)
	}
}

// TestPoppler draws a filled fillable form with poppler (pdftoppm, by way of
// qpdf drawing the fields' appearances into the pages, which pdftotext then
// reads): every value shows, every letter.
func TestPoppler(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	a.Organisation.Contact = elText
	a.Organisation.Partner = ltText
	a.Workshop = testWorkshop
	lang := contenttest.Language(t, "lv")
	doc := fillable(t, lang, a.Form, a)
	text := strings.Join(strings.Fields(pdftest.Text(t, pdftest.Flatten(t, doc))), " ")
	// dates as the printed form writes them
	for _, s := range []string{a.Organisation.Name, elText, ltText, "27.11.2026.", lang.FormatDate(a.ActionPlan[0].Deadline.Time()),
		testWorkshop.Facilitator, "01.05.2027.", "Jānis Kalniņš, Līga Ozola", "Γιώργος Παπαδόπουλος, Ελένη Χριστοδούλου"} {
		if !strings.Contains(text, strings.Join(strings.Fields(s), " ")) {
			t.Errorf("the pages do not show %q", s)
		}
	}
	for id, c := range a.Checkpoints {
		if first, _, _ := strings.Cut(c.Answer, "\n"); first != "" && !strings.Contains(text, strings.Join(strings.Fields(first), " ")[:40]) {
			t.Errorf("the pages do not show the answer of %s", id)
		}
	}
	if n := len(pdftest.Images(t, doc, 40)); n != pdftest.PageCount(t, doc) {
		t.Errorf("pdftoppm drew %d pages", n)
	}
}

// TestSize checks that the blank fillable form is at most 1.5 times the
// printable one plus the field font.
func TestSize(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		for _, f := range []content.Audience{content.Municipality, content.Community} {
			lang := contenttest.Language(t, code)
			res, err := form.Render(lang, f, nil, form.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fill := fillable(t, lang, f, nil)
			font := fieldFontSize(t, fill)
			if limit := res.Data; float64(len(fill)) > 1.5*float64(len(limit))+float64(font) {
				t.Errorf("%s %s: fillable %d bytes, printable %d, font %d", code, f, len(fill), len(res.Data), font)
			}
		}
	}
}

// fieldFontSize returns the size of the largest font file stream in doc
// (the field font, which holds the alphabets).
func fieldFontSize(t *testing.T, doc []byte) int {
	t.Helper()
	biggest := 0
	for _, m := range fontFileRE.FindAllSubmatch(doc, -1) {
		n := 0
		for _, c := range m[1] {
			n = n*10 + int(c-'0')
		}
		biggest = max(biggest, n)
	}
	if biggest == 0 {
		t.Fatal("no font file")
	}
	return biggest
}

// TestBad checks that what is not a filled roadmap form is refused with a
// one-line message naming what is wrong.
func TestBad(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	blank := fillable(t, lang, content.Community, nil)
	printable, err := form.Render(lang, content.Community, nil, form.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := *lang
	other.Code = "de"
	huge := &answers.File{Form: content.Community, Language: "lv", Checkpoints: map[string]answers.Checkpoint{
		lang.Checkpoints(content.Community)[0].ID: {Status: answers.Done, Answer: strings.Repeat("ā", 100000)},
	}}
	cases := []struct {
		name string
		doc  []byte
		want string
	}{
		{"text", []byte("form: community\n"), "not a PDF file"},
		{"empty", nil, "not a PDF file"},
		{"printable", printable.Data, "not a form made by roadmap: the PDF has no form fields"},
		{"damaged", blank[:len(blank)/2], "the PDF is damaged"},
		{"other fields", markerOnly(t, "roadmap-form form=community lang=lv version=1"), "the form has no field org_name"},
		{"not our marker", markerOnly(t, "something else"), "not a form made by roadmap: its roadmap_form field holds"},
		{"version", markerOnly(t, "roadmap-form form=community lang=lv version=2"), "another version of roadmap (its fields are version 2"},
		{"language", fillable(t, &other, content.Community, nil), `the form is in language "de", which this roadmap's content does not have`},
		{"encrypted", qpdfEncrypt(t, blank, "secret"), "the PDF is encrypted"},
		{"encrypted, no password", qpdfEncrypt(t, blank, ""), "the PDF is encrypted"},
		{"100,000 characters", fillable(t, lang, content.Community, huge), "holds 100000 characters; at most 20000 are allowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Read(c.doc, contenttest.Bundle(t))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %v; want an *Error", a, err)
			}
			if !strings.Contains(e.Msg, c.want) || strings.Contains(e.Msg, "\n") {
				t.Errorf("message %q, want one line with %q", e.Msg, c.want)
			}
		})
	}
}

// markerOnly returns a PDF whose only field is the marker field, holding
// value.
func markerOnly(t *testing.T, value string) []byte {
	t.Helper()
	d, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	d.AddField(pdf.Field{Kind: pdf.TextField, Name: form.MarkerField, Value: value, Hidden: true})
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// qpdfEncrypt returns doc encrypted with AES-256 and user password pw.
func qpdfEncrypt(t *testing.T, doc []byte, pw string) []byte {
	t.Helper()
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(qpdf, "--encrypt", pw, "owner", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministic checks that the same answers give the same fillable
// form, byte for byte.
func TestDeterministic(t *testing.T) {
	a := example(t, "talsi-municipality-lv.yaml")
	lang := contenttest.Language(t, "lv")
	if !bytes.Equal(fillable(t, lang, a.Form, a), fillable(t, lang, a.Form, a)) {
		t.Error("the same answers give different bytes")
	}
}

var fontFileRE = regexp.MustCompile(`/Length (\d+) /Length1 \d+>>`)

// pdfcpuFill fills the text fields and radio groups of doc through
// pdfcpu's form filling, as a user of pdfcpu would.
func pdfcpuFill(t *testing.T, doc []byte, texts, radios map[string]string) []byte {
	t.Helper()
	var f pdfcpuform.Form
	for name, v := range texts {
		f.TextFields = append(f.TextFields, &pdfcpuform.TextField{Name: name, Value: v})
	}
	for name, v := range radios {
		f.RadioButtonGroups = append(f.RadioButtonGroups, &pdfcpuform.RadioButtonGroup{Name: name, Value: v})
	}
	slices.SortFunc(f.TextFields, func(a, b *pdfcpuform.TextField) int { return strings.Compare(a.Name, b.Name) })
	js, err := json.Marshal(pdfcpuform.FormGroup{Forms: []pdfcpuform.Form{f}})
	if err != nil {
		t.Fatal(err)
	}
	// pdfcpu draws filled fields in a font of its configuration folder, as
	// it would for a user: here a new folder, not the home's.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	prev := model.ConfigPath
	model.ConfigPath = ""
	defer func() { model.ConfigPath = prev }()
	var out bytes.Buffer
	if err := api.FillForm(bytes.NewReader(doc), bytes.NewReader(js), &out, nil); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// BenchmarkRead imports a filled form (the budget: 50 ms).
func BenchmarkRead(b *testing.B) {
	a := example(b, "brinumins-community-lv.yaml")
	doc := fillable(b, contenttest.Language(b, a.Language), a.Form, a)
	bd := contenttest.Bundle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Read(doc, bd); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWorkshopDates checks the next review as a person may type it: as
// YYYY-MM-DD, as the form's language prints dates, or not a date at all,
// which is refused with one line naming the field.
func TestWorkshopDates(t *testing.T) {
	cases := []struct {
		lang, typed string
		want        answers.Date
		err         string
	}{
		{"lv", "2027-05-01", answers.Date{Year: 2027, Month: 5, Day: 1}, ""},
		{"lv", " 1.5.2027. ", answers.Date{Year: 2027, Month: 5, Day: 1}, ""},
		{"lv", "01.05.2027", answers.Date{Year: 2027, Month: 5, Day: 1}, ""},
		{"en", "01/05/2027", answers.Date{Year: 2027, Month: 5, Day: 1}, ""},
		{"lv", "maijā", answers.Date{}, `workshop, next review ("Nākamā pārskatīšana" on the form): "maijā" is not a date; allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD`},
		{"lv", "30.02.2027.", answers.Date{}, `workshop, next review ("Nākamā pārskatīšana" on the form): "30.02.2027." is not a real calendar date; allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD`},
		{"en", "2027-13-01", answers.Date{}, `workshop, next review ("Next review" on the form): impossible date "2027-13-01": there is no month 13; allowed: a real calendar date as YYYY-MM-DD`},
		{"en", "1 May 2027", answers.Date{}, `workshop, next review ("Next review" on the form): "1 May 2027" is not a date; allowed: a date as dd/mm/yyyy, e.g. 27/11/2026, or as YYYY-MM-DD`},
		{"en", "15/05/2027", answers.Date{Year: 2027, Month: 5, Day: 15}, ""},
		{"lv", "2027.05.15", answers.Date{Year: 2027, Month: 5, Day: 15}, ""},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.typed, func(t *testing.T) {
			got, err := readEdited(t, contenttest.Language(t, c.lang), &answers.File{Form: content.Community}, func(fields map[string]*field) {
				fields[form.NextReviewField].value = c.typed
			})
			if c.err != "" {
				var e *Error
				if !errors.As(err, &e) || e.Msg != c.err {
					t.Fatalf("got %v, %v; want the error %q", got, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Workshop != (answers.Workshop{NextReview: c.want}) {
				t.Errorf("workshop %+v, want next review %v", got.Workshop, c.want)
			}
		})
	}
}

// TestWithoutWorkshopFields reads a form of the same version made before
// the workshop lines were fields: it has none of them and its workshop is
// empty; one made before the notes were a field has the other three. A
// form with some of those three only is refused.
func TestWithoutWorkshopFields(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "brinumins-community-lv.yaml")
	a.Workshop = testWorkshop
	read := func(drop ...string) (*answers.File, error) {
		return readEdited(t, lang, a, func(fields map[string]*field) {
			for _, name := range drop {
				delete(fields, name)
			}
		})
	}
	got, err := read(form.FacilitatorField, form.NextReviewField, form.ParticipantsField, form.NotesField)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Workshop.IsZero() || got.Organisation != a.Organisation {
		t.Errorf("workshop %+v, organisation %+v", got.Workshop, got.Organisation)
	}
	// A form made before the notes were a field, with the other three.
	got, err = read(form.NotesField)
	if err != nil {
		t.Fatal(err)
	}
	if w := testWorkshop; got.Workshop != (answers.Workshop{Facilitator: w.Facilitator, NextReview: w.NextReview, Participants: w.Participants}) {
		t.Errorf("a form without the notes field: workshop %+v", got.Workshop)
	}
	if _, err := read(form.NextReviewField); err == nil || !strings.Contains(err.Error(), "the form has no field workshop_next_review") {
		t.Errorf("a form with two of the three workshop fields: %v", err)
	}
	// A newer form, with a field this roadmap does not know, is refused,
	// never read without it.
	_, err = readEdited(t, lang, a, func(fields map[string]*field) {
		fields["workshop_venue"] = &field{kind: "Tx", value: "Talsi"}
	})
	if want := "the form has a field workshop_venue that this roadmap's community form does not have: it was made from other content (a different version of the roadmap)"; err == nil || err.Error() != want {
		t.Errorf("a form with an unknown field: %v; want %q", err, want)
	}
}

// readEdited reads the fields of the fillable form filled from a, changes
// them with edit as a reader's user would, and turns them into answers.
func readEdited(t *testing.T, lang *content.Language, a *answers.File, edit func(map[string]*field)) (*answers.File, error) {
	t.Helper()
	fields, err := readFields(fillable(t, lang, a.Form, a))
	if err != nil {
		t.Fatal(err)
	}
	edit(fields)
	return (&reader{fields: fields, lang: lang, f: a.Form}).answers()
}

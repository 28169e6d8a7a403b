package importxlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// example returns an example answers file's bytes and its decoded answers.
func example(t *testing.T, name string) ([]byte, *answers.File) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := answers.Parse(name, data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return data, a
}

// workbook builds the workbook of plans (every plan with none given) in
// language code, pre-filled from a (nil: blank).
func workbook(t *testing.T, code string, a *answers.File, ids ...string) []byte {
	t.Helper()
	plans := sheets.Plans()
	if len(ids) > 0 {
		plans = nil
		for _, id := range ids {
			p, err := sheets.Lookup(id)
			if err != nil {
				t.Fatal(err)
			}
			plans = append(plans, p)
		}
	}
	wb, err := sheets.Build(contenttest.Language(t, code), plans, a)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// edit opens workbook wb, lets fn change it and returns it saved.
func edit(t *testing.T, wb []byte, fn func(x *excelize.File)) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fn(x)
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set sets cells of a sheet: ref, value, ref, value, ...
func set(t *testing.T, x *excelize.File, sheet string, kv ...any) {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		if err := x.SetCellValue(sheet, kv[i].(string), kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
}

func date(y int, m time.Month, d int) answers.Date { return answers.Date{Year: y, Month: m, Day: d} }

// TestMergeEdited edits the lv plans workbook of an example as a person
// would (a row added in the table and one below it, two statuses changed
// by their Latvian labels, a date typed as text, one as a date) and checks
// the answers file it gives: the rows, the untouched plans, the comments.
func TestMergeEdited(t *testing.T) {
	data, a := example(t, "brinumins-community-lv.yaml")
	wb := edit(t, workbook(t, "lv", a), func(x *excelize.File) {
		const s = "Rīcības plāns"
		set(t, x, s,
			"F2", "Izpildīts", // planned → done
			"F4", " atlikts ", // planned → postponed, as typed
			"A7", 6, "B7", "Tikšanās ar jauniešu padomi", "C7", "Laura Ozola", "D7", "Uzklausīt jauniešu idejas",
			"E7", "15.05.2027", "F7", "Procesā", "G7", "Pirmā tikšanās\r\notrā rinda",
			// below the table's 30 rows, outside its range
			"B40", "Ārpus tabulas", "E40", time.Date(2027, time.June, 1, 0, 0, 0, 0, time.UTC))
	})
	res, err := Merge("plans.xlsx", wb, "a.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed {
		t.Error("not Changed")
	}
	got := res.File.ActionPlan
	if len(got) != 7 {
		t.Fatalf("%d action-plan rows, want 7: %+v", len(got), got)
	}
	if got[0].Status != "done" || got[2].Status != "postponed" || got[1].Status != "in-progress" {
		t.Errorf("statuses %q, %q, %q; want done, in-progress, postponed", got[0].Status, got[1].Status, got[2].Status)
	}
	want := answers.Action{Activity: "Tikšanās ar jauniešu padomi", Responsible: "Laura Ozola", Goals: "Uzklausīt jauniešu idejas",
		Deadline: date(2027, time.May, 15), Status: "in-progress", Notes: "Pirmā tikšanās\notrā rinda", ID: got[5].ID}
	// Rows with a date are given an id for their calendar events.
	if got[5] != want || want.ID == "" {
		t.Errorf("added row\n%+v, want\n%+v", got[5], want)
	}
	if w := (answers.Action{Activity: "Ārpus tabulas", Deadline: date(2027, time.June, 1), ID: got[6].ID}); got[6] != w || w.ID == "" {
		t.Errorf("row below the table %+v, want %+v", got[6], w)
	}
	for i := range a.ActionPlan {
		if i == 0 || i == 2 {
			continue
		}
		if bare(got[i]) != bare(a.ActionPlan[i]) {
			t.Errorf("row %d changed: %+v, was %+v", i+1, got[i], a.ActionPlan[i])
		}
	}
	if !reflect.DeepEqual(res.File.CommunicationPlan, a.CommunicationPlan) || !slices.EqualFunc(res.File.EvaluationPlan, a.EvaluationPlan,
		func(x, y answers.Evaluation) bool { x.ID, y.ID = "", ""; return x == y }) {
		t.Error("the communication or evaluation plan changed")
	}
	if !reflect.DeepEqual(res.File.Checkpoints, a.Checkpoints) || res.File.Organisation != a.Organisation {
		t.Error("the checkpoints or the organisation changed")
	}
	// The file's comments are kept.
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(string(res.Data), strings.TrimSpace(line)) {
			t.Errorf("comment %q lost", line)
		}
	}
	if len(res.Plans) != 3 || res.Plans[0].Sheet != "Rīcības plāns" || res.Plans[0].Rows != 7 {
		t.Errorf("plans read: %+v", res.Plans)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
}

// TestMergeUnchanged reads each example's own plans workbook, and each
// single-plan workbook, back: the answers file comes back as the example
// encodes, its plans as they were.
func TestMergeUnchanged(t *testing.T) {
	for _, name := range []string{"brinumins-community-lv.yaml", "brinumins-community-en.yaml", "talsi-municipality-lv.yaml", "talsi-municipality-en.yaml"} {
		t.Run(name, func(t *testing.T) {
			data, a := example(t, name)
			lang := contenttest.Language(t, a.Language)
			want, err := answers.Encode(a, lang, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, ids := range [][]string{nil, {"action-plan"}, {"communication-plan"}, {"evaluation-plan"}} {
				res, err := Merge("plans.xlsx", workbook(t, a.Language, a, ids...), name, data, contenttest.Bundle(t))
				if err != nil {
					t.Fatal(err)
				}
				if res.Changed {
					t.Errorf("%v: Changed, with the workbook made from the answers", ids)
				}
				if !bytes.Equal(res.Data, want) {
					t.Errorf("%v: the answers file changed:\n%s", ids, res.Data)
				}
				if n := len(res.Plans); ids == nil && n != 3 || ids != nil && n != 1 {
					t.Errorf("%v: %d plans read", ids, n)
				}
			}
		})
	}
}

// TestMergeKeepsText reads back text a workbook stores escaped or a
// spreadsheet might take for something else.
func TestMergeKeepsText(t *testing.T) {
	data, a := example(t, "talsi-municipality-en.yaml")
	a.ActionPlan = []answers.Action{
		{Activity: "=SUM(1)", Responsible: "_x0041_ and _x", Goals: "+20 %", Notes: "line one\nline two"},
		{Activity: "@Laura", Responsible: "-", Goals: "'quoted'", Status: "cancelled"},
	}
	res, err := Merge("plans.xlsx", workbook(t, "en", a, "action-plan"), "a.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.File.ActionPlan, a.ActionPlan) {
		t.Errorf("got\n%+v\nwant\n%+v", res.File.ActionPlan, a.ActionPlan)
	}
}

// TestMergeBlank reads a blank workbook into an answers file: a plan
// sheet with no rows empties that plan; a plan the workbook does not hold
// is left as it was.
func TestMergeBlank(t *testing.T) {
	data, a := example(t, "talsi-municipality-lv.yaml")
	res, err := Merge("action-plan.xlsx", workbook(t, "lv", nil, "action-plan"), "a.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.File.ActionPlan) != 0 {
		t.Errorf("%d action-plan rows from a blank sheet", len(res.File.ActionPlan))
	}
	if len(a.CommunicationPlan) == 0 || !reflect.DeepEqual(res.File.CommunicationPlan, a.CommunicationPlan) {
		t.Error("the communication plan, not in the workbook, changed")
	}
}

// TestMergeErrors checks that what cannot be read is named with its sheet
// and cell, every problem at once, and that a workbook that is not a plans
// workbook in the answers' language is refused with one clear message.
func TestMergeErrors(t *testing.T) {
	data, a := example(t, "brinumins-community-lv.yaml")
	lv := workbook(t, "lv", a)
	const allowed = "allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD"
	other := excelize.NewFile()
	set(t, other, "Sheet1", "A1", "Name", "B1", "Phone")
	notPlans, err := other.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		wb   []byte
		want []string
	}{
		{"bad date", edit(t, lv, func(x *excelize.File) {
			set(t, x, "Rīcības plāns", "B7", "Jauna", "E7", "31.02.2027")
		}), []string{`plans.xlsx: sheet "Rīcības plāns", cell E7: "31.02.2027" is not a real calendar date; ` + allowed}},
		{"every problem", edit(t, lv, func(x *excelize.File) {
			set(t, x, "Rīcības plāns", "F3", "Pabeigts", "E5", "next week", "E6", "15.05.27")
			set(t, x, "Izvērtēšanas plāns", "D2", "Zīlēšana", "B3", 46522.5)
		}), []string{
			`plans.xlsx: sheet "Rīcības plāns", cell F3: "Pabeigts" is not a value of column "Statuss"; allowed: Plānots, Procesā, Izpildīts, Atlikts, Atcelts`,
			`plans.xlsx: sheet "Rīcības plāns", cell E5: "next week" is not a date; ` + allowed,
			`plans.xlsx: sheet "Rīcības plāns", cell E6: "15.05.27" is not a date: write the year with four digits; ` + allowed,
			`plans.xlsx: sheet "Izvērtēšanas plāns", cell D2: "Zīlēšana" is not a value of column "Metode"; allowed: `,
			`plans.xlsx: sheet "Izvērtēšanas plāns", cell B3: 15.05.2027. 12:00 has a time of day; allowed: a date alone`,
		}},
		{"too long", edit(t, lv, func(x *excelize.File) {
			set(t, x, "Komunikācijas plāns", "A3", strings.Repeat("vārds ", 60))
		}), []string{`plans.xlsx: sheet "Komunikācijas plāns", cell A3: "What is communicated" (topic) is too long: 359 characters; allowed: at most 300 characters`}},
		{"other language", workbook(t, "en", a), []string{
			`plans.xlsx: the workbook's plans are in language en, the answers file's are in lv; allowed: a workbook in the answers file's language (roadmap sheet action-plan --answers FILE makes one)`}},
		{"not plans", notPlans.Bytes(), []string{
			`plans.xlsx: not a plans workbook made by roadmap: no sheet's first row holds the columns of a plan in language lv; allowed: a workbook made by "roadmap sheet" or "roadmap pack", such as one whose first row is "Nr.", "Aktivitāte / Darbība", "Atbildīgā persona", "Mērķi(s)", "Termiņš", "Statuss", "Piezīmes"`}},
		{"header changed", edit(t, lv, func(x *excelize.File) {
			set(t, x, "Rīcības plāns", "C1", "Kas")
		}), []string{`plans.xlsx: sheet "Rīcības plāns": cell C1 is "Kas" where the plan's column "Atbildīgā persona" is; allowed: the plan's columns in their order, "Nr.", "Aktivitāte / Darbība", "Atbildīgā persona", "Mērķi(s)", "Termiņš", "Statuss", "Piezīmes"`}},
		{"copied sheet", edit(t, lv, func(x *excelize.File) {
			i, err := x.NewSheet("Kopija")
			if err != nil {
				t.Fatal(err)
			}
			if err := x.CopySheet(0, i); err != nil {
				t.Fatal(err)
			}
		}), []string{`plans.xlsx: sheets "Rīcības plāns" and "Kopija" both hold the plan "Rīcības plāns"; allowed: one sheet per plan (delete or rename the other)`}},
		{"not a workbook", []byte("%PDF-1.7\n"), []string{`plans.xlsx: not an Excel workbook (.xlsx)`}},
		{"xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), []string{`plans.xlsx: an old-style Excel workbook (.xls) or a workbook with a password; allowed: a workbook saved as .xlsx (Excel Workbook) without a password`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Merge("plans.xlsx", c.wb, "a.yaml", data, contenttest.Bundle(t))
			if err == nil {
				t.Fatalf("no error; answers:\n%s", res.Data)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(lines), len(c.want), err)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d:\n got %s\nwant %s", i+1, lines[i], w)
				}
			}
		})
	}
}

// TestMergeExtraColumn warns of a column the plans do not have, whose
// cells are not read.
func TestMergeExtraColumn(t *testing.T) {
	data, a := example(t, "brinumins-community-lv.yaml")
	wb := edit(t, workbook(t, "lv", a), func(x *excelize.File) {
		set(t, x, "Rīcības plāns", "H1", "Budžets", "H2", "500 EUR")
	})
	res, err := Merge("plans.xlsx", wb, "a.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	// In the answers file's language, Latvian.
	want := []string{`plans.xlsx: lapa „Rīcības plāns“: kolonna H („Budžets“) nav plāna kolonna; tās šūnas netiek nolasītas`}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.In("en"))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
}

// TestParseTextDate reads dates typed as text the ways people write them.
func TestParseTextDate(t *testing.T) {
	lv, en, sv := contenttest.Language(t, "lv"), contenttest.Language(t, "en"), contenttest.Language(t, "sv")
	may15 := date(2027, time.May, 15)
	for _, c := range []struct {
		lang *content.Language
		in   string
	}{
		{lv, "15.05.2027"}, {lv, "15.05.2027."}, {lv, "15/05/2027"}, {lv, "2027-05-15"}, {lv, " 15.5.2027 "}, {lv, "15. 05. 2027."},
		{en, "15/05/2027"}, {en, "15.05.2027"}, {en, "2027-05-15"},
		{sv, "2027-05-15"}, {sv, "15.05.2027"}, {sv, "2027.05.15"},
	} {
		got, err := roadmap.ParseDate(c.lang, c.in)
		if err != nil || got != may15 {
			t.Errorf("%s %q = %v, %v; want 2027-05-15", c.lang.DateLayout(), c.in, got, err)
		}
	}
	for in, want := range map[string]string{
		"31.02.2027": `"31.02.2027" is not a real calendar date; allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD`,
		"05/15/2027": `"05/15/2027" is not a real calendar date; allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD`,
		"15.05.2300": `"15.05.2300" is out of range; allowed: a date from 01.01.1900. to 31.12.2199.`,
		"maijs":      `"maijs" is not a date; allowed: a date as dd.mm.yyyy., e.g. 27.11.2026., or as YYYY-MM-DD`,
	} {
		if _, err := roadmap.ParseDate(lv, in); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %s", in, err, want)
		}
	}
}

// TestIsDateFormat tells number formats that show dates from the others.
func TestIsDateFormat(t *testing.T) {
	for _, c := range []struct {
		id   int
		code string
		want bool
	}{
		{14, "", true}, {0, "", false}, {2, "", false}, {49, "", false}, {20, "", false},
		{164, `dd\.mm\.yyyy\.`, true}, {164, `DD.MM.YYYY`, true}, {164, `[$-426]dd/mm/yyyy`, true},
		{164, `0.00"days"`, false}, {164, `h:mm`, false}, {164, `#,##0\ "d"`, false},
	} {
		if got := isDateFormat(c.id, c.code); got != c.want {
			t.Errorf("isDateFormat(%d, %q) = %v, want %v", c.id, c.code, got, c.want)
		}
	}
}

// FuzzMerge feeds Merge damaged workbooks: it must return an error or a
// valid answers file, never panic.
func FuzzMerge(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-lv.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	b := contenttest.Bundle(f)
	a, err := answers.Parse("a.yaml", data, b)
	if err != nil {
		f.Fatal(err)
	}
	wb, err := sheets.Build(contenttest.Language(f, "lv"), sheets.Plans(), a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(wb)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, wb []byte) {
		res, err := Merge("plans.xlsx", wb, "a.yaml", data, b)
		if err != nil {
			return
		}
		if _, err := answers.Parse("a.yaml", res.Data, b); err != nil {
			t.Fatalf("Merge returned an answers file that does not parse: %v", err)
		}
	})
}

// FuzzParseTextDate: a date typed as text is a valid date or an error.
func FuzzParseTextDate(f *testing.F) {
	for _, s := range []string{"15.05.2027", "15.05.2027.", "2027-05-15", "31.02.2027", "1/1/1", "99999.1.1"} {
		f.Add(s)
	}
	lv := contenttest.Language(f, "lv")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := roadmap.ParseDate(lv, s)
		if err == nil && !d.IsZero() {
			if _, err := answers.ParseDate(d.String()); err != nil {
				t.Fatalf("%q gave %v, not a valid date: %v", s, d, err)
			}
		}
	})
}

// bare is row r without its id (the calendar identity a dated row is
// given when it is written).
func bare(r answers.Action) answers.Action {
	r.ID = ""
	return r
}

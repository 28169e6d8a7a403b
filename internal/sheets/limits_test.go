package sheets

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// long returns the hostile answers of issue 15: a contact of 32 lines, a
// 5,000-character word, a 10,000-character organisation name and an activity
// longer than Excel's 32,767-character cell.
func long() *answers.File {
	var contact []string
	for i := range 32 {
		contact = append(contact, "Kontaktpersona "+strings.Repeat("ā", i%5+1)+" tālr. +371 20 000 0"+string(rune('0'+i%10)))
	}
	return &answers.File{
		Form:     content.Community,
		Language: "lv",
		Organisation: answers.Organisation{
			Name:    strings.Repeat("Biedrība ", 1112)[:10000],
			Partner: strings.Join(contact, "\n"),
			Contact: strings.Join(contact, "\n"),
		},
		ActionPlan: []answers.Action{
			{Activity: strings.Repeat("x", 5000), Responsible: strings.Join(contact, "\n"), Status: "planned"},
			{Activity: words("garš", 5000), Notes: "pēc tam"}, // 40,000 characters
		},
	}
}

// cellsText returns the text of the cells of column col of a sheet from row
// first on, joined in row order with sep, up to the first row whose cell in
// column stop is set (the next logical row), or to the end.
func cellsText(t *testing.T, f *excelize.File, sheet string, col, first, stop int, sep string) (string, int) {
	t.Helper()
	var parts []string
	row := first
	for ; ; row++ {
		if row > first && stop > 0 {
			if v, _ := f.GetCellValue(sheet, cell(stop, row)); v != "" {
				break
			}
		}
		v, _ := f.GetCellValue(sheet, cell(col, row))
		if v == "" && row > first {
			if next, _ := f.GetCellValue(sheet, cell(col, row+1)); next == "" {
				break
			}
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, sep), row - first
}

// TestLongValues builds the workbooks of answers with the longest values
// validate accepts and more: none fails (excelize refuses a row over 409
// points), no row is over Excel's 409 points, no cell over Excel's 32,767
// characters, and every value is whole in the cells: one too long for a row
// is split at the start of a line into the rows that follow, never cut.
func TestLongValues(t *testing.T) {
	a := long()
	l := lang(t, "lv")
	data, err := Build(l, Plans(), a)
	if err != nil {
		t.Fatalf("the workbook of long values fails: %v", err)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if h, _ := f.GetRowHeight(sheet, i+1); h > maxRowHeight {
				t.Errorf("%s row %d is %v points high, over Excel's %v", sheet, i+1, h, maxRowHeight)
			}
			for j, v := range r {
				if n := len(utf16.Encode([]rune(v))); n > 32767 {
					t.Errorf("%s!%s holds %d characters, over Excel's 32,767", sheet, cell(j+1, i+1), n)
				}
			}
		}
	}
	// The 5,000-character word: split between letters, whole when joined.
	word, span := cellsText(t, f, "Rīcības plāns", 2, 2, 1, "")
	if word != a.ActionPlan[0].Activity {
		t.Errorf("the 5,000-character word reads back as %d characters over %d rows", len(word), span)
	}
	if span < 2 {
		t.Errorf("the 5,000-character word is in %d row, want it split over rows", span)
	}
	if v, _ := f.GetCellValue("Rīcības plāns", cell(1, 2+span)); v != "2" {
		t.Errorf("the second action starts at row %d with number %q, want 2", 2+span, v)
	}
	// The 32-line contact beside it: whole, lines joined by line breaks.
	if got, _ := cellsText(t, f, "Rīcības plāns", 3, 2, 1, "\n"); strings.TrimRight(got, "\n") != a.ActionPlan[0].Responsible {
		t.Errorf("the 32-line responsible reads back as %q", got)
	}
	// The 40,000-character activity: split at spaces, whole when joined.
	if got, _ := cellsText(t, f, "Rīcības plāns", 2, 2+span, 1, " "); got != a.ActionPlan[1].Activity {
		t.Errorf("the 40,000-character activity reads back as %d characters, want %d", len(got), len(a.ActionPlan[1].Activity))
	}
	// The instructions: the organisation's name and contact whole.
	rows, _ := f.GetRows("Norādījumi")
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, ""))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{strings.TrimSpace(a.Organisation.Name[:9990]), a.Organisation.Contact[len(a.Organisation.Contact)-200:]} {
		if !strings.Contains(strings.ReplaceAll(text, "\n", " "), strings.ReplaceAll(want, "\n", " ")) {
			t.Errorf("the instructions lack %.60q…", want)
		}
	}
}

// TestOOXMLText checks that text OOXML would read as an escape reads back as
// written: _x000D_ stays seven characters, not a carriage return; an escaped
// escape stays as typed; control characters are kept.
func TestOOXMLText(t *testing.T) {
	for _, s := range []string{"_x000D_", "a_x000D_b_x0041_", "_x005F_x000D_", "_x005f_", "__x0009__", "_x00G0_", "bell\x07 and\x01", "tab\tline\nend"} {
		a := &answers.File{ActionPlan: []answers.Action{{Activity: s}}}
		f := open(t, lang(t, "en"), []Plan{plan(t, "action-plan")}, a)
		if got, _ := f.GetCellValue("Action plan", "B2"); got != s {
			t.Errorf("%q reads back as %q", s, got)
		}
	}
	if got := cellText("_x000D_ and _x005F_x0041_"); got != "_x005F_x000D_ and _x005F_x005F_x005F_x0041_" {
		t.Errorf("cellText = %q", got)
	}
	// The page header, where the organisation's name is shown, keeps it as
	// written: LibreOffice prints it so (TestPrintedWorkbooks).
	a := &answers.File{Organisation: answers.Organisation{Name: "A_x000D_B & C"}}
	f := open(t, lang(t, "en"), []Plan{plan(t, "action-plan")}, a)
	if hf, err := f.GetHeaderFooter("Action plan"); err != nil || !strings.HasSuffix(hf.OddHeader, "A_x000D_B && C") {
		t.Errorf("page header = %q (%v), want the name as written, & doubled", hf.OddHeader, err)
	}
}

// TestDatesOutsideSpreadsheets checks that a date no spreadsheet can show
// as a date (before March 1900, after 9999) is written as text in the
// language's format, never as a serial number that shows another date.
func TestDatesOutsideSpreadsheets(t *testing.T) {
	a := &answers.File{ActionPlan: []answers.Action{
		{Activity: "a", Deadline: answers.Date{Year: 1, Month: 1, Day: 3}},
		{Activity: "b", Deadline: answers.Date{Year: 1900, Month: 2, Day: 28}},
		{Activity: "c", Deadline: answers.Date{Year: 1900, Month: 3, Day: 1}},
		{Activity: "d", Deadline: answers.Date{Year: 9999, Month: 12, Day: 31}},
		{Activity: "e", Deadline: answers.Date{Year: 10000, Month: 1, Day: 1}},
	}}
	f := open(t, lang(t, "lv"), []Plan{plan(t, "action-plan")}, a)
	for i, c := range []struct {
		shown string
		typ   excelize.CellType
	}{
		{"03.01.0001.", excelize.CellTypeSharedString},
		{"28.02.1900.", excelize.CellTypeSharedString},
		{"01.03.1900.", excelize.CellTypeUnset},
		{"31.12.9999.", excelize.CellTypeUnset},
		{"01.01.10000.", excelize.CellTypeSharedString},
	} {
		ref := cell(5, i+2)
		got, _ := f.GetCellValue("Rīcības plāns", ref)
		typ, _ := f.GetCellType("Rīcības plāns", ref)
		if got != c.shown || typ != c.typ {
			t.Errorf("%s = %q (type %v), want %q (type %v)", ref, got, typ, c.shown, c.typ)
		}
	}
}

package overview

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// TestWorkbookKit checks that the overview workbook is written as the plans'
// workbooks are: a text that looks like OOXML's _xHHHH_ escape reads back as
// written, a date before March 1900 (which a spreadsheet would show as
// another day) is written as its text, and the cells take the theme's type
// size and text colour.
func TestWorkbookKit(t *testing.T) {
	lang := contenttest.Language(t, "en")
	a := &answers.File{Form: content.Community, Language: "en", Path: "a.yaml",
		Organisation: answers.Organisation{Name: "NGO _x0041_ Ltd"},
		ActionPlan: []answers.Action{{Activity: "Found the society", Deadline: answers.Date{Year: 1899, Month: 5, Day: 1}},
			{Activity: "Meet", Deadline: answers.Date{Year: 2027, Month: 3, Day: 1}}}}
	th := pdf.DefaultTheme()
	th.Type.Body = 11
	data, err := Build(lang, []*answers.File{a}, nil, answers.Date{Year: 2027, Month: 1, Day: 1}).
		Workbook(WorkbookOptions{Theme: &th, Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := SheetName(lang.Label(SheetActions))
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %q: %v", rows, err)
	}
	if rows[1][1] != "NGO _x0041_ Ltd" {
		t.Errorf("the organisation reads %q; want it as written", rows[1][1])
	}
	if rows[1][0] != lang.FormatDate(time.Date(1899, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a date of 1899 reads %q; want its text", rows[1][0])
	}
	if typ, _ := f.GetCellType(sheet, "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("the date of 1899 is a cell of type %v, not a text", typ)
	}
	id, err := f.GetCellStyle(sheet, "E3")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || st.Font.Size != 11 || st.Font.Color != "FF"+hexOf(th.Colors.Text) && st.Font.Color != hexOf(th.Colors.Text) {
		t.Errorf("a cell's font %+v; want the theme's 11 pt in %s", st.Font, hexOf(th.Colors.Text))
	}
}

func hexOf(c pdf.Color) string {
	const digits = "0123456789ABCDEF"
	b := []byte{digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15]}
	return string(b)
}

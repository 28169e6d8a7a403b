package directory

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// Column is a column of the directory's workbook: the label key of its
// header, its width (in the widths of a digit), and its text for an entry.
type Column struct {
	Label string
	Width float64
	Text  func(d *Directory, e *Entry) string
}

// Columns are the workbook's columns, in order.
var Columns = []Column{
	{"directory.col.name", 24, func(_ *Directory, e *Entry) string { return e.Name }},
	{"directory.col.field", 20, (*Directory).FieldsText},
	{"directory.col.target", 22, func(_ *Directory, e *Entry) string { return e.TargetGroups }},
	{"directory.col.area", 16, func(_ *Directory, e *Entry) string { return e.Area }},
	{"directory.col.contact", 22, func(_ *Directory, e *Entry) string { return e.Contact }},
	{"directory.col.email", 24, func(_ *Directory, e *Entry) string { return e.Email }},
	{"directory.col.phone", 15, func(_ *Directory, e *Entry) string { return e.Phone }},
	{"directory.col.website", 26, func(_ *Directory, e *Entry) string { return e.Website }},
	{"directory.col.programmes", 28, func(_ *Directory, e *Entry) string { return e.Programmes }},
	{"directory.col.cooperation", 26, (*Directory).CooperationText},
	{"directory.col.sources", 26, func(_ *Directory, e *Entry) string { return strings.Join(e.Sources, "\n") }},
}

// maxCellChars is the most characters Excel shows in a cell.
const maxCellChars = 32767

// WorkbookOptions are the settings of Workbook.
type WorkbookOptions struct {
	// Theme gives the workbook its paper, type size and colours, as the
	// plans' workbooks take them; the zero Theme means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the workbook's creation date (never the clock).
	Date time.Time
}

// Workbook writes the directory as an Excel workbook: one sheet, a row per
// organisation under a frozen header row with filters, the texts wrapped
// and every row as high as its text, e-mail addresses and websites as
// links, printed landscape fitted to the page's width with the header row
// on every page and, in the footer, that it holds personal data. Every text
// is a string cell, never a formula.
func (d *Directory) Workbook(o WorkbookOptions) ([]byte, error) {
	th := o.Theme.OrDefault()
	l := d.Lang
	pt := th.Type.Body
	f := excelize.NewFile()
	defer f.Close()
	var firstErr error
	check := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	sheet := sheets.SheetName(l.Label("directory.sheet"))
	check(f.SetSheetName("Sheet1", sheet))

	c := th.Colors
	rule := sheets.Hex(c.Rule)
	border := []excelize.Border{
		{Type: "left", Color: rule, Style: 1}, {Type: "right", Color: rule, Style: 1},
		{Type: "top", Color: rule, Style: 1}, {Type: "bottom", Color: rule, Style: 1},
	}
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		check(err)
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	head := style(excelize.Style{Font: &excelize.Font{Family: sheets.FontName, Size: pt, Bold: true, Color: sheets.Hex(c.BandText)},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sheets.Hex(c.Accent)}}, Border: border, Alignment: top})
	body := style(excelize.Style{Font: &excelize.Font{Family: sheets.FontName, Size: pt, Color: sheets.Hex(c.Text)}, Border: border, Alignment: top})
	name := style(excelize.Style{Font: &excelize.Font{Family: sheets.FontName, Size: pt, Bold: true, Color: sheets.Hex(c.Text)}, Border: border, Alignment: top})
	link := style(excelize.Style{Font: &excelize.Font{Family: sheets.FontName, Size: pt, Color: sheets.Hex(c.Accent), Underline: "single"}, Border: border, Alignment: top})

	cell := func(col, row int) string {
		n, _ := excelize.CoordinatesToCellName(col, row)
		return n
	}
	lines := 1
	for i, col := range Columns {
		h := l.Label(col.Label)
		check(f.SetCellStr(sheet, cell(i+1, 1), sheets.CellText(h)))
		letter, _ := excelize.ColumnNumberToName(i + 1)
		check(f.SetColWidth(sheet, letter, letter, col.Width))
		lines = max(lines, sheets.Lines(h, pt, true, col.Width))
	}
	check(f.SetCellStyle(sheet, cell(1, 1), cell(len(Columns), 1), head))
	check(f.SetRowHeight(sheet, 1, sheets.RowHeight(lines, pt)))
	for r, e := range d.Entries {
		row := r + 2
		lines := 1
		for i, col := range Columns {
			s := col.Text(d, e)
			if utf8.RuneCountInString(s) > maxCellChars {
				s = string([]rune(s)[:maxCellChars-1]) + "…"
			}
			if s != "" {
				check(f.SetCellStr(sheet, cell(i+1, row), sheets.CellText(s)))
			}
			lines = max(lines, sheets.Lines(s, pt, i == 0, col.Width))
		}
		check(f.SetCellStyle(sheet, cell(1, row), cell(len(Columns), row), body))
		check(f.SetCellStyle(sheet, cell(1, row), cell(1, row), name))
		if u := mailto(e.Email); u != "" {
			check(f.SetCellHyperLink(sheet, cell(6, row), u, "External"))
			check(f.SetCellStyle(sheet, cell(6, row), cell(6, row), link))
		}
		if u := web(e.Website); u != "" {
			check(f.SetCellHyperLink(sheet, cell(8, row), u, "External"))
			check(f.SetCellStyle(sheet, cell(8, row), cell(8, row), link))
		}
		check(f.SetRowHeight(sheet, row, sheets.RowHeight(lines, pt)))
	}
	first := cell(2, 2)
	check(f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: first, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomRight"}},
	}))
	last := cell(len(Columns), max(len(d.Entries)+1, 2))
	check(f.AutoFilter(sheet, "A1:"+last, nil))

	// print: landscape, fitted to the page's width, the header row on
	// every page, the title and that it holds personal data in the margins
	size, orient, one, zero, fit := 9, "landscape", 1, 0, true
	if th.Paper == paper.Letter {
		size = 1
	}
	check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	side, tb, hf := 0.4, 0.75, 0.3
	check(f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}))
	pages := strings.NewReplacer("&", "&&", "{page}", "&P", "{pages}", "&N").Replace(l.Label("page.footer"))
	header := "&L&\"Arial,Bold\"&11" + headerText(l.Label("directory.title"), 70) +
		"&R&\"Arial,Regular\"&9" + headerText(l.Format("directory.count", "n", fmt.Sprint(len(d.Entries))), 40)
	footer := "&L&\"Arial,Regular\"&8" + headerText(l.Label("directory.personal"), 160) + "&R&\"Arial,Regular\"&8" + pages
	check(f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	// the source files are for the one who keeps the directory: on screen,
	// not on paper
	col, _ := excelize.ColumnNumberToName(len(Columns) - 1)
	_, row, _ := excelize.SplitCellName(last)
	check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, col, row), Scope: sheet}))
	check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: q + "!$1:$1", Scope: sheet}))

	created := o.Date.UTC().Format(time.RFC3339)
	check(f.SetDocProps(&excelize.DocProperties{
		Title: l.Label("directory.title"), Subject: l.Title, Creator: "roadmap", LastModifiedBy: "roadmap",
		Language: l.Code, Created: created, Modified: created,
	}))
	if firstErr != nil {
		return nil, fmt.Errorf("making the directory workbook: %w", firstErr)
	}
	data, err := sheets.Write(f, pt)
	if err != nil {
		return nil, fmt.Errorf("writing the directory workbook: %w", err)
	}
	return data, nil
}

// headerText escapes s for a page header or footer and shortens it to n
// characters.
func headerText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// mailto returns the mailto: link of e-mail address s, or "" when s is not
// one address.
func mailto(s string) string {
	if strings.ContainsAny(s, " \t\n,;<>\"") || strings.Count(s, "@") != 1 || strings.HasPrefix(s, "@") || strings.HasSuffix(s, "@") {
		return ""
	}
	return "mailto:" + s
}

// web returns website s as a link when it is an http(s) address (or one
// without its scheme, "www.example.lv"), else "".
func web(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n\"<>") {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.Contains(u.Host, ".") {
		return ""
	}
	return u.String()
}

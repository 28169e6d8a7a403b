package overview

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// The workbook's sheets, by the label key of their names, in order.
const (
	SheetOrganisations = "overview.sheet.organisations"
	SheetMatrix        = "overview.sheet.matrix"
	SheetOptions       = "overview.sheet.options"
	SheetActions       = "overview.sheet.actions"
	SheetCommunication = "overview.sheet.communication"
	SheetEvaluations   = "overview.sheet.evaluations"
	SheetAnswers       = "overview.sheet.answers"
	SheetProblems      = "overview.sheet.problems"
)

// Sheets lists the label keys of the workbook's sheet names, in order.
var Sheets = []string{SheetOrganisations, SheetMatrix, SheetOptions, SheetActions, SheetCommunication, SheetEvaluations, SheetAnswers, SheetProblems}

// planSheets are the sheets of the plans' rows, each the label key of its
// name by plan.
var planSheets = map[*roadmap.Plan]string{
	roadmap.ActionPlan: SheetActions, roadmap.CommunicationPlan: SheetCommunication, roadmap.EvaluationPlan: SheetEvaluations,
}

// maxCellChars is the most characters Excel shows in a cell.
const maxCellChars = 32767

// WorkbookOptions are the settings of Workbook.
type WorkbookOptions struct {
	Paper paper.Size
	// Theme gives the workbook its type size and colours, as the plans'
	// workbooks take them; nil means the built-in theme.
	Theme *pdf.Theme
	// Date is the workbook's creation date (never the clock).
	Date time.Time
}

// Workbook writes the report as an Excel workbook: one sheet per view
// (Sheets), each with a frozen, filtered header row and a print set-up.
// Every text from the answers is a string cell, never a formula.
func (r *Report) Workbook(o WorkbookOptions) ([]byte, error) {
	if o.Theme == nil {
		th := pdf.DefaultTheme()
		o.Theme = &th
	}
	w := &workbook{r: r, l: r.Lang, f: excelize.NewFile(), o: o, pt: o.Theme.Type.Body}
	defer w.f.Close()
	w.styles()
	w.organisations()
	w.matrix()
	w.options()
	for _, p := range roadmap.Plans {
		w.plan(p)
	}
	w.answers()
	w.problems()
	w.props()
	if w.err != nil {
		return nil, fmt.Errorf("making the overview workbook: %w", w.err)
	}
	data, err := sheets.Write(w.f, w.pt)
	if err != nil {
		return nil, fmt.Errorf("writing the overview workbook: %w", err)
	}
	return data, nil
}

type workbook struct {
	r   *Report
	l   *content.Language
	f   *excelize.File
	o   WorkbookOptions
	pt  float64 // the type size of the cells
	err error
	st  struct {
		head, text, wrap, num, date, bold int
		status                            map[answers.Status]int
		absent                            int
		overdue, overdueDate              int
		ticked, flag                      int
	}
	first bool
}

func (w *workbook) check(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// The fills a status is known by, with its text as well (the text says it
// in grayscale too), and the overdue rows' colours; the rest of the look is
// the theme's, as in the plans' workbooks.
const (
	colourDone     = "C9E7D3"
	colourProgress = "FBE3B5"
	colourNotYet   = "FFFFFF"
	colourNA       = "E4E6E8"
	colourAbsent   = "F4F6F7"
	colourOverdue  = "F8D0CC"
	colourOverText = "9C1C10"
)

func (w *workbook) style(s excelize.Style) int {
	id, err := w.f.NewStyle(&s)
	w.check(err)
	return id
}

func (w *workbook) styles() {
	c := w.o.Theme.Colors
	colourText, colourRule, muted := sheets.Hex(c.Text), sheets.Hex(c.Rule), sheets.Hex(c.Muted)
	border := []excelize.Border{
		{Type: "left", Color: colourRule, Style: 1}, {Type: "right", Color: colourRule, Style: 1},
		{Type: "top", Color: colourRule, Style: 1}, {Type: "bottom", Color: colourRule, Style: 1},
	}
	font := func(bold bool, colour string) *excelize.Font {
		return &excelize.Font{Family: sheets.FontName, Size: w.pt, Bold: bold, Color: colour}
	}
	// text indented a step from the cell's left rule (sheets.Lines counts
	// the step), numbers a step from the right
	top := &excelize.Alignment{Vertical: "top", Horizontal: "left", Indent: 1, WrapText: true}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	dateFmt := sheets.DateFormat(w.l.DateLayout())
	w.st.head = w.style(excelize.Style{Font: font(true, sheets.Hex(c.BandText)), Fill: fill(sheets.Hex(c.Accent)), Border: border,
		Alignment: top})
	w.st.text = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left", Indent: 1}})
	w.st.wrap = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: top})
	w.st.bold = w.style(excelize.Style{Font: font(true, colourText), Border: border, Alignment: top})
	w.st.num = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right", Indent: 1}})
	w.st.date = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left", Indent: 1}, CustomNumFmt: &dateFmt})
	w.st.status = map[answers.Status]int{}
	// In a fixed order: styles are numbered as they are made, and the
	// workbook must be the same bytes for the same answers.
	for _, sc := range []struct {
		s answers.Status
		c string
	}{{answers.Done, colourDone}, {answers.InProgress, colourProgress}, {answers.NotStarted, colourNotYet}, {answers.NotApplicable, colourNA}} {
		w.st.status[sc.s] = w.style(excelize.Style{Font: font(sc.s == answers.Done, colourText), Fill: fill(sc.c), Border: border, Alignment: top})
	}
	w.st.absent = w.style(excelize.Style{Font: font(false, muted), Fill: fill(colourAbsent), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	w.st.overdue = w.style(excelize.Style{Font: font(true, colourOverText), Fill: fill(colourOverdue), Border: border, Alignment: top})
	w.st.overdueDate = w.style(excelize.Style{Font: font(true, colourOverText), Fill: fill(colourOverdue), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left", Indent: 1}, CustomNumFmt: &dateFmt})
	w.st.flag = w.style(excelize.Style{Font: font(false, muted), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	w.st.ticked = w.style(excelize.Style{Font: font(true, colourText), Fill: fill(colourDone), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
}

// sheet adds the sheet with the name of label key and returns its name.
func (w *workbook) sheet(key string) string {
	name := SheetName(w.l.Label(key))
	if !w.first {
		w.check(w.f.SetSheetName("Sheet1", name))
		w.first = true
		return name
	}
	_, err := w.f.NewSheet(name)
	w.check(err)
	return name
}

// SheetName makes s a valid worksheet name, as the plans' workbooks do
// (sheets.SheetName).
func SheetName(s string) string { return sheets.SheetName(s) }

// cell returns the name of the cell in column col and row row, from 1.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// str writes text s into a cell as a string, never a formula, cut to what
// Excel can show.
func (w *workbook) str(sheet string, col, row int, s string) {
	if s == "" {
		return
	}
	if utf8.RuneCountInString(s) > maxCellChars {
		s = string([]rune(s)[:maxCellChars-1]) + "…"
	}
	w.check(w.f.SetCellStr(sheet, cell(col, row), sheets.CellText(s)))
}

func (w *workbook) int(sheet string, col, row, n int) {
	w.check(w.f.SetCellInt(sheet, cell(col, row), int64(n)))
}

// date writes d as a date cell (a serial day number, formatted as the
// language writes dates), or as the date's text where a spreadsheet cannot
// show it as a date (before March 1900).
func (w *workbook) date(sheet string, col, row int, d answers.Date) {
	if d.IsZero() {
		return
	}
	if n, ok := sheets.Serial(d); ok {
		w.int(sheet, col, row, n)
		return
	}
	w.str(sheet, col, row, w.l.FormatDate(d.Time()))
}

func (w *workbook) styleRange(sheet string, c0, r0, c1, r1, style int) {
	if c1 < c0 || r1 < r0 {
		return
	}
	w.check(w.f.SetCellStyle(sheet, cell(c0, r0), cell(c1, r1), style))
}

// header writes the header row and the column widths, freezes the header
// (and the first cols columns), sets the filter over rows rows and the
// print set-up. A sheet too wide for a page at a readable size (a column
// per organisation, a column per step and status) prints across as many
// pages as it needs, its first columns (wide, or cols, or one) repeated on
// each; the others are fitted to the page's width.
func (w *workbook) header(sheet string, heads []string, widths []float64, rows, cols, wide int) {
	for i, h := range heads {
		w.str(sheet, i+1, 1, h)
	}
	w.styleRange(sheet, 1, 1, len(heads), 1, w.st.head)
	lines := 1
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.check(w.f.SetColWidth(sheet, col, col, wd))
		if i < len(heads) {
			lines = max(lines, w.lines(heads[i], wd))
		}
	}
	if len(heads) > len(widths) {
		first, _ := excelize.ColumnNumberToName(len(widths) + 1)
		last, _ := excelize.ColumnNumberToName(len(heads))
		wd := widths[len(widths)-1]
		w.check(w.f.SetColWidth(sheet, first, last, wd))
		for _, h := range heads[len(widths):] {
			lines = max(lines, w.lines(h, wd))
		}
	}
	w.check(w.f.SetRowHeight(sheet, 1, w.height(lines)))
	top := cell(cols+1, 2)
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	w.check(w.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: 1, TopLeftCell: top, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
	}))
	last := cell(len(heads), max(rows+1, 2))
	w.check(w.f.AutoFilter(sheet, "A1:"+last, nil))
	all := make([]float64, len(heads))
	for i := range all {
		all[i] = widths[min(i, len(widths)-1)]
	}
	w.print(sheet, last, max(wide, cols, 1), all)
}

// print sets a sheet's page: landscape, fitted to the page's width when
// its columns (widths) fit there with the type at 8 pt or more, else at the
// scale that keeps the type at 8 pt across as many pages as it needs, its
// first titleCols columns repeated on each; the header row on every page,
// the title and the sheet's own page numbers in the margins, at sizes that
// print at 8 pt or more at the sheet's scale.
func (w *workbook) print(sheet, last string, titleCols int, widths []float64) {
	size, orient := 9, "landscape"
	if w.o.Paper == paper.Letter {
		size = 1
	}
	const side = 0.4 // the page's side margins, in inches
	pageW := 297.0
	if w.o.Paper == paper.Letter {
		pageW = 279.4
	}
	scale, fit := sheets.PrintScale(widths, w.pt, pageW-2*side*25.4)
	if least, _ := sheets.PrintScale(nil, w.pt, 0); fit && scale < least+10 {
		// near the smallest scale, LibreOffice has been seen to fit a sheet
		// smaller than estimated: print it at the smallest instead
		scale, fit = least, false
	}
	first := uint(1)
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FirstPageNumber: &first}
	if fit {
		one, zero := 1, 0
		layout.FitToWidth, layout.FitToHeight = &one, &zero
		scale -= 3 // room for the program measuring a little wider
	} else {
		adjust := uint(scale)
		layout.AdjustTo = &adjust
	}
	w.check(w.f.SetPageLayout(sheet, layout))
	w.check(w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	lr, tb, hf := side, 0.75, 0.3
	w.check(w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}))
	// each sheet's pages numbered on their own, without a total, which a
	// spreadsheet program counts over every sheet printed together
	pages := strings.NewReplacer("&", "&&", "{page}", "&P").Replace(w.l.Label("page.sheet"))
	at := func(pt float64) string { return strconv.Itoa(int(math.Ceil(pt * 100 / float64(scale)))) }
	header := "&L&\"Arial,Bold\"&" + at(11) + headerText(w.l.Label("overview.title"), 70) + "&R&\"Arial,Regular\"&" + at(9) + headerText(sheet, 40)
	// the date of the overview over the funding line, the page numbers
	footer := "&L&\"Arial,Regular\"&" + at(8) + headerText(w.l.Format("overview.asof", "date", w.l.FormatDate(w.r.AsOf.Time())), 60) +
		"\n&\"Arial,Bold\"&" + at(8) + headerText(w.l.Label("funded_by"), 60) + "&R&\"Arial,Regular\"&" + at(8) + pages
	w.check(w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	col, row, _ := excelize.SplitCellName(last)
	w.check(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, col, row), Scope: sheet}))
	titles := q + "!$1:$1"
	if !fit {
		c, _ := excelize.ColumnNumberToName(titleCols)
		titles = fmt.Sprintf("%s!$A:$%s,%s", q, c, titles)
	}
	w.check(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}))
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

// lines returns the lines text s takes in a wrapped column of width wd
// (Excel's width unit, a digit of the cells' type), by the type's metrics,
// since neither Excel nor excelize grows a row to fit when the file is
// opened.
func (w *workbook) lines(s string, wd float64) int { return sheets.Lines(s, w.pt, false, wd) }

// height is the height in points of a row of n lines, at most Excel's
// tallest.
func (w *workbook) height(n int) float64 { return sheets.RowHeight(n, w.pt) }

// formName is the name of form f in the workbook.
func (w *workbook) formName(f content.Audience) string {
	return w.l.Label("overview.form." + string(f))
}

// orgRow writes organisation o's name and form into columns 1 and 2.
func (w *workbook) orgRow(sheet string, row int, o *Org) {
	w.str(sheet, 1, row, o.Name())
	w.str(sheet, 2, row, w.formName(o.File.Form))
}

func (w *workbook) organisations() {
	sheet := w.sheet(SheetOrganisations)
	l := w.l
	heads := []string{l.Label("field.organisation"), l.Label("overview.col.form"), l.Label("field.partner"),
		l.Label("field.date"), l.Label("overview.col.language"), l.Label("overview.col.file")}
	widths := []float64{32, 20, 28, 12, 9, 30}
	fixed := len(heads)
	for _, st := range l.Steps {
		for _, s := range answers.Statuses {
			heads = append(heads, l.Format("overview.col.step-status", "step", l.Format("step.label", "n", strconv.Itoa(st.Number)), "status", l.Label("status."+string(s))))
		}
	}
	for _, s := range answers.Statuses {
		heads = append(heads, l.Format("overview.col.step-status", "step", l.Label("form.progress.total"), "status", l.Label("status."+string(s))))
	}
	for range heads[fixed:] {
		widths = append(widths, 11)
	}
	for i, o := range w.r.Orgs {
		row := i + 2
		a := o.File
		w.orgRow(sheet, row, o)
		w.str(sheet, 3, row, a.Organisation.Partner)
		w.date(sheet, 4, row, a.Date)
		w.str(sheet, 5, row, a.Language)
		w.str(sheet, 6, row, a.Path)
		col := fixed + 1
		for _, c := range append(o.Steps, o.Total) {
			for _, s := range answers.Statuses {
				w.int(sheet, col, row, c.Of(s))
				col++
			}
		}
		// The file's lines may be long: one line per row, wrapped names.
		w.check(w.f.SetRowHeight(sheet, row, w.height(max(w.lines(o.Name(), 32), w.lines(a.Organisation.Partner, 28)))))
	}
	n := len(w.r.Orgs)
	w.styleRange(sheet, 1, 2, 3, n+1, w.st.wrap)
	w.styleRange(sheet, 4, 2, 4, n+1, w.st.date)
	w.styleRange(sheet, 5, 2, 6, n+1, w.st.text)
	w.styleRange(sheet, fixed+1, 2, len(heads), n+1, w.st.num)
	w.header(sheet, heads, widths, n, 1, 0)
}

// checkpoints returns every checkpoint of the roadmap with its number on
// the overview: the step's number and its place in the step (2.3).
func (w *workbook) checkpoints() (cps []*content.Checkpoint, nums []string) {
	for _, st := range w.l.Steps {
		for i := range st.Checkpoints {
			cps = append(cps, &st.Checkpoints[i])
			nums = append(nums, fmt.Sprintf("%d.%d", st.Number, i+1))
		}
	}
	return cps, nums
}

func (w *workbook) matrix() {
	sheet := w.sheet(SheetMatrix)
	l := w.l
	cps, nums := w.checkpoints()
	heads := []string{l.Label("field.organisation"), l.Label("overview.col.form")}
	for i, cp := range cps {
		heads = append(heads, nums[i]+" "+cp.Title)
	}
	absent := l.Label("overview.value.not-in-form")
	for i, o := range w.r.Orgs {
		row := i + 2
		w.orgRow(sheet, row, o)
		for j, cp := range cps {
			col := j + 3
			if !cp.Audience.Includes(o.File.Form) {
				w.str(sheet, col, row, absent)
				w.styleRange(sheet, col, row, col, row, w.st.absent)
				continue
			}
			s := o.File.Checkpoint(cp.ID).Status
			w.str(sheet, col, row, l.Label("status."+string(s)))
			w.styleRange(sheet, col, row, col, row, w.st.status[s])
		}
		w.check(w.f.SetRowHeight(sheet, row, w.height(w.lines(o.Name(), 32))))
	}
	w.styleRange(sheet, 1, 2, 2, len(w.r.Orgs)+1, w.st.wrap)
	w.header(sheet, heads, []float64{32, 20, 16}, len(w.r.Orgs), 2, 0)
}

func (w *workbook) options() {
	sheet := w.sheet(SheetOptions)
	l := w.l
	heads := []string{l.Label("overview.col.checkpoint"), l.Label("overview.col.option"), l.Label("overview.col.ticked"), l.Label("overview.col.asked")}
	for _, o := range w.r.Orgs {
		heads = append(heads, o.Name())
	}
	cps, nums := w.checkpoints()
	row := 2
	for i, cp := range cps {
		if cp.Options == nil {
			continue
		}
		for _, opt := range cp.Options.Items {
			w.str(sheet, 1, row, nums[i]+" "+cp.Title)
			w.str(sheet, 2, row, opt.Label)
			ticked, asked := 0, 0
			// The 0/1 columns: every cell framed and centred, the
			// ticked ones filled, blank where the form lacks the
			// checkpoint.
			w.styleRange(sheet, 5, row, len(w.r.Orgs)+4, row, w.st.flag)
			for j, o := range w.r.Orgs {
				if !cp.Audience.Includes(o.File.Form) {
					continue
				}
				asked++
				v := 0
				if o.File.Checkpoint(cp.ID).Ticked(opt.ID) {
					v = 1
					ticked++
					w.styleRange(sheet, j+5, row, j+5, row, w.st.ticked)
				}
				w.int(sheet, j+5, row, v)
			}
			w.int(sheet, 3, row, ticked)
			w.int(sheet, 4, row, asked)
			w.check(w.f.SetRowHeight(sheet, row, w.height(max(w.lines(nums[i]+" "+cp.Title, 30), w.lines(opt.Label, 28)))))
			row++
		}
	}
	last := row - 1
	w.styleRange(sheet, 1, 2, 2, last, w.st.wrap)
	w.styleRange(sheet, 3, 2, 4, last, w.st.num)

	w.header(sheet, heads, []float64{30, 28, 10, 10, 14}, last-1, 2, 2)
}

// plan writes the rows of plan p of every organisation: by date where the
// plan has a date column (rows without one last), the organisation, its
// form and the row's number, then every column of the plan, an overdue
// mark beside the status of a plan that tracks progress; overdue rows in
// colour as well as in words.
func (w *workbook) plan(p *roadmap.Plan) {
	sheet := w.sheet(planSheets[p])
	l := w.l
	dateCol := p.DateColumn()
	type orgRow struct {
		org *Org
		n   int
		row roadmap.Row
	}
	var rows []orgRow
	for _, o := range w.r.Orgs {
		for i, r := range p.Rows(o.File) {
			rows = append(rows, orgRow{o, i, r})
		}
	}
	if dateCol >= 0 {
		slices.SortStableFunc(rows, func(a, b orgRow) int { return compareDates(a.row[dateCol].Date, b.row[dateCol].Date) })
	}
	// the columns: [date,] organisation, form, row number, the plan's
	// other columns [with the overdue mark after the status]
	const (
		ofPlan = iota
		ofOrg
		ofForm
		ofNumber
		ofOverdue
	)
	type column struct {
		head  string
		width float64
		what  int
		col   int // the plan's column, when what is ofPlan
	}
	var cols []column
	if dateCol >= 0 {
		cols = append(cols, column{p.Label(l, p.Columns[dateCol].ID), p.Columns[dateCol].XLSX, ofPlan, dateCol})
	}
	cols = append(cols, column{l.Label("field.organisation"), 28, ofOrg, -1}, column{l.Label("overview.col.form"), 18, ofForm, -1},
		column{l.Label("sheet.action.col.nr"), 6, ofNumber, -1})
	for i, c := range p.Columns {
		if i == dateCol {
			continue
		}
		cols = append(cols, column{p.Label(l, c.ID), c.XLSX, ofPlan, i})
		if p.Tracking != nil && c.ID == p.Tracking.StatusColumn {
			cols = append(cols, column{l.Label("overview.col.overdue"), 11, ofOverdue, -1})
		}
	}
	heads, widths := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		heads[i], widths[i] = c.head, c.width
	}
	overdue := l.Label("overview.value.overdue")
	for i, r := range rows {
		row := i + 2
		late := p.Overdue(r.row, w.r.AsOf)
		lines := 1
		for j, c := range cols {
			col, style, text := j+1, w.st.wrap, ""
			switch c.what {
			case ofPlan:
				if p.Columns[c.col].Kind == roadmap.Date {
					w.date(sheet, col, row, r.row[c.col].Date)
					style = w.st.date
				} else {
					text = p.Columns[c.col].Text(l, r.row[c.col])
				}
			case ofOrg:
				text = r.org.Name()
			case ofForm:
				text = w.formName(r.org.File.Form)
			case ofNumber:
				w.int(sheet, col, row, r.n+1)
				style = w.st.num
			case ofOverdue:
				if late {
					text = overdue
				}
			}
			if text != "" {
				w.str(sheet, col, row, text)
				lines = max(lines, w.lines(text, c.width))
			}
			switch {
			case late && style == w.st.date:
				style = w.st.overdueDate
			case late && style == w.st.wrap:
				style = w.st.overdue
			}
			w.styleRange(sheet, col, row, col, row, style)
		}
		w.check(w.f.SetRowHeight(sheet, row, w.height(lines)))
	}
	w.header(sheet, heads, widths, len(rows), 0, 0)
}

func (w *workbook) answers() {
	sheet := w.sheet(SheetAnswers)
	l := w.l
	heads := []string{l.Label("overview.col.checkpoint")}
	for _, o := range w.r.Orgs {
		heads = append(heads, o.Name())
	}
	cps, nums := w.checkpoints()
	const colW = 40.0
	absent := l.Label("overview.value.not-in-form")
	for i, cp := range cps {
		row := i + 2
		w.str(sheet, 1, row, nums[i]+" "+cp.Title)
		lines := w.lines(nums[i]+" "+cp.Title, 36)
		for j, o := range w.r.Orgs {
			col := j + 2
			if !cp.Audience.Includes(o.File.Form) {
				w.str(sheet, col, row, absent)
				w.styleRange(sheet, col, row, col, row, w.st.absent)
				continue
			}
			text := strings.TrimRight(o.File.Checkpoint(cp.ID).Answer, "\n")
			w.str(sheet, col, row, text)
			lines = max(lines, w.lines(text, colW))
		}
		w.check(w.f.SetRowHeight(sheet, row, w.height(lines)))
	}
	w.styleRange(sheet, 1, 2, 1, len(cps)+1, w.st.bold)
	// Organisations' columns keep their status styles where set.
	for j, o := range w.r.Orgs {
		for i, cp := range cps {
			if cp.Audience.Includes(o.File.Form) {
				w.styleRange(sheet, j+2, i+2, j+2, i+2, w.st.wrap)
			}
		}
	}
	w.header(sheet, heads, []float64{36, colW}, len(cps), 1, 1)
}

func (w *workbook) problems() {
	sheet := w.sheet(SheetProblems)
	l := w.l
	heads := []string{l.Label("overview.col.position"), l.Label("overview.col.file"), l.Label("overview.col.line"),
		l.Label("overview.col.column"), l.Label("overview.col.problem")}
	row := 2
	for _, p := range w.r.Problems {
		w.str(sheet, 1, row, position(p.File, p.Line, p.Col))
		w.str(sheet, 2, row, p.File)
		if p.Line > 0 {
			w.int(sheet, 3, row, p.Line)
			w.int(sheet, 4, row, p.Col)
		}
		w.str(sheet, 5, row, p.Msg)
		w.check(w.f.SetRowHeight(sheet, row, w.height(w.lines(p.Msg, 70))))
		row++
	}
	for _, d := range w.r.Duplicates {
		w.str(sheet, 1, row, d.Dropped)
		w.str(sheet, 2, row, d.Dropped)
		key := "overview.duplicate"
		if d.Same {
			key = "overview.duplicate.same"
		}
		msg := l.Format(key, "organisation", d.Name, "kept", d.Kept)
		w.str(sheet, 5, row, msg)
		w.check(w.f.SetRowHeight(sheet, row, w.height(w.lines(msg, 70))))
		row++
	}
	if row == 2 {
		w.str(sheet, 5, row, l.Label("overview.none"))
		row++
	}
	w.styleRange(sheet, 1, 2, 2, row-1, w.st.text)
	w.styleRange(sheet, 3, 2, 4, row-1, w.st.num)
	w.styleRange(sheet, 5, 2, 5, row-1, w.st.wrap)
	w.header(sheet, heads, []float64{36, 30, 7, 7, 70}, row-2, 0, 0)
}

func (w *workbook) props() {
	created := w.o.Date.UTC().Format(time.RFC3339)
	w.check(w.f.SetDocProps(&excelize.DocProperties{
		Title: w.l.Label("overview.title"), Subject: w.l.Title, Creator: "roadmap", LastModifiedBy: "roadmap",
		Language: w.l.Code, Created: created, Modified: created,
	}))
	w.f.SetActiveSheet(0)
}

// position is file:line:col, or file alone for a problem without a line.
func position(file string, line, col int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

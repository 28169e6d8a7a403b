package overview

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// The workbook's sheets, by the label key of their names, in order.
const (
	SheetOrganisations = "overview.sheet.organisations"
	SheetMatrix        = "overview.sheet.matrix"
	SheetOptions       = "overview.sheet.options"
	SheetActions       = "overview.sheet.actions"
	SheetEvaluations   = "overview.sheet.evaluations"
	SheetAnswers       = "overview.sheet.answers"
	SheetProblems      = "overview.sheet.problems"
)

// Sheets lists the label keys of the workbook's sheet names, in order.
var Sheets = []string{SheetOrganisations, SheetMatrix, SheetOptions, SheetActions, SheetEvaluations, SheetAnswers, SheetProblems}

// maxCellChars is the most characters Excel shows in a cell.
const maxCellChars = 32767

// WorkbookOptions are the settings of Workbook.
type WorkbookOptions struct {
	Paper paper.Size
	// Date is the workbook's creation date (never the clock).
	Date time.Time
}

// Workbook writes the report as an Excel workbook: one sheet per view
// (Sheets), each with a frozen, filtered header row and a print set-up.
// Every text from the answers is a string cell, never a formula.
func (r *Report) Workbook(o WorkbookOptions) ([]byte, error) {
	w := &workbook{r: r, l: r.Lang, f: excelize.NewFile(), o: o}
	defer w.f.Close()
	w.styles()
	w.organisations()
	w.matrix()
	w.options()
	w.actions()
	w.evaluations()
	w.answers()
	w.problems()
	w.props()
	if w.err != nil {
		return nil, fmt.Errorf("making the overview workbook: %w", w.err)
	}
	var buf bytes.Buffer
	w.f.SetZipWriter(sheets.NewZipWriter)
	if _, err := w.f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("writing the overview workbook: %w", err)
	}
	return buf.Bytes(), nil
}

type workbook struct {
	r   *Report
	l   *content.Language
	f   *excelize.File
	o   WorkbookOptions
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

// The workbook's colours: fills a status is known by, with its text as well
// (the text says it in grayscale too).
const (
	colourText     = "1F2A30"
	colourHead     = "E3EBEA"
	colourRule     = "C3CBD0"
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
	border := []excelize.Border{
		{Type: "left", Color: colourRule, Style: 1}, {Type: "right", Color: colourRule, Style: 1},
		{Type: "top", Color: colourRule, Style: 1}, {Type: "bottom", Color: colourRule, Style: 1},
	}
	font := func(bold bool, colour string) *excelize.Font {
		return &excelize.Font{Family: "Arial", Size: 10, Bold: bold, Color: colour}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	dateFmt := excelDateFormat(w.l.DateLayout())
	w.st.head = w.style(excelize.Style{Font: font(true, colourText), Fill: fill(colourHead), Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	w.st.text = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	w.st.wrap = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: top})
	w.st.bold = w.style(excelize.Style{Font: font(true, colourText), Border: border, Alignment: top})
	w.st.num = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}})
	w.st.date = w.style(excelize.Style{Font: font(false, colourText), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: &dateFmt})
	w.st.status = map[answers.Status]int{}
	// In a fixed order: styles are numbered as they are made, and the
	// workbook must be the same bytes for the same answers.
	for _, sc := range []struct {
		s answers.Status
		c string
	}{{answers.Done, colourDone}, {answers.InProgress, colourProgress}, {answers.NotStarted, colourNotYet}, {answers.NotApplicable, colourNA}} {
		w.st.status[sc.s] = w.style(excelize.Style{Font: font(sc.s == answers.Done, colourText), Fill: fill(sc.c), Border: border, Alignment: top})
	}
	w.st.absent = w.style(excelize.Style{Font: font(false, "5F6B73"), Fill: fill(colourAbsent), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	w.st.overdue = w.style(excelize.Style{Font: font(true, colourOverText), Fill: fill(colourOverdue), Border: border, Alignment: top})
	w.st.overdueDate = w.style(excelize.Style{Font: font(true, colourOverText), Fill: fill(colourOverdue), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: &dateFmt})
	w.st.flag = w.style(excelize.Style{Font: font(false, "5F6B73"), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	w.st.ticked = w.style(excelize.Style{Font: font(true, colourText), Fill: fill(colourDone), Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
}

// excelDateFormat turns a language's date layout (dd.mm.yyyy.) into an
// Excel number format, with the separators as literal text.
func excelDateFormat(layout string) string {
	var b strings.Builder
	for i := 0; i < len(layout); {
		switch {
		case strings.HasPrefix(layout[i:], "yyyy"):
			b.WriteString("yyyy")
			i += 4
		case strings.HasPrefix(layout[i:], "dd"), strings.HasPrefix(layout[i:], "mm"):
			b.WriteString(layout[i : i+2])
			i += 2
		default:
			r, n := utf8.DecodeRuneInString(layout[i:])
			b.WriteString(`"` + string(r) + `"`)
			i += n
		}
	}
	return b.String()
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

// SheetName makes s a valid worksheet name: none of : \ / ? * [ ], no
// control characters, no apostrophe at either end, at most 31 characters.
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	s = strings.Trim(strings.TrimSpace(s), "'")
	if s == "" {
		s = "Sheet"
	}
	return s
}

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
	w.check(w.f.SetCellStr(sheet, cell(col, row), s))
}

func (w *workbook) int(sheet string, col, row, n int) {
	w.check(w.f.SetCellInt(sheet, cell(col, row), int64(n)))
}

// date writes d as a date cell (a serial day number, formatted as the
// language writes dates).
func (w *workbook) date(sheet string, col, row int, d answers.Date) {
	if d.IsZero() {
		return
	}
	w.int(sheet, col, row, serial(d))
}

// serial is the Excel serial day number of d.
func serial(d answers.Date) int {
	return int(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func (w *workbook) styleRange(sheet string, c0, r0, c1, r1, style int) {
	if c1 < c0 || r1 < r0 {
		return
	}
	w.check(w.f.SetCellStyle(sheet, cell(c0, r0), cell(c1, r1), style))
}

// header writes the header row and the column widths, freezes the header
// (and the first cols columns), sets the filter over rows rows and the
// print set-up. A sheet with a column per organisation is wide: it prints
// at full size across as many pages as it needs, its first wide columns
// repeated on each, since fitted to one page's width it would be too small
// to read; other sheets (wide 0) are fitted to the page's width.
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
			lines = max(lines, textLines(heads[i], wd))
		}
	}
	if len(heads) > len(widths) {
		first, _ := excelize.ColumnNumberToName(len(widths) + 1)
		last, _ := excelize.ColumnNumberToName(len(heads))
		wd := widths[len(widths)-1]
		w.check(w.f.SetColWidth(sheet, first, last, wd))
		for _, h := range heads[len(widths):] {
			lines = max(lines, textLines(h, wd))
		}
	}
	w.check(w.f.SetRowHeight(sheet, 1, rowHeight(lines)))
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
	w.print(sheet, last, wide)
}

// print sets a sheet's page: landscape, fitted to the page's width (at 75%
// across pages, the first titleCols columns repeated, when titleCols > 0),
// the header row on every page, the title and page numbers in the margins.
func (w *workbook) print(sheet, last string, titleCols int) {
	size, orient, one, zero, fit := 9, "landscape", 1, 0, titleCols == 0
	if w.o.Paper == paper.Letter {
		size = 1
	}
	if fit {
		w.check(w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	} else {
		scale := uint(75)
		w.check(w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, AdjustTo: &scale}))
	}
	w.check(w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	side, tb, hf := 0.4, 0.75, 0.3
	w.check(w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}))
	pages := strings.NewReplacer("&", "&&", "{page}", "&P", "{pages}", "&N").Replace(w.l.Label("page.footer"))
	header := "&L&\"Arial,Bold\"&11" + headerText(w.l.Label("overview.title"), 70) + "&R&\"Arial,Regular\"&9" + headerText(sheet, 40)
	footer := "&L&\"Arial,Regular\"&8" + headerText(w.l.Format("overview.asof", "date", w.l.FormatDate(w.r.AsOf.Time())), 60) + "&R&\"Arial,Regular\"&8" + pages
	w.check(w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	col, row, _ := excelize.SplitCellName(last)
	w.check(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, col, row), Scope: sheet}))
	titles := q + "!$1:$1"
	if titleCols > 0 {
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

// textLines estimates the lines text s takes in a wrapped column of width
// wd (Excel's width unit: about one digit of the default font), since
// neither Excel nor excelize grows a row to fit when the file is opened.
func textLines(s string, wd float64) int {
	per := math.Max(wd*1.15-1, 4)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))/per)))
	}
	return n
}

// rowHeight is the height in points of a row of n lines, at most Excel's
// tallest.
func rowHeight(n int) float64 { return math.Min(float64(n)*12.75+3, 409) }

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
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(max(textLines(o.Name(), 32), textLines(a.Organisation.Partner, 28)))))
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
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(textLines(o.Name(), 32))))
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
			w.check(w.f.SetRowHeight(sheet, row, rowHeight(max(textLines(nums[i]+" "+cp.Title, 30), textLines(opt.Label, 28)))))
			row++
		}
	}
	last := row - 1
	w.styleRange(sheet, 1, 2, 2, last, w.st.wrap)
	w.styleRange(sheet, 3, 2, 4, last, w.st.num)

	w.header(sheet, heads, []float64{30, 28, 10, 10, 14}, last-1, 2, 2)
}

func (w *workbook) actions() {
	sheet := w.sheet(SheetActions)
	l := w.l
	heads := []string{l.Label("sheet.action.col.deadline"), l.Label("field.organisation"), l.Label("overview.col.form"),
		l.Label("sheet.action.col.nr"), l.Label("sheet.action.col.activity"), l.Label("sheet.action.col.responsible"),
		l.Label("sheet.action.col.goals"), l.Label("sheet.action.col.status"), l.Label("overview.col.overdue"), l.Label("sheet.action.col.notes")}
	widths := []float64{12, 28, 18, 6, 36, 22, 30, 13, 11, 30}
	overdue := l.Label("overview.value.overdue")
	for i, a := range w.r.Actions {
		row := i + 2
		w.date(sheet, 1, row, a.Deadline)
		w.str(sheet, 2, row, a.Org.Name())
		w.str(sheet, 3, row, w.formName(a.Org.File.Form))
		w.int(sheet, 4, row, a.Row+1)
		texts := []string{a.Activity, a.Responsible, a.Goals}
		for j, s := range texts {
			w.str(sheet, 5+j, row, s)
		}
		if a.Status != "" {
			w.str(sheet, 8, row, l.Label("value.action-status."+a.Status))
		}
		w.str(sheet, 10, row, a.Notes)
		lines := 1
		for j, s := range []string{a.Org.Name(), a.Activity, a.Responsible, a.Goals, a.Notes} {
			lines = max(lines, textLines(s, []float64{28, 36, 22, 30, 30}[j]))
		}
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(lines)))
		if a.Overdue {
			w.str(sheet, 9, row, overdue)
		}
	}
	n := len(w.r.Actions)
	w.styleRange(sheet, 1, 2, 1, n+1, w.st.date)
	w.styleRange(sheet, 2, 2, len(heads), n+1, w.st.wrap)
	w.styleRange(sheet, 4, 2, 4, n+1, w.st.num)
	// Overdue rows in colour as well as in words.
	for i, a := range w.r.Actions {
		if a.Overdue {
			w.styleRange(sheet, 1, i+2, 1, i+2, w.st.overdueDate)
			w.styleRange(sheet, 2, i+2, len(heads), i+2, w.st.overdue)
		}
	}
	w.header(sheet, heads, widths, n, 0, 0)
}

func (w *workbook) evaluations() {
	sheet := w.sheet(SheetEvaluations)
	l := w.l
	heads := []string{l.Label("sheet.evaluation.col.when"), l.Label("field.organisation"), l.Label("overview.col.form"),
		l.Label("sheet.action.col.nr"), l.Label("sheet.evaluation.col.stage"), l.Label("sheet.evaluation.col.method"),
		l.Label("sheet.evaluation.col.indicator"), l.Label("sheet.evaluation.col.baseline"), l.Label("sheet.evaluation.col.target"),
		l.Label("sheet.evaluation.col.responsible"), l.Label("sheet.evaluation.col.result")}
	widths := []float64{12, 28, 18, 6, 28, 22, 28, 20, 20, 20, 24}
	methods := l.Checkpoint(answers.MethodsCheckpoint)
	for i, e := range w.r.Evaluations {
		row := i + 2
		w.date(sheet, 1, row, e.When)
		w.str(sheet, 2, row, e.Org.Name())
		w.str(sheet, 3, row, w.formName(e.Org.File.Form))
		w.int(sheet, 4, row, e.Row+1)
		method := e.Method
		if methods != nil {
			if o := methods.Option(e.Method); o != nil {
				method = o.Label
			}
		}
		texts := []string{e.Stage, method, e.Indicator, e.Baseline, e.Target, e.Responsible, e.Result}
		lines := textLines(e.Org.Name(), 28)
		for j, s := range texts {
			w.str(sheet, 5+j, row, s)
			lines = max(lines, textLines(s, widths[4+j]))
		}
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(lines)))
	}
	n := len(w.r.Evaluations)
	w.styleRange(sheet, 1, 2, 1, n+1, w.st.date)
	w.styleRange(sheet, 2, 2, len(heads), n+1, w.st.wrap)
	w.styleRange(sheet, 4, 2, 4, n+1, w.st.num)
	w.header(sheet, heads, widths, n, 0, 0)
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
		lines := textLines(nums[i]+" "+cp.Title, 36)
		for j, o := range w.r.Orgs {
			col := j + 2
			if !cp.Audience.Includes(o.File.Form) {
				w.str(sheet, col, row, absent)
				w.styleRange(sheet, col, row, col, row, w.st.absent)
				continue
			}
			text := strings.TrimRight(o.File.Checkpoint(cp.ID).Answer, "\n")
			w.str(sheet, col, row, text)
			lines = max(lines, textLines(text, colW))
		}
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(lines)))
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
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(textLines(p.Msg, 70))))
		row++
	}
	for _, d := range w.r.Duplicates {
		w.str(sheet, 1, row, d.Dropped)
		w.str(sheet, 2, row, d.Dropped)
		msg := l.Format("overview.duplicate", "organisation", d.Name, "kept", d.Kept)
		w.str(sheet, 5, row, msg)
		w.check(w.f.SetRowHeight(sheet, row, rowHeight(textLines(msg, 70))))
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

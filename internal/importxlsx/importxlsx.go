// Package importxlsx reads the plans a person edited in a workbook made by
// roadmap (Excel or LibreOffice: rows added, statuses changed, dates typed)
// back into an answers file.
//
// A sheet is a plan's when its header row holds the plan's column headers
// in the answers file's language (internal/sheets lays them out from the
// declarations in internal/roadmap). Every row under the header with
// something in it is a row of the plan, also rows typed below the table's
// range; a choice is read by its label (or id), a date as a date cell or as
// text written the local way. The plan's rows then replace those of the
// answers file, which keeps its comments and is validated as any answers
// file is. A cell that cannot be read is named with its sheet and cell,
// and then nothing is returned.
package importxlsx

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

// MaxSize is the largest workbook read, in bytes: a plans workbook is
// about 100 KB, a thousand rows a few hundred.
const MaxSize = 20 << 20

// unzipLimit is the most a workbook's parts may unpack to.
const unzipLimit = 200 << 20

// Plan is one plan read from a workbook.
type Plan struct {
	Plan *roadmap.Plan
	// Sheet is the name of the sheet it was read from.
	Sheet string
	// Rows is how many rows it has.
	Rows int
}

// Result is an answers file with the plans of a workbook in it.
type Result struct {
	// Data is the answers file, with the comments of the one it was made
	// from.
	Data []byte
	// File is Data decoded.
	File *answers.File
	// Plans are the plans the workbook holds, in the answers file's order;
	// the answers' other plans are as they were.
	Plans []Plan
	// Changed reports whether a plan's rows differ from the answers'.
	Changed bool
	// Warnings are what a person may want to know: cells left out (a
	// column the plans do not have) and the answers file's own warnings.
	Warnings []diag.Problem
}

// Merge reads the plans of the workbook wb (named wbName in messages) into
// the answers file data (named name), whose language the workbook must be
// in, and returns the answers file with them. Every error is a diag.List:
// each cell that cannot be read is one problem, naming the workbook, the
// sheet and the cell.
func Merge(wbName string, wb []byte, name string, data []byte, b *content.Bundle) (res *Result, err error) {
	defer func() {
		// excelize reads what a person's spreadsheet program wrote, or a
		// damaged file; should it fail on one by panicking, that is a
		// workbook it cannot read, said as such.
		if p := recover(); p != nil {
			res, err = nil, diag.List{diag.Say(wbName, nil, "import.damaged", "reason", fmt.Sprint(p))}
		}
	}()
	a, err := answers.Parse(name, data, b)
	if err != nil {
		return nil, err
	}
	lang, err := b.Language(a.Language)
	if err != nil {
		return nil, err
	}
	if len(wb) > MaxSize {
		return nil, diag.List{diag.Say(wbName, nil, "import.too-big", "size", len(wb)>>20, "max", MaxSize>>20)}
	}
	x, err := open(wb)
	if err != nil {
		return nil, diag.List{diag.Say(wbName, nil, "import.not-workbook", "reason", err)}
	}
	defer x.Close()

	r := &reader{x: x, lang: lang, file: wbName}
	found, err := r.findPlans()
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, r.notPlans(b).InLang(a.Language)
	}
	var problems diag.List
	for _, s := range found {
		problems = append(problems, r.readRows(s)...)
	}
	if len(problems) > 0 {
		return nil, problems.InLang(a.Language)
	}
	res = &Result{Warnings: diag.List(r.warnings).InLang(a.Language)}
	// A workbook does not carry the rows' ids (their calendar events'
	// identities): each row keeps the id of the row at its place before
	// (roadmap.Plan.SetRows).
	for _, p := range roadmap.Plans {
		for _, s := range found {
			if s.model == p {
				if old := p.Rows(a); len(old) != len(s.rows) || len(old) > 0 && !reflect.DeepEqual(old, s.rows) {
					res.Changed = true
				}
				p.SetRows(a, s.rows)
				res.Plans = append(res.Plans, Plan{Plan: p, Sheet: s.name, Rows: len(s.rows)})
			}
		}
	}
	out, err := answers.Encode(a, lang, data)
	if err != nil {
		return nil, err
	}
	f, err := answers.Parse(name, out, b)
	if err != nil {
		return nil, placeProblems(wbName, name, out, found, err)
	}
	res.Warnings = append(res.Warnings, f.Warnings...)
	res.Data, res.File = out, f
	return res, nil
}

// open opens the workbook data, saying in plain words what it is when it
// is not one excelize reads.
func open(data []byte) (*excelize.File, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return nil, msg.New("import.xls")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, msg.New("import.not-xlsx")
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit})
	if err != nil {
		return nil, msg.New("import.damaged-xlsx", "reason", err.Error())
	}
	if len(x.GetSheetList()) == 0 {
		x.Close()
		return nil, msg.New("import.no-sheets")
	}
	return x, nil
}

// reader reads one workbook.
type reader struct {
	x        *excelize.File
	lang     *content.Language
	file     string
	warnings []diag.Problem
	// dateStyle caches whether a style shows numbers as dates.
	dateStyle map[int]bool
}

// planSheet is a sheet that holds a plan, and the rows read from it.
type planSheet struct {
	name   string
	layout sheets.Plan
	model  *roadmap.Plan
	// cols maps each column of the model to its column in the sheet
	// (from 1).
	cols []int
	// header is the sheet's first row; grid its rows as shown.
	header []string
	grid   [][]string
	rows   []roadmap.Row
	// at is the sheet's row number of each of rows.
	at []int
}

// headers returns the column headers of plan p's sheet in lang.
func headers(lang *content.Language, p sheets.Plan) []string {
	out := make([]string, len(p.Columns))
	for i, c := range p.Columns {
		out[i] = lang.Label(p.Key + ".col." + c.ID)
	}
	return out
}

// same reports whether a header cell reads as header h: the same words,
// letter case and spacing aside.
func same(cell, h string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(cell), " "), strings.Join(strings.Fields(h), " "))
}

// matches reports whether row starts with the headers hs.
func matches(row, hs []string) bool {
	if len(row) < len(hs) {
		return false
	}
	for i, h := range hs {
		if !same(row[i], h) {
			return false
		}
	}
	return true
}

// findPlans returns the sheets that hold plans, in the workbook's order. A
// sheet named as a plan whose headers are not the plan's, and a plan on
// two sheets, are errors.
func (r *reader) findPlans() ([]*planSheet, error) {
	var found []*planSheet
	var problems diag.List
	for _, name := range r.x.GetSheetList() {
		grid, err := r.x.GetRows(name)
		if err != nil {
			return nil, diag.List{diag.Say(r.file, nil, "import.sheet-unreadable", "sheet", msg.Value(name), "reason", err.Error())}
		}
		var header []string
		if len(grid) > 0 {
			header = grid[0]
		}
		for _, l := range layouts() {
			hs := headers(r.lang, l.sheet)
			title := r.lang.Label(l.sheet.Key + ".title")
			if !matches(header, hs) {
				if same(name, title) || strings.EqualFold(strings.TrimSpace(name), truncated(title)) {
					problems = append(problems, diag.Say(r.file, nil, "import.sheet", "sheet", msg.Value(name), "text", headerProblem(header, hs)))
				}
				continue
			}
			for _, s := range found {
				if s.model == l.model {
					problems = append(problems, diag.Say(r.file, nil, "import.two-sheets", "a", msg.Value(s.name), "b", msg.Value(name), "plan", title))
				}
			}
			s := &planSheet{name: name, layout: l.sheet, model: l.model, cols: l.cols, header: header, grid: grid}
			found = append(found, s)
			break
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return found, nil
}

// truncated is a plan's title as a sheet name holds it: at most 31
// characters.
func truncated(title string) string {
	if r := []rune(title); len(r) > 31 {
		return strings.TrimSpace(string(r[:31]))
	}
	return title
}

// headerProblem says how header differs from the headers hs.
func headerProblem(header, hs []string) msg.Message {
	for i, h := range hs {
		got := ""
		if i < len(header) {
			got = header[i]
		}
		if !same(got, h) {
			ref, _ := excelize.CoordinatesToCellName(i+1, 1)
			return msg.New("import.header-cell", "cell", ref, "value", msg.Value(strings.TrimSpace(got)), "column", h, "columns", quoteAll(hs))
		}
	}
	return msg.New("import.header-other")
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// layouts returns the plans as sheets lays them out, each with its
// declaration and the sheet's column of each declared column (from 1).
func layouts() []layout {
	var out []layout
	for _, l := range sheets.Plans() {
		for _, p := range roadmap.Plans {
			if p.Table != l.Table {
				continue
			}
			cols := make([]int, len(p.Columns))
			for k, c := range p.Columns {
				cols[k] = slices.IndexFunc(l.Columns, func(sc sheets.Column) bool { return sc.ID == c.ID }) + 1
			}
			if !slices.Contains(cols, 0) {
				out = append(out, layout{sheet: l, model: p, cols: cols})
			}
		}
	}
	return out
}

// layout is a plan's sheet and its declaration.
type layout struct {
	sheet sheets.Plan
	model *roadmap.Plan
	cols  []int
}

// notPlans says why a workbook with no plan sheet is refused: its plans
// are in another language than the answers file's, or it is not a plans
// workbook at all.
func (r *reader) notPlans(b *content.Bundle) diag.List {
	names := r.x.GetSheetList()
	for _, code := range b.Codes() {
		if code == r.lang.Code {
			continue
		}
		other, err := b.Language(code)
		if err != nil {
			continue
		}
		for _, name := range names {
			grid, _ := r.x.GetRows(name)
			if len(grid) == 0 {
				continue
			}
			for _, l := range sheets.Plans() {
				if matches(grid[0], headers(other, l)) {
					return diag.List{diag.Say(r.file, nil, "import.other-language", "lang", other.Code, "want", r.lang.Code, "plan", l.ID)}
				}
			}
		}
	}
	first := headers(r.lang, sheets.Plans()[0])
	return diag.List{diag.Say(r.file, nil, "import.not-plans", "lang", r.lang.Code, "columns", quoteAll(first))}
}

// readRows reads the rows of plan sheet s: every row under the header with
// something in the plan's columns, until the block a plan has under its
// table. It returns a problem for every cell it cannot read.
func (r *reader) readRows(s *planSheet) diag.List {
	var problems diag.List
	stop := ""
	if s.layout.Block != nil {
		stop = r.lang.Label(s.layout.Block.Key + ".title")
	}
	width := len(s.layout.Columns)
	extra := map[int]bool{}
	for i := width; i < len(s.header); i++ {
		if strings.TrimSpace(s.header[i]) != "" {
			extra[i] = true
		}
	}
	for i := 1; i < len(s.grid); i++ {
		cells := s.grid[i]
		if stop != "" && len(cells) > 0 && same(cells[0], stop) {
			break
		}
		for j := width; j < len(cells); j++ {
			if strings.TrimSpace(cells[j]) != "" {
				extra[j] = true
			}
		}
		row := make(roadmap.Row, len(s.model.Columns))
		for k := range s.model.Columns {
			v, err := r.value(s, i+1, k, cells)
			if err != nil {
				ref, _ := excelize.CoordinatesToCellName(s.cols[k], i+1)
				problems = append(problems, diag.Say(r.file, nil, "import.cell", "sheet", msg.Value(s.name), "cell", ref, "text", err))
				continue
			}
			row[k] = v
		}
		if row.IsZero() {
			continue
		}
		s.rows = append(s.rows, row)
		s.at = append(s.at, i+1)
	}
	cols := make([]int, 0, len(extra))
	for j := range extra {
		cols = append(cols, j)
	}
	slices.Sort(cols)
	for _, j := range cols {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if j < len(s.header) && strings.TrimSpace(s.header[j]) != "" {
			r.warnings = append(r.warnings, diag.Say(r.file, nil, "import.extra-column-named", "sheet", msg.Value(s.name), "column", col, "header", msg.Value(strings.TrimSpace(s.header[j]))))
		} else {
			r.warnings = append(r.warnings, diag.Say(r.file, nil, "import.extra-column", "sheet", msg.Value(s.name), "column", col))
		}
	}
	return problems
}

// value reads the cell of the model's column k in row (from 1) of sheet
// s; cells is the row as shown.
func (r *reader) value(s *planSheet, row, k int, cells []string) (roadmap.Value, error) {
	c := &s.model.Columns[k]
	shown := ""
	if i := s.cols[k] - 1; i < len(cells) {
		shown = cells[i]
	}
	switch c.Kind {
	case roadmap.Date:
		return r.date(s.name, s.cols[k], row, shown)
	case roadmap.Choice:
		text := cleanText(shown)
		if text == "" {
			return roadmap.Value{}, nil
		}
		id := c.List.Parse(r.lang, text)
		if c.List.Strict && !slices.ContainsFunc(c.List.Items(r.lang), func(it roadmap.Item) bool { return it.ID == id }) {
			labels := make([]string, 0, 8)
			for _, it := range c.List.Items(r.lang) {
				labels = append(labels, it.Label)
			}
			return roadmap.Value{}, msg.New("import.not-in-list", "value", msg.Value(text), "column", s.model.Label(r.lang, c.ID), "allowed", strings.Join(labels, ", "))
		}
		return roadmap.Value{Text: id}, nil
	}
	return roadmap.Value{Text: cleanText(shown)}, nil
}

// cleanText returns the text of a cell as an answers file keeps it: line
// breaks as \n, without space around it.
func cleanText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.TrimSpace(s)
}

// date reads the date cell at column col, row row of sheet: a number shown
// as a date, a date cell, or text written as a date; shown is the cell as
// shown.
func (r *reader) date(sheet string, col, row int, shown string) (roadmap.Value, error) {
	if strings.TrimSpace(shown) == "" {
		return roadmap.Value{}, nil
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	typ, err := r.x.GetCellType(sheet, ref)
	if err != nil {
		return roadmap.Value{}, err
	}
	raw, err := r.x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return roadmap.Value{}, err
	}
	var d answers.Date
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if !r.shownAsDate(sheet, ref) {
			return roadmap.Value{}, msg.New("import.number-not-date", "value", msg.Value(shown), "allowed", roadmap.DateAllowedText(r.lang))
		}
		d, err = serialDate(r.lang, raw)
	case excelize.CellTypeDate:
		d, err = isoDate(r.lang, raw)
	case excelize.CellTypeBool, excelize.CellTypeError:
		err = msg.New("date.typed-not-a-date", "value", msg.Value(shown), "allowed", roadmap.DateAllowedText(r.lang))
	default:
		d, err = roadmap.ParseDate(r.lang, shown)
	}
	return roadmap.Value{Date: d}, err
}

// shownAsDate reports whether the number in cell ref of sheet is shown as
// a date: its number format has a day or a year in it.
func (r *reader) shownAsDate(sheet, ref string) bool {
	id, err := r.x.GetCellStyle(sheet, ref)
	if err != nil {
		return false
	}
	if v, ok := r.dateStyle[id]; ok {
		return v
	}
	date := false
	if st, err := r.x.GetStyle(id); err == nil && st != nil {
		code := ""
		if st.CustomNumFmt != nil {
			code = *st.CustomNumFmt
		}
		date = isDateFormat(st.NumFmt, code)
	}
	if r.dateStyle == nil {
		r.dateStyle = map[int]bool{}
	}
	r.dateStyle[id] = date
	return date
}

// placeProblems returns the problems answers.Parse found in out, the
// answers file with the workbook's rows, each named by the cell its value
// came from where it came from one.
func placeProblems(wbName, name string, out []byte, found []*planSheet, err error) error {
	list, ok := err.(diag.List)
	if !ok {
		return err
	}
	at := cellsAt(out, found)
	var problems diag.List
	for _, p := range list {
		if where, ok := at[[2]int{p.Line, p.Col}]; ok {
			text := p.Text
			if text == nil {
				text = msg.Plain(p.Msg)
			}
			cell := diag.Say(wbName, nil, "import.cell", "sheet", msg.Value(where[0]), "cell", where[1], "text", text)
			cell.Lang = p.Lang
			problems = append(problems, cell)
			continue
		}
		problems = append(problems, diag.Problem{File: name, Msg: p.Msg, Text: p.Text, Lang: p.Lang})
	}
	return problems
}

// cellsAt maps the line and column of every node of the plans' rows in
// the answers file out to the sheet and cell the value came from.
func cellsAt(out []byte, found []*planSheet) map[[2]int][2]string {
	var doc yaml.Node
	if yaml.Unmarshal(out, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	at := map[[2]int][2]string{}
	var walk func(n *yaml.Node, where [2]string)
	walk = func(n *yaml.Node, where [2]string) {
		at[[2]int{n.Line, n.Column}] = where
		for _, c := range n.Content {
			walk(c, where)
		}
	}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		for _, s := range found {
			if top[i].Value != s.model.YAMLKey {
				continue
			}
			for r, row := range top[i+1].Content {
				if r >= len(s.at) {
					break
				}
				for j := 0; j+1 < len(row.Content); j += 2 {
					k := s.model.Column(row.Content[j].Value)
					if k < 0 {
						continue
					}
					ref, _ := excelize.CoordinatesToCellName(s.cols[k], s.at[r])
					where := [2]string{s.name, ref}
					walk(row.Content[j], where)
					walk(row.Content[j+1], where)
				}
			}
		}
	}
	return at
}

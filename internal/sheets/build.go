package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Paper is the paper size a workbook prints on.
type Paper = paper.Size

// The paper sizes.
const (
	A4     = paper.A4
	Letter = paper.Letter
)

// ParsePaper parses a paper size: a4 or letter (any case).
func ParsePaper(s string) (Paper, error) { return paper.Parse(s) }

// paperCode returns the paper's number in a sheet's page set-up.
func paperCode(p Paper) int {
	if p == Letter {
		return 1
	}
	return 9
}

// DefaultRows is the least number of rows in a plan's table: 0, a page's
// worth, as many empty rows as one printed page holds under the header row.
const DefaultRows = 0

// spareRows is the fewest empty rows after a pre-filled table's last row
// when WithRows sets the table's size.
const spareRows = 3

// DefaultDate is the creation date written into a workbook made without a
// date option and without an answers date.
var DefaultDate = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Option changes how Build makes a workbook.
type Option func(*options)

type options struct {
	paper Paper
	date  time.Time
	rows  int
	theme *pdf.Theme
}

// WithPaper sets the paper size the sheets print on (default: the theme's).
func WithPaper(p Paper) Option { return func(o *options) { o.paper = p } }

// WithTheme sets the look of the workbook: its colours, type sizes, page
// margins and paragraph spacing come from t, the same theme as the PDFs'
// (default: the embedded templates/theme.yaml).
func WithTheme(t pdf.Theme) Option { return func(o *options) { o.theme = &t } }

// WithDate sets the creation and modification date of the workbook's
// document properties. Without it the answers' date is used, else
// DefaultDate; never the clock, so the same inputs give the same bytes.
func WithDate(t time.Time) Option { return func(o *options) { o.date = t } }

// WithRows sets the least number of rows of each plan's table, with at
// least 3 empty rows after a pre-filled table's last filled row. By default
// (DefaultRows) a blank table has as many rows as its first printed page
// holds, and a pre-filled one the empty rows that fill the page its last
// filled row prints on.
func WithRows(n int) Option { return func(o *options) { o.rows = n } }

// Build makes a workbook holding plans, one sheet each in the order given,
// followed by an instructions sheet and a hidden sheet with the drop-down
// lists, all in language lang. With answers a, each plan's table is
// pre-filled with the answers' rows; with a nil, the tables are blank. It
// returns the workbook's bytes (.xlsx).
func Build(lang *content.Language, plans []Plan, a *answers.File, opts ...Option) ([]byte, error) {
	if len(plans) == 0 {
		return nil, errors.New("building a workbook: no plan given")
	}
	seen := map[string]bool{}
	for _, p := range plans {
		if seen[p.ID] {
			return nil, fmt.Errorf("building a workbook: plan %s given twice", p.ID)
		}
		seen[p.ID] = true
	}
	o := options{rows: DefaultRows}
	for _, opt := range opts {
		opt(&o)
	}
	if o.theme == nil {
		t := pdf.DefaultTheme()
		o.theme = &t
	}
	if o.paper == "" {
		o.paper = o.theme.Paper
	}
	if o.paper == "" {
		o.paper = A4
	}
	if o.date.IsZero() {
		o.date = DefaultDate
		if a != nil && !a.Date.IsZero() {
			o.date = a.Date.Time()
		}
	}

	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, lang: lang, a: a, o: o, th: o.theme, digit: digitPx(o.theme.Type.Body), layout: lang.DateLayout(), lists: map[string]string{}, auto: map[string]map[int]bool{}}
	if err := b.build(plans); err != nil {
		return nil, fmt.Errorf("building the %s workbook (%s): %w", strings.Join(planIDs(plans), ", "), lang.Code, err)
	}
	auto := b.autoParts()
	font := []byte(fmt.Sprintf(`<sz val="%s"></sz>`, strconv.FormatFloat(o.theme.Type.Body, 'f', -1, 64)))
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &storedZip{zw: zip.NewWriter(w), auto: auto, fontSize: font}
	})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("writing the workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// storedZip writes a workbook's parts uncompressed, each with its size and
// checksum in its local header (no data descriptor, which some zip readers
// refuse for stored entries) and without timestamps, so the same workbook
// gives the same bytes. A workbook's parts are a few dozen kilobytes of XML:
// compressing them saved about 30 KB a file but cost a fresh process 2-3 ms,
// a third of the time budget of a workbook.
//
// It also marks the rows in auto (by part name, then row number) as rows of
// automatic height: excelize writes every height it is given as a custom
// height (customHeight="true"), which Excel and LibreOffice keep however much
// text is typed into the row; a row whose height is only a cached value
// grows with its text as it is edited.
type storedZip struct {
	zw   *zip.Writer
	name string
	buf  bytes.Buffer
	open bool
	auto map[string]map[int]bool
	// fontSize is the size element of the default font: excelize sets the
	// default font's name but not its size (11 pt). A default font larger
	// than the cells' makes LibreOffice grow a row typed below the table too
	// little for its text, and its digit is the unit of column width.
	fontSize []byte
}

// Create starts the part name; its bytes are written when the next part
// starts or the archive is closed.
func (z *storedZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	z.name, z.open = name, true
	z.buf.Reset()
	return &z.buf, nil
}

func (z *storedZip) flush() error {
	if !z.open {
		return nil
	}
	z.open = false
	data := z.buf.Bytes()
	if rows := z.auto[z.name]; len(rows) > 0 {
		data = autoHeights(data, rows)
	}
	if z.name == "xl/styles.xml" && z.fontSize != nil {
		data = defaultFontSize(data, z.fontSize)
	}
	if z.name == "docProps/core.xml" {
		data = prefixCore(data)
	}
	h := header(z.name, zip.Store)
	h.CRC32 = crc32.ChecksumIEEE(data)
	h.CompressedSize64, h.UncompressedSize64 = uint64(len(data)), uint64(len(data))
	w, err := z.zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// AddFS adds the files of fsys.
func (z *storedZip) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close writes the last part and the archive's directory.
func (z *storedZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
}

// autoHeights drops the custom-height mark of the rows in rows from a
// worksheet's XML, keeping their height as a cached value. A row element
// starts as excelize writes it: <row r="12" ht="28.5" customHeight="true">.
// (It scans the bytes: a regular expression over every worksheet cost
// render a tenth of the time of a workbook.)
func autoHeights(data []byte, rows map[int]bool) []byte {
	start, mark := []byte(`<row r="`), []byte(` customHeight="true"`)
	out := make([]byte, 0, len(data))
	at := 0
	for i := 0; ; {
		j := bytes.Index(data[i:], start)
		if j < 0 {
			break
		}
		p := i + j + len(start) // the row number
		q := p
		for q < len(data) && data[q] >= '0' && data[q] <= '9' {
			q++
		}
		i = q
		if q == p || q == len(data) || data[q] != '"' {
			continue
		}
		tag := data[q:]
		if end := bytes.IndexByte(tag, '>'); end >= 0 {
			tag = tag[:end]
		}
		k := bytes.Index(tag, mark)
		if k < 0 {
			continue
		}
		i = q + k + len(mark)
		if n, _ := strconv.Atoi(string(data[p:q])); !rows[n] {
			continue
		}
		out = append(out, data[at:q+k]...)
		at = i
	}
	return append(out, data[at:]...)
}

// defaultFontSize sets the size of the first font of a styles part, the
// default font, to size (an <sz> element).
func defaultFontSize(data, size []byte) []byte {
	i := bytes.Index(data, []byte("<fonts"))
	if i < 0 {
		return data
	}
	j := bytes.Index(data[i:], []byte("<sz "))
	k := bytes.Index(data[i:], []byte("</font>"))
	if j < 0 || k < j {
		return data
	}
	j += i
	end := bytes.Index(data[j:], []byte("</sz>"))
	if end < 0 {
		return data
	}
	end += j + len("</sz>")
	return append(append(append([]byte(nil), data[:j]...), size...), data[end:]...)
}

// autoParts returns the rows of automatic height by worksheet part name.
func (b *builder) autoParts() map[string]map[int]bool {
	parts := map[string]map[int]bool{}
	for id, name := range b.f.GetSheetMap() {
		if rows := b.auto[name]; len(rows) > 0 {
			parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)] = rows
		}
	}
	return parts
}

// VisibleSheets returns how many sheets a reader sees in the workbook Build
// makes of plans: one per plan and the instructions (the lists sheet is
// hidden).
func VisibleSheets(plans []Plan) int { return len(plans) + 1 }

func planIDs(plans []Plan) []string {
	ids := make([]string, len(plans))
	for i, p := range plans {
		ids[i] = p.ID
	}
	return ids
}

// builder lays out one workbook.
type builder struct {
	f      *excelize.File
	lang   *content.Language
	a      *answers.File
	o      options
	th     *pdf.Theme
	digit  float64 // the width of a digit of the default font, in pixels
	st     styles
	layout string // the language's date layout: dd.mm.yyyy.
	// sheets are the plans' sheet names, in order.
	sheets       []string
	instructions string
	listSheet    string
	// lists maps a list's id to the defined name of its values.
	lists map[string]string
	// auto holds, by sheet, the rows whose height is a cached value that
	// grows with the row's text rather than a fixed height.
	auto map[string]map[int]bool
	// ready is the fewest rows of a plan's table, for the instructions.
	ready int
	err   error
}

// setText puts text into a cell as a string, never a formula, whatever it
// starts with, escaped so that it reads back as written (see cellText).
func (b *builder) setText(sheet, ref, text string) {
	b.check(b.f.SetCellStr(sheet, ref, cellText(text)))
}

// autoHeight gives a row a height that grows with its text: h is only the
// height it starts with.
func (b *builder) autoHeight(sheet string, row int, h float64) {
	b.check(b.f.SetRowHeight(sheet, row, h))
	if b.auto[sheet] == nil {
		b.auto[sheet] = map[int]bool{}
	}
	b.auto[sheet][row] = true
}

// check remembers the first error; the layout code calls excelize many times
// and checks once at the end of each part.
func (b *builder) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *builder) build(plans []Plan) error {
	f := b.f
	b.check(f.SetDefaultFont(fontName))
	used := map[string]bool{}
	for _, p := range plans {
		b.sheets = append(b.sheets, sheetName(b.lang.Label(p.Key+".title"), used))
	}
	b.instructions = sheetName(b.lang.Label("sheet.instructions.name"), used)
	b.listSheet = sheetName(b.lang.Label("sheet.lists.name"), used)
	b.check(f.SetSheetName("Sheet1", b.sheets[0]))
	for _, name := range append(b.sheets[1:], b.instructions, b.listSheet) {
		_, err := f.NewSheet(name)
		b.check(err)
	}
	if b.err != nil {
		return b.err
	}
	if err := b.newStyles(); err != nil {
		return err
	}
	b.writeLists(plans)
	for i := range plans {
		b.writePlan(b.sheets[i], &plans[i])
	}
	b.writeInstructions(plans)
	b.check(f.SetSheetVisible(b.listSheet, false))
	f.SetActiveSheet(0)
	b.writeProps(plans)
	return b.err
}

// cell returns the name of the cell at column col and row (both from 1).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName returns the letters of column col (from 1).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// writeLists puts the values of every list the plans use on the hidden lists
// sheet, one column per list under its name, and defines a name for each.
func (b *builder) writeLists(plans []Plan) {
	col, longest := 0, 0
	add := func(c Column, header string) {
		if c.Kind != Choice || c.List == nil {
			return
		}
		if _, done := b.lists[c.List.ID]; done {
			return
		}
		items := c.List.Items(b.lang)
		if len(items) == 0 {
			return
		}
		col++
		longest = max(longest, len(items))
		b.check(b.f.SetCellStr(b.listSheet, cell(col, 1), header))
		for i, it := range items {
			b.check(b.f.SetCellStr(b.listSheet, cell(col, i+2), it.Label))
		}
		name := "list_" + c.List.ID
		b.lists[c.List.ID] = name
		ref := fmt.Sprintf("%s!$%s$2:$%s$%d", quoteSheet(b.listSheet), colName(col), colName(col), len(items)+1)
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}))
		b.check(b.f.SetColWidth(b.listSheet, colName(col), colName(col), 30))
	}
	for _, p := range plans {
		for _, c := range p.Columns {
			add(c, b.lang.Label(p.Key+".col."+c.ID))
		}
		if p.Block != nil {
			for _, c := range p.Block.Columns {
				add(c, b.lang.Label(p.Block.Key+"."+c.ID))
			}
		}
	}
	if col > 0 {
		b.check(b.f.SetCellStyle(b.listSheet, "A1", cell(col, 1), b.st.listHeader))
		b.check(b.f.SetSheetDimension(b.listSheet, "A1:"+cell(col, longest+1)))
	}
}

// pt returns the size of the text in the cells, in points: the theme's body
// size.
func (b *builder) pt() float64 { return b.th.Type.Body }

// columnWidths returns the width of each of the plan's columns: at least the
// plan's width, and wide enough for the header's longest word beside the
// filter button, for a date (with the overdue marker where the plan tracks
// progress), and for the longest value of a list.
func (b *builder) columnWidths(p *Plan) []float64 {
	pt := b.pt()
	widths := make([]float64, len(p.Columns))
	floor := make([]float64, len(p.Columns)) // the least width of each
	for i, c := range p.Columns {
		w := c.Width * nominalDigitPx / b.digit
		header := b.lang.Label(p.Key + ".col." + c.ID)
		w = max(w, widthFor(longestWord(header, pt, true), pt, true, b.digit, filterButtonPx))
		switch c.Kind {
		case Date:
			date := b.lang.FormatDate(time.Date(2026, time.December, 31, 0, 0, 0, 0, time.UTC))
			if p.Tracking != nil && p.Tracking.DateColumn == c.ID {
				date += " " + b.lang.Label(p.Key+".overdue")
			}
			w = max(w, widthFor(date, pt, false, b.digit, 0))
		case Choice:
			for _, it := range c.List.Items(b.lang) {
				w = max(w, widthFor(it.Label, pt, false, b.digit, dropDownPx))
			}
		}
		widths[i] = w
		floor[i] = w
		if c.Kind == Text {
			floor[i] = widthFor(longestWord(header, pt, true), pt, true, b.digit, filterButtonPx)
		}
	}
	// Wider than a landscape page holds at the smallest print scale: the
	// text columns give up room, in proportion to what they have above
	// their header's longest word, so that the plan prints on the page's
	// width rather than running on to a page of its own.
	pageW, _ := b.pageMM(true)
	room := pageW / 25.4 * 96 * 100 / float64(leastScale(pt))
	over, slack := excelPx(widths, b.digit)-room, 0.0
	for i := range widths {
		slack += widths[i] - floor[i]
	}
	if over > 0 && slack > 0 {
		cut := min(1, over/b.digit/slack+0.01)
		for i := range widths {
			widths[i] = math.Floor((widths[i]-(widths[i]-floor[i])*cut)*4) / 4
		}
	}
	return widths
}

// excelPx returns the width in pixels of columns widths (in characters of
// digit pixels) as printed: Excel's column, its text and padding, in whole
// pixels, and 6 % more, as LibreOffice prints a column of that width
// (measured: a sheet fitted to the page prints at a scale 5-6 % below the
// one these pixels give).
func excelPx(widths []float64, digit float64) float64 {
	px := 0.0
	for _, w := range widths {
		px += math.Round(w*digit + 5)
	}
	return px * 1.06
}

// leastScale returns the smallest scale, in percent, a sheet with type of
// pt points prints at: the scale at which its type is minPrintPt.
func leastScale(pt float64) int { return int(math.Ceil(minPrintPt / pt * 100)) }

// blankLines is the number of lines an empty row starts with: enough to
// write in by hand on a printed sheet.
const blankLines = 2

// writePlan lays out one plan's sheet: the header row, the table with its
// rows (pre-filled from the answers), validations, progress markers, the
// block under the table, and the print set-up.
//
// Every row of the table has an automatic height that starts at the height
// of its text (or two lines when empty) and grows as text is typed into it.
// A value too long for one row (Excel's rows are at most 409 points high) is
// split at the start of a line into rows that follow, with the row's other
// cells empty, so that all of it shows and prints; nothing is cut.
func (b *builder) writePlan(sheet string, p *Plan) {
	f, pt := b.f, b.pt()
	var rows []Row
	if b.a != nil && p.Rows != nil {
		rows = p.Rows(b.a)
	}
	ncol := len(p.Columns)
	widths := b.columnWidths(p)
	scale, _ := b.printScale(widths)

	// Rows typed below the table wrap as the table's do. (Set first:
	// excelize gives a column's style to the cells it already has.)
	for i, c := range p.Columns {
		b.check(f.SetColStyle(sheet, colName(i+1), b.st.column(c.Kind)))
	}

	// The header row.
	headerLines := 1
	for i, c := range p.Columns {
		header := b.lang.Label(p.Key + ".col." + c.ID)
		b.setText(sheet, cell(i+1, 1), header)
		b.check(f.SetColWidth(sheet, colName(i+1), colName(i+1), widths[i]))
		headerLines = max(headerLines, lines(header, pt, true, columnPx(widths[i], b.digit, filterButtonPx)))
	}
	b.check(f.SetCellStyle(sheet, "A1", cell(ncol, 1), b.st.header))
	headerH := rowHeight(headerLines, pt) + 4
	b.check(f.SetRowHeight(sheet, 1, headerH))

	// The rows a printed page holds under the header row repeated on it,
	// in points at the sheet's print scale.
	_, pageH := b.pageMM(true)
	room := pageH/25.4*72*100/float64(scale) - headerH
	used := 0.0 // of the page the row being written prints on
	place := func(h float64) bool {
		fits := used+h <= room
		if !fits {
			used = 0
		}
		used += h
		return fits
	}
	blankH := rowHeight(blankLines, pt)
	// a block under the table prints on the page the table ends on when
	// the empty rows leave it room
	if p.Block != nil {
		blockH := lineHeight(b.th.Type.H3) + rowPad + 4 + rowHeight(2, pt) + 2 + float64(len(p.Block.Rows))*rowHeight(3, pt)
		room -= blockH
	}
	more := func(r int) bool {
		switch {
		case r < len(rows):
			return true
		case b.o.rows > 0:
			return r < max(b.o.rows, len(rows)+spareRows*min(len(rows), 1))
		case r == 0:
			return true
		}
		// a page's worth: the empty rows that fill the page the last one
		// printed on (none when it is full: a page of empty grid would
		// print with nothing on it), the table growing as rows are typed
		// below it
		return used+blankH <= room
	}

	// The body, a logical row at a time.
	row := 2
	n := 0
	for r := 0; more(r); r++ {
		n++
		var pieces [][]string // per column, the row's text in pieces
		for i, c := range p.Columns {
			if r >= len(rows) || i >= len(rows[r]) || (c.Kind != Text && c.Kind != Choice) {
				pieces = append(pieces, nil)
				continue
			}
			text := rows[r][i].Text
			if c.Kind == Choice && c.List != nil {
				text = c.List.Label(b.lang, text)
			}
			if text == "" {
				pieces = append(pieces, nil)
				continue
			}
			pieces = append(pieces, split(text, pt, false, columnPx(widths[i], b.digit, 0), maxLines(pt)))
		}
		span := 1
		for _, ps := range pieces {
			span = max(span, len(ps))
		}
		for k := 0; k < span; k++ {
			nl := blankLines
			for i, c := range p.Columns {
				ref := cell(i+1, row+k)
				if k == 0 {
					switch c.Kind {
					case Number:
						b.check(f.SetCellInt(sheet, ref, int64(r+1)))
					case Date:
						if r < len(rows) && i < len(rows[r]) {
							b.setDate(sheet, ref, rows[r][i].Date)
						}
					}
				}
				if k < len(pieces[i]) {
					b.setText(sheet, ref, pieces[i][k])
					nl = max(nl, lines(pieces[i][k], pt, false, columnPx(widths[i], b.digit, 0)))
				}
			}
			h := rowHeight(nl, pt)
			place(h)
			b.autoHeight(sheet, row+k, h)
		}
		row += span
	}
	if b.ready == 0 || n < b.ready {
		b.ready = n
	}
	last := row - 1 // the table's last row
	for i, c := range p.Columns {
		b.check(f.SetCellStyle(sheet, cell(i+1, 2), cell(i+1, last), b.st.body(c.Kind)))
	}

	show := true
	b.check(f.AddTable(sheet, &excelize.Table{
		Range:          "A1:" + cell(ncol, last),
		Name:           p.Table,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: &show,
	}))
	b.check(f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}))
	for i, c := range p.Columns {
		col := colName(i + 1)
		b.validate(sheet, c, fmt.Sprintf("%s2:%s%d", col, col, last))
	}
	if p.Tracking != nil {
		b.track(sheet, p, last)
	}
	end := last
	if p.Block != nil {
		end = b.writeBlock(sheet, p, widths, last+2)
	}
	b.printSetup(sheet, b.lang.Label(p.Key+".title"), true, cell(ncol, end), widths)
}

// setDate puts date d into a cell: a date serial number shown in the
// language's format, or, for a date no spreadsheet can show as a date
// (before March 1900 or after 9999), the date as text in the same format, so
// that it is never shown as another date.
func (b *builder) setDate(sheet, ref string, d answers.Date) {
	if d.IsZero() {
		return
	}
	if n, ok := serial(d); ok {
		b.check(b.f.SetCellInt(sheet, ref, int64(n)))
		return
	}
	b.setText(sheet, ref, b.lang.FormatDate(d.Time()))
}

// validate adds the data validation of column c to the cells sqref: a date
// check for dates, a drop-down for lists.
func (b *builder) validate(sheet string, c Column, sqref string) {
	l := b.lang
	example := b.lang.FormatDate(exampleDate)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	switch c.Kind {
	case Date:
		// the dates an answers file allows, no narrower, so that a row read
		// from answers keeps its workbook's rule; from the first day a
		// workbook holds as a date (serial), 1 March 1900
		lo, _ := serial(answers.Date{Year: 1900, Month: time.March, Day: 1})
		hi, _ := serial(answers.MaxDate)
		b.check(dv.SetRange(lo, hi, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, l.Label("sheet.validation.date.title"), l.Format("sheet.validation.date.error", "example", example))
		dv.SetInput(l.Label("sheet.validation.date.title"), l.Format("sheet.validation.date.prompt", "example", example))
	case Choice:
		name, ok := b.lists[c.List.ID]
		if !ok {
			return // a list without values: nothing to offer
		}
		dv.SetSqrefDropList(name)
		if c.List.Strict {
			dv.SetError(excelize.DataValidationErrorStyleStop, l.Label("sheet.validation.strict.title"), l.Label("sheet.validation.strict.error"))
		} else {
			dv.SetError(excelize.DataValidationErrorStyleInformation, l.Label("sheet.validation.suggest.title"), l.Label("sheet.validation.suggest.error"))
			dv.SetInput(l.Label("sheet.validation.suggest.title"), l.Label("sheet.validation.suggest.prompt"))
		}
	default:
		return
	}
	// Excel refuses a workbook whose messages are longer than it allows.
	for _, m := range []struct {
		s *string
		n int
	}{{dv.ErrorTitle, 32}, {dv.PromptTitle, 32}, {dv.Error, 255}, {dv.Prompt, 255}} {
		if m.s != nil {
			*m.s = truncateUTF16(*m.s, m.n)
		}
	}
	b.check(b.f.AddDataValidation(sheet, dv))
}

// track marks the progress of a plan's rows 2..last, in words as well as
// colours, so that it reads on a black-and-white print: an overdue row turns
// red and its date is followed by the overdue marker ("⚠ nokavēts"); a done
// row turns green (its status already says so in words). The rules compare
// with TODAY(), so they follow the calendar when the workbook is opened; the
// marker is a number format of the rule, not a formula in a cell.
func (b *builder) track(sheet string, p *Plan, last int) {
	t := p.Tracking
	di, si := p.column(t.DateColumn), p.column(t.StatusColumn)
	if di < 0 || si < 0 || p.Columns[si].List == nil {
		b.check(fmt.Errorf("plan %s: tracking names unknown columns %q, %q", p.ID, t.DateColumn, t.StatusColumn))
		return
	}
	date, status := "$"+colName(di+1)+"2", "$"+colName(si+1)+"2"
	list := p.Columns[si].List
	overdue := []string{"ISNUMBER(" + date + ")", date + "<TODAY()"}
	for _, id := range t.Closed {
		overdue = append(overdue, status+"<>"+formulaString(list.Label(b.lang, id)))
	}
	rule := "AND(" + strings.Join(overdue, ",") + ")"
	done := status + "=" + formulaString(list.Label(b.lang, t.Done))
	// The marker after an overdue date, on the date column alone, first:
	// LibreOffice applies only the first rule that holds for a cell, so the
	// marker's style carries the row's overdue colours too.
	marked, err := b.f.NewConditionalStyle(b.overdueMarkStyle(p))
	b.check(err)
	col := colName(di + 1)
	b.check(b.f.SetConditionalFormat(sheet, fmt.Sprintf("%s2:%s%d", col, col, last), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: rule, Format: &marked, StopIfTrue: true},
	}))
	rng := fmt.Sprintf("A2:%s", cell(len(p.Columns), last))
	b.check(b.f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: rule, Format: &b.st.overdue},
		{Type: "formula", Criteria: done, Format: &b.st.done},
	}))
}

// writeBlock lays out the plan's block from row top and returns its last row.
func (b *builder) writeBlock(sheet string, p *Plan, widths []float64, top int) int {
	f, k, pt := b.f, p.Block, b.pt()
	ncol := len(p.Columns)
	b.setText(sheet, cell(1, top), b.lang.Label(k.Key+".title"))
	b.check(f.SetCellStyle(sheet, cell(1, top), cell(1, top), b.st.blockTitle))
	b.check(f.SetRowHeight(sheet, top, lineHeight(b.th.Type.H3)+rowPad+4))
	hl := 1
	for i, c := range k.Columns {
		if i >= ncol {
			break
		}
		h := b.lang.Label(k.Key + "." + c.ID)
		b.setText(sheet, cell(i+1, top+1), h)
		hl = max(hl, lines(h, pt, true, columnPx(widths[i], b.digit, 0)))
	}
	b.check(f.SetCellStyle(sheet, cell(1, top+1), cell(ncol, top+1), b.st.blockHeader))
	b.check(f.SetRowHeight(sheet, top+1, rowHeight(hl, pt)+2))
	first := top + 2
	for r, id := range k.Rows {
		row := first + r
		label := b.lang.Label(k.Key + "." + id)
		b.setText(sheet, cell(1, row), label)
		b.autoHeight(sheet, row, rowHeight(max(blankLines, lines(label, pt, true, columnPx(widths[0], b.digit, 0))), pt))
	}
	end := first + len(k.Rows) - 1
	b.check(f.SetCellStyle(sheet, cell(1, first), cell(1, end), b.st.blockLabel))
	for i, c := range k.Columns[1:] {
		if i+2 > ncol {
			break
		}
		b.check(f.SetCellStyle(sheet, cell(i+2, first), cell(i+2, end), b.st.body(c.Kind)))
		col := colName(i + 2)
		b.validate(sheet, c, fmt.Sprintf("%s%d:%s%d", col, first, col, end))
	}
	return end
}

// The paper sizes in millimetres, portrait.
var paperMM = map[Paper][2]float64{A4: {210, 297}, Letter: {215.9, 279.4}}

// pageMM returns the width and height of the printable part of a page (the
// paper less the theme's margins), in millimetres.
func (b *builder) pageMM(landscape bool) (w, h float64) {
	size := paperMM[b.o.paper]
	w, h = size[0], size[1]
	if landscape {
		w, h = h, w
	}
	m := b.margins(landscape)
	return w - m.Left - m.Right, h - m.Top - m.Bottom
}

// landscapeSide is the left and right margin of a plan's landscape page, in
// millimetres: narrower than the theme's, so that a plan's columns print
// across the page at a readable size.
const landscapeSide = 10

// margins returns the page margins of a sheet: the theme's, with the sides
// of a landscape page at most landscapeSide.
func (b *builder) margins(landscape bool) pdf.Margins {
	m := b.th.Margins
	if landscape {
		m.Left, m.Right = min(m.Left, landscapeSide), min(m.Right, landscapeSide)
	}
	return m
}

// minPrintPt is the smallest type a printed sheet may have, in points.
const minPrintPt = 8

// printScale returns the scale, in percent, a plan's sheet of columns
// widths prints at: the page's width, unless that would set the cells'
// type below minPrintPt; then the type stays at minPrintPt and the columns
// run on across pages, the first column repeated on each (titles true).
func (b *builder) printScale(widths []float64) (percent int, titles bool) {
	if len(widths) == 0 {
		return 100, false
	}
	pageW, _ := b.pageMM(true)
	fit := int(math.Floor(pageW / (excelPx(widths, b.digit) / 96 * 25.4) * 100))
	least := leastScale(b.pt())
	if fit >= least {
		return min(fit, 100), false
	}
	return least, true
}

// printSetup sets a sheet's page: orientation, paper, the scale (a plan's
// sheet of columns widths at its page's width, or across pages with its
// first column repeated when that would print its type too small), the
// theme's margins, a header band with the title and whose plan it is (the
// organisation, the partner and the period the plan's dates span, lines to
// write them on when blank), the roadmap's title, the funding line and the
// sheet's own page numbers (from 1 on each sheet) in the footer, and for a plan the header row
// repeated on every page. It sets no print area, so that whatever rows the
// table grows to print too; end is the last cell the sheet fills.
func (b *builder) printSetup(sheet, title string, landscape bool, end string, widths []float64) {
	f := b.f
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	// a sheet that fits is fitted to the page's width by the spreadsheet
	// program, which knows its own measures, at about the scale estimated
	scale, titles := b.printScale(widths)
	size, first, fit := paperCode(b.o.paper), uint(1), !titles
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FirstPageNumber: &first}
	if fit {
		one, zero := 1, 0
		layout.FitToWidth, layout.FitToHeight = &one, &zero
		scale -= 3 // room for the program measuring a little wider
	} else {
		adjust := uint(scale)
		layout.AdjustTo = &adjust
	}
	b.check(f.SetPageLayout(sheet, layout))
	b.check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m := b.margins(landscape)
	inch := func(mm float64) *float64 { v := math.Round(mm/25.4*100) / 100; return &v }
	hf, center := 0.3, true
	b.check(f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: inch(m.Left), Right: inch(m.Right), Top: inch(m.Top), Bottom: inch(m.Bottom), Header: &hf, Footer: &hf, Horizontally: &center,
	}))
	// the header and footer print at the sheet's scale: their sizes are
	// raised so that they print at least at minPrintPt
	ty := b.th.Type
	at := func(pt float64) float64 { return math.Max(pt, minPrintPt) * 100 / float64(scale) }
	header := "&L" + sized("Bold", at(ty.H3), headerText(title, 80))
	if band := b.band(); band != "" {
		header += "&R" + sized("Regular", at(ty.Small), band)
	}
	// each sheet's pages numbered on their own, without a total: a
	// spreadsheet program counts the pages of every sheet printed together
	// in its total, and a total written here would be wrong once rows are
	// added
	pages := strings.ReplaceAll(b.lang.Label("page.sheet"), "&", "&&")
	pages = strings.NewReplacer("{page}", "&P").Replace(pages)
	// the roadmap's title over the funding line, the page numbers
	footer := "&L" + sized("Regular", at(ty.Small), headerText(b.lang.Title, 100)) + "\n" +
		sized("Bold", at(ty.Small), headerText(b.lang.Label("funded_by"), 60)) + "&R" + sized("Regular", at(ty.Small), pages)
	b.check(f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
	b.check(f.SetSheetDimension(sheet, "A1:"+end))
	if landscape {
		ref := quoteSheet(sheet) + "!$1:$1"
		if titles {
			ref = quoteSheet(sheet) + "!$A:$A," + ref
		}
		b.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet}))
	}
}

// blankField is the line a blank header band gives a value to be written
// on by hand.
const blankField = "________________"

// band returns the text of a page header's band saying whose plan it is:
// the organisation and the partner over the period the plans' dates span,
// each a line to write on when the workbook is blank; "" for a pre-filled
// workbook that names none of them.
func (b *builder) band() string {
	l := b.lang
	org, partner, period := blankField, blankField, blankField
	if b.a != nil {
		org, partner, period = b.a.Organisation.Name, b.a.Organisation.Partner, b.period()
		if org == "" && partner == "" && period == "" {
			return ""
		}
	}
	var top []string
	for _, f := range []struct{ key, v string }{{"field.organisation", org}, {"field.partner", partner}} {
		if f.v != "" {
			top = append(top, l.Label(f.key)+": "+headerText(f.v, 50))
		}
	}
	text := strings.Join(top, "   ")
	if period != "" {
		text += "\n" + l.Label("field.period") + ": " + period
	}
	return strings.TrimPrefix(text, "\n")
}

// period returns the span of the dates of every plan's rows ("15.01.2027. –
// 10.12.2027."), or "" when they have none.
func (b *builder) period() string {
	var lo, hi answers.Date
	for _, p := range Plans() {
		if p.Rows == nil {
			continue
		}
		for _, r := range p.Rows(b.a) {
			for i, c := range p.Columns {
				if c.Kind != Date || i >= len(r) || r[i].Date.IsZero() {
					continue
				}
				d := r[i].Date
				if lo.IsZero() || d.Time().Before(lo.Time()) {
					lo = d
				}
				if hi.IsZero() || d.Time().After(hi.Time()) {
					hi = d
				}
			}
		}
	}
	if lo.IsZero() {
		return ""
	}
	from, to := b.lang.FormatDate(lo.Time()), b.lang.FormatDate(hi.Time())
	if from == to {
		return from
	}
	return from + " – " + to
}

// sized returns text for a header or footer section in Arial of the given
// style at size pt (whole points: a decimal point would end the &nn code). A
// text that starts with a digit is set off by a space, which would otherwise
// read as part of the size.
func sized(style string, pt float64, text string) string {
	if text != "" && text[0] >= '0' && text[0] <= '9' {
		text = " " + text
	}
	return fmt.Sprintf("&\"Arial,%s\"&%d%s", style, int(math.Ceil(pt)), text)
}

// writeProps sets the document properties: title, subject, language,
// creator and fixed dates.
func (b *builder) writeProps(plans []Plan) {
	title := b.lang.Label("sheet.workbook.title")
	if len(plans) == 1 {
		title = b.lang.Label(plans[0].Key + ".title")
	}
	if b.a != nil && b.a.Organisation.Name != "" {
		title += " – " + b.a.Organisation.Name
	}
	date := b.o.date.UTC().Format(time.RFC3339)
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        b.lang.Title,
		Description:    b.lang.Project,
		Keywords:       b.lang.Project,
		Creator:        "roadmap",
		LastModifiedBy: "roadmap",
		Language:       b.lang.Code,
		Created:        date,
		Modified:       date,
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "roadmap"}))
}

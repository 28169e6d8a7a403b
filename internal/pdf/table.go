package pdf

import (
	"math"
	"strings"
)

// Column is a column of a Table.
type Column struct {
	// Label is the header text.
	Label string
	// Width is the column's share of the table width; shares are
	// normalised, so 2, 1, 1 and 0.5, 0.25, 0.25 are the same.
	Width float64
	// Align aligns the cells (left by default).
	Align Align
}

// Table is a table drawn by Doc.Table.
type Table struct {
	Columns []Column
	// Size is the type size in pt; 0 means the theme's body size.
	Size float64
	// Zebra shades every other row.
	Zebra bool
	// MinRowHeight is the least height of a row in mm (tall empty rows make
	// a form to write in).
	MinRowHeight float64
	// EmptyRows are blank rows added after the given rows.
	EmptyRows int
	// RowColors, where set, are the colours of the rows' text (an overdue
	// row in red); the theme's text colour elsewhere.
	RowColors []*Color
	// Continued, when set, is a line drawn above the repeated header row on
	// every page the table continues on (its title and "(continued)").
	Continued string
}

// Table draws a table at the cursor across the text area. The header row is
// repeated at the top of every page the table continues on. A row moves to
// the next page whole when it does not fit; a row taller than a page is split
// between lines, never through one, and continues under a repeated header.
func (d *Doc) Table(t Table, rows [][]string) {
	defer d.catch()
	if d.failed() || len(t.Columns) == 0 {
		return
	}
	d.ensurePage()
	size := t.Size
	if !(size > 0 && size <= 200) {
		size = d.theme.Type.Body
	}
	cs := d.theme.Styles.Cell
	cellPadX, cellPadY := cs.PadX, cs.PadY
	lh := d.lineHeight(size, cs.Leading)
	total := 0.0
	for _, c := range t.Columns {
		total += sane(c.Width)
	}
	ws := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		if total > 0 {
			ws[i] = sane(c.Width) / total * d.Width()
		} else {
			ws[i] = d.Width() / float64(len(t.Columns))
		}
	}
	d.widenColumns(ws, t, rows, size)
	wrap := func(cells []string, st Style) ([][]string, int) {
		out := make([][]string, len(ws))
		n := 1
		for i := range ws {
			if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
				out[i] = d.Lines(d.clean(cells[i], st), st, size, ws[i]-2*cellPadX)
			}
			n = max(n, len(out[i]))
		}
		return out, n
	}
	labels := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		labels[i] = c.Label
	}
	head, hn := wrap(labels, Bold)
	headH := float64(hn)*lh + 2*cellPadY
	th := d.theme
	rule := th.Colors.Rule

	// the structure: Table, THead and TBody, a TR per row, a TH or TD per
	// cell; a header repeated on a later page is an artifact
	d.Begin(Elem{Type: TagTable})
	defer d.End()
	table := d.tags.cur
	var body int
	// cellsOf returns the elements of a new row of the table's head or body
	cellsOf := func(group *int, typ, cell string) []int {
		if d.dry > 0 {
			return nil
		}
		cur := d.tags.cur
		defer func() { d.tags.cur = cur }()
		d.tags.cur = table
		if *group == 0 {
			*group = d.addElem(Elem{Type: typ})
		}
		d.tags.cur = *group
		d.tags.cur = d.addElem(Elem{Type: TagTR})
		es := make([]int, len(ws))
		for i := range es {
			e := Elem{Type: cell}
			if cell == TagTH {
				e.Scope = "Column"
			}
			es[i] = d.addElem(e)
		}
		return es
	}
	var rowElems []int // the cells of the row being drawn, nil: an artifact
	colour := th.Colors.Text
	drawCells := func(cells [][]string, from, to int, h float64, st Style, bg *Color) {
		x := d.Left()
		if bg != nil {
			d.rect(x, d.y, d.Width(), h, *bg)
		}
		cur := d.tags.cur
		if rowElems == nil {
			d.tags.artifact++
		}
		for i, w := range ws {
			if rowElems != nil {
				d.tags.cur = rowElems[i]
			}
			for k := from; k < to && k < len(cells[i]); k++ {
				d.textAligned(x+cellPadX, d.y+cellPadY+float64(k-from)*lh, w-2*cellPadX, cells[i][k], st, size, colour, t.Columns[i].Align)
			}
			x += w
		}
		if rowElems == nil {
			d.tags.artifact--
		}
		d.tags.cur = cur
		// grid: top, bottom and column rules
		d.line(d.Left(), d.y, d.Right(), d.y, rule, cs.Rule)
		d.line(d.Left(), d.y+h, d.Right(), d.y+h, rule, cs.Rule)
		x = d.Left()
		for i := 0; i <= len(ws); i++ {
			d.line(x, d.y, x, d.y+h, rule, cs.Rule)
			if i < len(ws) {
				x += ws[i]
			}
		}
		d.y += h
		d.drawn()
	}
	header := func() {
		keep := colour
		defer func() { colour = keep }()
		colour = th.Colors.Text
		hb := th.Colors.TableHead
		drawCells(head, 0, hn, headH, Bold, &hb)
	}
	contH := 0.0
	if t.Continued != "" {
		contH = d.lineHeight(size, 0) + 1
	}
	// a continuation page: the table's title "(continued)" over its header
	more := func() {
		d.AddPage()
		if t.Continued != "" {
			d.Artifact(func() { // repeated on every page the table goes on to
				d.textAligned(d.Left(), d.y, d.Width(), d.fitText(t.Continued, Bold, size, d.Width()), Bold, size, th.Colors.Muted, AlignLeft)
			})
			d.y += contH
		}
		header()
	}
	t.MinRowHeight = math.Min(sane(t.MinRowHeight), d.PageHeight()/2)
	minRow := math.Max(t.MinRowHeight, lh+2*cellPadY)
	n := len(rows) + t.EmptyRows
	heights := make([]float64, n)
	for r := range n {
		var cells []string
		if r < len(rows) {
			cells = rows[r]
		}
		_, ln := wrap(cells, Regular)
		heights[r] = math.Max(float64(ln)*lh+2*cellPadY, t.MinRowHeight)
	}
	// The header with the first two rows (a row is never left alone under
	// a header at a page's foot), when they fit on a page.
	first := minRow
	if n > 0 {
		first = heights[0]
		if n > 1 && heights[0]+heights[1] <= d.PageHeight()-headH-contH {
			first += heights[1]
		}
	}
	d.EnsureSpace(headH + math.Min(first, d.PageHeight()-headH))
	var head0 int
	rowElems = cellsOf(&head0, TagTHead, TagTH)
	header()
	rowElems = nil
	for r := range n {
		var cells []string
		if r < len(rows) {
			cells = rows[r]
		}
		lines, ln := wrap(cells, Regular)
		var bg *Color
		if t.Zebra && r%2 == 1 {
			z := th.Colors.Zebra
			bg = &z
		}
		h := heights[r]
		rowCells := cellsOf(&body, TagTBody, TagTD)
		colour = th.Colors.Text
		if r < len(t.RowColors) && t.RowColors[r] != nil {
			colour = *t.RowColors[r]
		}
		// the last row never alone on a page: the one before it goes
		// with it when both fit on the next
		last := r == n-2 && n >= 3 && h+heights[r+1] > d.Remaining()+1e-6 && h+heights[r+1] <= d.PageHeight()-headH-contH
		if h <= d.Remaining()+1e-6 && !last {
			rowElems = rowCells
			drawCells(lines, 0, ln, h, Regular, bg)
			rowElems = nil
			d.cellAreas(r-len(rows), ws, h)
			continue
		}
		if h <= d.PageHeight()-headH-contH {
			more()
			rowElems = rowCells
			drawCells(lines, 0, ln, h, Regular, bg)
			rowElems = nil
			d.cellAreas(r-len(rows), ws, h)
			continue
		}
		// taller than a page: split between lines
		fresh := false
		for from := 0; from < ln; {
			k := int((d.Remaining() - 2*cellPadY + 1e-6) / lh)
			if k < 1 && fresh {
				// Not one line fits under the header even on a new page
				// (a theme of huge type, padding and margins): one line a
				// page, so the table ends rather than adding pages forever.
				k = 1
			}
			if k < 1 {
				more()
				fresh = true
				continue
			}
			fresh = false
			to := min(from+k, ln)
			rowElems = rowCells
			drawCells(lines, from, to, float64(to-from)*lh+2*cellPadY, Regular, bg)
			rowElems = nil
			from = to
		}
	}
	d.y += cs.After
}

// widenColumns widens the columns of widths ws whose longest word (of the
// header or of a cell) would not fit, so that a date, a number or a word is
// never broken inside, taking the room from the other columns in proportion
// to what they have beyond their own longest word. When the words of all
// columns cannot fit side by side, the widths stay as they are.
func (d *Doc) widenColumns(ws []float64, t Table, rows [][]string, size float64) {
	// need is what the longest word needs, hard what the longest word
	// with a digit in it (a date, a number, a phone number) needs
	need := make([]float64, len(ws))
	hard := make([]float64, len(ws))
	longest := func(i int, s string, st Style) {
		for _, w := range unbreakable(d.clean(s, st)) {
			wd := d.measure(w, st, size) + 2*d.theme.Styles.Cell.PadX + 0.2
			need[i] = max(need[i], wd)
			if strings.ContainsAny(w, "0123456789") {
				hard[i] = max(hard[i], wd)
			}
		}
	}
	for i, c := range t.Columns {
		longest(i, c.Label, Bold)
	}
	for _, r := range rows {
		for i := range min(len(r), len(ws)) {
			longest(i, r[i], Regular)
		}
	}
	total, sumNeed, sumHard := 0.0, 0.0, 0.0
	for i := range ws {
		total += ws[i]
		sumNeed += need[i]
		sumHard += hard[i]
	}
	if sumNeed > total {
		// not every word fits: at least no number is broken
		if sumHard > total {
			return
		}
		need = hard
	}
	for range len(ws) {
		short, spare := 0.0, 0.0
		for i := range ws {
			if ws[i] < need[i] {
				short += need[i] - ws[i]
			} else {
				spare += ws[i] - need[i]
			}
		}
		if short <= 1e-9 || spare <= 0 {
			return
		}
		f := math.Min(short/spare, 1)
		for i := range ws {
			if ws[i] < need[i] {
				ws[i] = need[i]
			} else {
				ws[i] -= (ws[i] - need[i]) * f
			}
		}
	}
}

// TOCEntry draws a table-of-contents line for link l: the text at an indent
// for its level (0, 1, ...), dot leaders, and l's page number, filled in when
// the document is finished. The whole entry is a clickable link.
func (d *Doc) TOCEntry(text string, level int, l Link) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	size := d.theme.Type.Body
	st := Regular
	if level == 0 {
		st = Bold
	}
	const numW = 10.0
	indent := float64(level) * 6
	lh := d.lineHeight(size, 0)
	x := d.Left() + indent
	text = d.clean(text, st)
	lines := d.Lines(text, st, size, d.Right()-numW-3-x)
	h := float64(len(lines)) * lh
	before := 0.8
	if level == 0 {
		before = 2.5
	}
	if d.AtTop() {
		before = 0
	}
	d.EnsureSpace(before + h)
	if !d.AtTop() {
		d.y += before
	}
	top := d.y
	c := d.theme.Colors.Text
	// a TOCI holding a Link: the title, then (drawn when the document is
	// finished) the page number; the leaders are an artifact
	if d.tags.elems[d.tags.cur].Type == TagTOCI || d.dry > 0 {
		d.Begin(Elem{Type: TagLink})
	} else {
		d.Begin(Elem{Type: TagTOCI})
		d.Begin(Elem{Type: TagLink})
		defer d.End()
	}
	defer d.End()
	for i, s := range lines {
		if i > 0 {
			d.y += lh
		}
		d.textBase(x, baseline(d.y, lh, size), s, st, size, c)
	}
	// leaders from the end of the last line to the page number
	end := x + d.measure(lines[len(lines)-1], st, size) + 2
	dot := d.measure(". ", Regular, size)
	if n := int((d.Right() - numW - end) / dot); n > 0 {
		lead := strings.Repeat(". ", n)
		d.Artifact(func() {
			d.textBase(d.Right()-numW-d.measure(lead, Regular, size), baseline(d.y, lh, size), lead, Regular, size, d.theme.Colors.Rule)
		})
	}
	ref := pageRef{link: l, page: d.f.PageNo(), x: d.Right() - numW, y: d.y, w: numW,
		style: st, size: size, color: c, align: AlignRight, fallback: "?", elem: d.tags.cur}
	d.y += lh
	ref.annot = d.internalLink(d.Left()+indent, top, d.Right()-x, d.y-top, l, strings.Join(lines, " "))
	if d.dry == 0 {
		d.pageRefs = append(d.pageRefs, ref)
	}
	d.drawn()
}

// unbreakable returns the pieces of s that a line never breaks inside: its
// words, with the words joined by markNoBreaks kept together.
func unbreakable(s string) []string {
	ws := strings.Fields(s)
	var out []string
	for i := 0; i < len(ws); i++ {
		g := ws[i]
		for i+1 < len(ws) && isNumber(ws[i]) && (isNumber(ws[i+1]) || isUnit(ws[i+1])) {
			g += " " + ws[i+1]
			i++
		}
		out = append(out, g)
	}
	return out
}

package pdf

import "math"

// FillRect fills a rectangle with its top left corner at (x, y), its corners
// rounded with radius r mm (0 for square corners), without moving the cursor
// or breaking pages: for small marks placed by hand, such as progress bars.
func (d *Doc) FillRect(x, y, w, h, r float64, c Color) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	r = math.Min(sane(r), math.Min(w, h)/2)
	if r > 0 {
		d.roundRect(x, y, w, h, r, c)
		return
	}
	d.rect(x, y, w, h, c)
}

// Line draws a straight line from (x0, y0) to (x1, y1), lw mm wide, without
// moving the cursor or breaking pages.
func (d *Doc) Line(x0, y0, x1, y1 float64, c Color, lw float64) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	d.line(x0, y0, x1, y1, c, lw)
}

// CheckGrid draws tick boxes with their labels in cols columns, filled row
// by row (cols < 1 means one column). A label wraps within its column, under
// itself; a row is kept on one page; a ticked label is set in bold, as in
// Choices.
func (d *Doc) CheckGrid(items []Choice, cols int) {
	defer d.catch()
	if d.failed() || len(items) == 0 {
		return
	}
	d.ensurePage()
	cols = max(cols, 1)
	ts := d.theme.Styles.TickBox
	colGap := ts.Column
	colW := (d.Width() - colGap*float64(cols-1)) / float64(cols)
	style := func(it Choice) (ParaStyle, Run) {
		st := Regular
		if it.Ticked {
			st = Bold
		}
		return ParaStyle{SpaceAfter: ts.Row}, Run{Text: it.Label, Style: st}
	}
	side := d.theme.Spacing.TickBox
	d.Begin(Elem{Type: TagL}) // the boxes and their labels, one list
	defer d.End()
	for start := 0; start < len(items); start += cols {
		row := items[start:min(start+cols, len(items))]
		h := 0.0
		for i, it := range row {
			left := float64(i) * (colW + colGap)
			d.Indent(left, d.Width()-left-colW, func() {
				p, r := style(it)
				p.Indent = side + ts.Gap
				h = math.Max(h, d.TextHeight(p, r))
			})
		}
		d.EnsureSpace(h)
		top := d.y
		bottom := top
		for i, it := range row {
			left := float64(i) * (colW + colGap)
			d.y = top
			d.Indent(left, d.Width()-left-colW, func() {
				p, r := style(it)
				d.CheckRuns(it.Ticked, p, r)
			})
			bottom = math.Max(bottom, d.y)
		}
		d.y = bottom
	}
}

// CheckGridLabelWidth returns the width a label has beside its tick box in
// a CheckGrid of cols columns at the current indent.
func (d *Doc) CheckGridLabelWidth(cols int) float64 {
	cols = max(cols, 1)
	ts := d.theme.Styles.TickBox
	return (d.Width()-ts.Column*float64(cols-1))/float64(cols) - d.theme.Spacing.TickBox - ts.Gap
}

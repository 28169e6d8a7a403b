package pdf

import "codeberg.org/go-pdf/fpdf"

// This file holds the vector primitives charts are drawn with. Like FillRect
// and Line they draw at given coordinates, without moving the cursor or
// breaking pages: the caller reserves the space (EnsureSpace) first.

// Point is a point on the page, in mm from the top left corner.
type Point struct{ X, Y float64 }

// StrokeRect draws the outline of a rectangle, lw mm wide.
func (d *Doc) StrokeRect(x, y, w, h float64, c Color, lw float64) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	d.strokeRect(x, y, w, h, c, lw)
}

// Polygon fills the polygon through pts with colour c.
func (d *Doc) Polygon(pts []Point, c Color) {
	defer d.catch()
	if d.failed() || d.dry > 0 || len(pts) < 3 {
		return
	}
	d.ensurePage()
	ps := make([]fpdf.PointType, len(pts))
	for i, p := range pts {
		ps[i] = fpdf.PointType{X: p.X, Y: p.Y}
	}
	d.mark(false)
	d.setFill(c)
	d.f.Polygon(ps, "F")
	d.drawn()
}

// Circle fills a circle of radius r mm centred on (x, y) with colour c,
// and, when lw > 0, outlines it in colour line lw mm wide.
func (d *Doc) Circle(x, y, r float64, c Color, line Color, lw float64) {
	defer d.catch()
	if d.failed() || d.dry > 0 || r <= 0 {
		return
	}
	d.ensurePage()
	d.mark(false)
	d.setFill(c)
	style := "F"
	if lw > 0 {
		d.setDraw(line, lw)
		style = "FD"
	}
	d.f.Circle(x, y, r, style)
	d.drawn()
}

// Label draws one line of s in the box of width w whose top is y, aligned
// as a says and shortened with an ellipsis when it does not fit; it
// returns the width drawn. For the labels of charts.
func (d *Doc) Label(x, y, w float64, s string, st Style, size float64, c Color, a Align) float64 {
	defer d.catch()
	if d.failed() {
		return 0
	}
	d.ensurePage()
	s = d.fitText(s, st, size, w)
	d.textAligned(x, y, w, s, st, size, c, a)
	return d.measure(s, st, size)
}

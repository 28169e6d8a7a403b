// Package chart draws the roadmap's charts as vector graphics on a PDF page,
// with the pdf package's primitives, in the documents' fonts and step
// colours: the progress picture (the three steps as a road of chevrons,
// filled as far as the checkpoints are done), horizontal bar charts of
// option counts, and a timeline (Gantt-like, by month) of plan deadlines and
// evaluation dates with the overdue ones marked.
//
// Every chart stays readable in grayscale: done, in progress and not started
// are three clearly different shades, each count is also written as a
// number, and the kinds of dates on a timeline differ in shape (a circle
// for a deadline, a diamond for an evaluation, a triangle for an overdue
// deadline), not in colour alone. Texts come from the content's labels.
package chart

import (
	"math"
	"strconv"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// OverdueColor is the colour of an overdue mark: a red that stays dark in
// grayscale.
var OverdueColor = pdf.Color{R: 0xb3, G: 0x26, B: 0x1e}

// Step is how far the checkpoints of one step have got (roadmap.Progress):
// not-applicable ones are left out of its Total.
type Step = roadmap.Step

// tints of a step colour: in progress, and the rest.
const (
	doingTint = 0.55
	restTint  = 0.86
)

// chevron returns the points of a chevron whose box is (x, y, w, h), with
// a point of depth a on the right and a notch of the same depth on the
// left (none when first).
func chevron(x, y, w, h, a float64, first bool) []pdf.Point {
	notch := a
	if first {
		notch = 0
	}
	return []pdf.Point{{X: x, Y: y}, {X: x + w - a, Y: y}, {X: x + w, Y: y + h/2}, {X: x + w - a, Y: y + h}, {X: x, Y: y + h}, {X: x + notch, Y: y + h/2}}
}

// clipRight cuts polygon pts at the vertical line x = cut, keeping what is
// left of it (Sutherland–Hodgman against one half-plane).
func clipRight(pts []pdf.Point, cut float64) []pdf.Point {
	var out []pdf.Point
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		pin, qin := p.X <= cut, q.X <= cut
		if pin {
			out = append(out, p)
		}
		if pin != qin {
			t := (cut - p.X) / (q.X - p.X)
			out = append(out, pdf.Point{X: cut, Y: p.Y + t*(q.Y-p.Y)})
		}
	}
	return out
}

// Road draws the progress picture's chevrons in the box (x, y, w, h): one
// per step, each filled from the left as far as its checkpoints are done
// (the step's colour), then in progress (a tint), the rest in a pale tint;
// under each chevron, beside it rather than on it, where the fill would
// hide part of the arrow, the step's label on the left and its count on the
// right, in type of size RoadLabelSize, a line RoadLabelHeight high. It
// does not move the cursor.
func Road(d *pdf.Doc, lang *content.Language, x, y, w, h float64, steps []Step) {
	if len(steps) == 0 {
		return
	}
	th := d.Theme()
	const gap = 1.2
	a := math.Min(h*0.45, 5)
	cw := (w - gap*float64(len(steps)-1)) / float64(len(steps))
	size := RoadLabelSize(d)
	ty := y + h + 0.5
	for i, st := range steps {
		cx := x + float64(i)*(cw+gap)
		c := th.Step(st.Number)
		shape := chevron(cx, y, cw, h, a, i == 0)
		d.Polygon(shape, c.Mix(pdf.White, restTint))
		if st.Total() > 0 {
			if doing := float64(st.Done+st.InProgress) / float64(st.Total()); doing > 0 {
				d.Polygon(clipRight(shape, cx+doing*cw), c.Mix(pdf.White, doingTint))
			}
			if done := float64(st.Done) / float64(st.Total()); done > 0 {
				d.Polygon(clipRight(shape, cx+done*cw), c)
			}
		}
		count := lang.Format("form.progress.count", "done", strconv.Itoa(st.Done), "total", strconv.Itoa(st.Total()))
		label := lang.Format("step.label", "n", strconv.Itoa(st.Number))
		left := cx
		if i > 0 {
			left += a
		}
		room := cx + cw - a - left
		cwid := pdf.Width(count, pdf.Bold, size)
		if pdf.Width(label, pdf.Bold, size)+cwid+1.5 <= room {
			d.Label(left, ty, room-cwid-1.5, label, pdf.Bold, size, c, pdf.AlignLeft)
		}
		if cwid <= room {
			d.Label(left, ty, room, count, pdf.Bold, size, th.Colors.Text, pdf.AlignRight)
		}
	}
}

// RoadLabelSize is the size of the type of the labels Road sets under its
// chevrons.
func RoadLabelSize(d *pdf.Doc) float64 { return d.Theme().Type.Small }

// RoadLabelHeight is the height Road takes below its chevrons for their
// labels.
func RoadLabelHeight(d *pdf.Doc) float64 { return 0.5 + d.LineHeight(RoadLabelSize(d)) }

// Progress draws the progress picture at the cursor, across the text
// width: the road of the steps, each step's title under its chevron, and
// a legend of the three shades; then moves the cursor below it.
func Progress(d *pdf.Doc, lang *content.Language, steps []Step) {
	if len(steps) == 0 {
		return
	}
	th := d.Theme()
	const roadH = 7.0
	small := th.Type.Small
	lh := d.LineHeight(small)
	labels := RoadLabelHeight(d)
	h := roadH + labels + 1 + 2*lh + 1.5 + lh + 2
	d.EnsureSpace(h)
	x, y, w := d.Left(), d.Y(), d.Width()
	Road(d, lang, x, y, w, roadH, steps)
	const gap = 1.2
	cw := (w - gap*float64(len(steps)-1)) / float64(len(steps))
	ty := y + roadH + labels + 1
	for i, st := range steps {
		lines := d.Lines(st.Title, pdf.Regular, small, cw-2)
		for j, ln := range lines[:min(len(lines), 2)] {
			if j == 1 && len(lines) > 2 {
				ln += " " + lines[2]
			}
			d.Label(x+float64(i)*(cw+gap)+1, ty+float64(j)*lh, cw-2, ln, pdf.Regular, small, th.Colors.Muted, pdf.AlignLeft)
		}
	}
	ly := ty + 2*lh + 1.5
	legend(d, x, ly, small, []legendItem{
		{swatch, th.Colors.Accent, lang.Label("status.done")},
		{swatch, th.Colors.Accent.Mix(pdf.White, doingTint), lang.Label("status.in-progress")},
		{swatch, th.Colors.Accent.Mix(pdf.White, restTint), lang.Label("status.not-started")},
	})
	d.SetY(ly + lh + 2)
}

// Shape is the kind of mark a legend entry shows.
type Shape int

// The marks of charts.
const (
	swatch Shape = iota
	// Dot marks an action-plan deadline.
	Dot
	// Ring marks a deadline that is done.
	Ring
	// Diamond marks an evaluation date.
	Diamond
	// Triangle marks an overdue deadline.
	Triangle
	// Half marks a deadline in progress: a circle half filled.
	Half
)

type legendItem struct {
	shape Shape
	c     pdf.Color
	text  string
}

// legend draws a row of marks with their texts from (x, y).
func legend(d *pdf.Doc, x, y, size float64, items []legendItem) {
	th := d.Theme()
	lh := d.LineHeight(size)
	for _, it := range items {
		cy := y + lh/2
		if it.shape == swatch {
			d.FillRect(x, cy-1.4, 2.8, 2.8, 0.5, it.c)
			d.StrokeRect(x, cy-1.4, 2.8, 2.8, th.Colors.Rule, 0.15)
		} else {
			mark(d, it.shape, x+1.4, cy, 1.4, it.c)
		}
		x += 2.8 + 1.4
		x += d.Label(x, y, 80, it.text, pdf.Regular, size, th.Colors.Muted, pdf.AlignLeft) + 5
	}
}

// mark draws a mark of shape s centred on (x, y) with radius r.
func mark(d *pdf.Doc, s Shape, x, y, r float64, c pdf.Color) {
	switch s {
	case Dot:
		d.Circle(x, y, r, c, pdf.White, 0.2)
	case Ring:
		d.Circle(x, y, r*0.85, pdf.White, c, 0.45)
	case Diamond:
		r *= 1.15
		d.Polygon([]pdf.Point{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, c)
	case Triangle:
		r *= 1.2
		d.Polygon([]pdf.Point{{X: x, Y: y - r}, {X: x + r, Y: y + r*0.8}, {X: x - r, Y: y + r*0.8}}, c)
	case Half:
		d.Circle(x, y, r*0.85, pdf.White, c, 0.45)
		var half []pdf.Point
		for i := 0; i <= 12; i++ {
			a := math.Pi/2 + math.Pi*float64(i)/12
			half = append(half, pdf.Point{X: x + r*0.85*math.Cos(a), Y: y - r*0.85*math.Sin(a)})
		}
		d.Polygon(half, c)
	default:
		d.FillRect(x-r, y-r, 2*r, 2*r, 0.4, c)
	}
}

package chart

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Lane is one row of a timeline: an organisation, or one plan row.
type Lane struct {
	Label string
	Marks []Mark
}

// Mark is one dated thing on a timeline.
type Mark struct {
	Date answers.Date
	// Shape is Dot (a deadline), Ring (a deadline done), Diamond (an
	// evaluation) or Triangle (an overdue deadline).
	Shape Shape
}

// MarkColor is the colour of a mark of shape s.
func MarkColor(th pdf.Theme, s Shape) pdf.Color {
	switch s {
	case Diamond:
		return th.Step(3)
	case Triangle:
		return OverdueColor
	}
	return th.Colors.Accent
}

// TimelineHeight is the height Timeline takes for lanes when it fits on one
// page: for a heading to keep the whole timeline with it.
func TimelineHeight(d *pdf.Doc, lanes []Lane) float64 {
	n := 0
	for _, l := range lanes {
		if slices.ContainsFunc(l.Marks, func(m Mark) bool { return !m.Date.IsZero() }) {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	lh := d.LineHeight(d.Theme().Type.Small)
	return 2*lh + 0.5 + float64(n)*laneH + 1.5 + lh + 2
}

// laneH is the height of a timeline's lane.
const laneH = 5.0

// month is a month counted from year 0.
func month(d answers.Date) int { return d.Year*12 + int(d.Month) - 1 }

// Timeline draws a timeline at the cursor: a column of lane labels, a
// column per month from the first date to the last (and the as-of date),
// each lane's dates as marks on a pale bar from its first to its last
// date, a line at asOf, and a legend. Lanes flow onto further pages, each
// repeating the months. Lanes without dates are left out; with no dates at
// all nothing is drawn.
func Timeline(d *pdf.Doc, lang *content.Language, lanes []Lane, asOf answers.Date) {
	// a Figure, described by the text it draws (labels and numbers)
	d.Figure("", func() { timelineFigure(d, lang, lanes, asOf) })
}

func timelineFigure(d *pdf.Doc, lang *content.Language, lanes []Lane, asOf answers.Date) {
	var rows []Lane
	shown := map[Shape]bool{}
	lo, hi := math.MaxInt, math.MinInt
	for _, l := range lanes {
		var ms []Mark
		for _, m := range l.Marks {
			if !m.Date.IsZero() {
				ms = append(ms, m)
				shown[m.Shape] = true
				lo, hi = min(lo, month(m.Date)), max(hi, month(m.Date))
			}
		}
		if len(ms) > 0 {
			rows = append(rows, Lane{Label: l.Label, Marks: ms})
		}
	}
	if len(rows) == 0 {
		return
	}
	if !asOf.IsZero() && month(asOf) >= lo-3 && month(asOf) <= hi+3 {
		lo, hi = min(lo, month(asOf)), max(hi, month(asOf))
	}
	th := d.Theme()
	small := th.Type.Small
	lh := d.LineHeight(small)
	labelW := math.Max(d.Width()*0.3, 36)
	n := hi - lo + 1
	colW := (d.Width() - labelW) / float64(n)
	headH := 2*lh + 0.5
	x0 := d.Left() + labelW
	xOf := func(dt answers.Date) float64 {
		days := time.Date(dt.Year, dt.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return x0 + (float64(month(dt)-lo)+(float64(dt.Day)-0.5)/float64(days))*colW
	}
	// Months are named when there is room; else every second, third, ...
	step := 1
	for step < 12 && colW*float64(step) < pdf.Width("00", pdf.Regular, small)+2.2 {
		step++
	}

	header := func() (top float64) {
		top = d.Y()
		for i := 0; i < n; i++ {
			m := lo + i
			x := x0 + float64(i)*colW
			if m%12 == 0 || i == 0 {
				d.Label(x+0.6, top, math.Max(colW*float64(min(12-m%12, n-i)), 10), strconv.Itoa(m/12), pdf.Bold, small, th.Colors.Text, pdf.AlignLeft)
			}
			if (m%12)%step == 0 {
				d.Label(x, top+lh, colW*float64(step), monthLabel(lang, m%12+1, small, colW*float64(step)), pdf.Regular, small, th.Colors.Muted, pdf.AlignCenter)
			}
		}
		return top
	}
	grid := func(top, bottom float64) {
		for i := 0; i <= n; i++ {
			x := x0 + float64(i)*colW
			c, w := th.Colors.Rule.Mix(pdf.White, 0.45), 0.15
			if (lo+i)%12 == 0 || i == 0 || i == n {
				c, w = th.Colors.Rule, 0.3
			}
			d.Line(x, top, x, bottom, c, w)
		}
		if !asOf.IsZero() && month(asOf) >= lo && month(asOf) <= hi {
			x := xOf(asOf)
			d.Line(x, top-0.8, x, bottom, th.Colors.Text, 0.45)
		}
	}

	lane := func(l Lane, y float64) {
		d.Label(d.Left()+0.8, y+(laneH-lh)/2, labelW-2.4, l.Label, pdf.Regular, small, th.Colors.Text, pdf.AlignLeft)
		first, last := l.Marks[0].Date, l.Marks[0].Date
		for _, m := range l.Marks {
			if m.Date.Time().Before(first.Time()) {
				first = m.Date
			}
			if m.Date.Time().After(last.Time()) {
				last = m.Date
			}
		}
		cy := y + laneH/2
		d.FillRect(xOf(first), cy-0.7, math.Max(xOf(last)-xOf(first), 0.1), 1.4, 0.7, th.Colors.Rule.Mix(pdf.White, 0.3))
		// Overdue marks last, on top.
		for _, pass := range []bool{false, true} {
			for _, m := range l.Marks {
				if (m.Shape == Triangle) == pass {
					mark(d, m.Shape, xOf(m.Date), cy, 1.35, MarkColor(th, m.Shape))
				}
			}
		}
	}

	// The whole timeline on one page when it fits there, else at least
	// its first lanes.
	keep := headH + 2*laneH
	if h := TimelineHeight(d, rows); h <= d.PageHeight() {
		keep = h
	}
	d.EnsureSpace(keep)
	y := 0.0
	for len(rows) > 0 {
		if d.Y()+headH+laneH > d.Bottom() {
			d.AddPage()
		}
		top := header()
		y = top + headH
		fit := max(1, int((d.Bottom()-y)/laneH))
		chunk := rows[:min(fit, len(rows))]
		rows = rows[len(chunk):]
		// Backgrounds, then the grid, then the marks on top.
		for i := range chunk {
			if i%2 == 1 {
				d.FillRect(d.Left(), y+float64(i)*laneH, d.Width(), laneH, 0, th.Colors.Zebra)
			}
		}
		grid(y, y+float64(len(chunk))*laneH)
		for _, l := range chunk {
			lane(l, y)
			y += laneH
		}
		d.SetY(y)
	}
	d.SetY(y + 1.5)
	d.EnsureSpace(lh + 2)
	// The legend names the marks the timeline shows.
	var items []legendItem
	for _, it := range []legendItem{
		{Dot, MarkColor(th, Dot), lang.Label("chart.legend.deadline")},
		{Ring, MarkColor(th, Ring), lang.Label("chart.legend.done")},
		{Triangle, MarkColor(th, Triangle), lang.Label("chart.legend.overdue")},
		{Diamond, MarkColor(th, Diamond), lang.Label("chart.legend.evaluation")},
	} {
		if shown[it.shape] {
			items = append(items, it)
		}
	}
	legend(d, d.Left(), d.Y(), small, items)
	y = d.Y()
	if !asOf.IsZero() {
		text := lang.Format("chart.legend.asof", "date", lang.FormatDate(asOf.Time()))
		x := d.Right() - pdf.Width(text, pdf.Regular, small)
		d.Line(x-3.2, y+0.6, x-3.2, y+lh-0.6, th.Colors.Text, 0.45)
		d.Label(x-0.8, y, d.Right()-x+0.8, text, pdf.Regular, small, th.Colors.Muted, pdf.AlignRight)
	}
	d.SetY(y + lh + 2)
}

// monthLabel is month m's short name (label chart.month.M), or its number
// when the name does not fit in w.
func monthLabel(lang *content.Language, m int, size, w float64) string {
	s := lang.Label("chart.month." + strconv.Itoa(m))
	if pdf.Width(s, pdf.Regular, size) > w-0.8 {
		return strconv.Itoa(m)
	}
	return s
}

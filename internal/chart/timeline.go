package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Lane is one row of a timeline: an organisation, or one plan row.
type Lane struct {
	Label string
	Marks []Mark
	// Group makes the lane the heading of the lanes after it (an
	// organisation's name over its plan rows): its label in bold across
	// the timeline, without marks.
	Group bool
}

// Mark is one dated thing on a timeline.
type Mark struct {
	Date answers.Date
	// Shape is Dot (a deadline), Half (a deadline in progress), Ring (a
	// deadline done), Diamond (an evaluation) or Triangle (an overdue
	// deadline).
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

// maxLabelLines is the most lines a lane's label wraps to.
const maxLabelLines = 3

// laneHeight is the height of lane l whose label takes n lines of height lh.
func laneHeight(n int, lh float64) float64 { return max(laneH, float64(n)*lh+1.2) }

// TimelineHeight is the height Timeline takes for lanes when it fits on one
// page: for a heading to keep the whole timeline with it.
func TimelineHeight(d *pdf.Doc, lanes []Lane) float64 {
	lh := d.LineHeight(d.Theme().Type.Small)
	labelW := labelWidth(d)
	h, n := 0.0, 0
	for _, l := range lanes {
		if l.Group || slices.ContainsFunc(l.Marks, func(m Mark) bool { return !m.Date.IsZero() }) {
			n++
			h += laneHeight(min(len(d.Lines(l.Label, pdf.Regular, d.Theme().Type.Small, labelW-2.4)), maxLabelLines), lh)
		}
	}
	if n == 0 {
		return 0
	}
	return 2*lh + 0.5 + h + 1.5 + lh + 2
}

// labelWidth is the width of a timeline's column of lane labels.
func labelWidth(d *pdf.Doc) float64 { return math.Max(d.Width()*0.3, 36) }

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
		if l.Group {
			rows = append(rows, Lane{Label: l.Label, Group: true})
			continue
		}
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
	// groups without a dated lane after them are left out
	var kept []Lane
	for i, l := range rows {
		if l.Group && (i+1 == len(rows) || rows[i+1].Group) {
			continue
		}
		kept = append(kept, l)
	}
	rows = kept
	if len(rows) == 0 {
		return
	}
	if !asOf.IsZero() && month(asOf) >= lo-3 && month(asOf) <= hi+3 {
		lo, hi = min(lo, month(asOf)), max(hi, month(asOf))
	}
	th := d.Theme()
	small := th.Type.Small
	lh := d.LineHeight(small)
	labelW := labelWidth(d)
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

	// a lane's label wrapped (the last of maxLabelLines lines shortened)
	// and its height
	wrapped := func(l Lane) ([]string, float64) {
		st := pdf.Regular
		if l.Group {
			st = pdf.Bold
		}
		w := labelW - 2.4
		if l.Group {
			w = d.Width() - 1.6
		}
		lines := d.Lines(l.Label, st, small, w)
		if len(lines) > maxLabelLines {
			lines = append(lines[:maxLabelLines-1], strings.Join(lines[maxLabelLines-1:], " "))
		}
		return lines, laneHeight(len(lines), lh)
	}
	lane := func(l Lane, y float64) {
		lines, h := wrapped(l)
		st := pdf.Regular
		if l.Group {
			st = pdf.Bold
		}
		for i, ln := range lines {
			w := labelW - 2.4
			if l.Group {
				w = d.Width() - 1.6
			}
			d.Label(d.Left()+0.8, y+(h-float64(len(lines))*lh)/2+float64(i)*lh, w, ln, st, small, th.Colors.Text, pdf.AlignLeft)
		}
		if l.Group {
			return
		}
		first, last := l.Marks[0].Date, l.Marks[0].Date
		for _, m := range l.Marks {
			if m.Date.Time().Before(first.Time()) {
				first = m.Date
			}
			if m.Date.Time().After(last.Time()) {
				last = m.Date
			}
		}
		cy := y + h/2
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
		_, h0 := wrapped(rows[0])
		if d.Y()+headH+h0 > d.Bottom() {
			d.AddPage()
		}
		top := header()
		y = top + headH
		// the lanes that fit on the page (at least one), a group lane
		// never last
		var hs []float64
		used := 0.0
		for _, l := range rows {
			_, h := wrapped(l)
			if len(hs) > 0 && y+used+h > d.Bottom() {
				break
			}
			hs = append(hs, h)
			used += h
		}
		if len(hs) > 1 && len(hs) < len(rows) && rows[len(hs)-1].Group {
			used -= hs[len(hs)-1]
			hs = hs[:len(hs)-1]
		}
		chunk := rows[:len(hs)]
		rows = rows[len(chunk):]
		// Backgrounds, then the grid, then the marks on top.
		ly := y
		for i, l := range chunk {
			switch {
			case l.Group:
				d.FillRect(d.Left(), ly, d.Width(), hs[i], 0, th.Colors.Shade)
			case i%2 == 1:
				d.FillRect(d.Left(), ly, d.Width(), hs[i], 0, th.Colors.Zebra)
			}
			ly += hs[i]
		}
		grid(y, y+used)
		for i, l := range chunk {
			lane(l, y)
			y += hs[i]
		}
		d.SetY(y)
	}
	d.SetY(y + 1.5)
	d.EnsureSpace(lh + 2)
	// The legend names the marks the timeline shows.
	var items []legendItem
	for _, it := range []legendItem{
		{Dot, MarkColor(th, Dot), lang.Label("chart.legend.deadline")},
		{Half, MarkColor(th, Half), lang.Label("status.in-progress")},
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

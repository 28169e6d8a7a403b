package chart

import (
	"math"
	"strconv"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Bar is one bar of a bar chart: Value out of Of.
type Bar struct {
	Label     string
	Value, Of int
}

// Bars draws a horizontal bar chart at the cursor, kept on one page: the
// title, then per bar its label (up to two lines), the bar on a pale track
// scaled to the largest Of, and "Value / Of" on the right.
func Bars(d *pdf.Doc, title string, bars []Bar, c pdf.Color) {
	// a Figure, described by the text it draws (labels and numbers)
	d.Figure("", func() { barsFigure(d, title, bars, c) })
}

func barsFigure(d *pdf.Doc, title string, bars []Bar, c pdf.Color) {
	if len(bars) == 0 {
		return
	}
	th := d.Theme()
	size := th.Type.Small + 0.5
	lh := d.LineHeight(size)
	w := d.Width()
	labelW := math.Min(w*0.42, 80)
	const countW, gap, barH = 16.0, 2.5, 3.2
	trackW := w - labelW - countW - 2*gap
	most := 1
	for _, b := range bars {
		most = max(most, b.Of, b.Value)
	}
	lines := make([][]string, len(bars))
	h := d.Measure(func() { titleText(d, title) }) + 1
	for i, b := range bars {
		ls := d.Lines(b.Label, pdf.Regular, size, labelW)
		if len(ls) > 2 {
			ls = ls[:2]
		}
		lines[i] = ls
		h += math.Max(float64(len(ls))*lh, barH) + 1.2
	}
	d.EnsureSpace(h + 2)
	titleText(d, title)
	y := d.Y() + 1
	x := d.Left()
	for i, b := range bars {
		rowH := math.Max(float64(len(lines[i]))*lh, barH)
		for j, ln := range lines[i] {
			if j == 1 && len(lines[i]) == 2 {
				if rest := d.Lines(b.Label, pdf.Regular, size, labelW); len(rest) > 2 {
					ln += " …"
				}
			}
			d.Label(x, y+float64(j)*lh, labelW, ln, pdf.Regular, size, th.Colors.Text, pdf.AlignLeft)
		}
		bx := x + labelW + gap
		by := y + (math.Min(rowH, lh*float64(len(lines[i])))-barH)/2
		if len(lines[i]) > 1 {
			by = y + (lh-barH)/2
		}
		d.FillRect(bx, by, trackW*float64(b.Of)/float64(most), barH, 0.6, c.Mix(pdf.White, restTint))
		if b.Value > 0 {
			d.FillRect(bx, by, trackW*float64(b.Value)/float64(most), barH, 0.6, c)
		}
		d.Label(x+w-countW, by+(barH-lh)/2, countW, strconv.Itoa(b.Value)+" / "+strconv.Itoa(b.Of), pdf.Bold, size, th.Colors.Text, pdf.AlignRight)
		y += rowH + 1.2
	}
	d.SetY(y + 2)
}

// titleText draws a chart's title at the cursor.
func titleText(d *pdf.Doc, title string) {
	if title == "" {
		return
	}
	th := d.Theme()
	d.Text(pdf.ParaStyle{Size: th.Type.Body, Style: pdf.Bold, SpaceAfter: 0.6, Keep: true}, pdf.Run{Text: title})
}

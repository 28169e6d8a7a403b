package guide

import (
	"strconv"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// cover draws the cover: a full-bleed panel in the accent colour with the
// project, the title and the subtitle, a stripe in the three step colours,
// the steps as stops on a road, the organisation the booklet was
// prepared for, and at its foot the EU emblem with "Funded by the European
// Union" in the booklet's language. The cover has no header or footer.
func (b *booklet) cover() {
	d, m := b.d, b.th.Margins
	d.AddPage()
	d.HideFrame()
	d.SetPlace("cover")
	// the cover is set on the page's width, its margins even, rather than
	// on the measure of the booklet's text
	d.Indent(0, m.Left-m.Right, b.coverBody)
}

// coverBody draws what the cover shows.
func (b *booklet) coverBody() {
	d, l, th := b.d, b.lang, b.th
	pw, ph := d.PageSize()
	m := th.Margins
	white := pdf.White
	tint := th.Colors.Accent.Mix(pdf.White, 0.72)

	const top = 30.0
	title := pdf.ParaStyle{Size: th.Type.Title, Leading: 1.18, Style: pdf.Bold, Color: &white, SpaceAfter: 6, Right: 10}
	sub := pdf.ParaStyle{Size: th.Type.H2 + 1, Color: &tint, SpaceAfter: -1}
	textH := d.TextHeight(title, pdf.Run{Text: l.Title}) + d.TextHeight(sub, pdf.Run{Text: l.Subtitle})
	edition := ""
	if b.aud != "all" {
		edition = l.Label("guide.edition." + string(b.aud))
	}
	panel := max(ph*0.46, top+16+textH+24)
	d.FillRect(0, 0, pw, panel, 0, th.Colors.Accent)
	if n := len(th.Colors.Steps); n > 0 {
		w := pw / float64(n)
		for i := range n {
			d.FillRect(float64(i)*w, panel+1.4, w+0.2, 2.6, 0, th.Step(i+1))
		}
	}
	d.TextAt(m.Left, top, strings.ToUpper(l.Project), pdf.Bold, th.Type.Small+1, tint)
	d.Line(m.Left, top+7, m.Left+18, top+7, tint, 0.5)
	d.SetY(top + 16)
	d.Text(title, pdf.Run{Text: l.Title})
	d.Text(sub, pdf.Run{Text: l.Subtitle})
	if edition != "" {
		// a white pill with the edition in the audience's colour
		c := th.Colors.Municipality
		if b.aud == content.Community {
			c = th.Colors.Community
		}
		size := th.Type.Body
		lh := d.LineHeight(size)
		w := pdf.Width(edition, pdf.Bold, size) + 8
		h := lh + 2.4
		y := panel - h - 10
		d.FillRect(m.Left, y, w, h, h/2, pdf.White)
		d.TextAt(m.Left+4, y+1.2, edition, pdf.Bold, size, c)
	}

	// the steps, as stops on a road
	const dot, gap = 9.0, 8.0
	x := m.Left
	y := panel + 20
	text := pdf.ParaStyle{Size: th.Type.Body + 2, Leading: 1.3, SpaceAfter: -1}
	var centres []float64
	d.SetY(y)
	for _, sp := range b.steps {
		n := sp.step.Number
		c := th.Step(n)
		top := d.Y()
		centres = append(centres, top+dot/2)
		d.FillRect(x, top, dot, dot, dot/2, c)
		num := strconv.Itoa(n)
		size := th.Type.Body + 1
		d.TextAt(x+(dot-pdf.Width(num, pdf.Bold, size))/2, top+(dot-d.LineHeight(size))/2, num, pdf.Bold, size, white)
		d.Indent(dot+5, 10, func() {
			d.SetY(top - 0.6)
			d.Text(pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &c, SpaceAfter: 0.6},
				pdf.Run{Text: strings.ToUpper(l.Format("step.label", "n", num))})
			d.Text(text, pdf.Run{Text: sp.step.Title})
		})
		d.SetY(max(d.Y(), top+dot) + gap)
	}
	for i := 1; i < len(centres); i++ {
		d.Line(x+dot/2, centres[i-1]+dot/2+1.2, x+dot/2, centres[i]-dot/2-1.2, th.Colors.Rule, 0.6)
	}

	// the EU emblem with "Funded by the European Union" in the booklet's
	// language, at the foot of the cover
	const emblem = 12.0
	foot := ph - m.Bottom - emblem
	d.FundedBy(m.Left, foot, emblem, l.Label("funded_by"), th.Colors.Text)

	if b.org != "" {
		name := pdf.ParaStyle{Size: th.Type.H2 + 1, Style: pdf.Bold, SpaceAfter: -1}
		h := d.TextHeight(name, pdf.Run{Text: b.org})
		y := foot - h - 14
		y = max(y, d.Y()+8)
		d.Line(m.Left, y, m.Left+18, y, th.Colors.Accent, 0.5)
		d.SetY(y + 3)
		d.Text(pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &th.Colors.Muted, SpaceAfter: 1},
			pdf.Run{Text: strings.ToUpper(l.Label("guide.prepared_for"))})
		d.Text(name, pdf.Run{Text: b.org})
	}
}

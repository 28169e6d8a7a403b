// Package poster lays out "the roadmap at a glance": a one-page poster per
// checklist of the three steps and every checkpoint with a tick box, for
// the workshop's wall (A4 or Letter, and A3). Filled in from an
// organisation's answers, a done checkpoint is ticked, the others say
// their status, and every step and the whole roadmap show their progress,
// counted by roadmap.Progress as every document counts it.
//
// The poster always keeps to one page: when the checkpoints' hints do not
// fit they are left out, and when the checkpoints still do not fit the
// type is set smaller; space left over is shared out between the rows.
// Every text comes from the content; the package prints nothing.
package poster

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// Options are the settings of a rendering.
type Options struct {
	// Theme is the look of the poster, paper size included; the zero
	// Theme means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF; never the clock.
	Date time.Time
	// A3 prints the poster on A3 paper, everything enlarged in proportion,
	// rather than on the theme's paper.
	A3 bool
}

// Forms are the checklists a blank poster has a page for, in page order.
var Forms = []content.Audience{content.Municipality, content.Community}

// Render lays out the poster in language lang: blank, one page per
// checklist of Forms; or filled in from answers a (validated), one page
// for a's checklist. It keeps no state between calls.
func Render(lang *content.Language, a *answers.File, opts Options) (*document.Result, error) {
	if lang == nil {
		return nil, errors.New("making the roadmap at a glance: no content language")
	}
	th := opts.Theme.OrDefault()
	scale := 1.0
	pdfOpts := []pdf.Option{}
	if opts.A3 {
		scale = math.Sqrt2
		th = enlarge(th, scale)
		pdfOpts = append(pdfOpts, pdf.WithPageSize(pdf.A3Width, pdf.A3Height))
	}
	title := lang.Label("poster.title")
	footer := title
	if lang.Project != "" {
		footer += " · " + lang.Project
	}
	if a != nil && a.Organisation.Name != "" {
		name, _ := pdf.Clean(a.Organisation.Name, pdf.Regular)
		footer = title + " · " + name
	}
	d, err := pdf.New(append(pdfOpts,
		pdf.WithTheme(th),
		pdf.WithTitle(title),
		pdf.WithSubject(lang.Title),
		pdf.WithLanguage(lang.Code),
		pdf.WithDate(opts.Date),
		pdf.WithFooter(footer),
		pdf.WithPageLabel(pdf.PageLabel(lang.Label("page.footer"))),
	)...)
	if err != nil {
		return nil, fmt.Errorf("making the roadmap at a glance: %w", err)
	}
	forms := Forms
	if a != nil {
		forms = []content.Audience{a.Form}
	}
	for _, f := range forms {
		p := &page{d: d, th: th, lang: lang, form: f, a: a, k: scale}
		p.fit()
		d.AddPage()
		p.draw()
	}
	out, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("making the roadmap at a glance (%s): %w", lang.Code, err)
	}
	return &document.Result{Data: out, Pages: d.Page(), Warnings: d.Warnings()}, nil
}

// enlarge returns t with its type, margins and marks enlarged by f.
func enlarge(t pdf.Theme, f float64) pdf.Theme {
	t.Margins = pdf.Margins{Top: t.Margins.Top * f, Right: t.Margins.Right * f, Bottom: t.Margins.Bottom * f, Left: t.Margins.Left * f}
	ty := &t.Type
	ty.Title, ty.H1, ty.H2, ty.H3, ty.Body, ty.Small = ty.Title*f, ty.H1*f, ty.H2*f, ty.H3*f, ty.Body*f, ty.Small*f
	t.Spacing.TickBox *= f
	t.Spacing.Paragraph *= f
	b := &t.Styles.Badge
	b.PadX, b.PadY, b.Gap = b.PadX*f, b.PadY*f, b.Gap*f
	return t
}

// page lays out one checklist's poster page.
type page struct {
	d    *pdf.Doc
	th   pdf.Theme
	lang *content.Language
	form content.Audience
	a    *answers.File // nil: blank
	// k is the scale of every size: the paper's (A3) times the fit's.
	k float64
	// hints shows each checkpoint's hint under its title.
	hints bool
	// gap is the extra space below each row, shared out from what the
	// page leaves over.
	gap float64
}

// fit chooses the hints, the scale and the gap that fill one page,
// measuring the page as draw lays it out (Doc.Measure, from no page yet:
// nothing in draw may depend on being at the top of a page).
func (p *page) fit() {
	d := p.d
	room := d.PageHeight() - 1 // a millimetre for rounding
	base := p.k
	h := 0.0
	// with the hints, down to a little smaller type; else without them
	for _, hints := range []bool{true, false} {
		p.hints, p.k = hints, base
		least := base * 0.88
		if !hints {
			least = base * 0.5
		}
		for h = d.Measure(p.draw); h > room && p.k > least; h = d.Measure(p.draw) {
			p.k *= 0.97
		}
		if h <= room {
			break
		}
	}
	rows := float64(len(p.lang.Checkpoints(p.form)) + len(p.lang.Steps))
	p.gap = max(math.Min((room-h)*0.8/rows, 5*p.k), 0)
}

func (p *page) label(key string, kv ...string) string { return p.lang.Format(key, kv...) }

// draw lays out the page from the cursor.
func (p *page) draw() {
	d, th, k := p.d, p.th, p.k
	muted := th.Colors.Muted
	d.SetPlace("poster")
	color := th.Colors.Municipality
	if p.form == content.Community {
		color = th.Colors.Community
	}
	d.Badges(pdf.Badge{Text: p.label("audience." + string(p.form)), Color: color})
	d.Text(pdf.ParaStyle{Size: 26 * k, Leading: 1.15, Style: pdf.Bold, SpaceAfter: 1.5 * k}, pdf.Run{Text: p.label("poster.title")})
	sub := p.lang.Title
	if p.lang.Project != "" {
		sub += " · " + p.lang.Project
	}
	d.Text(pdf.ParaStyle{Size: 8.5 * k, Color: &muted, SpaceAfter: 3 * k}, pdf.Run{Text: sub})
	steps, total := roadmap.Progress(p.lang, p.form, p.a)
	if p.a != nil {
		p.organisation()
		p.progress(p.label("form.progress.total"), total, th.Colors.Accent)
		p.legend()
		d.SetY(d.Y() + 3*k)
	} else {
		d.Text(pdf.ParaStyle{Size: 9.5 * k, Color: &muted, SpaceAfter: 3 * k}, pdf.Run{Text: p.label("poster.hint")})
	}
	i := 0
	for si := range p.lang.Steps {
		st := &p.lang.Steps[si]
		var cps []*content.Checkpoint
		for ci := range st.Checkpoints {
			if cp := &st.Checkpoints[ci]; cp.Audience.Includes(p.form) {
				cps = append(cps, cp)
			}
		}
		if len(cps) == 0 {
			continue
		}
		var count *roadmap.Count
		if p.a != nil && i < len(steps) {
			count = &steps[i].Count
		}
		i++
		p.band(st, count)
		for _, cp := range cps {
			p.checkpoint(cp)
		}
		d.SetY(d.Y() + 2*k)
	}
	// the funding line an EU-funded output carries, as the forms do
	h := 7 * k
	d.FundedBy(d.Left(), d.Y()+k, h, p.label("funded_by"), th.Colors.Text)
	d.SetY(d.Y() + k + h)
}

// organisation draws the organisation, partner and date of the answers.
func (p *page) organisation() {
	d, k := p.d, p.k
	org := p.a.Organisation
	var runs []pdf.Run
	add := func(r ...pdf.Run) {
		if runs != nil {
			runs = append(runs, pdf.Run{Text: "  ·  "})
		}
		runs = append(runs, r...)
	}
	if org.Name != "" {
		add(pdf.Run{Text: org.Name, Style: pdf.Bold})
	}
	if org.Partner != "" {
		add(pdf.Run{Text: p.label("field.partner") + ": "}, pdf.Run{Text: org.Partner})
	}
	if !p.a.Date.IsZero() {
		add(pdf.Run{Text: p.lang.FormatDate(p.a.Date.Time())})
	}
	if runs != nil {
		d.Text(pdf.ParaStyle{Size: 10.5 * k, SpaceAfter: 2 * k}, runs...)
	}
}

// progress draws a progress row: its label, a bar of done (and, paler,
// in progress) checkpoints and "k of n".
func (p *page) progress(label string, c roadmap.Count, col pdf.Color) {
	d, th, k := p.d, p.th, p.k
	size := 10 * k
	lh := d.LineHeight(size)
	count := p.label("form.progress.count", "done", strconv.Itoa(c.Done), "total", strconv.Itoa(c.Total()))
	top := d.Y()
	lw := pdf.Width(label, pdf.Bold, size)
	cw := pdf.Width(count, pdf.Bold, size)
	d.TextAt(d.Left(), top, label, pdf.Bold, size, th.Colors.Text)
	x := d.Left() + lw + 4*k
	w := d.Right() - cw - 4*k - x
	barH := 3.2 * k
	y := top + (lh-barH)/2
	d.FillRect(x, y, w, barH, barH/2, th.Colors.Rule.Mix(pdf.White, 0.55))
	if t := c.Total(); t > 0 && w > 0 {
		if c.Done+c.InProgress > 0 {
			d.FillRect(x, y, w*float64(c.Done+c.InProgress)/float64(t), barH, barH/2, col.Mix(pdf.White, 0.65))
		}
		if c.Done > 0 {
			d.FillRect(x, y, w*float64(c.Done)/float64(t), barH, barH/2, col)
		}
	}
	d.TextAt(d.Right()-cw, top, count, pdf.Bold, size, th.Colors.Text)
	d.SetY(top + lh)
}

// legend says what the shades of the progress bar stand for.
func (p *page) legend() {
	d, th, k := p.d, p.th, p.k
	size := 8.5 * k
	lh := d.LineHeight(size)
	y := d.Y() + 0.6*k
	x := d.Left()
	sq := 2.6 * k
	for _, it := range []struct {
		status answers.Status
		c      pdf.Color
	}{{answers.Done, th.Colors.Accent}, {answers.InProgress, th.Colors.Accent.Mix(pdf.White, 0.65)}} {
		d.FillRect(x, y+(lh-sq)/2, sq, sq, 0.5*k, it.c)
		x += sq + 1.5*k
		x += d.TextAt(x, y, p.label("status."+string(it.status)), pdf.Regular, size, th.Colors.Muted) + 5*k
	}
	d.SetY(y + lh)
}

// band draws a step's band in its colour: "Step 1 – title", and with
// answers its count on the right.
func (p *page) band(st *content.Step, c *roadmap.Count) {
	d, th, k := p.d, p.th, p.k
	size := 12 * k
	pad := 2.6 * k
	white := th.Colors.BandText
	count := ""
	cw := 0.0
	if c != nil {
		count = p.label("form.progress.count", "done", strconv.Itoa(c.Done), "total", strconv.Itoa(c.Total()))
		cw = pdf.Width(count, pdf.Bold, size) + 4*k
	}
	label := p.label("step.label", "n", strconv.Itoa(st.Number))
	runs := []pdf.Run{{Text: label, Style: pdf.Bold}, {Text: " – " + st.Title}}
	ps := pdf.ParaStyle{Size: size, Leading: 1.2, Color: &white, SpaceAfter: -1}
	var textH float64
	d.Indent(3*k, 3*k+cw, func() { textH = d.TextHeight(ps, runs...) })
	h := textH + 2*pad
	top := d.Y()
	d.FillRect(d.Left(), top, d.Width(), h, 1.6*k, th.Step(st.Number))
	d.SetY(top + pad)
	d.Indent(3*k, 3*k+cw, func() { d.Text(ps, runs...) })
	if c != nil {
		d.TextAt(d.Right()-3*k-pdf.Width(count, pdf.Bold, size), top+pad, count, pdf.Bold, size, white)
	}
	d.SetY(top + h + 2.4*k + p.gap/2)
}

// checkpoint draws a checkpoint's row: a tick box (ticked when done), its
// number and title, its hint, and with answers a status that is not done.
func (p *page) checkpoint(cp *content.Checkpoint) {
	d, th, k := p.d, p.th, p.k
	muted := th.Colors.Muted
	d.SetPlace("checkpoint " + cp.ID)
	size := 10.5 * k
	lh := d.LineHeight(size)
	side := 4.2 * k
	numW := 10 * k
	status := answers.NotStarted
	if p.a != nil {
		status = p.a.Checkpoint(cp.ID).Status
	}
	statusText := ""
	if p.a != nil && status != answers.Done {
		statusText = p.label("status." + string(orNotStarted(status)))
	}
	sw := 0.0
	if statusText != "" {
		sw = pdf.Width(statusText, pdf.Italic, 8.5*k) + 4*k
	}
	top := d.Y()
	d.TickBox(d.Left()+1*k, top+(lh-side)/2, side, status == answers.Done)
	x := d.Left() + 1*k + side + 3*k
	d.TextAt(x, top, p.lang.Number(cp), pdf.Bold, size, th.Colors.Accent)
	text := th.Colors.Text
	if status == answers.NotApplicable {
		text = muted
	}
	indent := x + numW - d.Left()
	d.Indent(indent, sw, func() {
		d.Text(pdf.ParaStyle{Size: size, Leading: 1.25, Color: &text, SpaceAfter: -1}, pdf.Run{Text: cp.Title})
		if p.hints && cp.Hint != "" {
			// SpaceBefore would be dropped when measuring (see fit)
			d.SetY(d.Y() + 0.4*k)
			d.Text(pdf.ParaStyle{Size: 8.5 * k, Leading: 1.25, Color: &muted, SpaceAfter: -1}, pdf.Run{Text: cp.Hint})
		}
	})
	if statusText != "" {
		d.TextAt(d.Right()-pdf.Width(statusText, pdf.Italic, 8.5*k), top+(lh-d.LineHeight(8.5*k))/2, statusText, pdf.Italic, 8.5*k, muted)
	}
	d.SetY(math.Max(d.Y(), top+lh) + 2.2*k + p.gap)
}

func orNotStarted(s answers.Status) answers.Status {
	if s == "" {
		return answers.NotStarted
	}
	return s
}

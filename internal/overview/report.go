package overview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/chart"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// PDFOptions are the settings of PDF.
type PDFOptions struct {
	// Theme is the look of the report, paper size included; the zero Theme
	// means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF (never the clock).
	Date time.Time
}

// PDF writes the report as a PDF in the documents' style: a cover with the
// counts and a progress picture per organisation, the ticked options as bar
// charts, a timeline of every action-plan deadline and evaluation date by
// month, then a page per organisation.
func (r *Report) PDF(o PDFOptions) ([]byte, error) {
	th := o.Theme.OrDefault()
	l := r.Lang
	title := l.Label("overview.title")
	d, err := pdf.New(
		pdf.WithTheme(th),
		pdf.WithTitle(title),
		pdf.WithSubject(l.Title),
		pdf.WithLanguage(l.Code),
		pdf.WithDate(o.Date),
		pdf.WithFooter(title+" · "+l.Format("overview.asof", "date", r.date(r.AsOf))),
		pdf.WithPageLabel(pdf.PageLabel(l.Label("page.footer"))),
	)
	if err != nil {
		return nil, fmt.Errorf("making the overview report: %w", err)
	}
	p := &report{r: r, d: d, th: th, l: l}
	p.cover()
	p.progress()
	p.options()
	p.timeline()
	for i, org := range r.Orgs {
		p.org(org, i == 0)
	}
	out, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("making the overview report: %w", err)
	}
	return out, nil
}

type report struct {
	r  *Report
	d  *pdf.Doc
	th pdf.Theme
	l  *content.Language
}

func (r *Report) date(d answers.Date) string {
	if d.IsZero() {
		return ""
	}
	return r.Lang.FormatDate(d.Time())
}

// heading starts a section: a level-1 heading in the outline, kept with
// keep mm below it.
func (p *report) heading(text string, keep float64) {
	p.d.SetHeader(text)
	p.d.Heading(pdf.Heading{Level: 1, Text: text, Outline: true, Keep: keep})
}

// Counts are the figures of the report's cover.
type Counts struct {
	Orgs, Municipalities, Communities int
	// Checkpoints counts every organisation's checkpoints by status.
	Checkpoints                   Count
	Actions, Overdue, Evaluations int
	// Unread is the number of files that could not be read.
	Unread int
}

// Counts returns the figures of the report's cover.
func (r *Report) Counts() Counts {
	var c Counts
	c.Orgs = len(r.Orgs)
	for _, o := range r.Orgs {
		if o.File.Form == content.Municipality {
			c.Municipalities++
		} else {
			c.Communities++
		}
		c.Checkpoints.Done += o.Total.Done
		c.Checkpoints.InProgress += o.Total.InProgress
		c.Checkpoints.NotStarted += o.Total.NotStarted
		c.Checkpoints.NotApplicable += o.Total.NotApplicable
	}
	c.Actions = len(r.Actions)
	for _, a := range r.Actions {
		if a.Overdue {
			c.Overdue++
		}
	}
	for _, e := range r.Evaluations {
		if !e.When.IsZero() {
			c.Evaluations++
		}
	}
	files := map[string]bool{}
	for _, pr := range r.Problems {
		files[pr.File] = true
	}
	c.Unread = len(files)
	return c
}

func (p *report) cover() {
	d, th, l := p.d, p.th, p.l
	d.Bookmark(l.Label("overview.title"), 0)
	d.Heading(pdf.Heading{Level: 0, Text: l.Label("overview.title")})
	muted := th.Colors.Muted
	d.Paragraph(l.Title, pdf.ParaStyle{Color: &muted, SpaceAfter: 1})
	d.Paragraph(l.Format("overview.asof", "date", p.r.date(p.r.AsOf)), pdf.ParaStyle{Style: pdf.Bold, SpaceAfter: 6})

	c := p.r.Counts()
	tiles := []struct {
		value  int
		label  string
		detail string
		colour pdf.Color
	}{
		{c.Orgs, l.Label("overview.count.orgs"), l.Format("overview.count.orgs.detail", "municipalities", strconv.Itoa(c.Municipalities), "communities", strconv.Itoa(c.Communities)), th.Colors.Accent},
		{c.Checkpoints.Done, l.Label("overview.count.done"), l.Format("overview.count.done.detail", "total", strconv.Itoa(c.Checkpoints.Total()), "doing", strconv.Itoa(c.Checkpoints.InProgress)), th.Step(1)},
		{c.Actions, l.Label("overview.count.actions"), l.Format("overview.count.actions.detail", "overdue", strconv.Itoa(c.Overdue)), th.Step(2)},
		{c.Evaluations, l.Label("overview.count.evaluations"), "", th.Step(3)},
		{c.Unread, l.Label("overview.count.unread"), "", th.Colors.Muted},
	}
	if c.Overdue > 0 {
		tiles = append(tiles[:3], append([]struct {
			value  int
			label  string
			detail string
			colour pdf.Color
		}{{c.Overdue, l.Label("overview.count.overdue"), "", chart.OverdueColor}}, tiles[3:]...)...)
	}
	const gap, tileH = 3.0, 27.0
	cols := 3
	tw := (d.Width() - gap*float64(cols-1)) / float64(cols)
	y := d.Y()
	for i, t := range tiles {
		x := d.Left() + float64(i%cols)*(tw+gap)
		ty := y + float64(i/cols)*(tileH+gap)
		d.FillRect(x, ty, tw, tileH, 1.5, th.Colors.Shade)
		d.FillRect(x, ty, 1.4, tileH, 0, t.colour)
		d.Label(x+4, ty+2.5, tw-6, strconv.Itoa(t.value), pdf.Bold, th.Type.Title, t.colour, pdf.AlignLeft)
		d.Label(x+4, ty+13, tw-6, t.label, pdf.Bold, th.Type.Small+1, th.Colors.Text, pdf.AlignLeft)
		lines := d.Lines(t.detail, pdf.Regular, th.Type.Small, tw-6)
		for j, ln := range lines[:min(len(lines), 2)] {
			d.Label(x+4, ty+17.5+float64(j)*d.LineHeight(th.Type.Small), tw-6, ln, pdf.Regular, th.Type.Small, th.Colors.Muted, pdf.AlignLeft)
		}
	}
	rows := (len(tiles) + cols - 1) / cols
	d.SetY(y + float64(rows)*(tileH+gap) + 4)
}

// progress draws a row per organisation: its name and its road of steps.
func (p *report) progress() {
	d, th, l := p.d, p.th, p.l
	p.heading(l.Label("overview.chart.progress"), 20)
	small := th.Type.Small + 0.5
	lh := d.LineHeight(small)
	// a row: the name and form beside the road, its labels under it
	roadH := 4.5
	rowH := 1 + roadH + chart.RoadLabelHeight(d) + 1
	nameW := d.Width() * 0.36
	for i, o := range p.r.Orgs {
		// a long name wraps (to three lines at most) rather than ending in "…"
		names := d.Lines(o.Name(), pdf.Bold, small, nameW-2)
		if len(names) > 3 {
			names = append(names[:2], strings.Join(names[2:], " "))
		}
		textH := float64(len(names))*lh + lh*0.9
		h := max(rowH, textH+2)
		d.EnsureSpace(h)
		y := d.Y()
		if i%2 == 1 {
			d.FillRect(d.Left(), y, d.Width(), h, 0, th.Colors.Zebra)
		}
		ty := y + (h-textH)/2 - lh*0.05
		for j, ln := range names {
			d.Label(d.Left()+1, ty+float64(j)*lh, nameW-2, ln, pdf.Bold, small, th.Colors.Text, pdf.AlignLeft)
		}
		d.Label(d.Left()+1, ty+float64(len(names))*lh-lh*0.05, nameW-2, p.l.Label("overview.form."+string(o.File.Form)), pdf.Regular, th.Type.Small-1, th.Colors.Muted, pdf.AlignLeft)
		ry := y + (h-rowH)/2 + 1
		d.Figure("", func() { chart.Road(d, l, d.Left()+nameW, ry, d.Width()-nameW, roadH, progress(l, o.File)) })
		d.SetY(y + h)
	}
	d.Space(3)
	p.legend()
}

// legend explains the shades of the roads.
func (p *report) legend() {
	d, th, l := p.d, p.th, p.l
	muted := th.Colors.Muted
	d.Paragraph(l.Label("overview.chart.progress.legend"), pdf.ParaStyle{Size: th.Type.Small, Color: &muted})
}

// options draws a bar chart per checkpoint with options: how many of the
// organisations asked ticked each.
func (p *report) options() {
	d, l := p.d, p.l
	d.AddPage()
	p.heading(l.Label("overview.chart.options"), 30)
	muted := p.th.Colors.Muted
	d.Paragraph(l.Label("overview.chart.options.lead"), pdf.ParaStyle{Size: p.th.Type.Small + 1, Color: &muted, SpaceAfter: 3})
	for _, st := range l.Steps {
		for i := range st.Checkpoints {
			cp := &st.Checkpoints[i]
			if cp.Options == nil {
				continue
			}
			var bars []chart.Bar
			for _, opt := range cp.Options.Items {
				b := chart.Bar{Label: opt.Label}
				for _, o := range p.r.Orgs {
					if !cp.Audience.Includes(o.File.Form) {
						continue
					}
					b.Of++
					if o.File.Checkpoint(cp.ID).Ticked(opt.ID) {
						b.Value++
					}
				}
				bars = append(bars, b)
			}
			chart.Bars(d, fmt.Sprintf("%d.%d %s", st.Number, i+1, cp.Title), bars, p.th.Step(st.Number))
		}
	}
}

// namedLanes is the most dated plan rows the report's timeline names one
// to a lane; more make a lane per organisation.
const namedLanes = 120

// timeline draws every organisation's dates by month: under each
// organisation's name, a lane per action and evaluation named after it, in
// date order, or, when there are more than namedLanes of them, a lane of
// marks per organisation.
func (p *report) timeline() {
	d, l := p.d, p.l
	d.AddPage()
	p.heading(l.Label("chart.timeline.title"), 30)
	var lanes []chart.Lane
	if dated := len(p.r.Actions) + len(p.r.Evaluations); dated <= namedLanes {
		for _, o := range p.r.Orgs {
			rows := chart.PlanLanes(o.File, p.r.AsOf)
			slices.SortStableFunc(rows, func(a, b chart.Lane) int { return compareDates(a.Marks[0].Date, b.Marks[0].Date) })
			lanes = append(lanes, chart.Lane{Label: o.Name(), Group: true})
			lanes = append(lanes, rows...)
		}
		chart.Timeline(d, l, lanes, p.r.AsOf)
		return
	}
	for _, o := range p.r.Orgs {
		lane := chart.Lane{Label: o.Name()}
		for _, a := range o.File.ActionPlan {
			lane.Marks = append(lane.Marks, chart.Mark{Date: a.Deadline, Shape: chart.ActionShape(a, p.r.AsOf)})
		}
		for _, e := range o.File.EvaluationPlan {
			lane.Marks = append(lane.Marks, chart.Mark{Date: e.When, Shape: chart.Diamond})
		}
		lanes = append(lanes, lane)
	}
	chart.Timeline(d, l, lanes, p.r.AsOf)
}

// org draws an organisation's page.
func (p *report) org(o *Org, first bool) {
	d, th, l := p.d, p.th, p.l
	a := o.File
	d.AddPage()
	if first {
		d.Bookmark(l.Label("overview.section.orgs"), 0)
	}
	d.SetPlace(a.Path)
	d.SetHeader(o.Name())
	d.Bookmark(o.Name(), 1)
	d.Heading(pdf.Heading{Level: 1, Text: o.Name()})
	muted := th.Colors.Muted
	meta := []pdf.Run{{Text: l.Label("overview.form." + string(a.Form)), Style: pdf.Bold}}
	add := func(key, value string) {
		if value != "" {
			meta = append(meta, pdf.Run{Text: " · " + l.Label(key) + ": "}, pdf.Run{Text: value})
		}
	}
	add("field.partner", a.Organisation.Partner)
	add("field.contact", a.Organisation.Contact)
	add("field.date", p.r.date(a.Date))
	d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 3}, meta...)
	d.Figure("", func() { chart.Progress(d, l, progress(l, a)) })

	d.Heading(pdf.Heading{Level: 3, Text: l.Label("overview.org.checkpoints")})
	p.statuses(a)

	for _, pl := range roadmap.Plans {
		p.planSummary(pl, a)
	}
}

// planSummary draws a short table of plan pl's rows in answers a, if it
// has any: the plan's summary columns (roadmap.Column.Summary), its date
// first, in date order (rows without a date last), an overdue row in red
// with a triangle and a word after its status. A table that runs on to
// another page repeats its title, "(continued)", and its header there.
func (p *report) planSummary(pl *roadmap.Plan, a *answers.File) {
	d, th, l := p.d, p.th, p.l
	plan := pl.Rows(a)
	if len(plan) == 0 {
		return
	}
	var cols []int
	for i, c := range pl.Columns {
		if c.Summary && c.Kind == roadmap.Date {
			cols = append([]int{i}, cols...)
		} else if c.Summary {
			cols = append(cols, i)
		}
	}
	if di := pl.DateColumn(); di >= 0 {
		plan = slices.Clone(plan)
		slices.SortStableFunc(plan, func(x, y roadmap.Row) int { return compareDates(x[di].Date, y[di].Date) })
	}
	t := pdf.Table{Size: th.Type.Small + 0.5, Zebra: true, Continued: l.Format("table.continued", "title", pl.Title(l))}
	for _, i := range cols {
		t.Columns = append(t.Columns, pdf.Column{Label: pl.Label(l, pl.Columns[i].ID), Width: pl.Columns[i].PDF})
	}
	rows := make([][]string, len(plan))
	red := chart.OverdueColor
	for r, row := range plan {
		overdue := pl.Tracking != nil && pl.Overdue(row, p.r.AsOf)
		t.RowColors = append(t.RowColors, nil)
		if overdue {
			t.RowColors[r] = &red
		}
		for _, i := range cols {
			c := &pl.Columns[i]
			text := c.Text(l, row[i])
			if overdue && c.ID == pl.Tracking.StatusColumn {
				text = strings.TrimPrefix(text+" – ", " – ") + "▲ " + l.Label("overview.value.overdue")
			}
			rows[r] = append(rows[r], text)
		}
	}
	// the title kept with the whole table when it takes at most half a
	// page, else with its header and first rows
	h := d.Measure(func() { d.Table(t, rows) })
	d.Heading(pdf.Heading{Level: 3, Text: pl.Title(l), Keep: min(h, d.PageHeight()/2)})
	d.Table(t, rows)
}

// statuses lists the form's checkpoints with their status, one line each:
// the status on a swatch of its shade at the right.
func (p *report) statuses(a *answers.File) {
	d, th, l := p.d, p.th, p.l
	size := th.Type.Small + 0.5
	lh := d.LineHeight(size)
	rowH := lh + 0.9
	const statusW = 30.0
	i := 0
	for _, st := range l.Steps {
		c := th.Step(st.Number)
		shade := map[answers.Status]pdf.Color{
			answers.Done: c, answers.InProgress: c.Mix(pdf.White, 0.55),
			answers.NotStarted: pdf.White, answers.NotApplicable: th.Colors.Zebra,
		}
		for j := range st.Checkpoints {
			cp := &st.Checkpoints[j]
			if !cp.Audience.Includes(a.Form) {
				continue
			}
			d.EnsureSpace(rowH)
			y := d.Y()
			if i%2 == 1 {
				d.FillRect(d.Left(), y, d.Width(), rowH, 0, th.Colors.Zebra)
			}
			i++
			ty := y + (rowH-lh)/2
			num := fmt.Sprintf("%d.%d", st.Number, j+1)
			d.Label(d.Left()+1, ty, 8, num, pdf.Bold, size, c, pdf.AlignLeft)
			d.Label(d.Left()+9, ty, d.Width()-statusW-11, cp.Title, pdf.Regular, size, th.Colors.Text, pdf.AlignLeft)
			s := a.Checkpoint(cp.ID).Status
			sx := d.Right() - statusW
			d.FillRect(sx, y+0.5, 3, rowH-1, 0, shade[s])
			d.StrokeRect(sx, y+0.5, 3, rowH-1, th.Colors.Rule, 0.15)
			d.Label(sx+4.5, ty, statusW-5, l.Label("status."+string(s)), pdf.Regular, size, th.Colors.Text, pdf.AlignLeft)
			d.SetY(y + rowH)
		}
	}
	d.Space(2)
}

// progress returns how far answers a have got in each step of their form.
func progress(l *content.Language, a *answers.File) []roadmap.Step {
	steps, _ := roadmap.Progress(l, a.Form, a)
	return steps
}

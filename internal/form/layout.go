package form

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Layout constants, in mm unless said otherwise.
const (
	// numberWidth is the indent of a checkpoint's block: its number stands
	// in it, right-aligned against the statement.
	numberWidth = 9.0
	// checkpointGap is the space between two checkpoints.
	checkpointGap = 5.0
	// tableGap is the space above the action-plan table.
	tableGap = 4.0
	// answerPad is the padding around an answer text.
	answerPad = 3.0
	// actionRows is the number of empty rows of a blank action-plan table.
	actionRows = 6
	// actionRowHeight is the height of an empty action-plan row, to write in.
	actionRowHeight = 11.0
	// fieldWriteHeight is the space to write in an empty field by hand.
	fieldWriteHeight = 7.5
)

// actionPlanTable is the content's name of the table the action-plan
// checkpoint carries (content.Checkpoint.Table).
const actionPlanTable = "action-plan"

// header draws the top of the first page: the audience badge, the form's
// title, who it is for and the roadmap it belongs to.
func (r *renderer) header() {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	d.Badges(pdf.Badge{Text: r.label("audience." + string(r.form)), Color: r.audienceColor()})
	d.Space(1)
	d.Heading(pdf.Heading{Level: 0, Text: r.label("form.title." + string(r.form)), Outline: true})
	d.Text(pdf.ParaStyle{Size: th.Type.H3, Color: &muted, SpaceAfter: 1.6},
		pdf.Run{Text: capitalise(r.label("form.for." + string(r.form)))})
	sub := r.lang.Title
	if r.lang.Project != "" {
		sub += " · " + r.lang.Project
	}
	d.Text(pdf.ParaStyle{Size: th.Type.Small, Color: &muted, SpaceAfter: 4}, pdf.Run{Text: sub})
}

// audienceColor is the colour of the form's audience.
func (r *renderer) audienceColor() pdf.Color {
	if r.form == content.Community {
		return r.th.Colors.Community
	}
	return r.th.Colors.Municipality
}

// field is one labelled field of the organisation block: its label, value
// and the name and tooltip of its form field in a fillable form.
type field struct{ label, value, name, tip string }

// fields draws the organisation block: organisation, contact person,
// partner and date, two to a row on a shaded panel, each a small label over
// the value or over space to write in.
func (r *renderer) fields() {
	d, th := r.d, r.th
	var org answers.Organisation
	date := ""
	if r.a != nil {
		org = r.a.Organisation
		if !r.a.Date.IsZero() {
			date = r.lang.FormatDate(r.a.Date.Time())
		}
	}
	d.SetPlace("organisation")
	fs := []field{
		{r.label("field.organisation"), org.Name, OrgNameField, ""},
		{r.label("field.contact"), org.Contact, OrgContactField, ""},
		{r.label("field.partner"), org.Partner, OrgPartnerField, ""},
		{r.label("field.date"), date, DateField, r.label("fillable.tip.date", "label", r.label("field.date"))},
	}
	if r.fill != nil && r.fill.values != nil {
		v := r.fill.values
		for i, s := range []string{v.Organisation.Name, v.Organisation.Contact, v.Organisation.Partner, v.Date.String()} {
			fs[i].value = s
		}
	}
	shade := th.Colors.Shade
	d.Box(pdf.Box{Background: &shade, Padding: 4}, func() {
		const gap = 8.0
		colW := (d.Width() - gap) / 2
		for i := 0; i < len(fs); i += 2 {
			top := d.Y()
			bottom := top
			for j := i; j < i+2 && j < len(fs); j++ {
				left := float64(j-i) * (colW + gap)
				d.SetY(top)
				d.Indent(left, d.Width()-left-colW, func() { r.field(fs[j]) })
				bottom = math.Max(bottom, d.Y())
			}
			bottom += 0.8
			for j := i; j < i+2 && j < len(fs); j++ {
				x := d.Left() + float64(j-i)*(colW+gap)
				d.Line(x, bottom, x+colW, bottom, th.Colors.Muted, 0.3)
			}
			d.SetY(bottom)
			if i+2 < len(fs) {
				d.SetY(bottom + 3.5)
			}
		}
	})
}

// field draws one field at the cursor, in the current text area.
func (r *renderer) field(f field) {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	d.Text(pdf.ParaStyle{Size: th.Type.Small, Color: &muted, SpaceAfter: 0.6}, pdf.Run{Text: f.label})
	if r.fill != nil {
		tip := f.tip
		if tip == "" {
			tip = f.label
		}
		r.textField(f.name, tip, f.value, pdf.Rect{X: d.Left(), Y: d.Y(), W: d.Width(), H: fieldWriteHeight + 0.6})
		d.SetY(d.Y() + fieldWriteHeight)
		return
	}
	if strings.TrimSpace(f.value) == "" {
		d.SetY(d.Y() + fieldWriteHeight)
		return
	}
	d.Text(pdf.ParaStyle{SpaceAfter: -1}, pdf.Run{Text: f.value})
}

// instructions draws the line on how to fill in the form.
func (r *renderer) instructions() {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	how := r.label("form.instructions")
	if r.fill != nil {
		how = r.label("fillable.instructions")
	}
	d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 3},
		pdf.Run{Text: r.label("form.instructions.title") + " ", Style: pdf.Bold},
		pdf.Run{Text: how})
}

// stepProgress counts the statuses of one step's checkpoints.
type stepProgress struct {
	number             int
	title              string
	done, doing, total int
}

// progressOf returns, per step of form f that has checkpoints, how many of
// them the answers mark done and in progress, and the totals over all steps.
func progressOf(lang *content.Language, f content.Audience, a *answers.File) (steps []stepProgress, all stepProgress) {
	for _, st := range lang.Steps {
		p := stepProgress{number: st.Number, title: st.Title}
		for _, cp := range st.Checkpoints {
			if !cp.Audience.Includes(f) {
				continue
			}
			p.total++
			switch a.Checkpoint(cp.ID).Status {
			case answers.Done:
				p.done++
			case answers.InProgress:
				p.doing++
			}
		}
		if p.total == 0 {
			continue
		}
		steps = append(steps, p)
		all.done += p.done
		all.doing += p.doing
		all.total += p.total
	}
	return steps, all
}

// progress draws the progress summary of a filled form: per step and over
// all, a bar of the checkpoints done and in progress and the count done.
func (r *renderer) progress() {
	d, th := r.d, r.th
	steps, all := progressOf(r.lang, r.form, r.a)
	size := th.Type.Small + 1
	lh := d.LineHeight(size)
	rowH := lh + 1.6
	h := d.Measure(func() { r.progressTitle() }) + float64(len(steps)+1)*rowH + 2*lh + 6
	d.EnsureSpace(h)
	r.progressTitle()
	const barW, countW, gap = 48.0, 20.0, 4.0
	muted := th.Colors.Muted
	row := func(label string, p stepProgress, c pdf.Color, st pdf.Style) {
		top := d.Y()
		d.Indent(0, barW+countW+2*gap, func() {
			d.Text(pdf.ParaStyle{Size: size, Style: st, SpaceAfter: -1}, pdf.Run{Text: label})
		})
		barX := d.Right() - countW - gap - barW
		r.bar(barX, top+(lh-3.2)/2, barW, 3.2, p, c)
		count := r.label("form.progress.count", "done", strconv.Itoa(p.done), "total", strconv.Itoa(p.total))
		cw := pdf.Width(count, st, size)
		d.TextAt(d.Right()-cw, top, count, st, size, th.Colors.Text)
		d.SetY(math.Max(d.Y(), top+lh) + 1.6)
	}
	for _, p := range steps {
		row(r.label("step.heading", "n", strconv.Itoa(p.number), "title", p.title), p, th.Step(p.number), pdf.Regular)
	}
	top := d.Y()
	d.Line(d.Left(), top, d.Right(), top, th.Colors.Rule, 0.25)
	d.SetY(top + 1.6)
	row(r.label("form.progress.total"), all, th.Colors.Accent, pdf.Bold)
	// legend
	y := d.Y() + 0.4
	x := d.Left()
	for _, it := range []struct {
		text string
		c    pdf.Color
	}{
		{r.label("status.done"), th.Colors.Accent},
		{r.label("status.in-progress"), th.Colors.Accent.Mix(pdf.White, 0.65)},
	} {
		d.FillRect(x, y+(lh-2.6)/2, 2.6, 2.6, 0.5, it.c)
		x += 2.6 + 1.6
		x += d.TextAt(x, y, it.text, pdf.Regular, th.Type.Small, muted) + 6
	}
	d.SetY(y + lh + 4)
}

// progressTitle draws the heading of the progress summary.
func (r *renderer) progressTitle() {
	r.d.Heading(pdf.Heading{Level: 3, Text: r.label("form.progress.title"), Keep: 1})
}

// bar draws a progress bar: done in colour c, in progress in a tint of it,
// the rest in the rule colour's tint.
func (r *renderer) bar(x, y, w, h float64, p stepProgress, c pdf.Color) {
	d := r.d
	d.FillRect(x, y, w, h, h/2, r.th.Colors.Rule.Mix(pdf.White, 0.55))
	if p.total == 0 {
		return
	}
	doneW := w * float64(p.done) / float64(p.total)
	doingW := w * float64(p.doing) / float64(p.total)
	if doingW > 0 {
		d.FillRect(x, y, doneW+doingW, h, h/2, c.Mix(pdf.White, 0.65))
	}
	if doneW > 0 {
		d.FillRect(x, y, doneW, h, h/2, c)
	}
}

// band draws the band of the step that item it opens, kept on one page
// with the least of the item's checkpoint, and makes the step's heading the
// running header of the pages that follow.
func (r *renderer) band(it item) {
	d := r.d
	num := strconv.Itoa(it.step.Number)
	d.SetPlace("step " + num)
	d.EnsureSpace(r.bandHeight(it) + r.minHeight(it.cp, it.n))
	heading := r.label("step.heading", "n", num, "title", it.step.Title)
	if d.AtTop() {
		// The band opens the page: no running header above it.
		d.SetHeader("")
	}
	d.Bookmark(heading, 1)
	d.StepBand(it.step.Number, r.label("step.label", "n", num), it.step.Title)
	d.SetHeader(heading)
}

// bandHeight returns the height of the band of item it's step.
func (r *renderer) bandHeight(it item) float64 {
	num := strconv.Itoa(it.step.Number)
	return r.d.Measure(func() { r.d.StepBand(it.step.Number, r.label("step.label", "n", num), it.step.Title) })
}

// lead returns the height drawn before item it's checkpoint: the space
// between checkpoints, and the step's band when the item opens a step.
func (r *renderer) lead(it item) float64 {
	if it.first {
		return checkpointGap + r.bandHeight(it)
	}
	return checkpointGap
}

// minWriteIn and maxWriteIn bound the number of write-in lines a
// checkpoint gets when its block is shortened to fit the rest of a page, or
// lengthened to fill it.
const minWriteIn, maxWriteIn = 3, 10

// checkpoint draws checkpoint cp, number n, with next the height that what
// follows it needs on the same page.
//
// A checkpoint to write in by hand is kept whole on one page: when it does
// not fit in what is left of the page, it gets fewer write-in lines (down to
// minWriteIn) if that makes it fit, else it moves to the next page. When
// what follows will not fit after it, it gets more lines instead (up to
// maxWriteIn), so that the page is filled with room to write rather than
// left blank at the foot. A checkpoint with an answer text keeps its head,
// options and the first lines of the answer together; the rest of the text
// flows onto further pages.
func (r *renderer) checkpoint(cp *content.Checkpoint, n int, next float64) {
	d := r.d
	lines := writeInLines(cp)
	if r.hasText(cp) {
		d.EnsureSpace(r.minHeight(cp, n))
	} else {
		if !d.AtTop() {
			rem := d.Remaining() + 0.5
			if r.measure(cp, n, lines) > rem {
				k := lines - 1
				for k >= minWriteIn && r.measure(cp, n, k) > rem {
					k--
				}
				if k >= minWriteIn {
					lines = k
				} else {
					d.EnsureSpace(r.measure(cp, n, lines))
				}
			}
		}
		if cp.Table == actionPlanTable {
			// The table is the answer: keep the statement with it rather
			// than fill the page foot with lines and start the table over.
			d.EnsureSpace(r.measure(cp, n, lines) + r.tableHeight())
		} else if room := d.Remaining() - r.measure(cp, n, lines) - 1; room < next {
			lines = max(lines, min(lines+int(room/r.th.Spacing.WriteIn), maxWriteIn))
		}
	}
	d.Bookmark(strconv.Itoa(n)+". "+cp.Title, 2)
	r.block(cp, n, lines)
	if cp.Table == actionPlanTable {
		d.Indent(numberWidth, 0, func() {
			d.Space(tableGap)
			r.actionPlan()
		})
	}
}

// tableHeight returns the height of the action-plan table with the gap
// above it.
func (r *renderer) tableHeight() float64 {
	return r.d.Measure(func() { r.d.Indent(numberWidth, 0, r.actionPlan) }) + tableGap
}

// hasText reports whether checkpoint cp is shown with an answer text rather
// than lines to write on.
func (r *renderer) hasText(cp *content.Checkpoint) bool {
	return r.filled() && strings.TrimSpace(r.answer(cp.ID).Answer) != ""
}

// measure returns the height of checkpoint cp's block with lines write-in
// lines (the action-plan table left out). Each write-in line adds the same
// height, so the block is measured once, without lines.
func (r *renderer) measure(cp *content.Checkpoint, n, lines int) float64 {
	h, ok := r.heights[cp]
	if !ok {
		h = r.d.Measure(func() { r.block(cp, n, 0) })
		r.heights[cp] = h
	}
	return h + float64(lines)*r.th.Spacing.WriteIn
}

// minHeight returns the least height that must fit on a page for checkpoint
// cp to start on it: its head and options, and either the fewest write-in
// lines or the first three lines of its answer.
func (r *renderer) minHeight(cp *content.Checkpoint, n int) float64 {
	if !r.hasText(cp) {
		if cp.Table == actionPlanTable {
			// Kept with its table; see checkpoint.
			return r.measure(cp, n, writeInLines(cp)) + r.tableHeight()
		}
		return r.measure(cp, n, minWriteIn)
	}
	d := r.d
	h, ok := r.heads[cp]
	if !ok {
		h = d.Measure(func() {
			r.head(cp, n)
			if cp.Options != nil && len(cp.Options.Items) > 0 {
				d.Indent(numberWidth, 0, func() { r.options(cp, n, r.answer(cp.ID)) })
			}
		})
		r.heads[cp] = h
	}
	return h + 1 + 2*answerPad + 3*d.LineHeight(r.th.Type.Body)
}

// block draws checkpoint cp, number n: its head, its options, and its
// answer or lines write-in lines.
func (r *renderer) block(cp *content.Checkpoint, n, lines int) {
	d := r.d
	d.SetPlace("checkpoint " + cp.ID)
	r.head(cp, n)
	ans := r.answer(cp.ID)
	d.Indent(numberWidth, 0, func() {
		if cp.Options != nil && len(cp.Options.Items) > 0 {
			r.options(cp, n, ans)
		}
		if r.hasText(cp) {
			r.answerText(cp, ans.Answer)
		} else {
			d.Space(0.5)
			r.answerField(cp, n, r.collect(pdf.AreaWriteIn, func() { d.WriteIn(lines) }))
		}
	})
}

// head draws the checkpoint's number and statement, its hint and the row of
// status tick boxes.
func (r *renderer) head(cp *content.Checkpoint, n int) {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	step := th.Step(cp.Step)
	ans := r.answer(cp.ID)
	d.Indent(numberWidth, 0, func() {
		d.Text(pdf.ParaStyle{Size: th.Type.H3, Leading: 1.3, Style: pdf.Bold, Marker: strconv.Itoa(n) + ".", MarkerColor: &step, SpaceAfter: 0.8},
			pdf.Run{Text: cp.Title})
		if cp.Hint != "" {
			d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 2}, pdf.Run{Text: cp.Hint})
		}
		choices := make([]pdf.Choice, len(answers.Statuses))
		for i, s := range answers.Statuses {
			choices[i] = pdf.Choice{Label: r.label("status." + string(s)), Ticked: r.filled() && ans.Status == s}
		}
		r.statusField(cp, n, r.collect(pdf.AreaTickBox, func() { r.statusStrip(choices) }))
	})
}

// statusStrip draws the row of status tick boxes on a shaded strip that
// sets it apart from the options. The strip reaches a little into the
// margin on the left, so that its boxes line up with the option boxes.
func (r *renderer) statusStrip(choices []pdf.Choice) {
	d, th := r.d, r.th
	const pad = 1.8
	// Choices leaves 1.2 mm under each row and 1 mm under the last.
	h := d.Measure(func() { d.Choices(choices) }) - 2.2 + 2*pad
	d.Space(0.6)
	d.EnsureSpace(h)
	top := d.Y()
	d.FillRect(d.Left()-pad, top, d.Width()+pad, h, 1.2, th.Colors.Shade)
	d.SetY(top + pad)
	d.Choices(choices)
	d.SetY(top + h + 1.6)
}

// options draws the checkpoint's option tick boxes: in two columns when
// every label fits on two lines of a column, else one under the other.
func (r *renderer) options(cp *content.Checkpoint, n int, ans answers.Checkpoint) {
	d, th := r.d, r.th
	items := make([]pdf.Choice, len(cp.Options.Items))
	colW := (d.Width()-6)/2 - th.Spacing.TickBox - 2.4
	cols := 2
	for i, o := range cp.Options.Items {
		items[i] = pdf.Choice{Label: o.Label, Ticked: ans.Ticked(o.ID)}
		if len(d.Lines(o.Label, pdf.Bold, th.Type.Body, colW)) > 2 {
			cols = 1
		}
	}
	d.Space(1)
	r.optionFields(cp, n, r.collect(pdf.AreaTickBox, func() { d.CheckGrid(items, cols) }))
	d.Space(1)
}

// answerText draws a filled-in answer: each line of the text a paragraph,
// beside an accent bar in the step's colour, flowing across pages.
func (r *renderer) answerText(cp *content.Checkpoint, text string) {
	d, th := r.d, r.th
	bar := th.Step(cp.Step).Mix(pdf.White, 0.35)
	paras := paragraphs(text)
	d.Space(1)
	d.Box(pdf.Box{Bar: &bar, Padding: answerPad}, func() {
		for i, p := range paras {
			st := pdf.ParaStyle{SpaceAfter: 1.6}
			if i == len(paras)-1 {
				st.SpaceAfter = -1
			}
			d.Text(st, pdf.Run{Text: p})
		}
	})
}

// paragraphs splits an answer into paragraphs: one per non-blank line.
func paragraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimRightFunc(l, unicode.IsSpace); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// writeInLines returns how many ruled lines a checkpoint gets to write on:
// more for an open question than for one with options to tick, fewer where
// the table is the answer; from 3 to 6.
func writeInLines(cp *content.Checkpoint) int {
	n := 6
	if cp.Options != nil && len(cp.Options.Items) > 0 {
		n = 4
		if len(cp.Options.Items) > 5 {
			n = 3
		}
	}
	if len(cp.Guidance) > 1200 {
		n++
	}
	if cp.Table != "" {
		n = 3
	}
	return max(3, min(n, 6))
}

// actionPlan draws the action-plan table: the plan's rows in a filled form,
// else empty rows to write in.
func (r *renderer) actionPlan() {
	d, th := r.d, r.th
	cols := []pdf.Column{
		{Label: r.label("form.action.col.activity"), Width: 3},
		{Label: r.label("form.action.col.responsible"), Width: 2},
		{Label: r.label("form.action.col.goals"), Width: 3},
		{Label: r.label("form.action.col.deadline"), Width: 1.45},
	}
	t := pdf.Table{Columns: cols, Size: th.Type.Small + 1}
	var rows [][]string
	d.SetPlace("action plan")
	if r.a != nil {
		for _, a := range r.a.ActionPlan {
			deadline := ""
			if !a.Deadline.IsZero() {
				deadline = r.lang.FormatDate(a.Deadline.Time())
			}
			rows = append(rows, []string{a.Activity, a.Responsible, a.Goals, deadline})
		}
	}
	if len(rows) == 0 {
		t.EmptyRows = actionRows
		t.MinRowHeight = actionRowHeight
	} else {
		t.Zebra = true
	}
	if r.fill != nil {
		t.EmptyRows = ActionRows(r.fill.values)
	}
	// A table that fits in half a page is kept whole.
	if h := d.Measure(func() { d.Table(t, rows) }); h <= d.PageHeight()/2 {
		d.EnsureSpace(h)
	}
	r.actionFields(r.collect(pdf.AreaCell, func() { d.Table(t, rows) }))
}

// capitalise returns s with its first letter in upper case.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

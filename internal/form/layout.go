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
	"github.com/partnership-roadmap/roadmap/internal/plantable"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// The form's spacing is the theme's (pdf.Theme.Styles.Form): the width of
// the number column a checkpoint's block is indented by, the space between
// checkpoints and above a plan table, the padding of an answer text, the
// space to write in an empty field.
func (r *renderer) numberWidth() float64      { return r.th.Styles.Form.Number }
func (r *renderer) checkpointGap() float64    { return r.th.Styles.Form.Checkpoint }
func (r *renderer) tableGap() float64         { return r.th.Styles.Form.Table }
func (r *renderer) answerPad() float64        { return r.th.Styles.Form.Answer }
func (r *renderer) fieldWriteHeight() float64 { return r.th.Styles.Form.Field }

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

// field is one labelled field of the organisation block: its label, value,
// the name and tooltip of its form field in a fillable form, and the number
// of lines to write on when it is empty (0: one); a field of more than one
// line is a multi-line field in a fillable form.
type field struct {
	label, value, name, tip string
	lines                   int
}

// fields draws the organisation block: organisation, contact person,
// partner and date, then the workshop's facilitator, next review and
// participants, two to a row on a shaded panel, each a small label over
// the value or over space to write in.
func (r *renderer) fields() {
	d, th := r.d, r.th
	var org answers.Organisation
	var ws answers.Workshop
	date, review := "", ""
	if r.a != nil {
		org, ws = r.a.Organisation, r.a.Workshop
		if !r.a.Date.IsZero() {
			date = r.lang.FormatDate(r.a.Date.Time())
		}
		if !ws.NextReview.IsZero() {
			review = r.lang.FormatDate(ws.NextReview.Time())
		}
	}
	d.SetPlace("organisation")
	dateTip := func(key string) string { return r.label("fillable.tip.date", "label", r.label(key)) }
	fs := []field{
		{label: r.label("field.organisation"), value: org.Name, name: OrgNameField},
		{label: r.label("field.contact"), value: org.Contact, name: OrgContactField},
		{label: r.label("field.partner"), value: org.Partner, name: OrgPartnerField},
		{label: r.label("field.date"), value: date, name: DateField, tip: dateTip("field.date")},
		// the workshop: filled in at the table, by hand or from the answers
		{label: r.label("field.facilitator"), value: ws.Facilitator, name: FacilitatorField},
		{label: r.label("field.next_review"), value: review, name: NextReviewField, tip: dateTip("field.next_review")},
		{label: r.label("field.participants"), value: ws.Participants, name: ParticipantsField, lines: 2,
			tip: r.label("fillable.tip.participants", "label", r.label("field.participants"))},
	}
	if r.fill != nil && r.fill.values != nil {
		v := r.fill.values
		for i, s := range []string{v.Organisation.Name, v.Organisation.Contact, v.Organisation.Partner, v.Date.String(),
			v.Workshop.Facilitator, v.Workshop.NextReview.String(), v.Workshop.Participants} {
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
			// the last field of an odd number takes the whole row
			w := colW
			if i+1 == len(fs) {
				w = d.Width()
			}
			for j := i; j < i+2 && j < len(fs); j++ {
				left := float64(j-i) * (colW + gap)
				d.SetY(top)
				d.Indent(left, d.Width()-left-w, func() { r.field(fs[j]) })
				bottom = math.Max(bottom, d.Y())
			}
			bottom += 0.8
			for j := i; j < i+2 && j < len(fs); j++ {
				x := d.Left() + float64(j-i)*(colW+gap)
				d.Line(x, bottom, x+w, bottom, th.Colors.Muted, 0.3)
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
	if r.fill != nil && f.name != "" {
		tip := f.tip
		if tip == "" {
			tip = f.label
		}
		h := r.fieldWriteHeight() * float64(max(f.lines, 1))
		r.textField(f.name, tip, f.value, f.lines > 1, pdf.Rect{X: d.Left(), Y: d.Y(), W: d.Width(), H: h + 0.6})
		d.SetY(d.Y() + h)
		return
	}
	if strings.TrimSpace(f.value) == "" {
		d.SetY(d.Y() + r.fieldWriteHeight()*float64(max(f.lines, 1)))
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
	d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 1.2},
		pdf.Run{Text: r.label("form.instructions.title") + " ", Style: pdf.Bold},
		pdf.Run{Text: how})
	// the legend: a circle is picked alone, boxes are ticked as many as apply
	size := th.Type.Small + 1
	lh := d.LineHeight(size)
	side := th.Spacing.TickBox
	d.EnsureSpace(lh)
	y := d.Y()
	x := d.Left()
	d.Radio(x, y+(lh-side)/2, side, false)
	x += side + 1.6
	x += d.TextAt(x, y, r.label("form.legend.status"), pdf.Regular, size, muted) + 6
	d.TickBox(x, y+(lh-side)/2, side, false)
	x += side + 1.6
	d.TextAt(x, y, r.label("form.legend.options"), pdf.Regular, size, muted)
	d.SetY(y + lh + 3)
}

// notes draws the closing page: notes and next steps. A filled form whose
// answers have workshop notes prints them there, as an answer is printed,
// flowing onto further pages when they are long; lines to write on fill
// the rest of the page. A fillable form has one text field over the lines,
// holding the notes.
func (r *renderer) notes() {
	d := r.d
	d.SetPlace("notes")
	d.SetHeader("")
	d.AddPage()
	title := r.label("form.notes.title")
	d.Bookmark(title, 1)
	d.Heading(pdf.Heading{Level: 2, Text: title})
	muted := r.th.Colors.Muted
	d.Text(pdf.ParaStyle{Size: r.th.Type.Small + 1, Color: &muted}, pdf.Run{Text: r.label("form.notes.hint")})
	text := ""
	if r.filled() && strings.TrimSpace(r.a.Workshop.Notes) != "" {
		text = r.a.Workshop.Notes
		// the continued line of a checkpoint, without a number
		more := strings.Join(strings.Fields(r.label("form.continued", "number", "", "title", title)), " ")
		d.Continued(more, func() { r.textBox(r.th.Colors.Accent.Mix(pdf.White, 0.35), text) })
	}
	n := int((d.Remaining() - 2) / r.th.Spacing.WriteIn)
	if text != "" && n < 1 {
		return // the notes end at the foot of the page
	}
	r.notesField(r.collect(pdf.AreaWriteIn, func() { d.WriteIn(max(n, 1)) }))
}

// progress draws the progress summary of a filled form: per step and over
// all, a bar of the checkpoints done and in progress and the count done.
func (r *renderer) progress() {
	d, th := r.d, r.th
	steps, all := roadmap.Progress(r.lang, r.form, r.a)
	size := th.Type.Small + 1
	lh := d.LineHeight(size)
	rowH := lh + 1.6
	h := d.Measure(func() { r.progressTitle() }) + float64(len(steps)+1)*rowH + 3*lh + 6
	d.EnsureSpace(h)
	r.progressTitle()
	const barW, countW, gap = 48.0, 20.0, 4.0
	muted := th.Colors.Muted
	row := func(label string, p roadmap.Count, c pdf.Color, st pdf.Style) {
		top := d.Y()
		d.Indent(0, barW+countW+2*gap, func() {
			d.Text(pdf.ParaStyle{Size: size, Style: st, SpaceAfter: -1}, pdf.Run{Text: label})
		})
		barX := d.Right() - countW - gap - barW
		r.bar(barX, top+(lh-3.2)/2, barW, 3.2, p, c)
		count := r.label("form.progress.count", "done", strconv.Itoa(p.Done), "total", strconv.Itoa(p.Total()))
		cw := pdf.Width(count, st, size)
		d.TextAt(d.Right()-cw, top, count, st, size, th.Colors.Text)
		d.SetY(math.Max(d.Y(), top+lh) + 1.6)
	}
	for _, p := range steps {
		row(r.label("step.heading", "n", strconv.Itoa(p.Number), "title", p.Title), p.Count, th.Step(p.Number), pdf.Regular)
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
	d.SetY(y + lh)
	if all.NotApplicable > 0 {
		d.Text(pdf.ParaStyle{Size: th.Type.Small, Color: &muted, SpaceBefore: 0.6, SpaceAfter: -1},
			pdf.Run{Text: r.label("form.progress.na", "n", strconv.Itoa(all.NotApplicable))})
	}
	d.SetY(d.Y() + 4)
}

// progressTitle draws the heading of the progress summary.
func (r *renderer) progressTitle() {
	r.d.Heading(pdf.Heading{Level: 3, Text: r.label("form.progress.title"), Keep: 1})
}

// bar draws a progress bar: done in colour c, in progress in a tint of it,
// the rest in the rule colour's tint.
func (r *renderer) bar(x, y, w, h float64, p roadmap.Count, c pdf.Color) {
	d := r.d
	d.FillRect(x, y, w, h, h/2, r.th.Colors.Rule.Mix(pdf.White, 0.55))
	if p.Total() == 0 {
		return
	}
	doneW := w * float64(p.Done) / float64(p.Total())
	doingW := w * float64(p.InProgress) / float64(p.Total())
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
	d.EnsureSpace(r.bandHeight(it) + r.minHeight(it.cp))
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

// checkpoint draws checkpoint cp.
//
// A checkpoint to write in by hand gets the number of lines its content
// gives (content.Checkpoint.WriteInLines), the same in both forms, and is
// kept whole on one page: when it does not fit in what is left of the page
// it moves to the next. A checkpoint with an answer text or a plan table
// keeps its head, options and the first lines of the answer (or the
// table's header and first row) together; the rest flows onto further
// pages, each starting with a "continued" line that names the checkpoint.
func (r *renderer) checkpoint(cp *content.Checkpoint) {
	d := r.d
	lines := r.lines(cp)
	d.EnsureSpace(r.minHeight(cp))
	num := r.lang.Number(cp)
	d.Bookmark(num+" "+cp.Title, 2)
	d.Continued(r.label("form.continued", "number", num, "title", cp.Title), func() {
		r.block(cp, lines)
		if plan, ok := r.plan(cp); ok {
			d.Indent(r.numberWidth(), 0, func() {
				d.Space(r.tableGap())
				r.planTable(plan)
			})
		}
	})
}

// plan returns the plan table checkpoint cp carries on this form: the
// action plan always; the communication and evaluation plans in a blank
// form (empty rows to write in, or a fillable form's fields) and in a
// filled form whose answers have rows of them.
func (r *renderer) plan(cp *content.Checkpoint) (*roadmap.Plan, bool) {
	p, ok := roadmap.Of(cp)
	if !ok {
		return nil, false
	}
	if p == roadmap.ActionPlan || r.a == nil || len(p.Rows(r.a)) > 0 {
		return p, true
	}
	return nil, false
}

// flows reports whether checkpoint cp may flow across pages: it has an
// answer text or a plan table with rows.
func (r *renderer) flows(cp *content.Checkpoint) bool {
	if r.hasText(cp) {
		return true
	}
	p, ok := r.plan(cp)
	return ok && len(p.Rows(r.a)) > 0
}

// lines returns the number of write-in lines checkpoint cp gets: none when
// its answer is a text or a plan with rows, else what the content says.
func (r *renderer) lines(cp *content.Checkpoint) int {
	if r.flows(cp) {
		return 0
	}
	return cp.WriteInLines()
}

// tableHeight returns the height of checkpoint cp's plan table with the gap
// above it, 0 when it has none.
func (r *renderer) tableHeight(cp *content.Checkpoint) float64 {
	p, ok := r.plan(cp)
	if !ok {
		return 0
	}
	return r.d.Measure(func() { r.d.Indent(r.numberWidth(), 0, func() { r.planTable(p) }) }) + r.tableGap()
}

// fullHeight returns the height of checkpoint cp drawn whole: its block
// and its table.
func (r *renderer) fullHeight(cp *content.Checkpoint) float64 {
	return r.measure(cp, r.lines(cp)) + r.tableHeight(cp)
}

// hasText reports whether checkpoint cp is shown with an answer text rather
// than lines to write on.
func (r *renderer) hasText(cp *content.Checkpoint) bool {
	return r.filled() && strings.TrimSpace(r.answer(cp.ID).Answer) != ""
}

// measure returns the height of checkpoint cp's block with lines write-in
// lines (the plan table left out). Each write-in line adds the same
// height, so the block is measured once, without lines.
func (r *renderer) measure(cp *content.Checkpoint, lines int) float64 {
	if lines == 0 {
		return r.d.Measure(func() { r.block(cp, 0) })
	}
	// measured with one line: the space around the lines is in it
	h, ok := r.heights[cp]
	if !ok {
		h = r.d.Measure(func() { r.block(cp, 1) })
		r.heights[cp] = h
	}
	return h + float64(lines-1)*r.th.Spacing.WriteIn
}

// minHeight returns the least height that must fit on a page for checkpoint
// cp to start on it: its head and options, and either all its write-in
// lines (with its blank table), or the first three lines of its answer, or
// its table's caption, header and first row.
//
// A checkpoint with a table that fits in half a page, met in the last third
// of a page, starts on a page only with room for all of it, rather than
// leave the table's first rows behind; met higher up, it starts there and
// its table carries on over the page under its repeated header.
func (r *renderer) minHeight(cp *content.Checkpoint) float64 {
	d := r.d
	if !r.flows(cp) {
		return r.fullHeight(cp)
	}
	whole, ok := r.whole[cp]
	if !ok {
		th := r.tableHeight(cp)
		whole = th > 0 && th <= d.PageHeight()/2 && d.Remaining() < d.PageHeight()/3
		r.whole[cp] = whole
	}
	if whole {
		if h := r.fullHeight(cp); h <= d.PageHeight() {
			return h
		}
	}
	h, ok := r.heads[cp]
	if !ok {
		h = d.Measure(func() {
			r.head(cp)
			if cp.Options != nil && len(cp.Options.Items) > 0 {
				d.Indent(r.numberWidth(), 0, func() { r.options(cp, r.answer(cp.ID)) })
			}
		})
		r.heads[cp] = h
	}
	body := d.LineHeight(r.th.Type.Body)
	if r.hasText(cp) {
		return h + 1 + 2*r.answerPad() + 3*body
	}
	small := d.LineHeight(r.th.Type.Small + 1)
	return h + r.tableGap() + small + 1.2 + 4*small + 4*1.7
}

// block draws checkpoint cp: its head, its options, and its answer or lines
// write-in lines.
func (r *renderer) block(cp *content.Checkpoint, lines int) {
	d := r.d
	d.SetPlace("checkpoint " + cp.ID)
	r.head(cp)
	ans := r.answer(cp.ID)
	d.Indent(r.numberWidth(), 0, func() {
		if cp.Options != nil && len(cp.Options.Items) > 0 {
			r.options(cp, ans)
		}
		switch {
		case r.hasText(cp):
			r.answerText(cp, ans.Answer)
		case lines > 0:
			d.Space(0.5)
			r.answerField(cp, r.collect(pdf.AreaWriteIn, func() { d.WriteIn(lines) }))
		}
	})
}

// head draws the checkpoint's number and statement, its hint and the row of
// status tick boxes.
func (r *renderer) head(cp *content.Checkpoint) {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	step := th.Step(cp.Step)
	ans := r.answer(cp.ID)
	d.Indent(r.numberWidth(), 0, func() {
		d.Text(pdf.ParaStyle{Size: th.Type.H3, Leading: 1.3, Style: pdf.Bold, Marker: r.lang.Number(cp), MarkerColor: &step, SpaceAfter: 0.8},
			pdf.Run{Text: cp.Title})
		var runs []pdf.Run
		if cp.Hint != "" {
			runs = append(runs, pdf.Run{Text: cp.Hint + "  "})
		}
		if p := r.guidePages[cp.ID]; p > 0 {
			accent := th.Colors.Accent
			runs = append(runs, pdf.Run{Text: "→ " + r.label("form.guide_page", "page", strconv.Itoa(p)), Color: &accent})
		}
		if len(runs) > 0 {
			d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 2}, runs...)
		}
		choices := make([]pdf.Choice, len(answers.Statuses))
		for i, s := range answers.Statuses {
			choices[i] = pdf.Choice{Label: r.label("status." + string(s)), Ticked: r.filled() && ans.Status == s}
		}
		r.statusField(cp, r.collect(pdf.AreaTickBox, func() { r.statusStrip(choices) }))
	})
}

// statusStrip draws the row of status tick boxes on a shaded strip that
// sets it apart from the options. The strip reaches a little into the
// margin on the left, so that its boxes line up with the option boxes.
func (r *renderer) statusStrip(choices []pdf.Choice) {
	r.d.ChoiceStrip(choices, r.th.Colors.Shade, r.th.Styles.Form.Status)
}

// options draws the checkpoint's option tick boxes: in two columns when
// every label fits on two lines of a column, else one under the other.
func (r *renderer) options(cp *content.Checkpoint, ans answers.Checkpoint) {
	d, th := r.d, r.th
	items := make([]pdf.Choice, len(cp.Options.Items))
	colW := d.CheckGridLabelWidth(2)
	cols := 2
	for i, o := range cp.Options.Items {
		items[i] = pdf.Choice{Label: o.Label, Ticked: ans.Ticked(o.ID)}
		if len(d.Lines(o.Label, pdf.Bold, th.Type.Body, colW)) > 2 {
			cols = 1
		}
	}
	d.Space(1)
	r.optionFields(cp, r.collect(pdf.AreaTickBox, func() { d.CheckGrid(items, cols) }))
	d.Space(1)
}

// answerText draws a filled-in answer: each line of the text a paragraph,
// beside an accent bar in the step's colour, flowing across pages.
func (r *renderer) answerText(cp *content.Checkpoint, text string) {
	r.textBox(r.th.Step(cp.Step).Mix(pdf.White, 0.35), text)
}

// textBox draws a text of the answers, each line a paragraph, beside a bar
// of colour bar, flowing across pages.
func (r *renderer) textBox(bar pdf.Color, text string) {
	d := r.d
	paras := paragraphs(text)
	d.Space(1)
	d.Box(pdf.Box{Bar: &bar, Padding: r.answerPad(), Split: true}, func() {
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

// planTable draws plan p under its title: the answers' rows in a filled
// form, else empty rows to write in. A table that fits in half a page is
// kept whole; a longer one repeats its header on every page.
func (r *renderer) planTable(p *roadmap.Plan) {
	d, th := r.d, r.th
	d.SetPlace(p.ID + " plan")
	rows := p.Texts(r.lang, r.a)
	size := th.Type.Small + 1
	if p != roadmap.ActionPlan {
		size = th.Type.Small // seven or eight columns
	}
	t := plantable.Table(r.lang, p, size, len(rows))
	accent := th.Colors.Accent
	caption := pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &accent, SpaceAfter: 1.2}
	capH := d.TextHeight(caption, pdf.Run{Text: "X"})
	// the caption stays with the header and the first row
	d.EnsureSpace(capH + 2*d.LineHeight(t.Size) + 4*1.7)
	d.Text(caption, pdf.Run{Text: strings.ToUpper(p.Title(r.lang))})
	if r.fill != nil {
		t.EmptyRows = PlanRows(p, r.fill.values)
		r.planFields(p, r.collect(pdf.AreaCell, func() { d.Table(t, rows) }))
		return
	}
	d.Table(t, rows)
}

// capitalise returns s with its first letter in upper case.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

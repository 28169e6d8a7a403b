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
	if r.registration() {
		return r.th.Colors.Accent
	}
	if r.form == content.Community {
		return r.th.Colors.Community
	}
	return r.th.Colors.Municipality
}

// field is one labelled field of the organisation block: its label, a
// hint beside it (the date format of a date), its value, the name and
// tooltip of its form field in a fillable form, and the number of lines to
// write on when it is empty (0: one); a field of more than one line is a
// multi-line field in a fillable form, with its lines in two columns.
type field struct {
	label, hint, value, name, tip string
	lines                         int
}

// participantLines is the number of lines the participants field gives:
// one per participant of a workshop of five to ten people, two to a row.
const participantLines = 6

// fields draws the organisation block: organisation, contact person,
// partner and date, then the workshop's facilitator, next review and
// participants, two to a row on a shaded panel, each a label in the text
// colour on the line it is written on, and the participants a numbered
// line each.
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
	dateTip := func(key string) string {
		return r.label("fillable.tip.date", "label", r.label(key), "format", r.lang.DateHint())
	}
	hint := r.lang.DateHint()
	participants := participantLines
	if r.filled() {
		// a filled form is the record of the answers: the workshop's
		// participants are noted on it more rarely, in fewer lines
		participants = 2
	}
	fs := []field{
		{label: r.label("field.organisation"), value: org.Name, name: OrgNameField},
		{label: r.label("field.contact"), value: org.Contact, name: OrgContactField},
		{label: r.label("field.partner"), value: org.Partner, name: OrgPartnerField},
		{label: r.label("field.date"), hint: hint, value: date, name: DateField, tip: dateTip("field.date")},
		// the workshop: filled in at the table, by hand or from the answers
		{label: r.label("field.facilitator"), value: ws.Facilitator, name: FacilitatorField},
		{label: r.label("field.next_review"), hint: hint, value: review, name: NextReviewField, tip: dateTip("field.next_review")},
		{label: r.label("field.participants"), value: ws.Participants, name: ParticipantsField, lines: participants,
			tip: r.label("fillable.tip.participants", "label", r.label("field.participants"))},
	}
	if r.fill != nil && r.fill.values != nil {
		v := r.fill.values
		for i, s := range []string{v.Organisation.Name, v.Organisation.Contact, v.Organisation.Partner, r.dateText(v.Date),
			v.Workshop.Facilitator, r.dateText(v.Workshop.NextReview), v.Workshop.Participants} {
			fs[i].value = s
		}
	}
	if r.registration() {
		// organisation, contact person and date: no partner, no workshop
		fs = []field{fs[0], fs[1], fs[3]}
	}
	shade := th.Colors.Shade
	d.Box(pdf.Box{Background: &shade, Padding: 3.2}, func() {
		const gap = 8.0
		colW := (d.Width() - gap) / 2
		for i := 0; i < len(fs); i += 2 {
			if fs[i].lines > 1 {
				// the last field, alone on its rows
				r.manyLines(fs[i], colW, gap)
				break
			}
			top := d.Y()
			bottom := top
			for j := i; j < i+2 && j < len(fs); j++ {
				left := float64(j-i) * (colW + gap)
				d.SetY(top)
				d.Indent(left, d.Width()-left-colW, func() { r.field(fs[j]) })
				bottom = math.Max(bottom, d.Y())
			}
			for j := i; j < i+2 && j < len(fs); j++ {
				x := d.Left() + float64(j-i)*(colW+gap)
				d.Line(x, bottom, x+colW, bottom, th.Colors.Muted, 0.3)
			}
			d.SetY(bottom + 1.5)
		}
	})
}

// fieldLabel draws field f's label, and its hint after it in small muted
// type, on a line of the organisation block whose top is y, and returns
// their width with the space after them.
func (r *renderer) fieldLabel(f field, x, y float64) float64 {
	d, th := r.d, r.th
	size := th.Type.Small + 1
	w := d.TextAt(x, y, f.label, pdf.Regular, size, th.Colors.Text)
	if f.hint != "" {
		// on the label's baseline
		dy := d.LineHeight(size) - d.LineHeight(th.Type.Small)
		w += 1.6 + d.TextAt(x+w+1.6, y+dy*0.8, f.hint, pdf.Regular, th.Type.Small, th.Colors.Muted)
	}
	return w + 2.4
}

// field draws one field of one line at the cursor, in the current text
// area: its label on the line, then its value or the space to write in;
// the line under it is drawn by fields.
func (r *renderer) field(f field) {
	d, th := r.d, r.th
	size := th.Type.Small + 1
	top := d.Y()
	bottom := top + r.fieldWriteHeight()
	y := bottom - d.LineHeight(size) - 0.4
	if r.fill == nil && strings.TrimSpace(f.value) != "" {
		f.hint = "" // a date written out needs no format
	}
	lw := r.fieldLabel(f, d.Left(), y)
	if r.fill != nil && f.name != "" {
		tip := f.tip
		if tip == "" {
			tip = f.label
		}
		r.textField(f.name, tip, f.value, false, pdf.Rect{X: d.Left() + lw, Y: top + 1, W: d.Width() - lw, H: bottom - top - 0.4})
		d.SetY(bottom)
		return
	}
	if strings.TrimSpace(f.value) == "" {
		d.SetY(bottom)
		return
	}
	// the value's first line on the label's baseline
	d.SetY(bottom - d.LineHeight(th.Type.Body) - 0.2)
	d.Indent(lw, 0, func() { d.Text(pdf.ParaStyle{SpaceAfter: -1}, pdf.Run{Text: f.value}) })
	d.SetY(math.Max(d.Y()+0.6, bottom))
}

// manyLines draws a field of f.lines lines across the block: its label on
// a line of its own, then its value, or numbered lines to write on, two to
// a row in columns colW wide with gap between them.
func (r *renderer) manyLines(f field, colW, gap float64) {
	d, th := r.d, r.th
	size := th.Type.Small + 1
	top := d.Y()
	d.TextAt(d.Left(), top, f.label, pdf.Regular, size, th.Colors.Text)
	d.SetY(top + d.LineHeight(size))
	if r.fill == nil && strings.TrimSpace(f.value) != "" {
		d.Text(pdf.ParaStyle{SpaceAfter: -1}, pdf.Run{Text: f.value})
		d.SetY(d.Y() + 0.8)
		d.Line(d.Left(), d.Y(), d.Right(), d.Y(), th.Colors.Muted, 0.3)
		return
	}
	rows := (f.lines + 1) / 2
	first := d.Y()
	write := r.fieldWriteHeight()
	small := th.Type.Small
	for i := range f.lines {
		x := d.Left() + float64(i%2)*(colW+gap)
		y := first + float64(i/2+1)*write
		n := strconv.Itoa(i + 1)
		// numbered lines to write on: a decoration, the label says what
		// they are for
		d.Artifact(func() { d.TextAt(x, y-d.LineHeight(small)-0.4, n, pdf.Regular, small, th.Colors.Muted) })
		d.Line(x, y, x+colW, y, th.Colors.Muted, 0.3)
	}
	bottom := first + float64(rows)*write
	if r.fill != nil && f.name != "" {
		r.textField(f.name, f.tip, f.value, true, pdf.Rect{X: d.Left(), Y: first, W: d.Width(), H: bottom - first + 0.6})
	}
	d.SetY(bottom)
}

// instructions draws the line on how to fill in the form.
func (r *renderer) instructions() {
	d, th := r.d, r.th
	muted := th.Colors.Muted
	if r.filled() && r.registration() {
		return
	}
	if r.filled() {
		// filled in already: only that the numbers are the booklet's
		d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 3}, pdf.Run{Text: r.numbering()})
		return
	}
	how := r.label("form.instructions")
	if r.fill != nil {
		how = r.label("fillable.instructions")
	}
	if r.registration() {
		how = r.label("form.instructions.registration")
		if r.fill != nil {
			how = r.label("fillable.instructions.registration")
		}
		d.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 3},
			pdf.Run{Text: r.label("form.instructions.title") + " ", Style: pdf.Bold},
			pdf.Run{Text: how})
		return
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
	d.SetY(y + lh + 0.6)
	// the numbers are the booklet's, with gaps where the other form's are
	d.Text(pdf.ParaStyle{Size: size, Color: &muted, SpaceAfter: 2}, pdf.Run{Text: r.numbering()})
}

// numbering is the line saying that the checkpoints keep the guidebook's
// numbers, and, for page references to an edition of the guidebook, which.
func (r *renderer) numbering() string {
	s := r.label("form.numbering")
	if r.edition != "" {
		s += " " + r.label("form.guide_edition", "edition", r.label("guide.edition."+string(r.edition)))
	}
	return s
}

// notes draws the closing page: notes and next steps. A filled form whose
// answers have workshop notes prints them there, as an answer is printed,
// flowing onto further pages when they are long; lines to write on fill
// the rest of the page, above the funding line at its foot. A fillable form has one text field over the lines,
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
	// the lines leave room for the funding line at the foot
	reserve := fundingHeight + 4
	n := int((d.Remaining() - 2 - reserve) / r.th.Spacing.WriteIn)
	if text == "" || n >= 1 {
		r.notesField(r.collect(pdf.AreaWriteIn, func() { d.WriteIn(max(n, 1)) }))
	}
	r.funding()
}

// fundingHeight is the height of the EU emblem of the funding line.
const fundingHeight = 8.0

// funding draws the funding line at the foot of the page, or of the next
// page when the cursor is too low: the EU emblem with "Funded by the
// European Union" in the form's language.
func (r *renderer) funding() {
	d := r.d
	d.EnsureSpace(fundingHeight + 4)
	y := math.Max(d.Y()+4, d.Bottom()-fundingHeight)
	d.FundedBy(d.Left(), y, fundingHeight, r.label("funded_by"), r.th.Colors.Text)
	d.SetY(y + fundingHeight)
}

// progress draws the progress summary of a filled form: per step and over
// all, the step's label, a bar of the checkpoints done and in progress and
// the count done, two to a row, so that page 1 keeps room for step 1 (the
// steps' titles are on their bands).
func (r *renderer) progress() {
	d, th := r.d, r.th
	steps, all := roadmap.Progress(r.lang, r.form, r.a)
	size := th.Type.Small + 1
	lh := d.LineHeight(size)
	rowH := lh + 1.6
	type cell struct {
		label, count string
		p            roadmap.Count
		c            pdf.Color
		st           pdf.Style
	}
	var cells []cell
	count := func(p roadmap.Count) string {
		return r.label("form.progress.count", "done", strconv.Itoa(p.Done), "total", strconv.Itoa(p.Total()))
	}
	for _, p := range steps {
		cells = append(cells, cell{r.label("step.label", "n", strconv.Itoa(p.Number)), count(p.Count), p.Count, th.Step(p.Number), pdf.Regular})
	}
	cells = append(cells, cell{r.label("form.progress.total"), count(all), all, th.Colors.Accent, pdf.Bold})
	rows := (len(cells) + 1) / 2
	h := d.Measure(func() { r.progressTitle() }) + float64(rows)*rowH + 3*lh + 6
	d.EnsureSpace(h)
	r.progressTitle()
	const gap, colGap = 3.0, 10.0
	colW := (d.Width() - colGap) / 2
	labelW, countW := 0.0, 0.0
	for _, c := range cells {
		labelW = math.Max(labelW, pdf.Width(c.label, pdf.Bold, size))
		countW = math.Max(countW, pdf.Width(c.count, pdf.Bold, size))
	}
	barW := colW - labelW - countW - 2*gap
	muted := th.Colors.Muted
	for i := 0; i < len(cells); i += 2 {
		top := d.Y()
		for j := i; j < i+2 && j < len(cells); j++ {
			c := cells[j]
			x := d.Left() + float64(j-i)*(colW+colGap)
			d.TextAt(x, top, c.label, c.st, size, th.Colors.Text)
			r.bar(x+labelW+gap, top+(lh-3.2)/2, barW, 3.2, c.p, c.c)
			d.TextAt(x+colW-pdf.Width(c.count, c.st, size), top, c.count, c.st, size, th.Colors.Text)
		}
		d.SetY(top + rowH)
	}
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
	if r.registration() {
		heading = it.step.Title
	}
	d.Bookmark(heading, 1)
	d.StepBand(it.step.Number, r.bandLabel(it), it.step.Title)
	d.SetHeader(heading)
}

// bandHeight returns the height of the band of item it's step.
func (r *renderer) bandHeight(it item) float64 {
	return r.d.Measure(func() { r.d.StepBand(it.step.Number, r.bandLabel(it), it.step.Title) })
}

// bandLabel is the label of item it's band: "Step 1", or on the
// registration form whom it is for.
func (r *renderer) bandLabel(it item) string {
	if r.registration() {
		return ""
	}
	return r.label("step.label", "n", strconv.Itoa(it.step.Number))
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
func (r *renderer) checkpoint(cp *content.Checkpoint, next *item) {
	d := r.d
	d.EnsureSpace(r.minHeight(cp))
	lines := r.lines(cp) + r.spare(cp, next)
	rows := r.spareRows(cp, next)
	num := r.lang.Number(cp)
	d.Bookmark(num+" "+cp.Title, 2)
	d.Continued(r.label("form.continued", "number", num, "title", cp.Title), func() {
		r.block(cp, lines)
		if plan, ok := r.plan(cp); ok {
			d.Indent(r.numberWidth(), 0, func() {
				d.Space(r.tableGap())
				r.planTable(plan, rows)
			})
		}
	})
}

// spareRows returns the empty rows a blank form adds to checkpoint cp's
// plan table, at the cursor, to fill its page when what follows does not
// fit below it (as spare does with lines). A fillable form keeps its
// tables' rows, whose fields are numbered.
func (r *renderer) spareRows(cp *content.Checkpoint, next *item) int {
	if r.a != nil || r.fill != nil || r.tableHeight(cp) == 0 {
		return 0
	}
	left := r.d.Remaining() - r.fullHeight(cp)
	if left < plantable.BlankRowHeight {
		return 0
	}
	if next != nil {
		need := r.checkpointGap() + r.minHeight(next.cp)
		if next.first {
			need += r.bandHeight(*next)
		}
		if need <= left+1e-6 {
			return 0
		}
	}
	return int(left / plantable.BlankRowHeight)
}

// spare returns the write-in lines a blank form adds to checkpoint cp, at
// the cursor, to fill its page: when what follows it (the next item, with
// its step's band if it opens a step, or the closing page) does not fit
// below it, the lines that fit in the space left. A checkpoint with a
// table or with an answer gets none.
func (r *renderer) spare(cp *content.Checkpoint, next *item) int {
	if r.filled() || r.registration() || r.lines(cp) == 0 || r.tableHeight(cp) > 0 {
		return 0
	}
	left := r.d.Remaining() - r.fullHeight(cp)
	if left < 0 {
		return 0 // taller than a page
	}
	if next != nil {
		need := r.checkpointGap() + r.minHeight(next.cp)
		if next.first {
			need += r.bandHeight(*next)
		}
		if need <= left+1e-6 {
			return 0
		}
	}
	return int(left / r.th.Spacing.WriteIn)
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
	if r.registration() && cp.WriteIn > 0 {
		// a short form: the lines the content asks for, not the
		// checklists' least beside options
		return min(cp.WriteIn, content.MaxWriteIn)
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
	return r.d.Measure(func() { r.d.Indent(r.numberWidth(), 0, func() { r.planTable(p, 0) }) }) + r.tableGap()
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
		d.AsHeading(2, func() {
			d.Text(pdf.ParaStyle{Size: th.Type.H3, Leading: 1.3, Style: pdf.Bold, Marker: r.lang.Number(cp), MarkerColor: &step, SpaceAfter: 0.8},
				pdf.Run{Text: cp.Title})
		})
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
		if r.registration() {
			return // a registration's questions have no status
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
// form, else empty rows to write in, extra more in a blank one. A table that fits in half a page is
// kept whole; a longer one repeats its header on every page.
func (r *renderer) planTable(p *roadmap.Plan, extra int) {
	d, th := r.d, r.th
	d.SetPlace(p.ID + " plan")
	rows := p.Texts(r.lang, r.a)
	size := th.Type.Small + 1
	if p != roadmap.ActionPlan {
		size = th.Type.Small // seven or eight columns
	}
	t := plantable.Table(r.lang, p, size, len(rows))
	if len(rows) == 0 {
		t.EmptyRows += extra
	}
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

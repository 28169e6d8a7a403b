package pdf

import "math"

// Band draws a full-width coloured band with a bold label and a title beside
// it ("1. solis – Situācijas analīze"), the text wrapping inside the band.
// It is kept on one page with at least three body lines below it.
func (d *Doc) Band(label, title string, bg Color) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	bs := d.theme.Styles.Band
	padX, padY := bs.PadX, bs.PadY
	size := d.theme.Type.H2
	fg := d.theme.Colors.BandText
	var runs []Run
	if label != "" {
		runs = append(runs, Run{Text: label, Style: Bold})
		if title != "" {
			runs = append(runs, Run{Text: " – "})
		}
	}
	if title != "" {
		runs = append(runs, Run{Text: title})
	}
	p := ParaStyle{Size: size, Leading: bs.Leading, Color: &fg, SpaceAfter: -1}
	var lines []line
	var h float64
	d.Indent(padX, padX, func() {
		lines = d.layout(p, runs, d.Width())
		for _, l := range lines {
			h += d.lineHeightOf(p, l)
		}
	})
	h += 2 * padY
	if !d.AtTop() {
		d.y += bs.Before
	}
	d.EnsureSpace(h + 3*d.LineHeight(d.theme.Type.Body))
	d.roundRect(d.Left(), d.y, d.Width(), h, bs.Radius, bg)
	y := d.y + padY
	d.leaf(d.headingTag(1), func() {
		for _, l := range lines {
			lh := d.lineHeightOf(p, l)
			d.drawLine(l, d.Left()+padX, y, lh)
			y += lh
		}
	})
	d.y += h + bs.After
	d.drawn()
}

// StepBand draws the band of step n in the step's theme colour.
func (d *Doc) StepBand(n int, label, title string) { d.Band(label, title, d.theme.Step(n)) }

// TickBox draws a tick box with its top left corner at (x, y): a square frame,
// with a tick drawn in lines when ticked. side 0 means the theme's size.
func (d *Doc) TickBox(x, y, side float64, ticked bool) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	if side <= 0 {
		side = d.theme.Spacing.TickBox
	}
	d.mark(false)
	d.setFill(White)
	d.f.Rect(x, y, side, side, "F")
	d.strokeRect(x, y, side, side, d.theme.Colors.Muted, d.theme.Styles.TickBox.Line)
	if ticked {
		c := d.theme.Colors.Accent
		d.setDraw(c, side*0.16)
		d.f.SetLineCapStyle("round")
		d.f.SetLineJoinStyle("round")
		d.f.MoveTo(x+side*0.2, y+side*0.52)
		d.f.LineTo(x+side*0.42, y+side*0.76)
		d.f.LineTo(x+side*0.82, y+side*0.22)
		d.f.DrawPath("D")
		d.f.SetLineCapStyle("butt")
		d.f.SetLineJoinStyle("miter")
	}
	d.drawn()
	d.area(Area{Kind: AreaTickBox, Rect: Rect{x, y, side, side}})
}

// Radio draws a choice circle of diameter side (0: the theme's tick-box
// size) with its bounding box's top left corner at (x, y): a round frame,
// with a filled dot when chosen. Circles mark a pick-one choice (a
// checkpoint's status), tick boxes a pick-any one (its options).
func (d *Doc) Radio(x, y, side float64, chosen bool) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	if side <= 0 {
		side = d.theme.Spacing.TickBox
	}
	r := side / 2
	d.mark(false)
	d.setFill(White)
	d.setDraw(d.theme.Colors.Muted, d.theme.Styles.TickBox.Line)
	d.f.Circle(x+r, y+r, r, "FD")
	if chosen {
		d.setFill(d.theme.Colors.Accent)
		d.f.Circle(x+r, y+r, r*0.55, "F")
	}
	d.drawn()
	d.area(Area{Kind: AreaTickBox, Rect: Rect{x, y, side, side}})
}

// Check draws a tick box at the left of the text area with label beside it;
// the label wraps under itself, not under the box.
func (d *Doc) Check(label string, ticked bool) {
	d.CheckRuns(ticked, ParaStyle{}, Run{Text: label})
}

// CheckRuns is Check with a rich label in paragraph style p (its Indent is
// added to the box's).
func (d *Doc) CheckRuns(ticked bool, p ParaStyle, runs ...Run) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	p = d.paraDefaults(p)
	ts := d.theme.Styles.TickBox
	if p.SpaceAfter == d.theme.Spacing.Paragraph {
		p.SpaceAfter = ts.Row
	}
	side := d.theme.Spacing.TickBox
	gap := ts.Gap
	lh := d.lineHeight(p.Size, p.Leading)
	first := d.TextHeight(ParaStyle{Size: p.Size, Leading: p.Leading, SpaceAfter: -1}, Run{Text: "X"})
	d.EnsureSpace(math.Max(first, side))
	if p.SpaceBefore > 0 && !d.AtTop() {
		d.y += p.SpaceBefore
		p.SpaceBefore = 0
	}
	x := d.Left() + p.Indent
	if d.dry > 0 {
		d.TickBox(x, d.y+(lh-side)/2, side, ticked)
		p.Indent += side + gap
		d.Text(p, runs...)
		return
	}
	// a list item (of a list of its own, unless drawn in one): the box
	// (said as ticked or not, if the document says how) and the label
	if d.tags.elems[d.tags.cur].Type != TagL {
		d.Begin(Elem{Type: TagL})
		defer d.End()
	}
	d.Begin(Elem{Type: TagLI})
	defer d.End()
	d.tickLabel(ticked, false, func() { d.TickBox(x, d.y+(lh-side)/2, side, ticked) })
	p.Indent += side + gap
	d.Group(Elem{Type: TagLBody}, func() { d.text1(p, runs) })
}

// tickLabel draws a tick box or choice circle (draw) as the label of a list
// item: a Lbl read as the document's words for a ticked (or chosen) box or
// an empty one (WithTickWords), or an artifact when there is no word for it.
func (d *Doc) tickLabel(ticked, radio bool, draw func()) {
	w := d.cfg.ticks
	word := w.Unticked
	switch {
	case ticked && radio:
		word = w.Chosen
	case ticked:
		word = w.Ticked
	case radio:
		word = w.NotChosen
	}
	if word == "" || d.dry > 0 {
		draw()
		return
	}
	d.Group(Elem{Type: TagLbl, ActualText: word}, func() {
		d.tags.figure++
		defer func() { d.tags.figure-- }()
		draw()
	})
}

// Choice is one tick box of a row of choices.
type Choice struct {
	Label  string
	Ticked bool
}

// Choices draws a row of choice circles (Radio) with short labels, of
// which one is to be chosen (status: not started · in progress · done · not
// applicable), flowing onto the next line when the row does not fit. The
// chosen one is set in bold.
func (d *Doc) Choices(items []Choice) {
	defer d.catch()
	if d.failed() || len(items) == 0 {
		return
	}
	d.ensurePage()
	size := d.theme.Type.Body
	side := d.theme.Spacing.TickBox
	ts := d.theme.Styles.TickBox
	gap, between := ts.Gap, ts.Between
	lh := d.lineHeight(size, 0) + ts.Row
	rows := [][]int{{}}
	x := 0.0
	ws := make([]float64, len(items))
	labels := make([]string, len(items))
	for i, it := range items {
		st := Regular
		if it.Ticked {
			st = Bold
		}
		labels[i] = oneLine(d.clean(it.Label, st))
		ws[i] = side + gap + d.measure(labels[i], st, size)
		if x > 0 && x+ws[i] > d.Width() {
			rows = append(rows, []int{})
			x = 0
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
		x += ws[i] + between
	}
	d.Begin(Elem{Type: TagL})
	defer d.End()
	for _, row := range rows {
		d.EnsureSpace(lh)
		x := d.Left()
		for _, i := range row {
			d.Begin(Elem{Type: TagLI})
			d.tickLabel(items[i].Ticked, true, func() {
				d.Radio(x, d.y+(d.lineHeight(size, 0)-side)/2, side, items[i].Ticked)
			})
			st := Regular
			c := d.theme.Colors.Text
			if items[i].Ticked {
				st = Bold
			}
			d.Group(Elem{Type: TagLBody}, func() {
				d.textBase(x+side+gap, baseline(d.y, d.lineHeight(size, 0), size), labels[i], st, size, c)
			})
			d.End()
			x += ws[i] + between
		}
		d.y += lh
		d.drawn()
	}
}

// ChoiceStrip draws Choices on a shaded strip of colour bg that sets them
// apart, padded by pad; the strip reaches pad into the margin on the left,
// so that its circles line up with tick boxes drawn at the text's left. It
// is kept on one page and leaves a row's space (Styles.TickBox.Row) below.
func (d *Doc) ChoiceStrip(items []Choice, bg Color, pad float64) {
	defer d.catch()
	if d.failed() || len(items) == 0 {
		return
	}
	d.ensurePage()
	row := d.theme.Styles.TickBox.Row
	h := d.Measure(func() { d.Choices(items) }) - row + 2*pad
	d.EnsureSpace(h)
	top := d.y
	d.roundRect(d.Left()-pad, top, d.Width()+pad, h, d.theme.Styles.Band.Radius*0.75, bg)
	d.y = top + pad
	d.Choices(items)
	d.y = top + h + row
}

// WriteIn draws n ruled lines across the text area to write on by hand,
// breaking pages between lines as needed.
func (d *Doc) WriteIn(n int) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	gap := d.theme.Spacing.WriteIn
	top, page := d.y, d.Page()
	for range n {
		if y := d.y; d.EnsureSpace(gap) {
			if y > top {
				d.area(Area{Kind: AreaWriteIn, Page: page, Rect: Rect{d.Left(), top, d.Width(), y - top}})
			}
			top, page = d.y, d.Page()
		}
		d.y += gap
		d.line(d.Left(), d.y, d.Right(), d.y, d.theme.Colors.Rule, d.theme.Styles.WriteIn.Line)
	}
	d.area(Area{Kind: AreaWriteIn, Page: page, Rect: Rect{d.Left(), top, d.Width(), d.y - top}})
	d.y += d.theme.Styles.WriteIn.After
}

// Rule draws a thin horizontal rule across the text area, with space around.
func (d *Doc) Rule() {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	rs := d.theme.Styles.Rule
	d.EnsureSpace(2 * rs.Space)
	d.y += rs.Space
	d.line(d.Left(), d.y, d.Right(), d.y, d.theme.Colors.Rule, rs.Line)
	d.y += rs.Space
}

// RuleAfter returns the space Rule leaves below its line.
func (d *Doc) RuleAfter() float64 { return d.theme.Styles.Rule.Space }

// Badge is a small rounded label, such as an audience marker.
type Badge struct {
	Text  string
	Color Color
}

// BadgeSize returns the width and height of badge text.
func (d *Doc) BadgeSize(text string) (w, h float64) {
	size := d.theme.Type.Small
	s, _, _ := clean(text, Bold)
	s = oneLine(s)
	bs := d.theme.Styles.Badge
	return d.measure(s, Bold, size) + 2*bs.PadX, d.lineHeight(size, 1.15) + 2*bs.PadY
}

// BadgeAt draws a badge with its top left corner at (x, y), without moving
// the cursor, and returns its width.
func (d *Doc) BadgeAt(x, y float64, b Badge) float64 {
	defer d.catch()
	if d.failed() {
		return 0
	}
	d.ensurePage()
	size := d.theme.Type.Small
	w, h := d.BadgeSize(b.Text)
	d.roundRect(x, y, w, h, h/2.6, b.Color)
	s := oneLine(d.clean(b.Text, Bold))
	bs := d.theme.Styles.Badge
	d.leaf(TagSpan, func() {
		d.textBase(x+bs.PadX, baseline(y+bs.PadY, d.lineHeight(size, 1.15), size), s, Bold, size, d.theme.Colors.BandText)
	})
	return w
}

// Badges draws badges in a row at the cursor, wrapping when they do not fit,
// and moves the cursor below them.
func (d *Doc) Badges(bs ...Badge) {
	defer d.catch()
	if d.failed() || len(bs) == 0 {
		return
	}
	d.ensurePage()
	_, h := d.BadgeSize("X")
	d.EnsureSpace(h)
	x := d.Left()
	for _, b := range bs {
		w, _ := d.BadgeSize(b.Text)
		gap := d.theme.Styles.Badge.Gap
		if x > d.Left() && x+w > d.Right() {
			d.y += h + gap*0.75
			d.EnsureSpace(h)
			x = d.Left()
		}
		x += d.BadgeAt(x, d.y, b) + gap
	}
	d.y += h + d.theme.Styles.Badge.Gap
}

// Box is how Doc.Box sets content apart.
type Box struct {
	// Background fills the box when it fits on one page; nil for none.
	Background *Color
	// Bar is the colour of an accent bar at the left of the box, drawn
	// beside every page's part of it; nil for none.
	Bar *Color
	// Padding inside the box in mm; 0 means the theme's (Styles.Box).
	Padding float64
	// Split lets the box break across pages where it falls, rather than
	// move whole to the next page when it does not fit in what is left of
	// this one; each page's part has the bar beside it, and no background.
	Split bool
}

// Box draws what fn draws set apart: indented, on a background when it fits
// on one page, with an accent bar at the left. Content taller than a page
// flows across pages with the bar beside each part (and no background).
// fn runs twice, once to measure (see Measure) and once to draw, so it must
// only draw.
func (d *Doc) Box(b Box, fn func()) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	bs := d.theme.Styles.Box
	pad := b.Padding
	if pad <= 0 {
		pad = bs.Padding
	}
	barW := 0.0
	if b.Bar != nil {
		barW = bs.Bar
	}
	inner := func() { d.Indent(pad+barW, pad, fn) }
	h := d.Measure(inner) + 2*pad
	if !d.AtTop() {
		d.y += bs.Before
	}
	x := d.Left()
	if d.dry > 0 {
		d.y += h + bs.After
		return
	}
	if h <= d.PageHeight() && (!b.Split || h <= d.Remaining()) {
		d.EnsureSpace(h)
		top := d.y
		if b.Background != nil {
			d.rect(x, top, d.Width(), h, *b.Background)
		}
		if b.Bar != nil {
			d.rect(x, top, barW, h, *b.Bar)
		}
		d.y += pad
		inner()
		d.y = top + h + bs.After
		return
	}
	// taller than a page, or split: a bar beside each page's part
	top := d.y
	bar := func(from, to float64) {
		if b.Bar != nil && to > from {
			d.rect(x, from, barW, to-from, *b.Bar)
		}
	}
	d.onBreak = append(d.onBreak, func(prev int) {
		cur := d.f.PageNo()
		d.gotoPage(prev)
		bar(top, d.Bottom())
		d.gotoPage(cur)
		top = d.y // below what the page starts with (a "continued" line)
	})
	d.y += pad
	inner()
	d.onBreak = d.onBreak[:len(d.onBreak)-1]
	d.y += pad
	bar(top, math.Min(d.y, d.Bottom()))
	d.y += bs.After
}

// BoxAfter returns the space Box leaves below a box.
func (d *Doc) BoxAfter() float64 { return d.theme.Styles.Box.After }

// Continued runs fn, which draws content that may flow onto further pages,
// and starts every page it continues on with label, one line in the small
// muted type, so that a reader who turns the page knows what the text or
// table under it belongs to ("2.4 Title (continued)"). A table drawn by fn
// repeats its header under the line.
func (d *Doc) Continued(label string, fn func()) {
	if label == "" || d.dry > 0 {
		fn()
		return
	}
	d.onBreak = append(d.onBreak, func(int) {
		size := d.theme.Type.Small
		muted := d.theme.Colors.Muted
		s := d.fitText(label, Italic, size, d.Width())
		d.tags.artifact++
		defer func() { d.tags.artifact-- }()
		d.textBase(d.Left(), baseline(d.y, d.lineHeight(size, 0), size), s, Italic, size, muted)
		d.y += d.lineHeight(size, 0) + 1.2
		d.drawn()
	})
	n := len(d.onBreak)
	defer func() { d.onBreak = d.onBreak[:n-1] }()
	fn()
}

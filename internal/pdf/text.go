package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Align is the horizontal alignment of lines.
type Align uint8

// The alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Run is a piece of text in one style: the unit of rich text.
type Run struct {
	// Text is drawn as is; "\n" is a hard line break, spaces and tabs are
	// where lines may break.
	Text  string
	Style Style
	// Size in pt; 0 means the paragraph's size.
	Size float64
	// Color; nil means the paragraph's colour (or the accent colour for a link).
	Color *Color
	// URL makes the run a clickable link to an external address.
	URL string
	// Dest makes the run a clickable link to an internal destination.
	Dest Link
}

// ParaStyle is how a paragraph of runs is laid out. The zero value is a body
// paragraph at the full text width with the theme's paragraph spacing after.
type ParaStyle struct {
	// Size is the type size in pt; 0 means the theme's body size.
	Size float64
	// Leading is the line distance as a multiple of Size; 0 means the theme's.
	Leading float64
	// Style is the style of runs that set none (added to theirs).
	Style Style
	// Color is the colour of runs that set none; nil means the text colour.
	Color *Color
	// Indent narrows the paragraph on the left, in mm; Right on the right.
	Indent, Right float64
	// Marker, if set, is drawn in the indent before the first line, right
	// aligned against the text (a list bullet "•" or number "3.").
	Marker string
	// MarkerColor is the marker's colour; nil means the paragraph's.
	MarkerColor *Color
	// SpaceBefore is the space above, in mm (dropped at the top of a page).
	SpaceBefore float64
	// SpaceAfter is the space below, in mm; 0 means the theme's paragraph
	// spacing and a negative value means none.
	SpaceAfter float64
	// Align aligns the lines (left by default).
	Align Align
	// Keep moves the whole paragraph to the next page rather than split it,
	// when it fits on one page.
	Keep bool
}

func (d *Doc) paraDefaults(p ParaStyle) ParaStyle {
	if !(p.Size > 0 && p.Size <= 200) { // also NaN
		p.Size = d.theme.Type.Body
	}
	if !(p.Leading > 0 && p.Leading <= 5) {
		p.Leading = d.theme.LineHeight
	}
	p.Indent = sane(p.Indent)
	p.Right = sane(p.Right)
	p.SpaceBefore = sane(p.SpaceBefore)
	if math.IsNaN(p.SpaceAfter) || math.IsInf(p.SpaceAfter, 0) {
		p.SpaceAfter = 0
	}
	if p.SpaceAfter == 0 {
		p.SpaceAfter = d.theme.Spacing.Paragraph
	} else if p.SpaceAfter < 0 {
		p.SpaceAfter = 0
	}
	return p
}

// sane returns v when it is a length that can be laid out, else 0.
func sane(v float64) float64 {
	if v >= 0 && v < 1000 {
		return v
	}
	return 0
}

// minWidth is the least width text is laid out in: narrower columns would
// put every character on a line of its own.
const minWidth = 10.0

// LineHeight returns the height in mm of a line of type size pt at the
// theme's line height.
func (d *Doc) LineHeight(size float64) float64 { return d.lineHeight(size, 0) }

func (d *Doc) lineHeight(size, leading float64) float64 {
	if leading <= 0 {
		leading = d.theme.LineHeight
	}
	return size * leading * ptToMM
}

// piece is a laid-out fragment of a line.
type piece struct {
	text  string
	style Style
	size  float64
	color Color
	url   string
	dest  Link
	x, w  float64
	// run is the run the text comes from and [from, to) where it stands in
	// the run's clean text, or from is -1: the text was put together.
	run, from, to int
}

// line is a laid-out line: its pieces, x relative to the paragraph's left.
type line struct {
	pieces []piece
	width  float64
}

// token is a word fragment, a space, or a hard break.
type token struct {
	text   string
	run    int
	from   int // where text stands in the run's clean text; -1 for a space that stands for several
	space  bool
	brk    bool
	w      float64
	joined bool // no break opportunity before this fragment
	// nb marks a space that is no break opportunity: inside a phone
	// number, between a number and its unit (see keepTogether)
	nb bool
}

// runStyle is the look of a run in a paragraph.
type runStyle struct {
	style Style
	size  float64
	color Color
	url   string
	dest  Link
}

// layoutBuf holds what layout reuses from one paragraph to the next.
type layoutBuf struct {
	toks   []token
	styles []runStyle
	texts  []string // per run, its clean text
}

// layout breaks runs into lines of at most width w.
func (d *Doc) layout(p ParaStyle, runs []Run, width float64) []line {
	text := d.theme.Colors.Text
	if p.Color != nil {
		text = *p.Color
	}
	lb := &d.lay
	styles := slices.Grow(lb.styles[:0], len(runs))[:len(runs)]
	texts := slices.Grow(lb.texts[:0], len(runs))[:len(runs)]
	toks := lb.toks[:0]
	defer func() {
		clear(texts) // let the strings go
		lb.toks, lb.styles, lb.texts = toks[:0], styles[:0], texts[:0]
	}()
	prevWord := false
	for i, r := range runs {
		st := r.Style | p.Style
		size := r.Size
		if !(size > 0 && size <= 200) {
			size = p.Size
		}
		c := text
		if r.URL != "" || r.Dest > 0 {
			c = d.theme.Colors.Accent
		}
		if r.Color != nil {
			c = *r.Color
		}
		styles[i] = runStyle{st, size, c, r.URL, r.Dest}
		s := d.clean(r.Text, st)
		texts[i] = s
		for k := 0; k < len(s); {
			switch s[k] {
			case '\n':
				toks = append(toks, token{run: i, from: k, brk: true})
				k++
				prevWord = false
				continue
			case ' ', '\t':
				j := k
				for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
					j++
				}
				t := token{text: " ", run: i, from: -1, space: true, w: d.measure(" ", st, size)}
				if j == k+1 && s[k] == ' ' {
					t.text, t.from = s[k:j], k
				}
				toks = append(toks, t)
				k = j
				prevWord = false
				continue
			}
			j := strings.IndexAny(s[k:], " \t\n")
			if j < 0 {
				j = len(s)
			} else {
				j += k
			}
			toks = append(toks, token{text: s[k:j], run: i, from: k, w: d.measure(s[k:j], st, size), joined: prevWord})
			k = j
			prevWord = true
		}
	}

	markNoBreaks(toks)

	width = math.Max(width, minWidth)
	var lines []line
	var cur line
	x := 0.0
	pendingSpace := -1 // index of a space token before the next word
	// add adds text of token t (at from in its run's text, -1 for none) to
	// the line, merged with the piece before it when they look the same.
	add := func(t *token, text string, from int, x, w float64) {
		s := &styles[t.run]
		if n := len(cur.pieces); n > 0 {
			last := &cur.pieces[n-1]
			if last.style == s.style && last.size == s.size && last.color == s.color && last.url == s.url && last.dest == s.dest {
				if from >= 0 && last.from >= 0 && last.run == t.run && last.to == from {
					last.to = from + len(text)
					last.text = texts[t.run][last.from:last.to]
				} else {
					last.text += text
					last.from = -1
				}
				last.w = x + w - last.x
				return
			}
		}
		pc := piece{text: text, style: s.style, size: s.size, color: s.color, url: s.url, dest: s.dest, x: x, w: w, run: t.run, from: from, to: from + len(text)}
		if from < 0 {
			pc.from = -1
		}
		cur.pieces = append(cur.pieces, pc)
	}
	flush := func() {
		cur.width = x
		lines = append(lines, cur)
		cur = line{}
		x = 0
		pendingSpace = -1
	}
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.brk {
			flush()
			i++
			continue
		}
		if t.space {
			if len(cur.pieces) > 0 {
				pendingSpace = i
			}
			i++
			continue
		}
		// a word: fragments joined without a break opportunity
		j := i + 1
		ww := t.w
		for j < len(toks) && (toks[j].joined && !toks[j].space || toks[j].nb) && !toks[j].brk {
			ww += toks[j].w
			j++
		}
		sw := 0.0
		if pendingSpace >= 0 {
			sw = toks[pendingSpace].w
		}
		if len(cur.pieces) > 0 && x+sw+ww > width+1e-9 {
			flush()
			sw = 0
		}
		if len(cur.pieces) > 0 && pendingSpace >= 0 {
			sp := &toks[pendingSpace]
			add(sp, sp.text, sp.from, x, sw)
			x += sw
		}
		pendingSpace = -1
		if ww <= width+1e-9 {
			for k := i; k < j; k++ {
				add(&toks[k], toks[k].text, toks[k].from, x, toks[k].w)
				x += toks[k].w
			}
		} else {
			// a word longer than the line: break it between characters,
			// preferably after a slash or hyphen
			for k := i; k < j; k++ {
				tk := &toks[k]
				s := styles[tk.run]
				rest := tk.text
				for rest != "" {
					room := width - x
					n := fitPrefix(rest, s.style, s.size, room)
					if n == 0 {
						if len(cur.pieces) > 0 {
							flush()
							continue
						}
						_, n = utf8.DecodeRuneInString(rest)
					}
					part := rest[:n]
					if n < len(rest) {
						if b := strings.LastIndexAny(part, "/-?&=_."); b > n/2 {
							part = rest[:b+1]
						}
					}
					w := d.measure(part, s.style, s.size)
					add(tk, part, tk.from+len(tk.text)-len(rest), x, w)
					x += w
					rest = rest[len(part):]
					if rest != "" {
						flush()
					}
				}
			}
		}
		i = j
	}
	if len(cur.pieces) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// markNoBreaks marks the spaces of toks that must not break a line: those
// between two numbers (a phone number "+371 26 000 000", a number written
// in groups "5 000") and between a number and a short word after it (its
// unit: "12 km", "80 %", "2026. gada", "8 no 10").
func markNoBreaks(toks []token) {
	for k := 1; k+1 < len(toks); k++ {
		sp := &toks[k]
		if !sp.space || toks[k-1].space || toks[k-1].brk || toks[k+1].space || toks[k+1].brk {
			continue
		}
		if isNumber(toks[k-1].text) && (isNumber(toks[k+1].text) || isUnit(toks[k+1].text)) {
			sp.nb = true
			toks[k+1].joined = true
		}
	}
}

// isNumber reports whether word w is a number, a date or a part of a phone
// number: a digit (or "+" and a digit) first, then digits and . , : / - +,
// with punctuation after it allowed.
func isNumber(w string) bool {
	w = strings.TrimRight(w, ",;:)!?")
	w = strings.TrimLeft(w, "(")
	if w == "" {
		return false
	}
	if w[0] == '+' {
		w = w[1:]
	}
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for _, r := range w {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(".,:/-+–", r)) {
			return false
		}
	}
	return true
}

// isUnit reports whether word w can be the unit after a number: at most
// four letters, or a sign such as % or €, with punctuation after it
// allowed.
func isUnit(w string) bool {
	w = strings.TrimRight(w, ",.;:)!?")
	n := utf8.RuneCountInString(w)
	if n == 0 || n > 4 {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !strings.ContainsRune("%‰€$£°", r) {
			return false
		}
	}
	return true
}

// fitPrefix returns the length in bytes of the longest prefix of s that fits
// in width w.
func fitPrefix(s string, st Style, size, w float64) int {
	f := mustFace(st)
	x := 0.0
	for i, r := range s {
		x += f.width(string(r), size)
		if x > w {
			return i
		}
	}
	return len(s)
}

// lineHeightOf returns the height of a laid-out line: the paragraph's line
// height, or more when a run is larger.
func (d *Doc) lineHeightOf(p ParaStyle, l line) float64 {
	size := p.Size
	for _, pc := range l.pieces {
		if pc.size > size {
			size = pc.size
		}
	}
	return d.lineHeight(size, p.Leading)
}

// Text draws runs as one paragraph in style p at the cursor, flowing onto new
// pages as needed; lines never split.
func (d *Doc) Text(p ParaStyle, runs ...Run) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	switch {
	case d.dry > 0 || d.inLeaf():
		d.text1(p, runs)
	case p.Marker != "" && d.tags.elems[d.tags.cur].Type == TagL:
		// a list item: its marker the label, its text the body
		d.Group(Elem{Type: TagLI}, func() { d.text1(p, runs) })
	default:
		d.Group(Elem{Type: TagP}, func() { d.text1(p, runs) })
	}
}

func (d *Doc) text1(p ParaStyle, runs []Run) {
	p = d.paraDefaults(p)
	li := d.tags.elems[d.tags.cur].Type == TagLI && d.dry == 0
	left := d.Left() + p.Indent
	width := d.Right() - p.Right - left
	lines := d.layout(p, runs, width)
	if p.SpaceBefore > 0 && !d.AtTop() {
		d.y += p.SpaceBefore
	}
	if p.Keep {
		total := 0.0
		for _, l := range lines {
			total += d.lineHeightOf(p, l)
		}
		if total <= d.PageHeight() {
			d.EnsureSpace(total)
		}
	}
	breakAt := d.breakLine(p, lines)
	for i, l := range lines {
		lh := d.lineHeightOf(p, l)
		if (i == breakAt || lh > d.Remaining()+1e-6) && !d.AtTop() {
			d.AddPage()
			breakAt = i + d.breakLine(p, lines[i:])
		}
		dx := 0.0
		switch p.Align {
		case AlignCenter:
			dx = (width - l.width) / 2
		case AlignRight:
			dx = width - l.width
		}
		if i == 0 && p.Marker != "" {
			mc := d.theme.Colors.Text
			if p.Color != nil {
				mc = *p.Color
			}
			if p.MarkerColor != nil {
				mc = *p.MarkerColor
			}
			m := d.clean(p.Marker, p.Style)
			mw := d.measure(m, p.Style, p.Size)
			if li {
				d.Begin(Elem{Type: TagLbl})
			}
			d.textBase(left-mw-1.6, baseline(d.y, lh, p.Size), m, p.Style, p.Size, mc)
			if li {
				d.End()
				d.Begin(Elem{Type: TagLBody})
				defer d.End()
			}
		}
		d.drawLine(l, left+dx, d.y, lh)
		d.y += lh
		d.drawn()
	}
	d.y += p.SpaceAfter
}

// KeepLines is the least number of lines of a paragraph left on either
// side of a page break: a paragraph never leaves one line alone at the foot
// of a page (an orphan) or at the head of the next (a widow).
const KeepLines = 2

// breakLine returns the index of the line of lines that is to start the
// next page when the paragraph is drawn from the cursor: where the lines
// stop fitting, moved up so that at least KeepLines lines stay on either
// side; 0 moves the whole paragraph, and len(lines) or more means no break
// on this page.
func (d *Doc) breakLine(p ParaStyle, lines []line) int {
	if d.dry > 0 {
		return len(lines) + 1
	}
	room := d.Remaining() + 1e-6
	k := 0
	for k < len(lines) {
		lh := d.lineHeightOf(p, lines[k])
		if lh > room {
			break
		}
		room -= lh
		k++
	}
	if k == len(lines) {
		return k + 1
	}
	n := len(lines)
	if n-k < KeepLines {
		k = n - KeepLines // take a line over to the next page with the last
	}
	switch {
	case d.AtTop() && k < 1:
		return n + 1 // taller than a page from its top: break where it must
	case d.AtTop():
		return k
	case k < KeepLines:
		return 0 // too few lines fit: start the paragraph on the next page
	}
	return k
}

// drawLine draws a laid-out line whose box top is y and height lh.
func (d *Doc) drawLine(l line, x, y, lh float64) {
	for _, pc := range l.pieces {
		base := baseline(y, lh, pc.size)
		if (pc.url == "" && pc.dest <= 0) || d.dry > 0 {
			d.textBase(x+pc.x, base, pc.text, pc.style, pc.size, pc.color)
			continue
		}
		// a link: a Link element holding its text and its annotation
		d.Begin(Elem{Type: TagLink})
		d.textBase(x+pc.x, base, pc.text, pc.style, pc.size, pc.color)
		if pc.url != "" {
			// links are underlined; internal ones (a table of contents) are not
			d.line(x+pc.x, base+0.5, x+pc.x+pc.w, base+0.5, pc.color, 0.15)
			d.uriLink(x+pc.x, y, pc.w, lh, pc.url, strings.TrimSpace(pc.text))
		} else {
			d.internalLink(x+pc.x, y, pc.w, lh, pc.dest, strings.TrimSpace(pc.text))
		}
		d.End()
	}
}

// TextHeight returns the height Text(p, runs...) would take at the current
// indent, including its spacing before and after.
func (d *Doc) TextHeight(p ParaStyle, runs ...Run) float64 {
	p = d.paraDefaults(p)
	left := d.Left() + p.Indent
	width := d.Right() - p.Right - left
	h := p.SpaceBefore + p.SpaceAfter
	d.dry++
	defer func() { d.dry-- }()
	for _, l := range d.layout(p, runs, width) {
		h += d.lineHeightOf(p, l)
	}
	return h
}

// Lines returns s broken into the lines it would take at width w in style st
// and type size pt.
func (d *Doc) Lines(s string, st Style, size, w float64) []string {
	d.dry++
	defer func() { d.dry-- }()
	ls := d.layout(d.paraDefaults(ParaStyle{Size: size}), []Run{{Text: s, Style: st}}, w)
	out := make([]string, len(ls))
	for i, l := range ls {
		var b strings.Builder
		for _, pc := range l.pieces {
			b.WriteString(pc.text)
		}
		out[i] = b.String()
	}
	return out
}

// Paragraph draws plain text s as a paragraph in style p.
func (d *Doc) Paragraph(s string, p ParaStyle) { d.Text(p, Run{Text: s}) }

// TextAt draws one line of s with the top of its line box at (x, y), without
// moving the cursor or breaking pages, and returns its width.
func (d *Doc) TextAt(x, y float64, s string, st Style, size float64, c Color) float64 {
	defer d.catch()
	if d.failed() {
		return 0
	}
	d.ensurePage()
	s = oneLine(d.clean(s, st))
	d.textBase(x, baseline(y, d.lineHeight(size, 0), size), s, st, size, c)
	return d.measure(s, st, size)
}

// Heading is a heading drawn by Doc.Heading.
type Heading struct {
	// Level is 0 for the document title, 1–3 for headings.
	Level int
	Text  string
	// Color; nil means the text colour for the title and level 1, the
	// accent colour below.
	Color *Color
	// Outline adds the heading to the PDF outline at level Level-1 (the
	// title at 0).
	Outline bool
	// Dest, if set, is anchored at the heading (for a table of contents).
	Dest Link
	// Keep is the height that must fit below the heading on its page; 0
	// means HeadingKeep.
	Keep float64
}

// HeadingLines is the number of body lines that must fit below a heading
// on its page: a heading never ends a page, and a section may start low on
// a page when its heading and that many lines fit.
const HeadingLines = 3

// HeadingKeep returns the height that must fit below a heading on its page:
// HeadingLines body lines.
func (d *Doc) HeadingKeep() float64 { return HeadingLines * d.LineHeight(d.theme.Type.Body) }

// HeadingSize returns the type size of a heading level.
func (d *Doc) HeadingSize(level int) float64 {
	t := d.theme.Type
	switch level {
	case 0:
		return t.Title
	case 1:
		return t.H1
	case 2:
		return t.H2
	}
	return t.H3
}

// Heading draws a heading, kept on one page with what follows it.
func (d *Doc) Heading(h Heading) {
	defer d.catch()
	if d.failed() {
		return
	}
	d.ensurePage()
	size := d.HeadingSize(h.Level)
	c := d.theme.Colors.Text
	if h.Level >= 2 {
		c = d.theme.Colors.Accent
	}
	if h.Color != nil {
		c = *h.Color
	}
	hs := d.theme.Styles.Headings.Level(h.Level)
	before := hs.Before
	p := ParaStyle{Size: size, Leading: hs.Leading, Style: Bold, Color: &c, SpaceBefore: before, SpaceAfter: -1}
	if hs.After > 0 {
		p.SpaceAfter = hs.After
	}
	keep := h.Keep
	if keep == 0 {
		keep = d.HeadingKeep()
	}
	hh := d.TextHeight(p, Run{Text: h.Text})
	if d.AtTop() {
		hh -= before
	}
	if d.EnsureSpace(hh + keep) {
		hh -= before
	}
	if !d.AtTop() {
		d.y += before
	}
	p.SpaceBefore = 0
	if h.Outline {
		d.Bookmark(h.Text, max(h.Level-1, 0))
	}
	if h.Dest > 0 {
		d.Anchor(h.Dest)
	}
	d.Group(Elem{Type: d.headingTag(h.Level)}, func() { d.Text(p, Run{Text: h.Text}) })
}

// AsHeading runs fn, which draws a heading of level (1–3) in a style of its
// own, with what it draws tagged as that heading (see Heading).
func (d *Doc) AsHeading(level int, fn func()) {
	if d.dry > 0 {
		fn()
		return
	}
	d.Group(Elem{Type: d.headingTag(level)}, fn)
}

// headingTag returns the structure type of a heading of level (0 is the
// document's title, an H1 too): H1 to H3, never more than one level below
// the heading before, as PDF/UA wants.
func (d *Doc) headingTag(level int) string {
	level = min(max(level, 1), 3)
	if d.dry > 0 {
		return TagH1
	}
	level = min(level, d.tags.lastH+1)
	d.tags.lastH = level
	return [...]string{TagH1, TagH1, TagH2, TagH3}[level]
}

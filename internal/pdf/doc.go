// Package pdf owns the PDF primitives every document of the roadmap shares:
// the embedded Unicode fonts, the theme, the page frame (running header,
// footer with "page X / Y"), step bands, tick boxes, write-in lines, flowing
// rich text, tables that repeat their header, audience badges, shaded boxes,
// the outline, internal links and deterministic output.
//
// A document is a Doc. It keeps a cursor (the top of the next thing to draw)
// and moves it down as it draws; every primitive breaks to a new page itself
// when what it draws does not fit, so callers describe content and never clip.
// Lengths are in millimetres, type sizes in points, coordinates from the top
// left corner of the page.
//
// Every document is tagged (PDF/UA-1) and archivable (PDF/A-2a): what the
// primitives draw is marked as the structure it is, or as an artifact (see
// tag.go), and Bytes writes the structure tree, XMP metadata and an sRGB
// output intent (tagwrite.go).
//
// Every string passes through Clean before it reaches fpdf: characters the
// font cannot draw (emoji and everything above U+FFFF among them) become a
// visible ‹?› (Replacement) and are reported by Warnings, once per place (see SetPlace).
// Nothing here prints; the caller decides what to do with warnings.
//
// Fonts: the Liberation Sans (and Liberation Mono) TrueType faces come from a
// Go module. Their coverage, glyphs and widths are read once per process
// (Width, Covers), and a Doc embeds a subset of each face it draws in, with
// the glyphs it drew, itself rather than through fpdf, which would parse each
// face again for every document (see embed.go).
//
// Rich text is a list of Runs laid out as one paragraph with a ParaStyle:
//
//	d.Text(pdf.ParaStyle{Indent: 6, Marker: "•"},
//		pdf.Run{Text: "Plain, "}, pdf.Run{Text: "bold", Style: pdf.Bold},
//		pdf.Run{Text: " and a link", URL: "https://example.org"})
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// Creator is written as the creator and author of every document.
const Creator = "roadmap"

// defaultDate is the creation date of a document made without WithDate, so
// that output is deterministic even then.
var defaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type config struct {
	theme     Theme
	paper     Paper
	title     string
	subject   string
	lang      string
	date      time.Time
	footer    string
	footerSet bool
	pageLabel func(page, pages int) string
	// embedder makes the document's embedder (see embed.go).
	embedder func() embedder
	// pageRef is how a page number of the contents is read (WithPageRef)
	pageRef string
	// ticks are what tick boxes are read as (WithTickWords)
	ticks TickWords
	// pageW, pageH, when set, are the page's size in mm (WithPageSize).
	pageW, pageH float64
}

// Option configures a Doc.
type Option func(*config)

// WithTheme sets the theme (default: DefaultTheme()).
func WithTheme(t Theme) Option { return func(c *config) { c.theme = t } }

// WithPaper sets the paper size, overriding the theme's.
func WithPaper(p Paper) Option { return func(c *config) { c.paper = p } }

// WithTitle sets the document's title: the PDF metadata title and, unless
// WithFooter says otherwise, the text on the left of the footer.
func WithTitle(title string) Option { return func(c *config) { c.title = title } }

// WithSubject sets the PDF metadata subject.
func WithSubject(s string) Option { return func(c *config) { c.subject = s } }

// WithLanguage sets the document's language (a BCP 47 code such as "lv").
// A document without one is not accessible (PDF/UA wants /Lang).
func WithLanguage(code string) Option { return func(c *config) { c.lang = code } }

// WithDate sets the creation and modification date written into the PDF.
// Without it a fixed date is written, never the clock, so output is
// deterministic; callers choose the policy (answers date, SOURCE_DATE_EPOCH).
func WithDate(t time.Time) Option { return func(c *config) { c.date = t } }

// WithFooter sets the text on the left of the footer ("" for none).
func WithFooter(text string) Option {
	return func(c *config) { c.footer, c.footerSet = text, true }
}

// WithPageLabel sets the localized page label on the right of the footer,
// given the page number and the number of pages. The default is "3 / 12".
// See PageLabel for a label made from a template.
func WithPageLabel(label func(page, pages int) string) Option {
	return func(c *config) { c.pageLabel = label }
}

// WithPageRef sets how a reader hears the page number of an entry of the
// contents (TOCEntry): a template in which {page} stands for the number,
// such as "page {page}". The default is the number alone.
func WithPageRef(template string) Option { return func(c *config) { c.pageRef = template } }

// PageLabel returns a page label function from a template in which {page} and
// {pages} stand for the page number and the number of pages, such as
// "{page}. lpp. no {pages}".
func PageLabel(template string) func(page, pages int) string {
	return func(page, pages int) string {
		return strings.NewReplacer("{page}", strconv.Itoa(page), "{pages}", strconv.Itoa(pages)).Replace(template)
	}
}

// Doc is a PDF document being laid out. Its methods draw at the cursor and
// move it down, breaking pages as needed. A Doc is not safe for concurrent
// use; make one per document (documents can be made in parallel).
type Doc struct {
	f     *fpdf.Fpdf
	cfg   config
	theme Theme
	pageW float64
	pageH float64

	y     float64 // cursor: top of the next thing to draw
	left  float64 // extra left indent (sum of the indent stack)
	right float64 // extra right indent

	fonts embedder  // how the fonts reach the PDF
	text  []byte    // reused buffer for text handed to fpdf
	lay   layoutBuf // reused by layout
	// what the current page's content stream has been told
	curFont  Style
	curSize  float64
	curFill  Color
	curDraw  Color
	curLineW float64
	stateOK  struct{ font, fill, draw, lineW bool }

	headerText string
	headers    []string // per page, 1-based (index 0 unused)
	noFrame    []bool
	fresh      bool // nothing drawn on the current page yet

	place string
	warn  warnings

	fields   []placedField // by AddField, in tab order
	onArea   func(Area)    // by OnArea
	links    []linkDest    // by Link
	pageRefs []pageRef
	outline  []int // the level of each outline entry

	tags tagState // the structure tree (tag.go)

	dry     int              // >0 while measuring: nothing drawn, no page breaks
	onBreak []func(prev int) // called after a page break, innermost last

	out []byte // the finished PDF, once Bytes has run
	err error
}

type linkDest struct {
	id   int // fpdf link id
	page int
	y    float64
}

type pageRef struct {
	link     Link
	page     int
	x, y, w  float64
	style    Style
	size     float64
	color    Color
	align    Align
	fallback string
	elem     int // the element the number belongs to
	annot    int // the link annotation whose text it ends, or -1
}

// New makes an empty document. The first page is added by the first thing
// drawn (or by AddPage).
func New(opts ...Option) (*Doc, error) {
	cfg := config{theme: DefaultTheme(), embedder: newSubsetEmbedder}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.paper == "" {
		cfg.paper = cfg.theme.Paper
	}
	if _, err := ParsePaper(string(cfg.paper)); err != nil {
		return nil, err
	}
	if !cfg.footerSet {
		cfg.footer = cfg.title
	}
	if cfg.pageLabel == nil {
		cfg.pageLabel = func(page, pages int) string { return fmt.Sprintf("%d / %d", page, pages) }
	}
	if cfg.date.IsZero() {
		cfg.date = defaultDate
	}
	if _, err := faceOf(Regular); err != nil {
		return nil, err
	}
	size := "A4"
	if cfg.paper == Letter {
		size = "Letter"
	}
	var f *fpdf.Fpdf
	if cfg.pageW > 0 && cfg.pageH > 0 {
		f = fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: cfg.pageW, Ht: cfg.pageH}})
	} else {
		f = fpdf.New("P", "mm", size, "")
	}
	d := &Doc{f: f, cfg: cfg, theme: cfg.theme, fonts: cfg.embedder(), headers: []string{""}, noFrame: []bool{false}, links: []linkDest{{}}}
	d.tags.init()
	d.pageW, d.pageH = f.GetPageSize()
	m := cfg.theme.Margins
	f.SetMargins(m.Left, m.Top, m.Right)
	f.SetAutoPageBreak(false, m.Bottom)
	f.SetCompression(false) // page contents are deflated in Bytes (package rewrite)
	f.SetCatalogSort(true)
	f.SetCreationDate(cfg.date)
	f.SetModificationDate(cfg.date)
	f.SetCreator(Creator, true)
	f.SetAuthor(Creator, true)
	f.SetProducer(Creator, true)
	if cfg.title != "" {
		t, _, _ := clean(cfg.title, Regular)
		f.SetTitle(t, true)
	}
	if cfg.subject != "" {
		s, _, _ := clean(cfg.subject, Regular)
		f.SetSubject(s, true)
	}
	if cfg.lang != "" {
		f.SetLang(cfg.lang)
	}
	f.SetDisplayMode("fullwidth", "continuous")
	return d, nil
}

// Theme returns the document's theme.
func (d *Doc) Theme() Theme { return d.theme }

// SetPlace names the part of the document being drawn, for warnings about
// characters the font cannot draw ("checkpoint needs"). Warnings are
// collected once per place.
func (d *Doc) SetPlace(place string) { d.place = place }

// Warnings returns one line per place where characters were replaced, in the
// order the places were first met, for the caller to print.
func (d *Doc) Warnings() []string { return d.warn.list() }

// Err returns the first error met while drawing, if any.
func (d *Doc) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.f.Error()
}

// catch turns a panic in a drawing call into the document's error. Every
// exported drawing method defers it.
func (d *Doc) catch() {
	if r := recover(); r != nil {
		if d.err == nil {
			d.err = fmt.Errorf("drawing PDF: %v", r)
		}
	}
}

// failed reports whether drawing should stop.
func (d *Doc) failed() bool {
	if d.out != nil && d.err == nil {
		d.err = errFinished
	}
	return d.err != nil || d.f.Err()
}

// Bytes finishes the document (page frames, page references) and returns
// the PDF; later calls return the same bytes. Drawing after Bytes is an
// error.
func (d *Doc) Bytes() (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("writing PDF: %v", r)
			d.err = err
		}
	}()
	if d.out != nil {
		return d.out, nil
	}
	if d.failed() {
		return nil, d.Err()
	}
	if d.f.PageCount() == 0 {
		d.AddPage()
	}
	d.finish()
	d.closeMarked()
	if d.failed() {
		return nil, d.Err()
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		d.err = fmt.Errorf("writing PDF: %w", err)
		return nil, d.err
	}
	out, err = d.fonts.bytes(buf.Bytes(), d.writer(), true)
	if err != nil {
		d.err = fmt.Errorf("writing PDF: %w", err)
		return nil, d.err
	}
	d.out = out
	return d.out, nil
}

// errFinished is the error of drawing on a finished document.
var errFinished = errors.New("drawing on a PDF after it was finished")

// finish draws on every page what needs the number of pages: the frame and
// the page references.
func (d *Doc) finish() {
	n := d.f.PageCount()
	for p := 1; p <= n; p++ {
		d.gotoPage(p)
		if !d.noFrame[p] {
			d.Artifact(func() { d.drawFrame(p, n) })
		}
	}
	for _, r := range d.pageRefs {
		d.gotoPage(r.page)
		s := ""
		if dest := d.links[r.link]; dest.page > 0 {
			s = strconv.Itoa(dest.page)
		}
		if s == "" {
			s = r.fallback
		}
		d.tags.cur = r.elem
		said := s
		if d.cfg.pageRef != "" {
			said = strings.ReplaceAll(d.cfg.pageRef, "{page}", s)
		}
		if r.annot >= 0 {
			a := &d.tags.annots[r.annot]
			a.contents += " … " + said
		}
		d.Group(Elem{Type: TagSpan, ActualText: said}, func() {
			d.textAligned(r.x, r.y, r.w, s, r.style, r.size, r.color, r.align)
		})
	}
	d.tags.cur = 0
	d.gotoPage(n)
}

// gotoPage makes page p current for drawing and forgets what the content
// stream was told, so the next drawing states its font and colours again.
func (d *Doc) gotoPage(p int) {
	d.closeMarked()
	d.f.SetPage(p)
	d.stateOK = struct{ font, fill, draw, lineW bool }{}
}

func (d *Doc) drawFrame(page, pages int) {
	th := d.theme
	m := th.Margins
	size := th.Type.Small
	muted := th.Colors.Muted
	x0, x1 := m.Left, d.pageW-m.Right
	// footer
	ruleY := d.pageH - m.Bottom + 6
	base := ruleY + 4.2
	d.line(x0, ruleY, x1, ruleY, th.Colors.Rule, 0.2)
	label := d.cfg.pageLabel(page, pages)
	lw := d.measure(label, Regular, size)
	if d.cfg.footer != "" {
		d.textBase(x0, base, d.fitText(d.cfg.footer, Regular, size, x1-x0-lw-8), Regular, size, muted)
	}
	d.textBase(x1-lw, base, label, Regular, size, muted)
	// running header
	if h := d.headers[page]; h != "" {
		hy := m.Top - 8
		d.textBase(x0, hy, d.fitText(h, Regular, size, x1-x0), Regular, size, muted)
		d.line(x0, hy+2.2, x1, hy+2.2, th.Colors.Rule, 0.2)
	}
}

// oneLine joins the lines of s with spaces, for places that hold one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// fitText shortens s with an ellipsis to fit width w.
func (d *Doc) fitText(s string, st Style, size, w float64) string {
	s = oneLine(d.clean(s, st))
	if d.measure(s, st, size) <= w {
		return s
	}
	// the longest prefix that fits with the ellipsis, in one pass: widths
	// add up rune by rune
	room := w - d.measure("…", st, size)
	f := mustFace(st)
	end, x := 0, 0.0
	for i, r := range s {
		x += f.width(string(r), size)
		if x > room {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return strings.TrimRight(s[:end], " ") + "…"
}

// AddPage starts a new page; the cursor moves to the top of its content area.
func (d *Doc) AddPage() {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	prev := d.f.PageNo()
	d.closeMarked()
	d.f.AddPage()
	d.stateOK = struct{ font, fill, draw, lineW bool }{}
	d.headers = append(d.headers, d.headerText)
	d.noFrame = append(d.noFrame, false)
	d.y = d.theme.Margins.Top
	d.fresh = true
	d.setFont(Regular, d.theme.Type.Body) // a UTF-8 font is current before any Bookmark
	if prev > 0 {
		for _, fn := range d.onBreak {
			fn(prev)
		}
	}
}

// ensurePage adds the first page if there is none.
func (d *Doc) ensurePage() {
	if d.f.PageNo() == 0 && d.dry == 0 {
		d.AddPage()
	}
}

// SetHeader sets the running header: the text at the top of every page that
// starts from now on, and of the current page too while nothing has been
// drawn on it. "" means no header.
func (d *Doc) SetHeader(text string) {
	d.headerText = text
	if d.fresh && d.f.PageNo() > 0 {
		d.headers[d.f.PageNo()] = text
	}
}

// HideFrame leaves the current page without header and footer (a cover). It
// still counts in the page numbers.
func (d *Doc) HideFrame() {
	d.ensurePage()
	if p := d.f.PageNo(); p > 0 {
		d.noFrame[p] = true
	}
}

// Page returns the current page number (0 before the first page).
func (d *Doc) Page() int { return d.f.PageNo() }

// Y returns the cursor: the top of the next thing drawn.
func (d *Doc) Y() float64 { return d.y }

// SetY moves the cursor on the current page.
func (d *Doc) SetY(y float64) { d.y = y }

// Left returns the left edge of the text area (margin plus indents).
func (d *Doc) Left() float64 { return d.theme.Margins.Left + d.left }

// Right returns the right edge of the text area.
func (d *Doc) Right() float64 { return d.pageW - d.theme.Margins.Right - d.right }

// Width returns the width of the text area.
func (d *Doc) Width() float64 { return d.Right() - d.Left() }

// PageSize returns the page's width and height.
func (d *Doc) PageSize() (w, h float64) { return d.pageW, d.pageH }

// Top returns the top of the content area of a page.
func (d *Doc) Top() float64 { return d.theme.Margins.Top }

// Bottom returns the bottom of the content area of a page.
func (d *Doc) Bottom() float64 { return d.pageH - d.theme.Margins.Bottom }

// PageHeight returns the height of a page's content area.
func (d *Doc) PageHeight() float64 { return d.Bottom() - d.Top() }

// Remaining returns the height left on the current page (on no page yet:
// a whole page).
func (d *Doc) Remaining() float64 {
	if d.dry > 0 {
		return math.Inf(1)
	}
	if d.f.PageNo() == 0 {
		return d.PageHeight()
	}
	return d.Bottom() - d.y
}

// AtTop reports whether nothing has been drawn on the current page yet.
func (d *Doc) AtTop() bool { return d.fresh || d.f.PageNo() == 0 }

// EnsureSpace starts a new page when less than h remains on this one (unless
// the page is still empty: a block taller than a page then flows from the
// top). It reports whether it started a page. Ask for a heading's height
// plus two body lines to keep the heading with what follows.
func (d *Doc) EnsureSpace(h float64) bool {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return false
	}
	d.ensurePage()
	if h > d.Remaining()+1e-6 && !d.fresh {
		d.AddPage()
		return true
	}
	return false
}

// Space moves the cursor down by h, not past the bottom of the page; at the
// top of a page it does nothing, so that pages do not start with a gap.
func (d *Doc) Space(h float64) {
	if d.dry > 0 {
		d.y += h
		return
	}
	d.ensurePage()
	if d.fresh {
		return
	}
	d.y = math.Min(d.y+h, d.Bottom())
}

// Indent runs fn with the text area narrowed by left and right mm.
func (d *Doc) Indent(left, right float64, fn func()) {
	d.left += left
	d.right += right
	defer func() { d.left -= left; d.right -= right }()
	fn()
}

// Measure returns the height fn would use if drawn from the top of an
// endless page at the current indent: fn runs without drawing anything.
func (d *Doc) Measure(fn func()) float64 {
	y := d.y
	fresh := d.fresh
	d.dry++
	d.y = 0
	defer func() { d.dry--; d.y = y; d.fresh = fresh }()
	fn()
	return d.y
}

// Link is an internal link destination, made with NewLink and placed with
// Anchor.
type Link int

// NewLink makes an internal link destination to be placed later with Anchor.
func (d *Doc) NewLink() Link {
	d.links = append(d.links, linkDest{id: d.f.AddLink()})
	return Link(len(d.links) - 1)
}

// Anchor places link l at the cursor.
func (d *Doc) Anchor(l Link) {
	defer d.catch()
	if d.dry > 0 || l <= 0 || int(l) >= len(d.links) {
		return
	}
	d.ensurePage()
	dest := &d.links[l]
	dest.page, dest.y = d.f.PageNo(), d.y
	d.f.SetLink(dest.id, math.Max(d.y-4, 0), dest.page)
}

// Bookmark adds an entry to the PDF outline at the cursor; level 0 is the
// top level and each entry may be at most one level below the one before.
func (d *Doc) Bookmark(title string, level int) {
	defer d.catch()
	if d.failed() || d.dry > 0 {
		return
	}
	d.ensurePage()
	d.setFont(Regular, d.theme.Type.Body) // fpdf encodes outline text per the current font
	d.f.Bookmark(d.encode(d.clean(title, Regular), Regular, true), level, math.Max(d.y-4, 0))
	d.outline = append(d.outline, level)
}

// encode returns clean text s drawn in face st (or an outline entry) as
// fpdf is to be given it (see embedder).
func (d *Doc) encode(s string, st Style, outline bool) string {
	d.text = d.fonts.encode(d.text[:0], s, st, outline)
	return string(d.text)
}

// clean is Clean, with the replaced characters recorded as a warning for the
// current place.
func (d *Doc) clean(s string, st Style) string {
	out, bad, n := clean(s, st)
	if n > 0 && d.dry == 0 {
		place := d.place
		if place == "" {
			place = "document"
			if d.cfg.title != "" {
				place = d.cfg.title
			}
		}
		d.warn.add(place, bad, n)
	}
	return out
}

// drawn marks the current page as no longer empty.
func (d *Doc) drawn() { d.fresh = false }

// ---- low-level emitters: the only places that talk to fpdf ----

func (d *Doc) setFont(st Style, size float64) {
	st &= BoldItalic | Mono
	fam, sty := d.fonts.font(d.f, st)
	if d.stateOK.font && d.curFont == st && d.curSize == size {
		return
	}
	d.f.SetFont(fam, sty, size)
	d.curFont, d.curSize = st, size
	d.stateOK.font = d.f.PageNo() > 0
}

func (d *Doc) setFill(c Color) {
	if d.stateOK.fill && d.curFill == c {
		return
	}
	d.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	d.curFill = c
	d.stateOK.fill = d.f.PageNo() > 0
}

func (d *Doc) setDraw(c Color, w float64) {
	if !d.stateOK.draw || d.curDraw != c {
		d.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
		d.curDraw = c
		d.stateOK.draw = d.f.PageNo() > 0
	}
	if !d.stateOK.lineW || d.curLineW != w {
		d.f.SetLineWidth(w)
		d.curLineW = w
		d.stateOK.lineW = d.f.PageNo() > 0
	}
}

// measure returns the width of already clean text.
func (d *Doc) measure(s string, st Style, size float64) float64 {
	return mustFace(st).width(s, size)
}

// textBase draws clean text s with its baseline at y.
func (d *Doc) textBase(x, y float64, s string, st Style, size float64, c Color) {
	if d.dry > 0 || s == "" {
		return
	}
	d.mark(true)
	d.figureText(s)
	d.setFont(st, size)
	// fpdf draws text in the fill colour unless the text colour differs, so
	// state the fill colour on this page first.
	d.setFill(d.curFill)
	d.f.SetTextColor(int(c.R), int(c.G), int(c.B))
	d.f.Text(x, y, d.encode(s, st, false))
	d.drawn()
}

// baseline returns the baseline of a line of type size pt in a line box of
// height lh whose top is y.
func baseline(y, lh, size float64) float64 {
	f := mustFace(Regular)
	em := size * ptToMM
	return y + (lh-(f.ascent+f.descent)*em)/2 + f.ascent*em
}

// textAligned draws s in the line box whose top is y, aligned in width w.
func (d *Doc) textAligned(x, y, w float64, s string, st Style, size float64, c Color, a Align) {
	s = d.clean(s, st)
	tw := d.measure(s, st, size)
	switch a {
	case AlignRight:
		x += w - tw
	case AlignCenter:
		x += (w - tw) / 2
	}
	lh := d.lineHeight(size, 0)
	d.textBase(x, baseline(y, lh, size), s, st, size, c)
}

func (d *Doc) rect(x, y, w, h float64, c Color) {
	if d.dry > 0 || w <= 0 || h <= 0 {
		return
	}
	d.setFill(c)
	d.mark(false)
	d.f.Rect(x, y, w, h, "F")
	d.drawn()
}

func (d *Doc) roundRect(x, y, w, h, r float64, c Color) {
	if d.dry > 0 || w <= 0 || h <= 0 {
		return
	}
	d.setFill(c)
	d.mark(false)
	d.f.RoundedRect(x, y, w, h, r, "1234", "F")
	d.drawn()
}

func (d *Doc) line(x0, y0, x1, y1 float64, c Color, w float64) {
	if d.dry > 0 {
		return
	}
	d.setDraw(c, w)
	d.mark(false)
	d.f.Line(x0, y0, x1, y1)
	d.drawn()
}

func (d *Doc) strokeRect(x, y, w, h float64, c Color, lw float64) {
	if d.dry > 0 {
		return
	}
	d.setDraw(c, lw)
	d.mark(false)
	d.f.Rect(x, y, w, h, "D")
	d.drawn()
}

// uriLink adds a link annotation to url over the given area, a kid of the
// element open (a Link), with contents as its description, and returns it.
func (d *Doc) uriLink(x, y, w, h float64, url, contents string) int {
	if d.dry > 0 || url == "" {
		return -1
	}
	return d.addAnnot(annot{kind: annotURI, rect: Rect{x, y, w, h}, uri: url, contents: contents})
}

// internalLink is uriLink for a link to an internal destination.
func (d *Doc) internalLink(x, y, w, h float64, l Link, contents string) int {
	if d.dry > 0 || l <= 0 || int(l) >= len(d.links) {
		return -1
	}
	return d.addAnnot(annot{kind: annotDest, rect: Rect{x, y, w, h}, dest: l, contents: contents})
}

package pdf

import (
	"strings"
)

// Every document is tagged (PDF/UA-1): what it draws is marked content
// belonging to an element of a structure tree, or an artifact. Tagging is the
// default, so a document needs little or no work to be accessible:
//
//   - text drawn by Text, Paragraph, Heading, Band, Check, Choices, Table,
//     TOCEntry and the like is tagged as what it is (P, H1–H3, L/LI/Lbl/LBody,
//     Table/THead/TBody/TR/TH/TD, TOC/TOCI/Link); text drawn by the other
//     primitives (TextAt, Label, BadgeAt) is a paragraph of the element open;
//   - links are Link elements with their annotation (an OBJR) and its
//     /Contents; form fields are Form elements with their widget;
//   - drawing primitives (rules, boxes, backgrounds, write-in lines, tick
//     boxes, leaders) and the page frame (running header, footer, page
//     numbers) are artifacts, unless drawn inside Figure, where everything
//     drawn is the figure's content;
//   - the reading order is the order things are drawn in.
//
// Begin and End (or Group) open an element of any standard type around what
// is drawn in between: a section, a list, a note. The tree, its ParentTree,
// the catalogue's /MarkInfo, /StructTreeRoot, /ViewerPreferences and the XMP
// metadata are written in Bytes (tagwrite.go).

// Standard structure types (ISO 32000-1, 14.8.4) the documents use.
const (
	TagDocument = "Document"
	TagSect     = "Sect"
	TagDiv      = "Div"
	TagP        = "P"
	TagH1       = "H1"
	TagH2       = "H2"
	TagH3       = "H3"
	TagL        = "L"
	TagLI       = "LI"
	TagLbl      = "Lbl"
	TagLBody    = "LBody"
	TagTable    = "Table"
	TagTHead    = "THead"
	TagTBody    = "TBody"
	TagTR       = "TR"
	TagTH       = "TH"
	TagTD       = "TD"
	TagLink     = "Link"
	TagFigure   = "Figure"
	TagForm     = "Form"
	TagTOC      = "TOC"
	TagTOCI     = "TOCI"
	TagNote     = "Note"
	TagSpan     = "Span"
	TagCaption  = "Caption"
)

// TickWords are what a reader hears for a tick box or a choice circle, in
// the document's language; a box without a word is an artifact.
type TickWords struct {
	Ticked, Unticked, Chosen, NotChosen string
}

// WithTickWords sets what a reader hears for tick boxes and choice circles:
// a filled form says which are ticked and chosen.
func WithTickWords(w TickWords) Option { return func(c *config) { c.ticks = w } }

// Elem is a structure element opened with Begin.
type Elem struct {
	// Type is a standard structure type (TagP, TagSect, ...).
	Type string
	// Alt is the alternative description (of a Figure, a Form field).
	Alt string
	// ActualText replaces the element's content for a reader.
	ActualText string
	// Lang is the element's language when it differs from the document's.
	Lang string
	// Scope is a TH's scope: "Column" or "Row".
	Scope string
}

// leaves are the types that hold content themselves; text drawn while
// another type is open (Document, Sect, L, Table, ...) gets a paragraph of
// its own.
var leaves = map[string]bool{
	TagP: true, TagH1: true, TagH2: true, TagH3: true, "H4": true, "H5": true, "H6": true, "H": true,
	TagLbl: true, TagLBody: true, TagTD: true, TagTH: true, TagLink: true, TagFigure: true,
	TagSpan: true, TagCaption: true, "Quote": true, "Code": true, "Formula": true, "Reference": true,
}

// kidKind is what a structure element's kid is.
type kidKind uint8

const (
	kidElem  kidKind = iota // another element
	kidMCID                 // marked content on a page
	kidAnnot                // an annotation (OBJR)
)

type structKid struct {
	kind kidKind
	n    int // element index, MCID, or annotation index
	page int // the page of a marked content
}

type structElem struct {
	Elem
	parent int
	kids   []structKid
	// figure collects the text drawn in a Figure without Alt, which
	// becomes its Alt
	figure []string
}

// annotKind is the kind of an annotation the structure tree refers to.
type annotKind uint8

const (
	annotURI annotKind = iota
	annotDest
	annotWidget
)

// annot is a link annotation or a form field's widget.
type annot struct {
	kind     annotKind
	page     int
	rect     Rect
	uri      string
	dest     Link
	contents string
	obj      int // the object's number, once written
}

// tagState is a Doc's structure tree while it is drawn.
type tagState struct {
	elems []structElem // elems[0] is the Document
	cur   int          // the element open
	stack []int        // the elements open before, -1 for a Begin while measuring
	// artifact > 0 while drawing artifacts (the frame, repeated headers)
	artifact int
	// figure > 0 inside Figure: drawings are content
	figure int
	// the marked-content sequence open on page openPage: an element, or
	// markArtifact, or markNone
	open, openPage int
	mcids          [][]int // per page (1-based), the element of each MCID
	lastH          int     // the level of the last heading
	annots         []annot
	annotParent    []int // per annotation, its element (when written)
}

const (
	markNone     = -2
	markArtifact = -1
)

func (t *tagState) init() {
	t.elems = make([]structElem, 1, 64)
	t.elems[0] = structElem{Elem: Elem{Type: TagDocument}, parent: -1}
	t.open = markNone
	t.mcids = [][]int{nil}
}

// Begin opens a structure element of type e.Type (a standard type) as a
// child of the element open; what is drawn until End belongs to it. Nothing
// is recorded while measuring.
func (d *Doc) Begin(e Elem) {
	t := &d.tags
	if d.dry > 0 {
		t.stack = append(t.stack, -1)
		return
	}
	t.stack = append(t.stack, t.cur)
	t.cur = d.addElem(e)
}

// End closes the element opened by the last Begin.
func (d *Doc) End() {
	t := &d.tags
	if len(t.stack) == 0 {
		return
	}
	prev := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	if prev < 0 {
		return
	}
	if e := &t.elems[t.cur]; e.Type == TagFigure && e.Alt == "" {
		e.Alt = strings.Join(e.figure, " ")
		e.figure = nil
	}
	t.cur = prev
}

// Group runs fn inside an element e (Begin, fn, End).
func (d *Doc) Group(e Elem, fn func()) {
	d.Begin(e)
	defer d.End()
	fn()
}

// Figure runs fn, which draws a picture or a chart, as one Figure element
// with alternative description alt: everything fn draws is the figure's
// content. With alt "", the text fn draws, in order, is the description.
func (d *Doc) Figure(alt string, fn func()) {
	d.Begin(Elem{Type: TagFigure, Alt: alt})
	d.tags.figure++
	defer func() { d.tags.figure--; d.End() }()
	fn()
}

// Artifact runs fn with everything it draws marked as an artifact (a
// decoration a reader skips).
func (d *Doc) Artifact(fn func()) {
	d.tags.artifact++
	defer func() { d.tags.artifact-- }()
	fn()
}

// addElem adds element e as a kid of the element open and returns it.
func (d *Doc) addElem(e Elem) int {
	t := &d.tags
	n := len(t.elems)
	t.elems = append(t.elems, structElem{Elem: e, parent: t.cur})
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, structKid{kind: kidElem, n: n})
	return n
}

// inLeaf reports whether the element open holds content itself.
func (d *Doc) inLeaf() bool { return leaves[d.tags.elems[d.tags.cur].Type] }

// leaf runs fn inside a paragraph when the element open does not hold
// content itself.
func (d *Doc) leaf(typ string, fn func()) {
	if d.inLeaf() || d.dry > 0 {
		fn()
		return
	}
	d.Group(Elem{Type: typ}, fn)
}

// mark makes sure what is drawn next on the current page is in the right
// marked-content sequence: the open element's (content) or an artifact's.
// Content drawn while no content element is open gets a paragraph of its
// own.
func (d *Doc) mark(content bool) {
	t := &d.tags
	page := d.f.PageNo()
	if page == 0 {
		return
	}
	want := markArtifact
	if t.artifact == 0 && (content || t.figure > 0) {
		if !d.inLeaf() {
			// a paragraph for this piece of text alone
			want = d.addElem(Elem{Type: TagP})
		} else {
			want = t.cur
		}
	}
	if t.open == want && t.openPage == page {
		return
	}
	d.closeMarked()
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
	}
	if want == markArtifact {
		d.f.RawWriteStr("/Artifact BMC")
	} else {
		mcid := len(t.mcids[page])
		t.mcids[page] = append(t.mcids[page], want)
		e := &t.elems[want]
		e.kids = append(e.kids, structKid{kind: kidMCID, n: mcid, page: page})
		d.text = append(d.text[:0], '/')
		d.text = append(d.text, e.Type...)
		d.text = append(d.text, " <</MCID "...)
		d.text = appendInt(d.text, mcid)
		d.text = append(d.text, ">> BDC"...)
		d.f.RawWriteStr(string(d.text))
	}
	t.open, t.openPage = want, page
}

// closeMarked ends the marked-content sequence open, if any.
func (d *Doc) closeMarked() {
	t := &d.tags
	if t.open == markNone {
		return
	}
	d.f.RawWriteStr("EMC")
	t.open = markNone
}

// figureText records text drawn in a Figure for its description.
func (d *Doc) figureText(s string) {
	t := &d.tags
	if t.figure == 0 || t.artifact > 0 || d.dry > 0 {
		return
	}
	// the innermost Figure
	for e := t.cur; e > 0; e = t.elems[e].parent {
		if t.elems[e].Type == TagFigure {
			if t.elems[e].Alt == "" {
				t.elems[e].figure = append(t.elems[e].figure, s)
			}
			return
		}
	}
}

// addAnnot records an annotation on the current page as a kid of the
// element open and returns its index.
func (d *Doc) addAnnot(a annot) int {
	t := &d.tags
	if a.page == 0 {
		a.page = d.f.PageNo()
	}
	n := len(t.annots)
	t.annots = append(t.annots, a)
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, structKid{kind: kidAnnot, n: n})
	return n
}

// appendInt appends n in decimal.
func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

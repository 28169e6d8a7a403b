package markdown

import (
	"github.com/yuin/goldmark/ast"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Layout constants, in mm.
const (
	listIndent = 6.0 // per list level
	quoteInset = 4.0 // per block quote level beyond the boxed ones
	tightSpace = 1.0 // after an item of a tight list
	maxIndent  = 48  // lists and quotes nested deeper do not indent further
	// maxBoxes is how many nested block quotes get a box of their own;
	// deeper ones are inset only (a box lays its content out twice).
	maxBoxes = 2
)

// inline is one entry of the stack of text styles.
type inline struct {
	style pdf.Style
	url   string
	link  bool // a link entry: url "" means not clickable
}

// list is one entry of the stack of open lists.
type list struct {
	ordered bool
	next    int
	tight   bool
}

// writer is the state of one Render call: what is open, the style stacks,
// and the paragraph being collected.
type writer struct {
	r    *Renderer
	d    *pdf.Doc
	src  []byte
	base pdf.ParaStyle
	th   pdf.Theme

	open    bool          // a paragraph is being collected
	para    pdf.ParaStyle // its style
	runs    []pdf.Run
	heading bool // the open paragraph is a heading

	inl    []inline
	lists  []list
	indent float64 // list and quote indent, added to base.Indent
	marker string  // list marker waiting for the next block
	first  bool    // no block drawn yet: base.Marker and SpaceBefore pending
	boxes  int     // depth of boxed block quotes
	insets int     // depth of inset (unboxed) block quotes

	measuring int // >0 while a box measures its content: no tracing

	// the last block drawn, for WithEndSpace
	lastPage  int
	lastAfter float64

	err error
}

func newWriter(r *Renderer, d *pdf.Doc, src []byte, base pdf.ParaStyle) *writer {
	return &writer{r: r, d: d, src: src, base: base, th: d.Theme(), first: true, marker: base.Marker}
}

// walk renders n and its children with the render functions, as ast.Walk
// would, stopping at the first error.
func (w *writer) walk(n ast.Node) {
	if w.err != nil {
		return
	}
	fn := w.r.funcs[n.Kind()]
	if fn == nil {
		fn = renderUnknown
	}
	st, err := fn(w, n, true)
	if err != nil {
		w.err = err
		return
	}
	if st == ast.WalkStop {
		return
	}
	if st != ast.WalkSkipChildren {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.walk(c)
		}
	}
	if _, err := fn(w, n, false); err != nil && w.err == nil {
		w.err = err
	}
}

// emit passes text to the test hook.
func (w *writer) emit(s string) {
	if w.r.trace != nil && w.measuring == 0 {
		w.r.trace(s)
	}
}

// event passes a block drawn to the test hook.
func (w *writer) event(kind string, p pdf.ParaStyle, runs []pdf.Run) {
	if w.r.events != nil && w.measuring == 0 {
		w.r.events(kind, p, runs)
	}
}

// style returns the paragraph style of the next block, spaced after by
// after (0: the base spacing), taking the pending list marker.
func (w *writer) style(after float64) pdf.ParaStyle {
	p := w.base
	p.Marker = w.marker
	w.marker = ""
	p.Indent = w.base.Indent + min(w.indent, maxIndent)
	if after != 0 {
		p.SpaceAfter = after
	}
	if !w.first {
		p.SpaceBefore = 0
	}
	return p
}

// begin opens a paragraph in style p; inline nodes then add runs to it.
func (w *writer) begin(p pdf.ParaStyle) {
	w.end()
	w.open, w.para, w.runs, w.heading = true, p, w.runs[:0], false
}

// text adds s to the open paragraph (opening one if none is) in the
// current inline style.
func (w *writer) text(s string, extra pdf.Style) {
	if s == "" {
		return
	}
	if !w.open {
		w.begin(w.style(0))
	}
	r := pdf.Run{Text: s, Style: extra}
	for _, in := range w.inl {
		r.Style |= in.style
		if in.link {
			r.URL = in.url
		}
	}
	w.runs = append(w.runs, r)
	w.emit(s)
}

// lineBreak adds a hard line break to the open paragraph.
func (w *writer) lineBreak() {
	if !w.open {
		w.begin(w.style(0))
	}
	w.runs = append(w.runs, pdf.Run{Text: "\n"})
	w.emit("\n")
}

// end draws the open paragraph, if any.
func (w *writer) end() {
	if !w.open {
		return
	}
	w.open = false
	p := w.para
	if len(w.runs) == 0 && p.Marker == "" {
		return // nothing to draw: an empty paragraph or heading
	}
	d := w.d
	if w.heading {
		keep := d.HeadingKeep()
		h := d.TextHeight(p, w.runs...)
		if d.AtTop() {
			h -= p.SpaceBefore
		}
		d.EnsureSpace(h + keep)
	}
	d.Text(p, w.runs...)
	w.event("text", p, w.runs)
	w.drew(p.SpaceAfter)
	w.emit("\n")
}

// drew records that a block was drawn with after mm of space below it.
func (w *writer) drew(after float64) {
	w.first = false
	w.lastPage = w.d.Page()
	switch {
	case after < 0:
		w.lastAfter = 0
	case after == 0:
		w.lastAfter = w.th.Spacing.Paragraph
	default:
		w.lastAfter = after
	}
}

// flushMarker draws a list marker still waiting for a block on a line of its
// own: the item starts with something that carries no marker (a nested
// list, a heading, a code block) or is empty.
func (w *writer) flushMarker() {
	if w.marker == "" {
		return
	}
	p := w.style(tightSpace)
	w.d.Text(p)
	w.event("text", p, nil)
	w.drew(p.SpaceAfter)
}

// trimEnd replaces the space after the last block drawn with after mm.
func (w *writer) trimEnd(after float64) {
	if w.first || w.d.Page() != w.lastPage {
		return
	}
	w.d.SetY(w.d.Y() - w.lastAfter + after)
	w.lastAfter = after
}

// push adds an inline style; pop removes the innermost.
func (w *writer) push(in inline) { w.inl = append(w.inl, in) }

func (w *writer) pop() {
	if n := len(w.inl); n > 0 {
		w.inl = w.inl[:n-1]
	}
}

// boxed runs fn, which draws blocks, inside d.Box at the current indent.
// Box lays fn out twice, measuring and then drawing; the writer's state is
// the same at the start of both, and text is traced once.
func (w *writer) boxed(b pdf.Box, fn func()) {
	calls := 0
	indent := min(w.indent, maxIndent)
	w.d.Indent(w.base.Indent+indent, w.base.Right, func() {
		w.d.Box(b, func() {
			calls++
			measuring := w.measuring > 0 || calls == 1
			if measuring {
				w.measuring++
			}
			w.event("box", pdf.ParaStyle{Indent: w.base.Indent + indent}, nil)
			saveIndent, saveBase := w.indent, w.base
			w.indent, w.base.Indent, w.base.Right = 0, 0, 0
			fn()
			w.end()
			w.trimEnd(0)
			w.indent, w.base = saveIndent, saveBase
			w.event("end box", pdf.ParaStyle{}, nil)
			if measuring {
				w.measuring--
			}
		})
	})
	w.drew(w.d.BoxAfter())
}

// Package markdown draws Markdown on a PDF: it parses the text with goldmark
// and walks the syntax tree with one render function per node kind, opening
// on entering and closing on leaving, as goldmark's renderer/html does. The
// PDF primitives (fonts, wrapping, page flow, links) are the shared layer in
// internal/pdf; this package only maps Markdown onto them:
//
//   - paragraphs and headings; emphasis (italic) and strong emphasis (bold),
//     nested, kept on a stack of text styles;
//   - bullet and numbered lists, nested, with hanging markers;
//   - links and autolinks as clickable link annotations;
//   - soft line breaks (a space) and hard line breaks;
//   - block quotes set apart with a bar, code spans and code blocks in the
//     monospaced face, thematic breaks as a rule.
//
// Backslash escapes and entity references are resolved everywhere except in
// code. A node kind with no render function (from a parser extension) is
// drawn as its text, never dropped. A Renderer holds no state between calls
// and is safe for concurrent use, each call drawing on its own pdf.Doc.
package markdown

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Renderer draws Markdown on a pdf.Doc. Make one with New; the zero value is
// not usable.
type Renderer struct {
	parser       parser.Parser
	funcs        map[ast.NodeKind]renderFunc
	headingLevel int
	endSpace     float64
	endSet       bool
	// trace, when set (by tests), receives every piece of text handed to
	// the PDF layer, "\n" at the end of each block and at hard breaks,
	// once even where a block is laid out twice (measured, then drawn).
	trace func(string)
	// events, when set (by tests), receives each block drawn: "text" with
	// its style and runs, "rule", "box" and "end box".
	events func(kind string, p pdf.ParaStyle, runs []pdf.Run)
}

// Option configures a Renderer.
type Option func(*Renderer)

// WithHeadingLevel maps Markdown's "#" headings to PDF heading level n (1–3)
// and deeper ones below it: a text drawn under a level 2 heading should use
// 3. The default is 1.
func WithHeadingLevel(n int) Option {
	return func(r *Renderer) { r.headingLevel = min(max(n, 1), 3) }
}

// WithEndSpace sets the space left after the last block of each Render call,
// in mm, replacing that block's own spacing (0 for none): for text inside a
// box, whose padding already gives the space.
func WithEndSpace(mm float64) Option {
	return func(r *Renderer) { r.endSpace, r.endSet = max(mm, 0), true }
}

// WithExtensions adds goldmark parser extensions (extension.Linkify for bare
// URLs as links, extension.GFM, ...). The nodes they add are drawn as their
// text unless this package knows them.
func WithExtensions(exts ...goldmark.Extender) Option {
	return func(r *Renderer) {
		r.parser = goldmark.New(goldmark.WithExtensions(exts...)).Parser()
	}
}

// defaultParser is CommonMark; goldmark's parsers are safe for concurrent
// use. It is made on first use, not at start-up.
var defaultParser = sync.OnceValue(func() parser.Parser { return goldmark.New().Parser() })

// New returns a Renderer.
func New(opts ...Option) *Renderer {
	r := &Renderer{parser: defaultParser(), headingLevel: 1}
	for _, o := range opts {
		o(r)
	}
	r.funcs = make(map[ast.NodeKind]renderFunc)
	r.registerFuncs(func(k ast.NodeKind, fn renderFunc) { r.funcs[k] = fn })
	return r
}

// Render draws Markdown src on d at the cursor, flowing onto new pages as
// needed. base is the style of body paragraphs: its size, colour, indents and
// spacing apply to every block (lists indent further); its Marker, if set,
// is drawn before the first block only, so that a Markdown text can be one
// item of a list the caller draws; its SpaceBefore applies before the first
// block only. Render returns the document's error, if drawing failed.
func (r *Renderer) Render(d *pdf.Doc, src []byte, base pdf.ParaStyle) error {
	doc := r.parser.Parse(text.NewReader(src))
	w := newWriter(r, d, src, base)
	w.walk(doc)
	w.end()
	w.flushMarker()
	if r.endSet {
		w.trimEnd(r.endSpace)
	}
	if w.err != nil {
		return w.err
	}
	return d.Err()
}

// Escape returns s with every ASCII punctuation character escaped by a
// backslash, so that it reads as plain text when put into Markdown.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIPunct(c) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// renderFunc draws node n on entering and closes what it opened on leaving,
// like goldmark's renderer.NodeRendererFunc.
type renderFunc func(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error)

// registerFuncs registers a render function per node kind, as
// renderer/html's RegisterFuncs does. Kinds not registered are drawn by
// renderUnknown.
func (r *Renderer) registerFuncs(reg func(ast.NodeKind, renderFunc)) {
	// blocks
	reg(ast.KindDocument, renderDocument)
	reg(ast.KindHeading, renderHeading)
	reg(ast.KindBlockquote, renderBlockquote)
	reg(ast.KindCodeBlock, renderCodeBlock)
	reg(ast.KindFencedCodeBlock, renderCodeBlock)
	reg(ast.KindHTMLBlock, renderHTMLBlock)
	reg(ast.KindList, renderList)
	reg(ast.KindListItem, renderListItem)
	reg(ast.KindParagraph, renderParagraph)
	reg(ast.KindTextBlock, renderTextBlock)
	reg(ast.KindThematicBreak, renderThematicBreak)
	reg(ast.KindLinkReferenceDefinition, renderLinkReferenceDefinition)

	// inlines
	reg(ast.KindAutoLink, renderAutoLink)
	reg(ast.KindCodeSpan, renderCodeSpan)
	reg(ast.KindEmphasis, renderEmphasis)
	reg(ast.KindImage, renderImage)
	reg(ast.KindLink, renderLink)
	reg(ast.KindRawHTML, renderRawHTML)
	reg(ast.KindText, renderText)
	reg(ast.KindString, renderString)
}

func renderDocument(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.end()
	}
	return ast.WalkContinue, nil
}

func renderHeading(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.end()
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Heading)
	w.end()
	w.flushMarker()
	level := min(w.r.headingLevel+n.Level-1, 3)
	c := w.th.Colors.Text
	if level >= 2 {
		c = w.th.Colors.Accent
	}
	// spaced as pdf.Doc.Heading spaces its headings: by the theme
	hs := w.th.Styles.Headings.Level(level)
	after := hs.After
	if after <= 0 {
		after = -1
	}
	p := w.style(after)
	p.Size = w.d.HeadingSize(level)
	p.Leading = hs.Leading
	p.Style |= pdf.Bold
	p.Color = &c
	p.SpaceBefore = hs.Before
	p.Align = pdf.AlignLeft
	w.begin(p)
	w.heading = true
	return ast.WalkContinue, nil
}

func renderBlockquote(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if w.boxes < maxBoxes {
		if !entering {
			return ast.WalkContinue, nil // drawn whole on entering
		}
		w.end()
		w.flushMarker()
		w.boxes++
		bar := w.th.Colors.Rule
		w.boxed(pdf.Box{Bar: &bar, Padding: 3}, func() {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				w.walk(c)
			}
		})
		w.boxes--
		return ast.WalkSkipChildren, nil
	}
	w.end()
	if entering {
		w.flushMarker()
		w.insets++
		w.indent += quoteInset
	} else {
		w.insets--
		w.indent -= quoteInset
	}
	return ast.WalkContinue, nil
}

// renderCodeBlock draws an indented or fenced code block in the monospaced
// face on a shaded ground, line by line, as written.
func renderCodeBlock(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	w.end()
	w.flushMarker()
	lines := n.Lines()
	if lines.Len() == 0 {
		return ast.WalkSkipChildren, nil
	}
	shade := w.th.Colors.Shade
	w.boxed(pdf.Box{Background: &shade, Padding: 2.5}, func() {
		p := w.style(-1)
		p.Size = w.base.Size
		if p.Size <= 0 {
			p.Size = w.th.Type.Body
		}
		p.Size *= 0.9
		p.Marker = ""
		w.begin(p)
		for i := range lines.Len() {
			if i > 0 {
				w.lineBreak()
			}
			seg := lines.At(i)
			line := seg.Value(w.src)
			w.text(string(bytes.TrimRight(line, "\r\n")), pdf.Mono)
		}
	})
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock draws raw HTML as the text it is: the booklet has no HTML
// to interpret, and nothing written is dropped.
func renderHTMLBlock(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	w.begin(w.style(0))
	lines := n.Lines()
	for i := range lines.Len() {
		if i > 0 {
			w.lineBreak()
		}
		seg := lines.At(i)
		w.text(strings.TrimRight(string(seg.Value(w.src)), "\r\n"), 0)
	}
	if n.HasClosure() {
		if lines.Len() > 0 {
			w.lineBreak()
		}
		w.text(strings.TrimRight(string(n.ClosureLine.Value(w.src)), "\r\n"), 0)
	}
	w.end()
	return ast.WalkSkipChildren, nil
}

func renderList(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.List)
	w.end()
	if entering {
		w.flushMarker()
		w.d.Begin(pdf.Elem{Type: pdf.TagL}) // its items are LI: Lbl (the marker) and LBody
		w.lists = append(w.lists, list{ordered: n.IsOrdered(), next: n.Start, tight: n.IsTight})
		w.indent += listIndent
		return ast.WalkContinue, nil
	}
	w.d.End()
	w.lists = w.lists[:len(w.lists)-1]
	w.indent -= listIndent
	if n.IsTight && len(w.lists) == 0 && !w.first {
		// a tight list's items are close together; the list as a whole
		// is spaced like a paragraph
		extra := w.paragraphSpace() - w.lastAfter
		if extra > 0 {
			w.d.Space(extra)
			w.lastAfter += extra
		}
	}
	return ast.WalkContinue, nil
}

// paragraphSpace is the space after a body paragraph.
func (w *writer) paragraphSpace() float64 {
	switch {
	case w.base.SpaceAfter < 0:
		return 0
	case w.base.SpaceAfter == 0:
		return w.th.Spacing.Paragraph
	}
	return w.base.SpaceAfter
}

// bullets are the markers of unordered lists by nesting depth.
var bullets = []string{"•", "◦", "–"}

func renderListItem(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	w.end()
	if !entering {
		w.flushMarker() // an empty item still shows its marker
		return ast.WalkContinue, nil
	}
	w.flushMarker()
	if len(w.lists) == 0 { // a list item outside a list: only from an extension
		w.marker = bullets[0]
		return ast.WalkContinue, nil
	}
	l := &w.lists[len(w.lists)-1]
	if l.ordered {
		delim := byte('.')
		if p, ok := n.Parent().(*ast.List); ok && p.Marker == ')' {
			delim = ')'
		}
		w.marker = fmt.Sprintf("%d%c", l.next, delim)
		l.next++
	} else {
		w.marker = bullets[min(len(w.lists)-1, len(bullets)-1)]
	}
	return ast.WalkContinue, nil
}

func renderParagraph(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.begin(w.style(0))
	} else {
		w.end()
	}
	return ast.WalkContinue, nil
}

// renderTextBlock draws the text of a tight list item: a paragraph with
// little space after it.
func renderTextBlock(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.end()
		return ast.WalkContinue, nil
	}
	after := 0.0
	if len(w.lists) > 0 && w.lists[len(w.lists)-1].tight {
		after = tightSpace
	}
	w.begin(w.style(after))
	return ast.WalkContinue, nil
}

func renderThematicBreak(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	w.end()
	w.flushMarker()
	w.d.Indent(w.base.Indent+min(w.indent, maxIndent), w.base.Right, w.d.Rule)
	w.event("rule", pdf.ParaStyle{Indent: w.base.Indent + min(w.indent, maxIndent)}, nil)
	w.drew(w.d.RuleAfter())
	return ast.WalkContinue, nil
}

// renderLinkReferenceDefinition draws nothing: "[label]: url" only gives the
// links that refer to it their address.
func renderLinkReferenceDefinition(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

func renderAutoLink(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := string(util.URLEscape(n.URL(w.src), false))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		url = "mailto:" + url
	}
	w.push(inline{url: clickable(url), link: true})
	w.text(string(n.Label(w.src)), 0)
	w.pop()
	return ast.WalkSkipChildren, nil
}

// renderCodeSpan draws code in the monospaced face as written: no escapes
// or references are resolved, and a line break inside it is a space.
func renderCodeSpan(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			w.push(inline{style: pdf.Mono})
			w.walk(c)
			w.pop()
			continue
		}
		v := t.Segment.Value(w.src)
		if bytes.HasSuffix(v, []byte("\n")) {
			v = append(append([]byte(nil), v[:len(v)-1]...), ' ')
		}
		w.text(string(v), pdf.Mono)
	}
	return ast.WalkSkipChildren, nil
}

func renderEmphasis(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.pop()
		return ast.WalkContinue, nil
	}
	st := pdf.Italic
	if node.(*ast.Emphasis).Level >= 2 {
		st = pdf.Bold
	}
	w.push(inline{style: st})
	return ast.WalkContinue, nil
}

// renderImage draws an image's description: the booklet shows no pictures
// from Markdown, and the words are kept.
func renderImage(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func renderLink(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.pop()
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	w.push(inline{url: clickable(string(util.URLEscape(n.Destination, true))), link: true})
	return ast.WalkContinue, nil
}

// renderRawHTML draws inline HTML as the text it is.
func renderRawHTML(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		w.text(string(seg.Value(w.src)), 0)
	}
	return ast.WalkSkipChildren, nil
}

// renderText draws text with its escapes and references resolved (raw text
// as is); its line break flags end it with a space or a hard break.
func renderText(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	v := n.Segment.Value(w.src)
	if n.IsRaw() {
		w.text(string(v), 0)
	} else {
		w.text(resolve(v), 0)
	}
	switch {
	case n.HardLineBreak():
		w.lineBreak()
	case n.SoftLineBreak():
		w.text(" ", 0)
	}
	return ast.WalkContinue, nil
}

func renderString(w *writer, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.String)
	switch {
	case n.IsCode():
		w.text(string(n.Value), pdf.Mono)
	case n.IsRaw():
		w.text(string(n.Value), 0)
	default:
		w.text(resolve(n.Value), 0)
	}
	return ast.WalkContinue, nil
}

// renderUnknown draws a node of a kind with no render function (from a
// parser extension) as its text: a block's children or lines as a
// paragraph of its own, an inline's children or text in the paragraph.
func renderUnknown(w *writer, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if n.Type() == ast.TypeInline {
		if entering && !n.HasChildren() {
			//lint:ignore SA1019 the last resort for an inline leaf of unknown kind, whose text has no other accessor
			w.text(string(n.Text(w.src)), 0)
		}
		return ast.WalkContinue, nil
	}
	w.end()
	if entering && !n.HasChildren() && n.Lines().Len() > 0 {
		w.begin(w.style(0))
		lines := n.Lines()
		for i := range lines.Len() {
			if i > 0 {
				w.lineBreak()
			}
			seg := lines.At(i)
			w.text(strings.TrimRight(string(seg.Value(w.src)), "\r\n"), 0)
		}
		w.end()
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// clickable returns url when it can be a link annotation: an absolute URL
// with a scheme that is not dangerous (javascript:, file:, data:, ...);
// otherwise "" (the text is drawn, not linked).
func clickable(url string) string {
	i := strings.IndexAny(url, ":/?#")
	if i <= 0 || url[i] != ':' || html.IsDangerousURL([]byte(url)) {
		return ""
	}
	for j := 0; j < i; j++ {
		c := url[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return url
}

package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/partnership-roadmap/roadmap/internal/golden"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// cases has one Markdown text per node kind (and the tricky corners of
// each); TestGolden draws each and compares with testdata/<name>.golden.
var cases = []struct {
	name string
	md   string
	exts []goldmark.Extender
}{
	{name: "paragraph", md: "First paragraph, with a soft\nline break.\n\nSecond paragraph: Latviešu burti — ā č ē ģ ī ķ ļ ņ š ū ž."},
	{name: "heading", md: "# Heading one\n\nText.\n\n## Heading *two*\n\nText.\n\n### Heading three\n\n#### Heading four\n\nSetext\n======\n\nText."},
	{name: "heading_level", md: "# Under a checkpoint\n\nText."},
	{name: "emphasis", md: "Plain *italic* **bold** ***both*** _under_ __strong__ and *italic with **bold** inside* and **bold with *italic* inside**."},
	{name: "bullet_list", md: "Lead:\n\n- one\n- two\n  - two a\n  - two b\n    - deep\n- three\n\nAfter."},
	{name: "ordered_list", md: "3. three\n4. four\n\n   with a second paragraph\n5) five?\n\n1) again\n2) twice"},
	{name: "list_corners", md: "- - nested first\n-\n- # heading item\n- ```\n  code item\n  ```\n\nEnd."},
	{name: "links", md: "See [the database](https://sua.lv/sadarbiba-starp-pasvaldibam-un-kopienas-balstitam-organizacijam/), <https://example.org/a?b=c&d=e>, www.example.com, <me@example.org> and [relative](page.html) and [bad](javascript:alert(1)) and [*styled* link](https://example.org/x_(y))."},
	{name: "bare_urls", md: "With the Linkify extension: www.example.com and https://sua.lv/6-metode-ietekmes-indikatoru-saraksts/ are links.", exts: []goldmark.Extender{extension.Linkify}},
	{name: "breaks", md: "soft\nbreak, hard  \nbreak with spaces, hard\\\nbreak with a backslash."},
	{name: "blockquote", md: "> Quoted *text*.\n>\n> > Nested quote.\n> >\n> > > Third level, inset only.\n\nAfter."},
	{name: "code", md: "Use `roadmap guide --lang lv` or `` a `tick` `` and `&amp; \\* <b>`.\n\n```go\nfunc main() {\n\tprintln(\"&amp;\")\n}\n```\n\n    indented code\n"},
	{name: "escapes", md: "\\*not emphasis\\* \\_ \\# &amp; &copy; &#233; &#x41; &#0065; &#99999999; &bogus; \\&amp; &#38;amp; \\\\ a\\b"},
	{name: "thematic_break", md: "Above.\n\n---\n\nBelow.\n\n***"},
	{name: "html", md: "Inline <b>bold?</b> HTML.\n\n<div>\nblock HTML\n</div>\n\n<!-- a comment -->"},
	{name: "image", md: "An image: ![the *alt* text](x.png \"title\")."},
	{name: "unknown_kinds", md: "~~struck~~ and a task:\n\n- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |", exts: []goldmark.Extender{extension.GFM}},
	{name: "empty", md: ""},
}

// caseRenderer returns the renderer of a test case.
func caseRenderer(name string, exts []goldmark.Extender) *Renderer {
	var opts []Option
	if len(exts) > 0 {
		opts = append(opts, WithExtensions(exts...))
	}
	if name == "heading_level" {
		opts = append(opts, WithHeadingLevel(3))
	}
	return New(opts...)
}

// newDoc returns an empty document for the tests.
func newDoc(t testing.TB) *pdf.Doc {
	t.Helper()
	d, err := pdf.New(pdf.WithTitle("markdown"), pdf.WithLanguage("lv"), pdf.WithDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		pdf.WithFooter(""), pdf.WithPageLabel(func(int, int) string { return "" }))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// describe writes a block event as one line of a golden file: its kind,
// indent and marker, and its runs with their styles and links.
func describe(b *strings.Builder, kind string, p pdf.ParaStyle, runs []pdf.Run) {
	b.WriteString(kind)
	if p.Indent != 0 {
		fmt.Fprintf(b, " indent=%g", p.Indent)
	}
	if p.Marker != "" {
		fmt.Fprintf(b, " marker=%q", p.Marker)
	}
	if p.Size != 0 {
		fmt.Fprintf(b, " size=%g", p.Size)
	}
	if p.Style != 0 {
		fmt.Fprintf(b, " style=%s", styleName(p.Style))
	}
	if len(runs) > 0 {
		b.WriteString(": ")
	}
	for _, r := range runs {
		s := strings.ReplaceAll(r.Text, "\n", "⏎")
		switch {
		case r.URL != "":
			fmt.Fprintf(b, "{link %s %s:%s}", r.URL, styleName(r.Style), s)
		case r.Style != 0:
			fmt.Fprintf(b, "{%s:%s}", styleName(r.Style), s)
		default:
			b.WriteString(s)
		}
	}
	b.WriteByte('\n')
}

func styleName(s pdf.Style) string {
	var parts []string
	for _, x := range []struct {
		s    pdf.Style
		name string
	}{{pdf.Bold, "b"}, {pdf.Italic, "i"}, {pdf.Mono, "m"}} {
		if s&x.s != 0 {
			parts = append(parts, x.name)
		}
	}
	if len(parts) == 0 {
		return "r"
	}
	return strings.Join(parts, "")
}

// TestGolden draws each case and compares what was drawn (the blocks with
// their runs, the text pdftotext extracts, the link annotations) with its
// golden file. Run with -update to rewrite the files.
func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := caseRenderer(c.name, c.exts)
			var blocks strings.Builder
			r.events = func(kind string, p pdf.ParaStyle, runs []pdf.Run) { describe(&blocks, kind, p, runs) }
			d := newDoc(t)
			if err := r.Render(d, []byte(c.md), pdf.ParaStyle{}); err != nil {
				t.Fatal(err)
			}
			out, err := d.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			pdftest.Check(t, out)
			var got strings.Builder
			fmt.Fprintf(&got, "== markdown\n%s\n== blocks\n%s== text\n", c.md, blocks.String())
			for _, p := range pdftest.Pages(t, out) {
				for _, l := range strings.Split(strings.TrimRight(p, "\n "), "\n") {
					got.WriteString(strings.TrimRight(l, " ") + "\n")
				}
			}
			got.WriteString("== links\n")
			for _, l := range pdftest.Links(t, out) {
				fmt.Fprintf(&got, "%s\n", l.URI)
			}
			golden.RequireEqual(t, []byte(got.String()))
		})
	}
}

// TestEveryKindDrawn checks that every case's words reach the PDF: the words
// of goldmark's own HTML rendering of the text, in order, are the words the
// renderer handed to the PDF layer and the words pdftotext reads back.
func TestEveryKindDrawn(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := caseRenderer(c.name, c.exts)
			var traced strings.Builder
			r.trace = func(s string) { traced.WriteString(s) }
			var markers []string
			r.events = func(kind string, p pdf.ParaStyle, runs []pdf.Run) {
				if p.Marker != "" {
					markers = append(markers, p.Marker)
				}
			}
			d := newDoc(t)
			if err := r.Render(d, []byte(c.md), pdf.ParaStyle{}); err != nil {
				t.Fatal(err)
			}
			want := oracleWords(t, r, []byte(c.md), c.exts...)
			if got := strings.Fields(traced.String()); !equalWords(got, want) {
				t.Errorf("words drawn:\n%q\nwant (from goldmark's HTML):\n%q", got, want)
			}
			out, err := d.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			extracted := strings.Join(strings.Fields(pdftest.Text(t, out)), "")
			for _, m := range markers { // list markers are drawn, not traced
				extracted = strings.Replace(extracted, m, "", 1)
			}
			if all := strings.Join(want, ""); all != extracted {
				t.Errorf("pdftotext reads\n%q\nwant\n%q", extracted, all)
			}
		})
	}
}

// TestMarkerOnFirstBlock: a base Marker makes the whole text one list item
// of the caller's: the marker is drawn before the first block only.
func TestMarkerOnFirstBlock(t *testing.T) {
	r := New()
	var blocks strings.Builder
	r.events = func(kind string, p pdf.ParaStyle, runs []pdf.Run) { describe(&blocks, kind, p, runs) }
	d := newDoc(t)
	if err := r.Render(d, []byte("First **label:** text.\n\nSecond paragraph."), pdf.ParaStyle{Indent: 6, Marker: "•"}); err != nil {
		t.Fatal(err)
	}
	want := "text indent=6 marker=\"•\": First {b:label:} text.\ntext indent=6: Second paragraph.\n"
	if blocks.String() != want {
		t.Errorf("got\n%s\nwant\n%s", blocks.String(), want)
	}
}

// TestEndSpace: WithEndSpace replaces the space after the last block.
func TestEndSpace(t *testing.T) {
	heights := map[string]float64{}
	for _, name := range []string{"own", "none"} {
		var opts []Option
		if name == "none" {
			opts = append(opts, WithEndSpace(0))
		}
		d := newDoc(t)
		d.AddPage()
		y := d.Y()
		if err := New(opts...).Render(d, []byte("One.\n\nTwo."), pdf.ParaStyle{}); err != nil {
			t.Fatal(err)
		}
		heights[name] = d.Y() - y
	}
	th := pdf.DefaultTheme()
	if diff := heights["own"] - heights["none"]; diff < th.Spacing.Paragraph-0.01 || diff > th.Spacing.Paragraph+0.01 {
		t.Errorf("end space removed %.2f mm, want the paragraph spacing %.2f", diff, th.Spacing.Paragraph)
	}
}

// TestEscape: escaped text reads back as itself.
func TestEscape(t *testing.T) {
	for _, s := range []string{"Resursi", "1. not a list", "# not a heading", "*a* _b_ `c` [d](e) <f> &amp; \\ |", "- item"} {
		r := New()
		var traced strings.Builder
		r.trace = func(s string) { traced.WriteString(s) }
		if err := r.Render(newDoc(t), []byte(Escape(s)), pdf.ParaStyle{}); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSuffix(traced.String(), "\n"); got != s {
			t.Errorf("Escape(%q) renders as %q", s, got)
		}
	}
}

func TestResolve(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:          "plain",
		`\*a\*`:          "*a*",
		`\&amp;`:         "&amp;",
		`&#38;amp;`:      "&amp;",
		`&amp;&lt;&gt;`:  "&<>",
		`&#0065;&#x41;`:  "AA",
		`&#x1234567;`:    "&#x1234567;",
		`&#12345678;`:    "&#12345678;",
		`&#0;`:           "\uFFFD",
		`&nosuch; & ;`:   "&nosuch; & ;",
		"a\x00b":         "a\uFFFDb",
		`\a \\ \`:        `\a \ \`,
		`&ngE; &frac12;`: "\u2267\u0338 ½",
	} {
		if got := resolve([]byte(in)); got != want {
			t.Errorf("resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRender: no Markdown makes the renderer panic or lose text. The words
// handed to the PDF layer must be the words of goldmark's HTML rendering of
// the same text (its text content, images' descriptions and raw HTML
// included), in order.
func FuzzRender(f *testing.F) {
	for _, c := range cases {
		f.Add(c.md)
	}
	f.Add("* a\n\n  > b\n  > - c\n\n> ```\n> d\n")
	f.Add("[a](<b c> \"t\") [x][y]\n\n[y]: https://e.org\n")
	f.Add(strings.Repeat(">", 40) + " deep\n" + strings.Repeat("  ", 30) + "- deep list")
	f.Fuzz(func(t *testing.T, md string) {
		r := New()
		var traced strings.Builder
		r.trace = func(s string) { traced.WriteString(s) }
		d := newDoc(t)
		if err := r.Render(d, []byte(md), pdf.ParaStyle{}); err != nil {
			t.Fatalf("Render: %v", err)
		}
		want := oracleWords(t, r, []byte(md))
		if got := strings.Fields(traced.String()); !equalWords(got, want) {
			t.Fatalf("words drawn:\n%q\nwant (from goldmark's HTML):\n%q", got, want)
		}
		if _, err := d.Bytes(); err != nil {
			t.Fatalf("Bytes: %v", err)
		}
	})
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var tag = regexp.MustCompile(`<[^>]*>`)

// oracleWords returns the words of the text content of src as goldmark's
// HTML renderer shows it, parsed by r's parser: the HTML with its tags
// removed and its references decoded. Images show their description and
// raw HTML shows as text, as the PDF does.
func oracleWords(t testing.TB, r *Renderer, src []byte, exts ...goldmark.Extender) []string {
	t.Helper()
	doc := r.parser.Parse(text.NewReader(src))
	md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithRendererOptions(ghtml.WithXHTML()))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(asText{}, 100)))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	return strings.Fields(html.UnescapeString(tag.ReplaceAllString(b.String(), "")))
}

// asText renders images as their description and raw HTML as text.
type asText struct{}

func (asText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*ast.HTMLBlock)
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
			}
			if n.HasClosure() {
				_, _ = w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
			}
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}

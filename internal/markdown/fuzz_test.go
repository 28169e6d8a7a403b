package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// FuzzRenderGFM checks that no Markdown text makes the renderer panic or
// fail with the GFM extensions (tables, task lists, strikethrough, bare
// links) and under a heading level, which FuzzRender does not reach.
func FuzzRenderGFM(f *testing.F) {
	for _, c := range cases {
		f.Add(c.md)
	}
	f.Add("- [x] *a* **b** `c` [d](https://e.org) <f@g.h> www.x.org ~~s~~\n\n> > > deep\n\n1. one\n   - two\n     ```\n     code\n     ```\n")
	f.Add("| a | b |\n|:-|-:|\n| [l](javascript:x) | ![i](x.png) |\n\n# H\n###### H6\n")
	r := New(WithExtensions(extension.GFM), WithHeadingLevel(3), WithEndSpace(0))
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 4000 {
			return // a booklet section is a few hundred characters
		}
		d, err := pdf.New()
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Render(d, []byte(md), pdf.ParaStyle{}); err != nil {
			t.Fatalf("Render(%q): %v", md, err)
		}
		if _, err := d.Bytes(); err != nil {
			t.Fatalf("Render(%q) made no document: %v", md, err)
		}
	})
}

// FuzzEscape checks that Escape makes any text plain: the escaped text is
// one paragraph, and the renderer draws exactly its words, with no
// emphasis, link, list or heading made of them. The documents escape user
// text this way before it meets Markdown.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"*a* _b_ `c` [d](e) <f> # g", "1. x", "- y", "&amp; &#65; \\", "> q", "![i](j)", "a  \nb", "www.example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" || len(s) > 2000 || strings.ContainsRune(s, 0) || !utf8.ValidString(s) {
			return // goldmark replaces NUL and bad bytes by U+FFFD
		}
		e := Escape(s)
		doc := defaultParser().Parse(text.NewReader([]byte(e)))
		if k := doc.FirstChild(); k == nil || k.Kind() != ast.KindParagraph || k.NextSibling() != nil {
			t.Fatalf("Escape(%q) = %q is not one paragraph", s, e)
		}
		r := New()
		var traced strings.Builder
		r.trace = func(w string) { traced.WriteString(w) }
		if err := r.Render(newDoc(t), []byte(e), pdf.ParaStyle{}); err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Fields(traced.String()), strings.Fields(s); !equalWords(got, want) {
			t.Errorf("Escape(%q) = %q draws %q", s, e, got)
		}
	})
}

package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func build(t *testing.T, text string) (*zip.Reader, []byte) {
	t.Helper()
	d := New(Options{Title: "T " + text, Language: "lv", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	d.Title(text)
	d.Subtitle(Run{Text: "sub"})
	d.Heading(1, "Heading "+text)
	d.Paragraph(Run{Text: "plain "}, Run{Text: "bold", Bold: true}, Run{Text: " it\nnext", Italic: true})
	d.Bullet(Run{Text: "item " + text})
	d.Note("note")
	d.Table([]string{"A", "B"}, [][]string{{"1", text}, {"2"}}, []float64{1, 2})
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return zr, data
}

func read(t *testing.T, zr *zip.Reader, name string) string {
	t.Helper()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPackage: the parts a WordprocessingML package needs, the content
// types first, each well-formed XML, every part's content type declared,
// with a fixed time.
func TestPackage(t *testing.T) {
	zr, _ := build(t, "x")
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: modified %s", f.Name, f.Modified)
		}
		dec := xml.NewDecoder(strings.NewReader(read(t, zr, f.Name)))
		for {
			if _, err := dec.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				}
				break
			}
		}
	}
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("parts %q, want %q", names, want)
	}
	types := read(t, zr, "[Content_Types].xml")
	for _, n := range want {
		if strings.HasSuffix(n, ".xml") && n != "[Content_Types].xml" && !strings.Contains(types, `PartName="/`+n+`"`) {
			t.Errorf("no content type for %s", n)
		}
	}
}

// TestStyles: every block is in a named style a person can restyle, and
// the headings carry their outline level.
func TestStyles(t *testing.T) {
	zr, _ := build(t, "x")
	styles := read(t, zr, "word/styles.xml")
	for _, s := range []string{
		`w:styleId="Title"><w:name w:val="Title"/>`, `w:styleId="Subtitle"><w:name w:val="Subtitle"/>`,
		`w:styleId="Heading1"><w:name w:val="heading 1"/>`, `w:styleId="Heading2"><w:name w:val="heading 2"/>`,
		`w:styleId="ListBullet"><w:name w:val="List Bullet"/>`, `w:styleId="ProposalTable"><w:name w:val="Proposal Table"/>`,
		`<w:outlineLvl w:val="0"/>`, `<w:numPr><w:numId w:val="1"/></w:numPr>`,
	} {
		if !strings.Contains(styles, s) {
			t.Errorf("styles.xml lacks %s", s)
		}
	}
	doc := read(t, zr, "word/document.xml")
	for _, s := range []string{
		`<w:pStyle w:val="Title"/>`, `<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Heading x</w:t>`,
		`<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">bold</w:t>`, `<w:br/>`, `<w:tblStyle w:val="ProposalTable"/>`,
		`<w:tblHeader/>`, `<w:pgSz w:w="11906" w:h="16838"/>`,
	} {
		if !strings.Contains(doc, s) {
			t.Errorf("document.xml lacks %s", s)
		}
	}
}

// TestText: text that is special in XML, or not allowed in it, is
// escaped or left out, never a broken file.
func TestText(t *testing.T) {
	zr, _ := build(t, "a<b>&\"c\x00\x01\x0b\ufffe\xffd")
	doc := read(t, zr, "word/document.xml")
	if !strings.Contains(doc, "a&lt;b&gt;&amp;&quot;cd") {
		t.Errorf("document.xml: text not escaped: %s", doc)
	}
}

func TestDeterministic(t *testing.T) {
	_, one := build(t, "x")
	_, two := build(t, "x")
	if !bytes.Equal(one, two) {
		t.Error("the same document gives different bytes")
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>\"'", "\x00\x1f\ufffe\xff", "ļoti Ελληνικά 🎉"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<a>"+Escape(s)+"</a>"), &v); err != nil {
			t.Errorf("Escape(%q) is not XML text: %v", s, err)
		}
	})
}

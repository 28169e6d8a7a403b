// Package docx writes small Word documents (Office Open XML
// WordprocessingML, .docx): a title, headings, paragraphs with bold and
// italic runs, bullet lists and tables, each in a named style (Title,
// Subtitle, Heading 1, Heading 2, List Bullet, Proposal Table) that a
// person can restyle in Word or LibreOffice.
//
// No well-kept Go library writes DOCX: the ones there are are unmaintained,
// read-only, or commercial, and none writes deterministic files. These few
// shapes need only five small XML parts, written here by hand after ECMA-376
// (the element order of each part is the schema's, which Word enforces) and
// zipped with a fixed time, so that the same content gives the same bytes.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Options are the settings of a document.
type Options struct {
	// Title and Subject are the document's properties (docProps/core.xml).
	Title, Subject string
	// Language is the text's language, a BCP 47 code such as "lv".
	Language string
	// Date is the creation and modification date written into the
	// document and the zip; the zero Date means 2000-01-01.
	Date time.Time
	// Letter makes US Letter pages instead of A4.
	Letter bool
	// Accent is the headings' colour as "rrggbb"; Text the body's, Muted
	// the subtitle's and notes', Rule the table's lines and Head its
	// header row's shading. Empty values take the roadmap theme's.
	Accent, Text, Muted, Rule, Head string
}

// Run is a piece of text in one style.
type Run struct {
	Text         string
	Bold, Italic bool
}

// Doc is a document being built; its methods add blocks in order.
type Doc struct {
	opts Options
	body strings.Builder
}

// New starts an empty document.
func New(opts Options) *Doc {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&opts.Accent, "0f6e6a")
	def(&opts.Text, "1f2a30")
	def(&opts.Muted, "5f6b73")
	def(&opts.Rule, "c3cbd0")
	def(&opts.Head, "e3ebea")
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &Doc{opts: opts}
}

// Title adds the document's title (style Title).
func (d *Doc) Title(text string) { d.para("Title", Run{Text: text}) }

// Subtitle adds a line under the title (style Subtitle).
func (d *Doc) Subtitle(runs ...Run) { d.para("Subtitle", runs...) }

// Heading adds a heading of level 1 or 2 (styles Heading 1, Heading 2).
func (d *Doc) Heading(level int, text string) {
	d.para("Heading"+strconv.Itoa(min(max(level, 1), 2)), Run{Text: text})
}

// Paragraph adds a body paragraph (style Normal).
func (d *Doc) Paragraph(runs ...Run) { d.para("", runs...) }

// Note adds a small italic paragraph in the muted colour (style Note).
func (d *Doc) Note(text string) { d.para("Note", Run{Text: text}) }

// Bullet adds an item of a bullet list (style List Bullet).
func (d *Doc) Bullet(runs ...Run) { d.para("ListBullet", runs...) }

// Table adds a table in style Proposal Table: a header row repeated on
// every page, then rows; widths are the columns' shares of the text width.
func (d *Doc) Table(header []string, rows [][]string, widths []float64) {
	if len(header) == 0 {
		return
	}
	total := 0.0
	for i := range header {
		total += share(widths, i)
	}
	tw := d.textWidth()
	cols := make([]int, len(header))
	for i := range header {
		cols[i] = int(float64(tw) * share(widths, i) / total)
	}
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ProposalTable"/><w:tblW w:w="5000" w:type="pct"/>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, head bool) {
		b.WriteString(`<w:tr>`)
		if head {
			b.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		} else {
			b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i, w := range cols {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, w)
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			d.para("TableText", Run{Text: text, Bold: head})
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	row(header, true)
	for _, r := range rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}

func share(widths []float64, i int) float64 {
	if i < len(widths) && widths[i] > 0 {
		return widths[i]
	}
	return 1
}

// para writes a paragraph in style (""  for Normal).
func (d *Doc) para(style string, runs ...Run) {
	b := &d.body
	b.WriteString(`<w:p>`)
	switch style {
	case "":
	case "ListBullet":
		// the numbering is the style's, and the paragraph's too, for
		// readers that look only at the paragraph (mammoth)
		b.WriteString(`<w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>`)
	default:
		fmt.Fprintf(b, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	}
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		b.WriteString(`<w:r>`)
		if r.Bold || r.Italic {
			b.WriteString(`<w:rPr>`)
			if r.Bold {
				b.WriteString(`<w:b/>`)
			}
			if r.Italic {
				b.WriteString(`<w:i/>`)
			}
			b.WriteString(`</w:rPr>`)
		}
		for i, line := range strings.Split(r.Text, "\n") {
			if i > 0 {
				b.WriteString(`<w:br/>`)
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			b.WriteString(Escape(line))
			b.WriteString(`</w:t>`)
		}
		b.WriteString(`</w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// Page geometry in twentieths of a point.
const (
	a4W, a4H         = 11906, 16838
	letterW, letterH = 12240, 15840
	marginX, marginY = 1247, 1247 // 22 mm
)

func (d *Doc) page() (w, h int) {
	if d.opts.Letter {
		return letterW, letterH
	}
	return a4W, a4H
}

func (d *Doc) textWidth() int {
	w, _ := d.page()
	return w - 2*marginX
}

// Bytes returns the .docx file.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range d.parts() {
		hdr := &zip.FileHeader{Name: p.name, Method: zip.Deflate}
		hdr.Modified = d.opts.Date.UTC()
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, fmt.Errorf("writing DOCX: %w", err)
		}
		if _, err := io.WriteString(w, p.data); err != nil {
			return nil, fmt.Errorf("writing DOCX: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("writing DOCX: %w", err)
	}
	return buf.Bytes(), nil
}

type part struct{ name, data string }

const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW     = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// parts returns the package's parts, [Content_Types].xml first.
func (d *Doc) parts() []part {
	o := d.opts
	pw, ph := d.page()
	date := o.Date.UTC().Format("2006-01-02T15:04:05Z")
	return []part{
		{"[Content_Types].xml", xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + nsRel + `extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
			`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + Escape(o.Title) + `</dc:title><dc:subject>` + Escape(o.Subject) + `</dc:subject>` +
			`<dc:creator>roadmap</dc:creator><dc:language>` + Escape(o.Language) + `</dc:language>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>` +
			`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified></cp:coreProperties>`},
		{"docProps/app.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
			`<Application>roadmap</Application></Properties>`},
		{"word/_rels/document.xml.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="` + nsRel + `numbering" Target="numbering.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", xmlHead + `<w:document ` + nsW + `><w:body>` + d.body.String() +
			fmt.Sprintf(`<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`,
				pw, ph, marginY, marginX, marginY, marginX) +
			`</w:body></w:document>`},
		{"word/styles.xml", d.styles()},
		{"word/numbering.xml", xmlHead + `<w:numbering ` + nsW + `>` +
			`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>` +
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>` +
			`<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="` + o.Accent + `"/></w:rPr></w:lvl>` +
			`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`},
	}
}

// styles returns word/styles.xml: the named styles every block uses.
func (d *Doc) styles() string {
	o := d.opts
	lang := Escape(o.Language)
	border := func(side string) string {
		return `<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="` + o.Rule + `"/>`
	}
	heading := func(n, size, before int) string {
		return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>`+
			`<w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="100"/><w:outlineLvl w:val="%d"/></w:pPr>`+
			`<w:rPr><w:b/><w:bCs/><w:color w:val="%s"/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`, n, n, before, n-1, o.Accent, size, size)
	}
	return xmlHead + `<w:styles ` + nsW + `>` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>` +
		`<w:color w:val="` + o.Text + `"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="` + lang + `" w:eastAsia="` + lang + `" w:bidi="` + lang + `"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:uiPriority w:val="10"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="80" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:color w:val="` + o.Muted + `"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
		heading(1, 27, 320) + heading(2, 22, 240) +
		`<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="36"/><w:qFormat/>` +
		`<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:rPr><w:i/><w:iCs/><w:color w:val="` + o.Muted + `"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="table" w:styleId="ProposalTable"><w:name w:val="Proposal Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
		`<w:tblPr><w:tblBorders>` + border("top") + border("left") + border("bottom") + border("right") + border("insideH") + border("insideV") + `</w:tblBorders>` +
		`<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
		`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="` + o.Head + `"/></w:tcPr></w:tblStylePr>` +
		`</w:style></w:styles>`
}

// Escape returns s as XML character data: &, < and > escaped, quotes too
// (for attributes), and the characters XML 1.0 does not allow (control
// characters, unpaired surrogates, U+FFFE and U+FFFF) left out.
func Escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == utf8.RuneError && isInvalid(s[i:]):
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isInvalid reports whether s starts with a byte that is not UTF-8.
func isInvalid(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	return n <= 1
}

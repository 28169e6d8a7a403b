package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/partnership-roadmap/roadmap/internal/pdf/rewrite"
)

// This file writes what makes a document tagged (PDF/UA-1) and archivable
// (PDF/A-2a) into the PDF fpdf writes, as the fonts and form fields are:
//
//   - every page gets /StructParents (its key in the ParentTree) and /Tabs /S;
//   - the link annotations (fpdf is not told of links) are written with the
//     page, printable (/F 4), with /Contents and /StructParent;
//   - the catalogue gets /StructTreeRoot, /MarkInfo <</Marked true>>,
//     /ViewerPreferences <</DisplayDocTitle true>>, /Metadata (XMP with
//     dc:title, pdfuaid:part 1 and pdfaid:part 2, conformance A) and an
//     sRGB /OutputIntents;
//   - outline entries with children get a /Count (fpdf writes /Count 0).

// sRGB is the ICC profile of the output intent: sRGB2014.icc of the
// International Color Consortium (https://www.color.org/srgbprofiles.xalter),
// which may be copied, distributed and embedded without restriction (see
// icc/LICENSE.color.org).
//
//go:embed icc/sRGB2014.icc
var sRGB []byte

// iccObject is the body of the output intent's profile object.
var iccObject = sync.OnceValue(func() []byte {
	return rewrite.StreamObject(nil, rewrite.Deflate(sRGB), " /N 3")
})

// tagWriter writes the tagging of a Doc while its PDF is rewritten.
type tagWriter struct {
	d        *Doc
	form     rewrite.ReplaceFunc // the form fields' writer, or nil
	outlines int                 // outline entries seen
	levels   []int               // the level of each outline entry
}

// writer returns the rewrite.ReplaceFunc that writes d's tagging, form
// fields and metadata.
func (d *Doc) writer() rewrite.ReplaceFunc {
	w := &tagWriter{d: d, form: d.formObjects(), levels: d.outline}
	return w.replace
}

func (w *tagWriter) replace(obj []byte, next int) (body []byte, added [][]byte, err error) {
	if w.form != nil {
		body, added, err = w.form(obj, next)
		if err != nil {
			return nil, nil, err
		}
	}
	i := bytes.Index(obj, []byte(" 0 obj\n"))
	if i < 0 || i > 12 {
		return body, added, nil
	}
	num, err := strconv.Atoi(string(obj[:i]))
	if err != nil {
		return body, added, nil
	}
	if body == nil {
		body = bytes.TrimSuffix(obj[i+7:], []byte("endobj\n"))
	}
	next += len(added)
	var more [][]byte
	switch {
	case bytes.HasPrefix(body, []byte("<</Type /Page\n")):
		body, more = w.page(body, num, next)
	case bytes.HasPrefix(body, []byte("<<\n/Type /Catalog\n")):
		body, more = w.catalog(body, next)
	case bytes.HasPrefix(body, []byte("<</Title ")):
		body = w.outline(body)
	default:
		if added == nil {
			return nil, nil, nil
		}
		return body, added, nil
	}
	return body, append(added, more...), nil
}

// pageObj returns the object number of page p (fpdf numbers pages 3, 5, ...).
func pageObj(p int) int { return 1 + 2*p }

// page returns page object body (number num) with its key in the parent
// tree, its tab order and its link annotations.
func (w *tagWriter) page(body []byte, num, next int) ([]byte, [][]byte) {
	d := w.d
	p := (num - 1) / 2
	var added [][]byte
	var refs []byte
	for ai := range d.tags.annots {
		a := &d.tags.annots[ai]
		if a.page != p || a.kind == annotWidget {
			continue
		}
		a.obj = next + len(added)
		refs = appendRef(refs, a.obj)
		added = append(added, w.link(a, ai, num))
	}
	head := "<</Type /Page\n"
	out := make([]byte, 0, len(body)+len(refs)+64)
	out = append(out, head...)
	out = append(out, "/StructParents "...)
	out = strconv.AppendInt(out, int64(p-1), 10)
	out = append(out, "\n/Tabs /S\n"...)
	rest := body[len(head):]
	if refs != nil {
		if at := bytes.Index(rest, []byte("/Annots [")); at >= 0 {
			end := at + bytes.IndexByte(rest[at:], ']')
			out = append(out, rest[:end]...)
			out = append(out, refs...)
			rest = rest[end:]
		} else {
			out = fmt.Appendf(out, "/Annots [%s]\n", refs[1:])
		}
	}
	return append(out, rest...), added
}

// link returns the object of link annotation a (annotation ai) on the page
// whose object is page.
func (w *tagWriter) link(a *annot, ai, page int) []byte {
	d := w.d
	r := a.rect
	b := []byte("<</Type /Annot /Subtype /Link /Rect [")
	for i, v := range [4]float64{r.X * mmToPt, (d.pageH - r.Y - r.H) * mmToPt, (r.X + r.W) * mmToPt, (d.pageH - r.Y) * mmToPt} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v)
	}
	b = fmt.Appendf(b, "] /Border [0 0 0] /F %d /StructParent %d /P %d 0 R /Contents ", afPrint, d.f.PageCount()+ai, page)
	b = appendTextString(b, a.contents)
	if a.kind == annotURI {
		b = append(b, " /A <</S /URI /URI "...)
		b = appendLiteral(b, a.uri)
		b = append(b, ">>"...)
	} else {
		dest := d.links[a.dest]
		pg := max(dest.page, 1)
		b = fmt.Appendf(b, " /Dest [%d 0 R /XYZ 0 %s null]", pageObj(pg), num((d.pageH-max(dest.y-4, 0))*mmToPt))
	}
	return append(b, ">>\n"...)
}

// outline returns outline entry body with the /Count of its descendants
// (all open), or none when it has none.
func (w *tagWriter) outline(body []byte) []byte {
	k := w.outlines
	w.outlines++
	if k >= len(w.levels) {
		return body
	}
	n := 0
	for _, l := range w.levels[k+1:] {
		if l <= w.levels[k] {
			break
		}
		n++
	}
	const zero = "\n/Count 0>>"
	at := bytes.LastIndex(body, []byte(zero))
	if at < 0 {
		return body
	}
	out := append([]byte(nil), body[:at]...)
	if n > 0 {
		out = fmt.Appendf(out, "\n/Count %d", n)
	}
	out = append(out, ">>"...)
	return append(out, body[at+len(zero):]...)
}

// catalog returns the catalogue with the structure tree, the metadata and
// the output intent, and the objects they are made of, numbered from next.
func (w *tagWriter) catalog(body []byte, next int) ([]byte, [][]byte) {
	d := w.d
	t := &d.tags
	elems := t.elems
	root := next
	elemObj := func(e int) int { return root + 1 + e }
	parentTree := root + 1 + len(elems)
	meta, intent, icc := parentTree+1, parentTree+2, parentTree+3

	added := make([][]byte, 0, len(elems)+5)
	added = append(added, fmt.Appendf(nil, "<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>\n",
		elemObj(0), parentTree, d.f.PageCount()+len(t.annots)))
	for i := range elems {
		added = append(added, w.elem(i, root, elemObj))
	}
	// the parent tree: per page the element of each MCID, then each
	// annotation's element
	b := make([]byte, 0, 64+12*len(elems))
	b = append(b, "<</Nums ["...)
	for p := 1; p <= d.f.PageCount(); p++ {
		b = strconv.AppendInt(b, int64(p-1), 10)
		b = append(b, " ["...)
		if p < len(t.mcids) {
			for _, e := range t.mcids[p] {
				b = appendRef(b, elemObj(e))
			}
		}
		b = append(b, "]\n"...)
	}
	for ai := range t.annots {
		b = strconv.AppendInt(b, int64(d.f.PageCount()+ai), 10)
		b = appendRef(b, elemObj(w.annotElem(ai)))
		b = append(b, '\n')
	}
	added = append(added, append(b, "]>>\n"...))
	x := d.xmp()
	added = append(added, append(fmt.Appendf(nil, "<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n", len(x)), append(x, "\nendstream\n"...)...))
	added = append(added, fmt.Appendf(nil, "<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R>>\n", icc))
	added = append(added, iccObject())

	const head = "<<\n/Type /Catalog\n"
	out := make([]byte, 0, len(body)+256)
	out = append(out, head...)
	out = fmt.Appendf(out, "/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n", root, meta, intent)
	out = append(out, body[len(head):]...)
	return out, added
}

// annotElem returns the element annotation ai is a kid of.
func (w *tagWriter) annotElem(ai int) int {
	if w.d.tags.annotParent == nil {
		ps := make([]int, len(w.d.tags.annots))
		for e, el := range w.d.tags.elems {
			for _, k := range el.kids {
				if k.kind == kidAnnot {
					ps[k.n] = e
				}
			}
		}
		w.d.tags.annotParent = ps
	}
	return w.d.tags.annotParent[ai]
}

// elem returns the object of element i.
func (w *tagWriter) elem(i, root int, elemObj func(int) int) []byte {
	d := w.d
	e := &d.tags.elems[i]
	parent := root
	if e.parent >= 0 {
		parent = elemObj(e.parent)
	}
	b := make([]byte, 0, 64+12*len(e.kids))
	b = append(b, "<</S /"...) // /Type /StructElem is optional
	b = append(b, e.Type...)
	b = append(b, " /P"...)
	b = appendRef(b, parent)
	pg := 0
	for _, k := range e.kids {
		if k.kind == kidMCID {
			pg = k.page
			break
		}
	}
	if pg > 0 {
		b = append(b, " /Pg"...)
		b = appendRef(b, pageObj(pg))
	}
	if e.Alt != "" {
		b = append(b, " /Alt "...)
		b = appendTextString(b, e.Alt)
	}
	if e.ActualText != "" {
		b = append(b, " /ActualText "...)
		b = appendTextString(b, e.ActualText)
	}
	if e.Lang != "" {
		b = append(b, " /Lang "...)
		b = appendLiteral(b, e.Lang)
	}
	if e.Scope != "" {
		b = fmt.Appendf(b, " /A <</O /Table /Scope /%s>>", e.Scope)
	}
	b = append(b, " /K ["...)
	for _, k := range e.kids {
		b = append(b, ' ')
		switch k.kind {
		case kidElem:
			b = strconv.AppendInt(b, int64(elemObj(k.n)), 10)
			b = append(b, " 0 R"...)
		case kidMCID:
			if k.page == pg {
				b = strconv.AppendInt(b, int64(k.n), 10)
			} else {
				b = fmt.Appendf(b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pageObj(k.page), k.n)
			}
		case kidAnnot:
			a := d.tags.annots[k.n]
			b = fmt.Appendf(b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", a.obj, pageObj(max(a.page, 1)))
		}
	}
	return append(b, "]>>\n"...)
}

// xmp returns the document's XMP metadata: what the document information
// dictionary says, and that the document is PDF/A-2a and PDF/UA-1.
func (d *Doc) xmp() []byte {
	esc := func(s string) string {
		s, _, _ = clean(s, Regular)
		var b strings.Builder
		for _, r := range s {
			switch r {
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	date := d.cfg.date.Format("2006-01-02T15:04:05-07:00")
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
`)
	if d.cfg.title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(d.cfg.title))
	}
	if d.cfg.subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(d.cfg.subject))
	}
	if d.cfg.lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(d.cfg.lang))
	}
	fmt.Fprintf(&b, `<dc:creator><rdf:Seq><rdf:li>%[1]s</rdf:li></rdf:Seq></dc:creator>
<xmp:CreatorTool>%[1]s</xmp:CreatorTool>
<xmp:CreateDate>%[2]s</xmp:CreateDate>
<xmp:ModifyDate>%[2]s</xmp:ModifyDate>
<pdf:Producer>%[1]s</pdf:Producer>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`, Creator, date)
	return b.Bytes()
}

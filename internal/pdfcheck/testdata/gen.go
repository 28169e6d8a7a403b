//go:build ignore

// gen writes the hand-made PDFs the tests check: good.pdf, which keeps
// every rule checked, and one PDF per rule broken, each good.pdf with one
// thing changed. Run it with "go run gen.go" in this folder.
package main

import (
	"fmt"
	"os"
	"strings"
)

// doc is the objects of a PDF, numbered from 1.
type doc []string

func (d doc) bytes() []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(d))
	for i, o := range d {
		offs[i] = b.Len()
		if strings.HasPrefix(o, "stream:") {
			dict, data, _ := strings.Cut(o[len("stream:"):], "|")
			fmt.Fprintf(&b, "%d 0 obj\n<<%s /Length %d>>\nstream\n%s\nendstream\nendobj\n", i+1, dict, len(data), data)
			continue
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]>>\nstartxref\n%d\n%%%%EOF\n", len(d)+1, x)
	return []byte(b.String())
}

const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Test</rdf:li></rdf:Alt></dc:title><pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>`

// good is a one-page document: a figure (a square) and a link over it, a
// text field, tagged.
func good() doc {
	return doc{
		/* 1 */ "<</Type /Catalog /Pages 2 0 R /MarkInfo <</Marked true>> /Lang (en) /StructTreeRoot 5 0 R /ViewerPreferences <</DisplayDocTitle true>> /Metadata 10 0 R /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile 11 0 R>>] /AcroForm <</Fields [9 0 R]>>>>",
		/* 2 */ "<</Type /Pages /Kids [3 0 R] /Count 1>>",
		/* 3 */ "<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /StructParents 0 /Tabs /S /Annots [8 0 R 9 0 R]>>",
		/* 4 */ "stream:|/Figure <</MCID 0>> BDC 0 0 1 rg 10 10 50 50 re f EMC /Artifact BMC 0 0 0 RG 0 100 m 200 100 l S EMC",
		/* 5 */ "<</Type /StructTreeRoot /K 6 0 R /ParentTree 12 0 R /ParentTreeNextKey 3>>",
		/* 6 */ "<</Type /StructElem /S /Document /P 5 0 R /K [7 0 R 13 0 R 14 0 R]>>",
		/* 7 */ "<</Type /StructElem /S /Figure /P 6 0 R /Pg 3 0 R /Alt (A blue square) /K 0>>",
		/* 8 */ "<</Type /Annot /Subtype /Link /Rect [10 10 60 60] /F 4 /StructParent 1 /Contents (Example) /A <</S /URI /URI (https://example.org)>>>>",
		/* 9 */ "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /TU (Name) /Rect [10 120 150 140] /F 4 /StructParent 2 /P 3 0 R>>",
		/* 10 */ "stream: /Type /Metadata /Subtype /XML|" + xmp,
		/* 11 */ "stream: /N 3|",
		/* 12 */ "<</Nums [0 [7 0 R] 1 13 0 R 2 14 0 R]>>",
		/* 13 */ "<</Type /StructElem /S /Link /P 6 0 R /K [<</Type /OBJR /Obj 8 0 R /Pg 3 0 R>>]>>",
		/* 14 */ "<</Type /StructElem /S /Form /P 6 0 R /K [<</Type /OBJR /Obj 9 0 R /Pg 3 0 R>>]>>",
	}
}

func main() {
	write := func(name string, d doc) {
		if err := os.WriteFile(name, d.bytes(), 0o644); err != nil {
			panic(err)
		}
	}
	write("good.pdf", good())

	d := good() // untagged: no MarkInfo, no structure tree, no marked content
	d[0] = strings.Replace(d[0], "/MarkInfo <</Marked true>> ", "", 1)
	d[0] = strings.Replace(d[0], "/StructTreeRoot 5 0 R ", "", 1)
	d[3] = "stream:|0 0 1 rg 10 10 50 50 re f 0 0 0 RG 0 100 m 200 100 l S"
	write("untagged.pdf", d)

	d = good()
	d[0] = strings.Replace(d[0], "/Lang (en) ", "", 1)
	write("no-lang.pdf", d)

	d = good()
	d[6] = strings.Replace(d[6], "/Alt (A blue square) ", "", 1)
	write("figure-no-alt.pdf", d)

	d = good() // the widget's Form element left out of the tree
	d[5] = strings.Replace(d[5], " 14 0 R]", "]", 1)
	write("widget-untagged.pdf", d)

	d = good()
	d[7] = strings.Replace(d[7], "/Contents (Example) ", "", 1)
	write("link-no-contents.pdf", d)
}

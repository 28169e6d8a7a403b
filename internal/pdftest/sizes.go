package pdftest

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// Run is a run of text on a page with the size of its type, as pdftohtml
// -xml finds it: the size to the half point (the type's size as printed,
// after any scaling of the page, such as a spreadsheet's print scale).
type Run struct {
	Text string
	Size float64 // in points
	Top  float64 // from the top of the page, in points
}

// PageRuns is the text runs of a page and the page's height in points.
type PageRuns struct {
	Height float64
	Runs   []Run
}

// Runs returns the text runs of every page of pdf with their type sizes,
// for tests of how small a document's type prints.
func Runs(t testing.TB, pdf []byte) []PageRuns {
	t.Helper()
	// at zoom 2, a font's size is given in half points (pdftohtml rounds it
	// to a whole number of pixels at its zoom)
	out := run(t, "pdftohtml", "-xml", "-i", "-q", "-stdout", "-zoom", "2", file(t, pdf))
	var doc struct {
		Pages []struct {
			Height string `xml:"height,attr"`
			Fonts  []struct {
				ID   string `xml:"id,attr"`
				Size string `xml:"size,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Top   string `xml:"top,attr"`
				Font  string `xml:"font,attr"`
				Inner []byte `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("reading pdftohtml -xml: %v", err)
	}
	sizes := map[string]float64{} // a font id is declared once, on the first page that uses it
	pages := make([]PageRuns, len(doc.Pages))
	for i, p := range doc.Pages {
		h, _ := strconv.ParseFloat(p.Height, 64)
		pages[i].Height = h / 2
		for _, f := range p.Fonts {
			px, _ := strconv.ParseFloat(f.Size, 64)
			sizes[f.ID] = px / 2
		}
		for _, x := range p.Texts {
			text := strings.TrimSpace(plain(x.Inner))
			if text == "" {
				continue
			}
			top, _ := strconv.ParseFloat(x.Top, 64)
			pages[i].Runs = append(pages[i].Runs, Run{Text: text, Size: sizes[x.Font], Top: top / 2})
		}
	}
	return pages
}

// plain returns the text of an XML fragment without its tags (pdftohtml
// marks bold and italic runs with <b> and <i>).
func plain(inner []byte) string {
	var b strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(inner))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
	}
	return b.String()
}

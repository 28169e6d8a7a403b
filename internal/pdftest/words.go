package pdftest

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// Word is a word of a page as pdftotext -bbox places it, in mm from the top
// left corner of the page.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// PageWords is the words of one page and the page's size in mm.
type PageWords struct {
	Width, Height float64
	Words         []Word
}

// Words returns the words of every page with their boxes (pdftotext -bbox),
// for tests of where things stand: how far down a page its text reaches,
// whether a title and its answer share a page.
func Words(t testing.TB, pdf []byte) []PageWords {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", file(t, pdf), "-")
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext -bbox: %v", err)
	}
	const mm = 25.4 / 72
	pages := make([]PageWords, len(doc.Pages))
	for i, p := range doc.Pages {
		pages[i] = PageWords{Width: p.Width * mm, Height: p.Height * mm}
		for _, w := range p.Words {
			pages[i].Words = append(pages[i].Words, Word{w.Text, w.XMin * mm, w.YMin * mm, w.XMax * mm, w.YMax * mm})
		}
	}
	return pages
}

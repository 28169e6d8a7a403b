// Package plantable draws the plan tables of package roadmap as the PDF
// documents show them: the checklist forms, the guideline booklet and the
// overview report take their columns, widths, headers and empty rows from
// here, so the same table looks the same in every document.
package plantable

import (
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// BlankRows is the number of empty rows of a blank plan table, and
// BlankRowHeight their height in mm, to write in by hand.
const (
	BlankRows      = 5
	BlankRowHeight = 10.0
)

// Table returns plan p's table in lang, with type size size, for the number
// of rows given: blank rows to write in when there are none.
func Table(lang *content.Language, p *roadmap.Plan, size float64, rows int) pdf.Table {
	t := pdf.Table{Columns: make([]pdf.Column, len(p.Columns)), Size: size}
	for i, c := range p.Columns {
		t.Columns[i] = pdf.Column{Label: p.Label(lang, c.ID), Width: c.PDF}
	}
	if rows == 0 {
		t.EmptyRows, t.MinRowHeight = BlankRows, BlankRowHeight
	} else {
		t.Zebra = true
	}
	return t
}

package pdf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestCheckGrid lays out tick boxes in two columns across a page break:
// every label is drawn, a row is never split between pages, and measuring
// draws nothing.
func TestCheckGrid(t *testing.T) {
	d := newDoc(t)
	var items []pdf.Choice
	for i := range 120 {
		label := fmt.Sprintf("Iespēja %03d", i)
		if i%7 == 0 {
			label += " ar garāku aprakstu, kas kolonnā aizņem vairākas rindas un turpinās"
		}
		items = append(items, pdf.Choice{Label: label, Ticked: i%3 == 0})
	}
	h := d.Measure(func() { d.CheckGrid(items, 2) })
	if h <= 0 || d.Page() != 0 {
		t.Fatalf("Measure: height %v, page %d; want a height and no page", h, d.Page())
	}
	d.CheckGrid(items, 2)
	d.CheckGrid(items[:3], 0) // one column
	b := render(t, d)
	pdftest.Check(t, b)
	pages := pdftest.Pages(t, b)
	if len(pages) < 2 {
		t.Fatalf("%d pages; want the grid to break", len(pages))
	}
	text := pdftest.Text(t, b)
	for _, it := range items {
		if !strings.Contains(text, it.Label) {
			t.Errorf("label %q missing", it.Label)
		}
	}
	// items 2k and 2k+1 share a row: on the same page
	pageOf := func(s string) int {
		for i, p := range pages {
			if strings.Contains(p, s) {
				return i
			}
		}
		return -1
	}
	for i := 0; i+1 < len(items); i += 2 {
		a, b := pageOf(fmt.Sprintf("Iespēja %03d", i)), pageOf(fmt.Sprintf("Iespēja %03d", i+1))
		if a != b {
			t.Errorf("row %d split: pages %d and %d", i/2, a+1, b+1)
		}
	}
}

// TestShapes draws marks by hand; they do not move the cursor and are not
// drawn while measuring.
func TestShapes(t *testing.T) {
	d := newDoc(t)
	th := d.Theme()
	h := d.Measure(func() {
		d.FillRect(10, 10, 50, 4, 2, th.Colors.Accent)
		d.Line(10, 20, 60, 20, th.Colors.Rule, 0.3)
	})
	if h != 0 || d.Page() != 0 {
		t.Fatalf("Measure of marks: height %v, page %d; want 0, 0", h, d.Page())
	}
	d.FillRect(20, 30, 50, 4, 2, th.Colors.Accent)
	d.FillRect(20, 40, 50, 4, 0, th.Colors.Accent)
	d.FillRect(20, 50, 50, 4, 100, th.Colors.Accent) // radius clamped
	y := d.Y()
	d.Line(20, 60, 120, 60, th.Colors.Rule, 0.3)
	if d.Y() != y {
		t.Errorf("Line moved the cursor from %v to %v", y, d.Y())
	}
	pdftest.Check(t, render(t, d))
}

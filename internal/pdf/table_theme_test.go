package pdf_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestTableNoRoomForALine: with a theme of extreme but allowed values
// (the widest margins, the largest small type, the most cell padding and
// leading), not one line of a table fits under its header on a page; the
// overview once added pages without end (past a minute, 2.6 GB). The table
// ends, one line a page, and the document is a valid PDF.
func TestTableNoRoomForALine(t *testing.T) {
	th := pdf.DefaultTheme()
	th.Margins = pdf.Margins{Top: 60, Right: 60, Bottom: 60, Left: 60}
	th.Type.Small = 14
	th.Styles.Cell.PadX, th.Styles.Cell.PadY, th.Styles.Cell.Leading = 10, 10, 2.5
	d, err := pdf.New(pdf.WithTheme(th))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("ilgs teksts ", 40)
	done := make(chan []byte, 1)
	go func() {
		d.Table(pdf.Table{Size: th.Type.Small, Columns: []pdf.Column{{Label: strings.Repeat("Galvene ", 12), Width: 1}, {Label: "Otrā", Width: 1}}},
			[][]string{{long, long}, {"a", "b"}})
		b, _ := d.Bytes()
		done <- b
	}()
	select {
	case b := <-done:
		pdftest.Check(t, b)
		pages := pdftest.PageCount(t, b)
		if pages < 2 || pages > 200 {
			t.Errorf("%d pages", pages)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the table did not end in 20 seconds")
	}
}

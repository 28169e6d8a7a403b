package pdf

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestDeflateStreams checks that a finished document's page contents are
// compressed and that the text reads the same as without compression.
func TestDeflateStreams(t *testing.T) {
	d := demo(t, 3)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, b)
	if n := len(regexp.MustCompile(`<</Length \d+>>\nstream\n`).FindAll(b, -1)); n != 0 {
		t.Errorf("%d streams left uncompressed", n)
	}
	// The same document, uncompressed and with the fonts fpdf embeds, has
	// the same text.
	raw := demo(t, 3, withFpdfFonts())
	raw.finish()
	var buf bytes.Buffer
	if err := raw.f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if got, want := pdftest.Text(t, b), pdftest.Text(t, buf.Bytes()); got != want {
		t.Errorf("text differs after compression")
	}
	if len(b) >= buf.Len() {
		t.Errorf("compressed %d bytes, uncompressed %d", len(b), buf.Len())
	}
}

package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestDeflateStreams checks that a finished document's page contents are
// compressed, that the cross-reference table points at every object, and
// that the text reads the same as without compression.
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
	at, offs, err := readXref(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b[at:], []byte("xref\n")) {
		t.Errorf("startxref does not point at the xref table")
	}
	for i, off := range offs {
		if off == 0 {
			continue
		}
		if want := []byte(strconv.Itoa(i) + " 0 obj\n"); !bytes.HasPrefix(b[off:], want) {
			t.Errorf("xref entry %d points at %q", i, b[off:min(off+12, len(b))])
		}
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

// TestDeflateStreamsBad checks that what is not fpdf's layout is refused,
// never mangled.
func TestDeflateStreamsBad(t *testing.T) {
	for _, in := range []string{
		"",
		"%PDF-1.3\n",
		"%PDF-1.3\nstartxref\n5\n%%EOF\n",
		"%PDF-1.3\nxref\n0 2\nstartxref\n9\n%%EOF\n",
		"%PDF-1.3\nxref\n0 x\n0000000000 65535 f \nstartxref\n9\n%%EOF\n",
	} {
		if _, err := deflateStreams([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

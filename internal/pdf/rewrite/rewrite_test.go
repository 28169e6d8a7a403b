package rewrite

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// fpdfDoc returns a PDF fpdf writes uncompressed: two pages of text and a
// link.
func fpdfDoc(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetCatalogSort(true)
	for i := range 2 {
		f.AddPage()
		f.SetFont("Helvetica", "", 12)
		f.Text(20, 20, fmt.Sprintf("Page %d of the test document", i+1))
		f.LinkString(20, 30, 40, 10, "https://example.org")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkXref checks that the cross-reference table of b points at every
// object and startxref at the table.
func checkXref(t *testing.T, b []byte) []int {
	t.Helper()
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
	return offs
}

var streamRE = regexp.MustCompile(`(?s)<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// TestDeflateStreams checks that every stream is compressed, decompresses to
// what it was, and that the table points at every object.
func TestDeflateStreams(t *testing.T) {
	in := fpdfDoc(t)
	out, err := DeflateStreams(in)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`<</Length \d+>>\nstream\n`).FindAll(out, -1)); n != 0 {
		t.Errorf("%d streams left uncompressed", n)
	}
	checkXref(t, out)
	// Each page's content, decompressed, is what fpdf wrote.
	for _, m := range streamRE.FindAllSubmatchIndex(out, -1) {
		n, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		r, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(in, plain) {
			t.Errorf("stream decompresses to %q, not in the original", plain[:min(len(plain), 40)])
		}
	}
	again, _ := DeflateStreams(in)
	if !bytes.Equal(out, again) {
		t.Error("not deterministic")
	}
}

// TestRewriteReplace checks that an object replaced and objects added end
// up in the file, numbered as told, with the table and /Size to match.
func TestRewriteReplace(t *testing.T) {
	in := fpdfDoc(t)
	_, offs, err := readXref(in)
	if err != nil {
		t.Fatal(err)
	}
	var first int
	out, err := Rewrite(in, func(obj []byte, next int) ([]byte, [][]byte, error) {
		if !bytes.Contains(obj, []byte("/Type /Catalog")) {
			return nil, nil, nil
		}
		first = next
		body := bytes.Replace(obj[bytes.Index(obj, []byte("<<")):bytes.LastIndex(obj, []byte("endobj"))],
			[]byte("/Type /Catalog"), fmt.Appendf(nil, "/Type /Catalog\n/Extra %d 0 R", next), 1)
		return body, [][]byte{[]byte("<</A 1>>\n"), StreamObject(nil, Deflate([]byte("q Q")), "")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := checkXref(t, out)
	if first != len(offs) || len(got) != len(offs)+2 {
		t.Errorf("added from %d, %d entries; want from %d, %d", first, len(got), len(offs), len(offs)+2)
	}
	if !bytes.Contains(out, fmt.Appendf(nil, "/Extra %d 0 R", first)) || !bytes.Contains(out, fmt.Appendf(nil, "%d 0 obj\n<</A 1>>\nendobj\n", first)) {
		t.Error("replaced or added object missing")
	}
	if !bytes.Contains(out, fmt.Appendf(nil, "\n/Size %d\n", len(got))) {
		t.Errorf("trailer /Size not %d", len(got))
	}
}

// TestRewriteBad checks that what is not fpdf's layout is refused, never
// mangled, and that an error of the replace function is returned.
func TestRewriteBad(t *testing.T) {
	for _, in := range []string{
		"",
		"%PDF-1.3\n",
		"%PDF-1.3\nstartxref\n5\n%%EOF\n",
		"%PDF-1.3\nxref\n0 2\nstartxref\n9\n%%EOF\n",
		"%PDF-1.3\nxref\n0 x\n0000000000 65535 f \nstartxref\n9\n%%EOF\n",
	} {
		if _, err := DeflateStreams([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	boom := fmt.Errorf("boom")
	if _, err := Rewrite(fpdfDoc(t), func([]byte, int) ([]byte, [][]byte, error) { return nil, nil, boom }); err != boom {
		t.Errorf("replace error: got %v", err)
	}
}

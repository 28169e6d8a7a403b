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
		if _, err := RewritePacked([]byte(in), nil); err == nil {
			t.Errorf("%q: no error from RewritePacked", in)
		}
	}
	boom := fmt.Errorf("boom")
	fail := func([]byte, int) ([]byte, [][]byte, error) { return nil, nil, boom }
	if _, err := Rewrite(fpdfDoc(t), fail); err != boom {
		t.Errorf("replace error: got %v", err)
	}
	if _, err := RewritePacked(fpdfDoc(t), fail); err != boom {
		t.Errorf("replace error from RewritePacked: got %v", err)
	}
}

// addCatalogObjects is a ReplaceFunc that adds a dictionary and a stream
// to the catalog, as the fields of a form are added.
func addCatalogObjects(obj []byte, next int) ([]byte, [][]byte, error) {
	if !bytes.Contains(obj, []byte("/Type /Catalog")) {
		return nil, nil, nil
	}
	body := bytes.Replace(obj[bytes.Index(obj, []byte("<<")):bytes.LastIndex(obj, []byte("endobj"))],
		[]byte("/Type /Catalog"), fmt.Appendf(nil, "/Type /Catalog\n/Extra %d 0 R", next), 1)
	return body, [][]byte{[]byte("<</A 1>>\n"), StreamObject(nil, Deflate([]byte("q Q")), "")}, nil
}

// TestRewritePacked checks that the one pass makes the file the two passes
// make, and that its cross-reference stream finds every object: a stream
// at its offset, any other object in an object stream at its index.
func TestRewritePacked(t *testing.T) {
	in := fpdfDoc(t)
	classic, err := Rewrite(in, addCatalogObjects)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Pack(classic)
	if err != nil {
		t.Fatal(err)
	}
	once, err := RewritePacked(in, addCatalogObjects)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(once, twice) {
		t.Fatalf("RewritePacked differs from Pack(Rewrite): %d and %d bytes", len(once), len(twice))
	}
	if !bytes.HasPrefix(once, []byte("%PDF-1.5\n")) {
		t.Errorf("header %q; want PDF 1.5", once[:9])
	}

	// the cross-reference stream, through startxref
	sx := bytes.LastIndex(once, []byte("startxref\n"))
	at, err := strconv.Atoi(string(bytes.Fields(once[sx+len("startxref\n"):])[0]))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^(\d+) 0 obj\n<</Type /XRef /Size (\d+) /W \[1 4 2\] /Root \d+ 0 R /Info \d+ 0 R /ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\] /Filter /FlateDecode /Length (\d+)>>\nstream\n`).FindSubmatch(once[at:])
	if m == nil {
		t.Fatalf("no cross-reference stream at %d: %q", at, once[at:min(at+200, len(once))])
	}
	size, _ := strconv.Atoi(string(m[2]))
	n, _ := strconv.Atoi(string(m[5]))
	table := inflate(t, once[at+len(m[0]):at+len(m[0])+n])
	if len(table) != 7*size {
		t.Fatalf("table of %d bytes for %d entries", len(table), size)
	}
	// every object of the classic file, plus the object streams and the
	// cross-reference stream itself
	_, classicOffs, err := readXref(classic)
	if err != nil {
		t.Fatal(err)
	}
	streams := map[int][]byte{} // object stream number → its inflated data
	for i := range size {
		e := table[7*i : 7*i+7]
		typ, f2, f3 := e[0], int(e[1])<<24|int(e[2])<<16|int(e[3])<<8|int(e[4]), int(e[5])<<8|int(e[6])
		switch typ {
		case 0:
			if i != 0 {
				t.Errorf("object %d free", i)
			}
		case 1:
			if want := []byte(strconv.Itoa(i) + " 0 obj\n"); !bytes.HasPrefix(once[f2:], want) {
				t.Errorf("object %d: entry points at %q", i, once[f2:min(f2+12, len(once))])
			}
		case 2:
			data, ok := streams[f2]
			if !ok {
				data = objectStream(t, once, f2)
				streams[f2] = data
			}
			fields := bytes.Fields(data)
			if got, _ := strconv.Atoi(string(fields[2*f3])); got != i {
				t.Errorf("object %d: index %d of stream %d holds object %d", i, f3, f2, got)
			}
		default:
			t.Errorf("object %d: type %d", i, typ)
		}
	}
	if size <= len(classicOffs) {
		t.Errorf("%d entries for %d objects and the streams", size, len(classicOffs))
	}
	for _, want := range []string{"<</A 1>>", "/Extra "} {
		found := false
		for _, data := range streams {
			found = found || bytes.Contains(data, []byte(want))
		}
		if !found {
			t.Errorf("%q in no object stream", want)
		}
	}
	again, _ := RewritePacked(in, addCatalogObjects)
	if !bytes.Equal(once, again) {
		t.Error("not deterministic")
	}
}

// objectStream returns the inflated data of object stream n of the packed
// file b, found by its header.
func objectStream(t *testing.T, b []byte, n int) []byte {
	t.Helper()
	m := regexp.MustCompile(fmt.Sprintf(`\n%d 0 obj\n<</Type /ObjStm /N \d+ /First \d+ /Filter /FlateDecode /Length (\d+)>>\nstream\n`, n)).FindSubmatchIndex(b)
	if m == nil {
		t.Fatalf("object stream %d not found", n)
	}
	l, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	return inflate(t, b[m[1]:m[1]+l])
}

func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkDeflate compresses what a fillable form's object stream holds:
// about 55 KB of widget dictionaries with UTF-16 tooltips.
func BenchmarkDeflate(b *testing.B) {
	var data []byte
	for i := 0; len(data) < 55000; i++ {
		data = fmt.Appendf(data, "<</Type /Annot /Subtype /Widget /Rect [%d.87 443.72 %d.51 453.36] /F 4 /P 5 0 R /FT /Btn /T (cp_%d_opt) /TU (\xfe\xff", 87+i%300, 97+i%300, i)
		for _, r := range "1.3. Analizējiet nepieciešamos resursus, lai pārvarētu šos izaicinājumus" {
			data = append(data, byte(r>>8), byte(r))
		}
		data = fmt.Appendf(data, ") /V /Off /AS /Off /AP <</N <</Yes %d 0 R /Off 55 0 R>>>> /MK <</CA (4)>>>>\n", 60+i%7)
	}
	b.SetBytes(int64(len(data)))
	var z []byte
	for b.Loop() {
		z = Deflate(data)
	}
	b.ReportMetric(float64(len(z)), "bytes")
}

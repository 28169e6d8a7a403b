package importpdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// bomb returns doc with an object stream added that inflates to n zero
// bytes (about n/1000 bytes in the file).
func bomb(t *testing.T, doc []byte, n int) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zero := make([]byte, 1<<20)
	for range n >> 20 {
		zw.Write(zero)
	}
	zw.Close()
	i := bytes.LastIndex(doc, []byte("xref"))
	if i < 0 {
		t.Fatal("no xref in the form")
	}
	var out bytes.Buffer
	out.Write(doc[:i])
	fmt.Fprintf(&out, "9999 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	out.Write(doc[i:])
	return out.Bytes()
}

// TestBomb: an object stream that inflates to gigabytes once took import
// to 1.8 GB. A PDF whose streams unpack to more than MaxUnpacked is
// refused before it is parsed, with little memory spent on it; one just
// under the budget is read as before.
func TestBomb(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	blank := fillable(t, lang, content.Community, nil)
	doc := bomb(t, blank, 128<<20)
	if len(doc) > len(blank)+1<<20 {
		t.Fatalf("the bomb is %d bytes", len(doc))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Read(doc, contenttest.Bundle(t))
	runtime.ReadMemStats(&after)
	var e *Error
	const want = "the PDF's compressed parts unpack to more than 64 MB; a filled form needs far less, so it is not read"
	if !errors.As(err, &e) || e.Msg != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("refusing the bomb allocated %d MB, want under 16 MB", got>>20)
	}
	if _, err := Read(bomb(t, blank, 32<<20), contenttest.Bundle(t)); err != nil && strings.Contains(err.Error(), "unpack") {
		t.Errorf("a PDF unpacking to 32 MB is refused: %v", err)
	}
}

// TestEncryptInText: a field whose text held "/Encrypt" once made the form
// count as encrypted. Only the document's own encryption counts: here the
// words stand in a comment after the end of the file.
func TestEncryptInText(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	a := example(t, "brinumins-community-lv.yaml")
	blank := fillable(t, lang, content.Community, a)
	doc := slices.Concat(blank, []byte("% (trailer << /Encrypt 5 0 R >>)\n"))
	got, err := Read(doc, contenttest.Bundle(t))
	if err != nil {
		t.Fatalf("a form with \"/Encrypt\" in a text: %v", err)
	}
	if got.Organisation.Name != a.Organisation.Name {
		t.Errorf("organisation %q, want %q", got.Organisation.Name, a.Organisation.Name)
	}
}

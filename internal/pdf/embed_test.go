package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/partnership-roadmap/roadmap/internal/pdf/rewrite"
	"github.com/partnership-roadmap/roadmap/internal/pdf/ttf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// withFpdfFonts has fpdf embed the fonts, as it did before embed.go: the
// reference documents are compared with.
func withFpdfFonts() Option {
	return func(c *config) { c.embedder = func() embedder { return new(fpdfEmbedder) } }
}

// fpdfEmbedder has fpdf embed the fonts itself, in its UTF-8 fonts, and
// only compresses the streams it leaves uncompressed.
type fpdfEmbedder struct{ added [numFaces]bool }

func (e *fpdfEmbedder) font(f *fpdf.Fpdf, st Style) (family, style string) {
	fam, sty := st.family()
	if !e.added[st] {
		e.added[st] = true
		f.AddUTF8FontFromBytes(fam, sty, st.ttf())
	}
	return fam, sty
}

func (e *fpdfEmbedder) encode(b []byte, s string, _ Style, _ bool) []byte { return append(b, s...) }

func (e *fpdfEmbedder) bytes(raw []byte, also rewrite.ReplaceFunc, pack bool) ([]byte, error) {
	out, err := rewrite.Rewrite(raw, also)
	if err == nil && pack {
		out, err = rewrite.Pack(out) // the two passes RewritePacked makes one
	}
	if err != nil {
		return raw, nil // uncompressed, but whole and valid
	}
	return out, nil
}

// allFaces is a sample of every face with letters of many scripts, composed
// glyphs (letters with accents are made of two glyphs), punctuation and
// symbols.
func allFaces(t testing.TB, opts ...Option) *Doc {
	t.Helper()
	d := demo(t, 2, opts...)
	sample := "Ā Ķ ļ ŗ ǻ Ǻ ő ű ḗ ẞ ß ﬁ Ωμέγα Ёжик Україна “quotes” — … € ₽ № ™ → ≤ ∑ □ ■ ● ♥ ½ ⅓"
	for _, st := range []Style{Regular, Bold, Italic, BoldItalic, Mono, Mono | Bold, Mono | Italic, Mono | BoldItalic} {
		d.Text(ParaStyle{}, Run{Text: fmt.Sprintf("%s (%d): %s", st.fontName(), st, sample), Style: st})
	}
	return d
}

// TestEmbeddedAsFpdf checks that documents whose fonts are embedded here
// read and look exactly like the same documents with the fonts embedded by
// fpdf: the same text, outline, links and fonts, and the same pixels.
func TestEmbeddedAsFpdf(t *testing.T) {
	ours := render(t, allFaces(t))
	ref := render(t, allFaces(t, withFpdfFonts()))
	pdftest.Check(t, ours)
	if got, want := pdftest.Pages(t, ours), pdftest.Pages(t, ref); !slices.Equal(got, want) {
		t.Errorf("text differs:\n got %q\nwant %q", got, want)
	}
	if got, want := pdftest.Outline(t, ours), pdftest.Outline(t, ref); !slices.Equal(got, want) {
		t.Errorf("outline differs:\n got %v\nwant %v", got, want)
	}
	if got, want := pdftest.Links(t, ours), pdftest.Links(t, ref); !slices.Equal(got, want) {
		t.Errorf("links differ:\n got %v\nwant %v", got, want)
	}
	byName := func(a, b pdftest.Font) int { return strings.Compare(a.Name, b.Name) }
	gotFonts, wantFonts := pdftest.Fonts(t, ours), pdftest.Fonts(t, ref)
	// ours are subsets named as such (ABCDEF+name), as PDF/A wants; fpdf's
	// are subsets too, under the bare name
	for i, f := range gotFonts {
		tag, name, ok := strings.Cut(f.Name, "+")
		if !ok || len(tag) != 6 || strings.Trim(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || !f.Subset {
			t.Errorf("font %s: not named as a subset", f.Name)
		}
		gotFonts[i].Name, gotFonts[i].Subset = name, false
	}
	slices.SortFunc(gotFonts, byName) // listed in the order of their resource names
	slices.SortFunc(wantFonts, byName)
	if got, want := gotFonts, wantFonts; len(got) != numFaces || !slices.Equal(got, want) {
		t.Errorf("fonts differ:\n got %v\nwant %v", got, want)
	}
	got, want := pdftest.Images(t, ours, 110), pdftest.Images(t, ref, 110)
	if len(got) != len(want) {
		t.Fatalf("%d pages, want %d", len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("page %d looks different", i+1)
		}
	}
	// Both are packed (object streams), which takes away most of what the
	// larger width arrays of fpdf's fonts cost; ours must not be more than
	// 2 % larger.
	if float64(len(ours)) > 1.02*float64(len(ref)) {
		t.Errorf("%d bytes, fpdf's %d", len(ours), len(ref))
	}
}

// render finishes d.
func render(t testing.TB, d *Doc) []byte {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFontDescMatchesFpdf checks the font descriptors against fpdf's.
func TestFontDescMatchesFpdf(t *testing.T) {
	for st := range Style(numFaces) {
		f := fpdf.New("P", "mm", "A4", "")
		fam, sty := st.family()
		f.AddUTF8FontFromBytes(fam, sty, st.ttf())
		fd := f.GetFontDesc(fam, sty)
		want := ttf.Desc{Ascent: fd.Ascent, Descent: fd.Descent, CapHeight: fd.CapHeight, Flags: fd.Flags,
			BBox:        [4]int{fd.FontBBox.Xmin, fd.FontBBox.Ymin, fd.FontBBox.Xmax, fd.FontBBox.Ymax},
			ItalicAngle: fd.ItalicAngle, StemV: fd.StemV, MissingWidth: int(fd.MissingWidth)}
		if got := mustFace(st).sub.Desc(); got != want {
			t.Errorf("%s: descriptor %+v, fpdf's %+v", st.fontName(), got, want)
		}
	}
}

func TestRuneSet(t *testing.T) {
	var s runeSet
	want := []rune{0, 'a', 'ā', 0x25a1, 0xffff}
	for _, r := range slices.Backward(want) {
		s.add(r)
		s.add(r)
	}
	if got := s.runes(); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestEmbedAgain checks that a face embedded again with the same characters
// (from the embeddings kept) gives the same objects as made anew.
func TestEmbedAgain(t *testing.T) {
	var used runeSet
	for _, r := range "Sveiki, ā č ē ģ" {
		used.add(r)
	}
	f := mustFace(Bold)
	f.embeds.mu.Lock()
	f.embeds.m = nil
	f.embeds.mu.Unlock()
	dict1, objs1, err1 := fontObjects(Bold, &used, 7)
	dict2, objs2, err2 := fontObjects(Bold, &used, 7)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !bytes.Equal(dict1, dict2) || !slices.EqualFunc(objs1, objs2, bytes.Equal) {
		t.Error("objects differ when embedded again")
	}
	if len(f.embeds.m) != 1 {
		t.Errorf("%d embeddings kept, want 1", len(f.embeds.m))
	}
}

// TestEmbedParallel checks that documents made at once (sharing the glyph
// cache, the embeddings kept and the compressors) come out as made alone.
func TestEmbedParallel(t *testing.T) {
	want := render(t, allFaces(t))
	got := make([][]byte, 6)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			d := allFaces(t)
			got[i], _ = d.Bytes()
		})
	}
	wg.Wait()
	for i, b := range got {
		if !bytes.Equal(b, want) {
			t.Errorf("document %d differs", i)
		}
	}
}

package pdf

import (
	"bytes"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestWidthsMatchFpdf checks that the widths computed once per process are
// the ones fpdf draws with, so that measuring and drawing agree.
func TestWidthsMatchFpdf(t *testing.T) {
	for _, st := range []Style{Regular, Bold, Italic, BoldItalic, Mono, Mono | Bold} {
		f := fpdf.New("P", "mm", "A4", "")
		fam, sty := st.family()
		f.AddUTF8FontFromBytes(fam, sty, st.ttf())
		f.SetFont(fam, sty, 10)
		face := mustFace(st)
		n := 0
		for r := rune(0x20); r < 0x10000; r++ {
			if !face.covers(r) {
				continue
			}
			n++
			s := string(r)
			if got, want := face.width(s, 10), f.GetStringWidth(s); abs(got-want) > 1e-9 {
				t.Fatalf("style %d: width of %q (U+%04X) = %.4f mm, fpdf says %.4f", st, s, r, got, want)
			}
		}
		if n < 2000 {
			t.Errorf("style %d covers only %d runes", st, n)
		}
		if f.Err() {
			t.Fatal(f.Error())
		}
	}
}

func TestCoverage(t *testing.T) {
	for _, r := range "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽąęėįųÅÄÖåäöçãõáéíóúàâêôΑΒΓαβγδ€–—„“”«»…•□" {
		if !Covers(r, Regular) || !Covers(r, Bold) || !Covers(r, Italic) || !Covers(r, BoldItalic) {
			t.Errorf("%q (U+%04X) not covered by every sans face", r, r)
		}
	}
	for _, r := range []rune{0x1F642, 0x1D11E, 0x65E5, -1, 0x110000} {
		if Covers(r, Regular) {
			t.Errorf("U+%04X covered", r)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// BenchmarkFontSetup measures what fpdf costs per document per face when it
// embeds the fonts: it parses the TrueType file again for every document
// (AddUTF8FontFromBytes) and cuts a subset when writing. A Doc embeds the
// faces itself instead (BenchmarkEmbed).
func BenchmarkFontSetup(b *testing.B) {
	styles := []Style{Regular, Bold, Italic, BoldItalic}
	for _, n := range []int{0, 1, 2, 4} {
		b.Run(map[int]string{0: "faces=0_core_helvetica", 1: "faces=1", 2: "faces=2", 4: "faces=4"}[n], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f := fpdf.New("P", "mm", "A4", "")
				f.AddPage()
				if n == 0 {
					f.SetFont("Helvetica", "", 10)
					f.Text(20, 20, "Sveiki")
				}
				for _, st := range styles[:n] {
					fam, sty := st.family()
					f.AddUTF8FontFromBytes(fam, sty, st.ttf())
					f.SetFont(fam, sty, 10)
					f.Text(20, 20, "Sveiki, ā č ē ģ")
				}
				var buf bytes.Buffer
				if err := f.Output(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("parse_once_per_process_sfnt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseFace(Regular.ttf()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEmbed measures what a Doc costs per document per face to embed
// the face with the characters of a Latvian form: the subset, its widths and
// glyph map, compressed ("new"), or the same found made by an earlier
// document ("again").
func BenchmarkEmbed(b *testing.B) {
	var used runeSet
	for _, r := range "Kopienu organizācijas veidlapa — 1. solis: Situācijas analīze „Brīnumiņš” ĀČĒĢĪĶĻŅŠŪŽ 0123456789 ()%/?!,.:;" {
		used.add(r)
	}
	for _, again := range []bool{false, true} {
		b.Run(map[bool]string{false: "new", true: "again"}[again], func(b *testing.B) {
			f := mustFace(Regular)
			b.ReportAllocs()
			for b.Loop() {
				if !again {
					f.embeds.mu.Lock()
					f.embeds.m = nil
					f.embeds.mu.Unlock()
				}
				if _, _, err := fontObjects(Regular, &used, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDoc3Pages lays out and writes a 3-page document with fonts, step
// bands, tick boxes, write-in lines, a box, a table and flowing text.
func BenchmarkDoc3Pages(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d := demo(b, 3)
		if _, err := d.Bytes(); err != nil {
			b.Fatal(err)
		}
		if d.Page() != 3 {
			b.Fatalf("%d pages", d.Page())
		}
	}
}

// BenchmarkLayout measures line breaking of rich text alone.
func BenchmarkLayout(b *testing.B) {
	d, err := New()
	if err != nil {
		b.Fatal(err)
	}
	runs := []Run{{Text: "Sadarbība starp pašvaldību un kopienu organizācijām prasa laiku, uzticību un skaidru rīcības plānu. "}, {Text: "Treknraksts", Style: Bold}, {Text: " un saite.", URL: "https://example.org"}}
	b.ReportAllocs()
	for b.Loop() {
		d.TextHeight(ParaStyle{}, runs...)
	}
}

// TestFontsParsedOncePerProcess makes many documents, in parallel, in every
// face, and checks that no font was parsed more than once in this process.
func TestFontsParsedOncePerProcess(t *testing.T) {
	styles := []Style{Regular, Bold, Italic, BoldItalic, Mono}
	make1 := func() {
		d, err := New(WithTitle("x"))
		if err != nil {
			t.Error(err)
			return
		}
		for _, st := range styles {
			d.Text(ParaStyle{Style: st}, Run{Text: "Sveiki, ā č ē ģ ī ķ ļ ņ š ū ž"})
		}
		if _, err := d.Bytes(); err != nil {
			t.Error(err)
		}
	}
	make1()
	before := faceParses.Load()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(make1)
	}
	wg.Wait()
	if after := faceParses.Load(); after != before {
		t.Errorf("8 more documents parsed %d more fonts, want none", after-before)
	}
	if before > int32(numFaces) {
		t.Errorf("%d fonts parsed for %d faces", before, numFaces)
	}
}

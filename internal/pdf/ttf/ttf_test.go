package ttf

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSubset checks that a subset draws every rune with the glyph, outline
// and advance of the whole font, and maps nothing else.
func TestSubset(t *testing.T) {
	sets := map[string]func(r rune) bool{
		"latvian": func(r rune) bool { return r < 0x7f || r == 'ā' || r == 'ņ' || r == 'ŗ' || r == '„' },
		"greek":   func(r rune) bool { return r >= 0x370 && r < 0x400 },
		"all":     func(r rune) bool { return true },
		"none":    func(r rune) bool { return false },
	}
	fonts := map[string][]byte{"sans": liberationsansregular.TTF, "mono-bold-italic": liberationmonobolditalic.TTF}
	for fname, data := range fonts {
		whole, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for name, in := range sets {
			t.Run(fmt.Sprintf("%s/%s", fname, name), func(t *testing.T) {
				var b0 sfnt.Buffer
				var runes []rune
				var gids []uint16
				for r := rune(0x20); r < 0x10000; r++ {
					if g, err := whole.GlyphIndex(&b0, r); err == nil && g != 0 && in(r) {
						runes, gids = append(runes, r), append(gids, uint16(g))
					}
				}
				ttf, newGIDs, err := f.Subset(runes, gids)
				if err != nil {
					t.Fatal(err)
				}
				sub, err := sfnt.Parse(ttf)
				if err != nil {
					t.Fatal(err)
				}
				if name == "none" && sub.NumGlyphs() != 1 {
					t.Errorf("%d glyphs, want glyph 0 alone", sub.NumGlyphs())
				}
				var b1, b2 sfnt.Buffer
				ppem := fixed.I(int(whole.UnitsPerEm()))
				for i, r := range runes {
					g, err := sub.GlyphIndex(&b1, r)
					if err != nil || g != sfnt.GlyphIndex(newGIDs[i]) {
						t.Fatalf("%q: glyph %d, %v; want %d", r, g, err, newGIDs[i])
					}
					a1, err1 := sub.GlyphAdvance(&b1, g, ppem, font.HintingNone)
					a2, err2 := whole.GlyphAdvance(&b2, sfnt.GlyphIndex(gids[i]), ppem, font.HintingNone)
					if a1 != a2 || err1 != nil || err2 != nil {
						t.Fatalf("%q: advance %v, %v; want %v, %v", r, a1, err1, a2, err2)
					}
					s1, err1 := sub.LoadGlyph(&b1, g, ppem, nil)
					s2, err2 := whole.LoadGlyph(&b2, sfnt.GlyphIndex(gids[i]), ppem, nil)
					if !slices.Equal(s1, s2) || err1 != nil || err2 != nil {
						t.Fatalf("%q: outline differs (%v, %v)", r, err1, err2)
					}
				}
				mapped := 0
				for r := rune(0); r < 0x10000; r++ {
					if g, err := sub.GlyphIndex(&b1, r); err == nil && g != 0 {
						mapped++
					}
				}
				if mapped != len(runes) {
					t.Errorf("%d runes mapped, want %d", mapped, len(runes))
				}
			})
		}
	}
}

// TestDesc checks the descriptor of Liberation Sans against its metrics as
// package sfnt reads them (fpdf's own values, for every face, are compared
// in package pdf).
func TestDesc(t *testing.T) {
	f, err := Parse(liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	upem := fixed.I(int(whole.UnitsPerEm()))
	m, err := whole.Metrics(&b, upem, font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	bounds, err := whole.Bounds(&b, upem, font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	milli := func(v fixed.Int26_6) int { return int(float64(v) / 64 * 1000 / float64(whole.UnitsPerEm())) }
	want := Desc{
		Ascent: milli(m.Ascent), Descent: -milli(m.Descent), CapHeight: milli(m.CapHeight),
		Flags: 4, // symbolic, as fpdf sets it; not bold, italic or fixed pitch
		// sfnt's y axis points down
		BBox:         [4]int{milli(bounds.Min.X), -milli(bounds.Max.Y), milli(bounds.Max.X), -milli(bounds.Min.Y)},
		ItalicAngle:  0,
		StemV:        87,  // 50 + (weight 400 / 65)²
		MissingWidth: 750, // the advance of glyph 0
	}
	if got := f.Desc(); got != want {
		t.Errorf("descriptor %+v, want %+v", got, want)
	}
}

// TestParseBad checks that what is not a TrueType file, or is cut short,
// is refused with an error rather than a panic.
func TestParseBad(t *testing.T) {
	data := liberationsansregular.TTF
	for _, in := range [][]byte{nil, []byte("OTTO0000000000000"), data[:11], data[:200], data[:len(data)/2]} {
		if _, err := Parse(in); err == nil {
			t.Errorf("%d bytes: no error", len(in))
		}
	}
	if _, err := Parse(data[:200]); !errors.Is(err, ErrMalformed) {
		t.Errorf("cut font: %v, want ErrMalformed", err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Subset([]rune{'a'}, []uint16{uint16(f.NumGlyphs())}); err == nil {
		t.Error("glyph beyond the font: no error")
	}
}

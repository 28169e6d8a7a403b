package pdf

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/partnership-roadmap/roadmap/internal/pdf/ttf"
)

// Style is the face of a text run: a combination of Bold, Italic and Mono.
// The zero value is the regular sans-serif face.
type Style uint8

// The faces of a run. Bold and Italic combine (Bold|Italic); Mono selects the
// monospaced family and combines with both.
const (
	Regular    Style = 0
	Bold       Style = 1 << 0
	Italic     Style = 1 << 1
	BoldItalic Style = Bold | Italic
	Mono       Style = 1 << 2
)

const numFaces = 8

// family returns the fpdf family and style strings of s.
func (s Style) family() (family, style string) {
	family = "LiberationSans"
	if s&Mono != 0 {
		family = "LiberationMono"
	}
	switch s & BoldItalic {
	case Bold:
		style = "B"
	case Italic:
		style = "I"
	case BoldItalic:
		style = "BI"
	}
	return family, style
}

// fontName returns the name the face is embedded under: the name fpdf gave
// it ("utf8liberationsansB"), so that documents read as before.
func (s Style) fontName() string {
	fam, sty := s.family()
	return "utf8" + strings.ToLower(fam) + sty
}

func (s Style) ttf() []byte {
	switch s & (BoldItalic | Mono) {
	case Bold:
		return liberationsansbold.TTF
	case Italic:
		return liberationsansitalic.TTF
	case BoldItalic:
		return liberationsansbolditalic.TTF
	case Mono:
		return liberationmonoregular.TTF
	case Mono | Bold:
		return liberationmonobold.TTF
	case Mono | Italic:
		return liberationmonoitalic.TTF
	case Mono | BoldItalic:
		return liberationmonobolditalic.TTF
	}
	return liberationsansregular.TTF
}

// face is what this package knows about one font face, computed once per
// process: which runes of the Basic Multilingual Plane it can draw, their
// glyphs and advance widths in thousandths of an em (exactly as fpdf computes
// them, so that measuring here and drawing there agree), its vertical
// metrics, and what embedding a subset of it needs (see embed.go).
//
// Runes are looked up in the font the first time they are measured and the
// answer is kept, so a process pays only for the characters it draws (a
// whole-BMP scan would cost milliseconds per face at every start). The cache
// is safe for concurrent use: documents are laid out in parallel.
type face struct {
	fnt     *sfnt.Font
	scale   float64
	ppem    fixed.Int26_6
	cache   []atomic.Uint32 // per BMP rune: 0 unknown, 1 no glyph, else glyph<<16 | width+2
	missing int             // width fpdf uses for a missing rune
	ascent  float64         // em fraction above the baseline
	descent float64         // em fraction below the baseline (positive)
	bufs    sync.Pool       // *sfnt.Buffer
	sub     *ttf.Font       // the raw tables, for embedding subsets
	embeds  embeddings      // subsets embedded last
}

var faces [numFaces]struct {
	once sync.Once
	f    *face
	err  error
}

// faceOf returns the face of style s, parsing its font the first time.
func faceOf(s Style) (*face, error) {
	s &= BoldItalic | Mono
	e := &faces[s]
	e.once.Do(func() {
		if e.f, e.err = parseFace(s.ttf()); e.err != nil {
			e.err = fmt.Errorf("font %s: %w", s.fontName(), e.err)
		}
	})
	return e.f, e.err
}

// mustFace is faceOf for the embedded fonts, which are known to parse; a
// failure is a broken build and is reported as a panic that Doc turns into
// an error.
func mustFace(s Style) *face {
	f, err := faceOf(s)
	if err != nil {
		panic(err)
	}
	return f
}

// faceParses counts the fonts parsed by this process, for tests.
var faceParses atomic.Int32

func parseFace(data []byte) (*face, error) {
	faceParses.Add(1)
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("parsing embedded font: %w", err)
	}
	var buf sfnt.Buffer
	upem := int(fnt.UnitsPerEm())
	m, err := fnt.Metrics(&buf, fixed.I(upem), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("reading font metrics: %w", err)
	}
	f := &face{
		fnt:     fnt,
		scale:   1000 / float64(upem),
		cache:   make([]atomic.Uint32, 0x10000),
		ppem:    fixed.I(upem),
		ascent:  float64(m.Ascent) / 64 / float64(upem),
		descent: float64(m.Descent) / 64 / float64(upem),
	}
	f.bufs.New = func() any { return new(sfnt.Buffer) }
	if adv, err := fnt.GlyphAdvance(&buf, 0, f.ppem, font.HintingNone); err == nil {
		f.missing = int(f.scale*float64(adv)/64 + 0.5)
	}
	if f.sub, err = ttf.Parse(data); err != nil {
		return nil, err
	}
	return f, nil
}

// glyph returns the glyph the font's character map gives BMP rune r (0 for
// none) and its advance width, as fpdf reads them from the font.
func (f *face) glyph(r rune) (gid uint16, width int) {
	c := f.cache[r].Load()
	if c == 0 {
		c = 1
		buf := f.bufs.Get().(*sfnt.Buffer)
		if gi, err := f.fnt.GlyphIndex(buf, r); err == nil && gi != 0 {
			if adv, err := f.fnt.GlyphAdvance(buf, gi, f.ppem, font.HintingNone); err == nil {
				if w := uint32(f.scale*float64(adv)/64+0.5) + 2; w <= 0xffff {
					c = uint32(gi)<<16 | w
				}
			}
		}
		f.bufs.Put(buf)
		f.cache[r].Store(c)
	}
	if c == 1 {
		return 0, 0
	}
	return uint16(c >> 16), int(c&0xffff) - 2
}

// lookup returns whether the face has a glyph for BMP rune r, and its width.
// Control characters are never drawn.
func (f *face) lookup(r rune) (ok bool, width int) {
	gid, w := f.glyph(r)
	if gid == 0 || r < 0x20 {
		return false, 0
	}
	return true, w
}

// covers reports whether the face can draw r.
func (f *face) covers(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	ok, _ := f.lookup(r)
	return ok
}

// width returns the advance of s at size pt, in mm, as fpdf will draw it.
func (f *face) width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		if r >= 0x10000 {
			w += f.missing
			continue
		}
		switch ok, rw := f.lookup(r); {
		case ok:
			w += rw
		case f.missing != 0:
			w += f.missing
		default:
			w += 500
		}
	}
	return float64(w) * size / 1000 * ptToMM
}

// Width returns the width in mm of s drawn in style st at size pt. It needs
// no document: widths are computed once per process.
func Width(s string, st Style, size float64) float64 {
	return mustFace(st).width(s, size)
}

// Covers reports whether the embedded font of style st can draw r.
func Covers(r rune, st Style) bool {
	return mustFace(st).covers(r)
}

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

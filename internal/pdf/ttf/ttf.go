// Package ttf cuts subsets of TrueType fonts for embedding in PDF: the
// glyphs of the characters a document draws, with the glyphs they are
// composed of, renumbered, under a character map of those characters. It
// also reads the values a PDF font descriptor needs, computed as fpdf
// (codeberg.org/go-pdf/fpdf) computes them, so that documents whose fonts
// are embedded with this package read as those fpdf embeds.
//
// A Font is parsed once and may then cut subsets from many goroutines.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Desc is a font's PDF font descriptor, in thousandths of an em, with the
// values fpdf computes.
type Desc struct {
	Ascent, Descent, CapHeight int
	// Flags are the descriptor's flags (fixed pitch, italic, bold...).
	Flags int
	// BBox is the font's bounding box: xMin, yMin, xMax, yMax.
	BBox         [4]int
	ItalicAngle  int
	StemV        int
	MissingWidth int
}

// Font is a parsed TrueType font: its tables, found once, from which
// subsets are cut.
type Font struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	longLoca    bool
	desc        Desc
}

// Desc returns the font's descriptor.
func (s *Font) Desc() Desc { return s.desc }

// NumGlyphs returns the number of glyphs of the font.
func (s *Font) NumGlyphs() int { return s.numGlyphs }

func be16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }

func bes16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }

// ErrMalformed is the error of a font file whose tables do not hold
// together.
var ErrMalformed = errors.New("malformed TrueType file")

// Parse reads the table directory of TrueType file ttf and what the font
// descriptor needs, as fpdf reads them. The font keeps ttf, which must not
// change afterwards.
func Parse(ttf []byte) (*Font, error) {
	s := new(Font)
	if err := s.init(ttf); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Font) init(ttf []byte) error {
	if len(ttf) < 12 {
		return ErrMalformed
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return fmt.Errorf("not a TrueType font (version %#x)", v)
	}
	n := be16(ttf, 4)
	if len(ttf) < 12+16*n {
		return ErrMalformed
	}
	s.tables = make(map[string][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(ttf)) {
			return ErrMalformed
		}
		s.tables[string(rec[:4])] = ttf[off : off+size : off+size]
	}
	head, hhea, maxp, hmtx, post := s.tables["head"], s.tables["hhea"], s.tables["maxp"], s.tables["hmtx"], s.tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 16 || s.tables["glyf"] == nil || s.tables["loca"] == nil {
		return ErrMalformed
	}
	s.numGlyphs = be16(maxp, 4)
	s.numHMetrics = be16(hhea, 34)
	s.longLoca = be16(head, 50) == 1
	locaSize := 2
	if s.longLoca {
		locaSize = 4
	}
	if s.numHMetrics == 0 || s.numHMetrics > s.numGlyphs || len(hmtx) < 4*s.numHMetrics+2*(s.numGlyphs-s.numHMetrics) ||
		len(s.tables["loca"]) < locaSize*(s.numGlyphs+1) {
		return ErrMalformed
	}

	// The descriptor, computed as fpdf's parseHEADTable, parseHHEATable,
	// parseOS2Table and parsePOSTTable do (fonts_test.go checks it).
	d := &s.desc
	upem := be16(head, 18)
	if upem == 0 {
		return ErrMalformed
	}
	scale := 1000 / float64(upem)
	for i := range d.BBox {
		d.BBox[i] = int(float64(bes16(head, 36+2*i)) * scale)
	}
	d.Ascent = int(float64(bes16(hhea, 4)) * scale)
	d.Descent = int(float64(bes16(hhea, 6)) * scale)
	weight := 500
	if os2 := s.tables["OS/2"]; os2 != nil {
		if len(os2) < 90 {
			return ErrMalformed
		}
		weight = be16(os2, 4)
		if fsType := be16(os2, 8); fsType == 0x0002 || fsType&0x0300 != 0 {
			return errors.New("the font's licence does not allow embedding")
		}
		if d.Ascent == 0 {
			d.Ascent = int(float64(bes16(os2, 68)) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(bes16(os2, 70)) * scale)
		}
		d.CapHeight = d.Ascent
		if be16(os2, 0) > 1 {
			d.CapHeight = int(float64(bes16(os2, 88)) * scale)
		}
	} else {
		if d.Ascent == 0 {
			d.Ascent = int(float64(d.BBox[3]) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(d.BBox[1]) * scale)
		}
		d.CapHeight = d.Ascent
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	d.ItalicAngle = bes16(post, 4) // fpdf drops the fraction
	d.Flags = 4
	if d.ItalicAngle != 0 {
		d.Flags |= 64
	}
	if weight >= 600 {
		d.Flags |= 262144
	}
	if binary.BigEndian.Uint32(post[12:]) != 0 {
		d.Flags |= 1
	}
	adv0 := be16(hmtx, 0)
	if adv0 >= 1<<15 {
		adv0 = 0
	}
	d.MissingWidth = int(math.Floor(scale*float64(adv0) + 0.5))
	return nil
}

// glyphData returns the glyf entry of glyph g.
func (s *Font) glyphData(g int) ([]byte, error) {
	loca, glyf := s.tables["loca"], s.tables["glyf"]
	var from, to int
	if s.longLoca {
		from, to = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		from, to = 2*be16(loca, 2*g), 2*be16(loca, 2*g+2)
	}
	if from > to || to > len(glyf) {
		return nil, ErrMalformed
	}
	return glyf[from:to], nil
}

// Composite glyph flags.
const (
	argWords       = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls fn with the offset of each component's glyph index in
// composite glyph data, and does nothing for a simple glyph.
func components(data []byte, fn func(off int) error) error {
	if len(data) < 10 || bes16(data, 0) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(data) {
			return ErrMalformed
		}
		flags := be16(data, p)
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// Subset returns a TrueType file with the glyphs of runes (whose glyphs in
// the whole font are gids, none 0; runes in increasing order), the glyphs they are composed of and
// glyph 0, and the glyph of each rune in it. It has the tables fpdf's
// subsets have: the glyphs renumbered in their original order (glyf, loca,
// hmtx), a character map of the runes (cmap), the header tables adjusted
// (head, hhea, maxp, post without glyph names), and name, OS/2 and the
// hinting tables (cvt, fpgm, prep, gasp) as they are.
func (s *Font) Subset(runes []rune, gids []uint16) (ttf []byte, newGIDs []uint16, err error) {
	keep := make([]bool, s.numGlyphs)
	keep[0] = true
	work := make([]int, 0, len(gids)+8)
	for _, g := range gids {
		if int(g) >= s.numGlyphs {
			return nil, nil, ErrMalformed
		}
		if !keep[g] {
			keep[g] = true
			work = append(work, int(g))
		}
	}
	for len(work) > 0 { // add the components of composite glyphs
		g := work[len(work)-1]
		work = work[:len(work)-1]
		data, err := s.glyphData(g)
		if err != nil {
			return nil, nil, err
		}
		err = components(data, func(off int) error {
			c := be16(data, off)
			if c >= s.numGlyphs {
				return ErrMalformed
			}
			if !keep[c] {
				keep[c] = true
				work = append(work, c)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	newID := make([]uint16, s.numGlyphs)
	var order []int
	for g, k := range keep {
		if k {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	n := len(order)

	// glyf, loca, hmtx
	hmtx := s.tables["hmtx"]
	glyf := make([]byte, 0, 64*n)
	offsets := make([]int, 0, n+1)
	hm := make([]byte, 4*n)
	for i, g := range order {
		offsets = append(offsets, len(glyf))
		data, err := s.glyphData(g)
		if err != nil {
			return nil, nil, err
		}
		start := len(glyf)
		glyf = append(glyf, data...)
		err = components(data, func(off int) error {
			binary.BigEndian.PutUint16(glyf[start+off:], newID[be16(data, off)])
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		if g < s.numHMetrics {
			copy(hm[4*i:], hmtx[4*g:4*g+4])
		} else {
			copy(hm[4*i:], hmtx[4*(s.numHMetrics-1):4*(s.numHMetrics-1)+2])
			copy(hm[4*i+2:], hmtx[4*s.numHMetrics+2*(g-s.numHMetrics):][:2])
		}
	}
	offsets = append(offsets, len(glyf))
	longLoca := len(glyf) > 0x1fffe
	var loca []byte
	if longLoca {
		loca = make([]byte, 4*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint32(loca[4*i:], uint32(o))
		}
	} else {
		loca = make([]byte, 2*len(offsets))
		for i, o := range offsets {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(o/2))
		}
	}

	newGIDs = make([]uint16, len(runes))
	for i, g := range gids {
		newGIDs[i] = newID[g]
	}

	head := slices.Clone(s.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], map[bool]uint16{false: 0, true: 1}[longLoca])
	hhea := slices.Clone(s.tables["hhea"][:36])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(s.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := make([]byte, 32)
	post[1] = 3 // version 3: no glyph names
	copy(post[4:16], s.tables["post"][4:16])

	tables := []fontTable{
		{"cmap", cmapTable(runes, newGIDs)},
		{"glyf", glyf},
		{"head", head},
		{"hhea", hhea},
		{"hmtx", hm},
		{"loca", loca},
		{"maxp", maxp},
		{"post", post},
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"} {
		if t := s.tables[tag]; len(t) > 0 {
			tables = append(tables, fontTable{tag, t})
		}
	}
	return assembleFont(tables), newGIDs, nil
}

type fontTable struct {
	tag  string
	data []byte
}

// cmapTable returns a cmap table with one format 4 subtable (Windows,
// Unicode BMP) that maps runes, in increasing order, to gids.
func cmapTable(runes []rune, gids []uint16) []byte {
	type segment struct {
		start, end rune
		delta      uint16
	}
	var segs []segment
	for i, r := range runes {
		delta := gids[i] - uint16(r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == r && segs[n-1].delta == delta {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, segment{r, r, delta})
	}
	segs = append(segs, segment{0xffff, 0xffff, 1})
	n := len(segs)
	b := make([]byte, 12+16+8*n)
	be := binary.BigEndian
	be.PutUint16(b[2:], 1)  // one subtable
	be.PutUint16(b[4:], 3)  // Windows
	be.PutUint16(b[6:], 1)  // Unicode BMP
	be.PutUint32(b[8:], 12) // at offset 12
	sub := b[12:]
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	p := 1 << (bits.Len(uint(n)) - 1) // largest power of two ≤ n
	be.PutUint16(sub[8:], uint16(2*p))
	be.PutUint16(sub[10:], uint16(bits.Len(uint(p))-1))
	be.PutUint16(sub[12:], uint16(2*n-2*p))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0
	}
	return b
}

// assembleFont returns a TrueType file of tables, with checksums.
func assembleFont(tables []fontTable) []byte {
	slices.SortFunc(tables, func(a, b fontTable) int {
		return int(binary.BigEndian.Uint32([]byte(a.tag))) - int(binary.BigEndian.Uint32([]byte(b.tag)))
	})
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be := binary.BigEndian
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	p := 1 << (bits.Len(uint(n)) - 1)
	be.PutUint16(out[6:], uint16(16*p))
	be.PutUint16(out[8:], uint16(bits.Len(uint(p))-1))
	be.PutUint16(out[10:], uint16(16*n-16*p))
	headAt := -1
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		if t.tag == "head" {
			headAt = len(out)
		}
		start := len(out)
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		be.PutUint32(rec[4:], checksum(out[start:]))
		be.PutUint32(rec[8:], uint32(start))
		be.PutUint32(rec[12:], uint32(len(t.data)))
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xb1b0afba-checksum(out))
	}
	return out
}

// checksum is the TrueType checksum of b, whose length is a multiple of 4.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
)

// Fonts are embedded here rather than by fpdf. fpdf parses the whole
// TrueType file of every face again for every document, keeps a 65,536-entry
// width table per face that it then hashes as JSON, parses the file once
// more to cut the subset, and compresses each face's streams with a new
// megabyte-sized zlib writer: about 3 ms per face per document, most of what
// a form cost. The widths, glyphs and metrics are known here once per
// process, so a Doc has fpdf draw text in a placeholder core font per face
// (Helvetica or Courier, in the face's style), hands it the text already
// encoded as fpdf encodes it for a Unicode font (UTF-16BE character codes,
// the same bytes in the content stream), records the characters drawn, and
// in Bytes replaces each placeholder's font object with the embedded face:
// the same objects fpdf writes for a UTF-8 font — a Type0 font with
// Identity-H encoding and the identity ToUnicode map, a CIDFontType2 with
// the widths of the characters drawn and a CIDToGIDMap, the font descriptor
// with fpdf's metrics, and a TrueType subset holding the glyphs drawn
// (TestEmbeddedAsFpdf checks that the pages look the same to the pixel).
// Unlike fpdf's, the CIDToGIDMap ends at the last character drawn, and what
// embeds a face with a set of characters is kept for the next document that
// draws the same (embeddings).

// placeholder returns the fpdf core font family and style standing in for
// face s while a document is drawn.
func (s Style) placeholder() (family, style string) {
	family = "Helvetica"
	if s&Mono != 0 {
		family = "Courier"
	}
	_, style = s.family()
	return family, style
}

// placeholders maps the BaseFont fpdf writes for each placeholder core font
// back to the face it stands for.
var placeholders = map[string]Style{
	"Helvetica": Regular, "Helvetica-Bold": Bold, "Helvetica-Oblique": Italic, "Helvetica-BoldOblique": BoldItalic,
	"Courier": Mono, "Courier-Bold": Mono | Bold, "Courier-Oblique": Mono | Italic, "Courier-BoldOblique": Mono | BoldItalic,
}

// runeSet is a set of BMP runes.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) { s[r>>6] |= 1 << (r & 63) }

// runes returns the runes of the set in increasing order.
func (s *runeSet) runes() []rune {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	out := make([]rune, 0, n)
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6+b))
			w &= w - 1
		}
	}
	return out
}

// appendUTF16 appends s to b as UTF-16BE character codes, the encoding fpdf
// gives text in a UTF-8 font, and adds its runes to used. Clean leaves no
// rune above U+FFFF; one that came anyway would be drawn as U+FFFD.
func appendUTF16(b []byte, s string, used *runeSet) []byte {
	for _, r := range s {
		if r > 0xffff {
			r = 0xfffd
		}
		if used != nil {
			used.add(r)
		}
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

// fontDesc is a face's font descriptor, with the values fpdf computes.
type fontDesc struct {
	ascent, descent, capHeight int
	flags                      int
	bbox                       [4]int
	italicAngle                int
	stemV                      int
	missingWidth               int
}

// subsetter cuts TrueType subsets of one font: the tables of the font file,
// found once per process.
type subsetter struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	longLoca    bool
	desc        fontDesc
}

func be16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }

func bes16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }

var errFontFile = errors.New("malformed TrueType file")

// init reads the table directory of TrueType file ttf and what the font
// descriptor needs, as fpdf reads them.
func (s *subsetter) init(ttf []byte) error {
	if len(ttf) < 12 {
		return errFontFile
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return fmt.Errorf("not a TrueType font (version %#x)", v)
	}
	n := be16(ttf, 4)
	if len(ttf) < 12+16*n {
		return errFontFile
	}
	s.tables = make(map[string][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(ttf)) {
			return errFontFile
		}
		s.tables[string(rec[:4])] = ttf[off : off+size : off+size]
	}
	head, hhea, maxp, hmtx, post := s.tables["head"], s.tables["hhea"], s.tables["maxp"], s.tables["hmtx"], s.tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 16 || s.tables["glyf"] == nil || s.tables["loca"] == nil {
		return errFontFile
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
		return errFontFile
	}

	// The descriptor, computed as fpdf's parseHEADTable, parseHHEATable,
	// parseOS2Table and parsePOSTTable do (fonts_test.go checks it).
	d := &s.desc
	upem := be16(head, 18)
	if upem == 0 {
		return errFontFile
	}
	scale := 1000 / float64(upem)
	for i := range d.bbox {
		d.bbox[i] = int(float64(bes16(head, 36+2*i)) * scale)
	}
	d.ascent = int(float64(bes16(hhea, 4)) * scale)
	d.descent = int(float64(bes16(hhea, 6)) * scale)
	weight := 500
	if os2 := s.tables["OS/2"]; os2 != nil {
		if len(os2) < 90 {
			return errFontFile
		}
		weight = be16(os2, 4)
		if fsType := be16(os2, 8); fsType == 0x0002 || fsType&0x0300 != 0 {
			return errors.New("the font's licence does not allow embedding")
		}
		if d.ascent == 0 {
			d.ascent = int(float64(bes16(os2, 68)) * scale)
		}
		if d.descent == 0 {
			d.descent = int(float64(bes16(os2, 70)) * scale)
		}
		d.capHeight = d.ascent
		if be16(os2, 0) > 1 {
			d.capHeight = int(float64(bes16(os2, 88)) * scale)
		}
	} else {
		if d.ascent == 0 {
			d.ascent = int(float64(d.bbox[3]) * scale)
		}
		if d.descent == 0 {
			d.descent = int(float64(d.bbox[1]) * scale)
		}
		d.capHeight = d.ascent
	}
	d.stemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	d.italicAngle = bes16(post, 4) // fpdf drops the fraction
	d.flags = 4
	if d.italicAngle != 0 {
		d.flags |= 64
	}
	if weight >= 600 {
		d.flags |= 262144
	}
	if binary.BigEndian.Uint32(post[12:]) != 0 {
		d.flags |= 1
	}
	adv0 := be16(hmtx, 0)
	if adv0 >= 1<<15 {
		adv0 = 0
	}
	d.missingWidth = int(math.Floor(scale*float64(adv0) + 0.5))
	return nil
}

// glyphData returns the glyf entry of glyph g.
func (s *subsetter) glyphData(g int) ([]byte, error) {
	loca, glyf := s.tables["loca"], s.tables["glyf"]
	var from, to int
	if s.longLoca {
		from, to = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		from, to = 2*be16(loca, 2*g), 2*be16(loca, 2*g+2)
	}
	if from > to || to > len(glyf) {
		return nil, errFontFile
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
			return errFontFile
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

// subset returns a TrueType file with the glyphs of runes (whose glyphs in
// the whole font are gids, none 0), the glyphs they are composed of and
// glyph 0, and the glyph of each rune in it. It has the tables fpdf's
// subsets have: the glyphs renumbered in their original order (glyf, loca,
// hmtx), a character map of the runes (cmap), the header tables adjusted
// (head, hhea, maxp, post without glyph names), and name, OS/2 and the
// hinting tables (cvt, fpgm, prep, gasp) as they are.
func (s *subsetter) subset(runes []rune, gids []uint16) (ttf []byte, newGIDs []uint16, err error) {
	keep := make([]bool, s.numGlyphs)
	keep[0] = true
	work := make([]int, 0, len(gids)+8)
	for _, g := range gids {
		if int(g) >= s.numGlyphs {
			return nil, nil, errFontFile
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
				return errFontFile
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

// toUnicode is the CMap fpdf gives every UTF-8 font: character codes are
// Unicode code points.
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

var toUnicodeZ = sync.OnceValue(func() []byte { return deflate([]byte(toUnicode)) })

// embedding is what embeds a face with a set of characters, but for the
// numbers of the objects: the same for every document that draws those
// characters in that face.
type embedding struct {
	widths []byte // the CIDFont's W array
	cidMap []byte // the CIDToGIDMap, deflated
	file   []byte // the TrueType subset, deflated
	size   int    // its size before
}

// embeddings keeps the embeddings of a face made last, by the characters
// they hold: the documents of a batch draw much the same characters (every
// bold text of a form is the content's), and an embedding takes a quarter
// of a millisecond to make, mostly compressing the subset.
type embeddings struct {
	mu sync.Mutex
	m  map[string]*embedding
}

// maxEmbeddings bounds the embeddings kept per face.
const maxEmbeddings = 32

// embed returns the embedding of face f with the runes of used it has glyphs
// for.
func (f *face) embed(used *runeSet) (*embedding, error) {
	var runes []rune
	if used != nil {
		runes = used.runes()
	}
	// the runes the font has a glyph for, and their glyphs
	gids := make([]uint16, 0, len(runes))
	widths := make([]int, 0, len(runes))
	drawn := runes[:0]
	for _, r := range runes {
		if g, w := f.glyph(r); g != 0 {
			drawn = append(drawn, r)
			gids = append(gids, g)
			widths = append(widths, w)
		}
	}
	key := string(drawn)
	f.embeds.mu.Lock()
	e := f.embeds.m[key]
	f.embeds.mu.Unlock()
	if e != nil {
		return e, nil
	}

	ttf, newGIDs, err := f.sub.subset(drawn, gids)
	if err != nil {
		return nil, err
	}
	e = &embedding{file: deflate(ttf), size: len(ttf)}
	var b []byte
	for i := 0; i < len(drawn); {
		j := i + 1
		for j < len(drawn) && drawn[j] == drawn[j-1]+1 {
			j++
		}
		b = fmt.Appendf(b, " %d [", drawn[i])
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(widths[k]), 10)
		}
		b = append(b, ']')
		i = j
	}
	e.widths = b
	// The map ends at the last character drawn (fpdf's goes on to U+FFFF
	// in zeros, which cost as much to compress as the font file).
	size := 2
	if len(drawn) > 0 {
		size = 2*int(drawn[len(drawn)-1]) + 2
	}
	m := make([]byte, size)
	for i, r := range drawn {
		m[2*r], m[2*r+1] = byte(newGIDs[i]>>8), byte(newGIDs[i])
	}
	e.cidMap = deflate(m)

	f.embeds.mu.Lock()
	if f.embeds.m == nil || len(f.embeds.m) >= maxEmbeddings {
		f.embeds.m = make(map[string]*embedding)
	}
	f.embeds.m[key] = e
	f.embeds.mu.Unlock()
	return e, nil
}

// fontObjects returns the objects that embed face st with the runes used:
// the Type0 font's dictionary, which takes the place of the placeholder
// object, and the objects it refers to, numbered from first on.
func fontObjects(st Style, used *runeSet, first int) (dict []byte, objs [][]byte, err error) {
	f, err := faceOf(st)
	if err != nil {
		return nil, nil, err
	}
	name := st.fontName()
	e, err := f.embed(used)
	if err != nil {
		return nil, nil, fmt.Errorf("embedding font %s: %w", name, err)
	}
	cidFont, toUni, sysInfo, descr, cidMap, file := first, first+1, first+2, first+3, first+4, first+5

	dict = fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\n", name, cidFont, toUni)

	b := fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo %d 0 R\n/FontDescriptor %d 0 R\n", name, sysInfo, descr)
	if dw := f.sub.desc.missingWidth; dw != 0 {
		b = fmt.Appendf(b, "/DW %d\n", dw)
	}
	b = append(b, "/W ["...)
	b = append(b, e.widths...)
	b = fmt.Appendf(b, " ]\n/CIDToGIDMap %d 0 R>>\n", cidMap)
	objs = append(objs, b)

	objs = append(objs, streamObject(nil, toUnicodeZ(), ""))
	objs = append(objs, []byte("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>\n"))

	d := f.sub.desc
	objs = append(objs, fmt.Appendf(nil, "<</Type /FontDescriptor /FontName /%s\n/Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R>>\n",
		name, d.ascent, d.descent, d.capHeight, (d.flags|4)&^32, d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3], d.italicAngle, d.stemV, d.missingWidth, file))
	objs = append(objs, streamObject(nil, e.cidMap, ""))
	objs = append(objs, streamObject(nil, e.file, " /Length1 "+strconv.Itoa(e.size)))
	return dict, objs, nil
}

// streamObject appends to b the body of an object holding a deflated
// stream z, with more entries for its dictionary.
func streamObject(b, z []byte, more string) []byte {
	b = fmt.Appendf(b, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", len(z), more)
	b = append(b, z...)
	return append(b, "\nendstream\n"...)
}

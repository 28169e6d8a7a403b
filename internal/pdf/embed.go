package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/bits"
	"strconv"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/partnership-roadmap/roadmap/internal/pdf/rewrite"
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
// draws the same (embeddings). The font subsets are cut by package ttf and
// the PDF is rewritten by package rewrite; this file is the seam between
// them and fpdf.

// embedder is how the fonts of a Doc reach the PDF: what fpdf is told to
// draw text in, how the text is handed to it, and what is done with the PDF
// fpdf writes. A Doc has one per document; subsetEmbedder is the one
// documents use (the tests keep another, fpdf embedding the fonts itself,
// as the reference documents are compared with).
type embedder interface {
	// font returns the fpdf family and style to set for face st; the first
	// call for a face may register a font with f.
	font(f *fpdf.Fpdf, st Style) (family, style string)
	// encode appends to b clean text s drawn in face st, as fpdf is to be
	// given it; for an outline entry (outline) the text is drawn in no face.
	encode(b []byte, s string, st Style, outline bool) []byte
	// bytes returns the finished PDF made from fpdf's output raw, with the
	// objects also replaces (if not nil) replaced, and packed (see
	// rewrite.Pack) if pack is set.
	bytes(raw []byte, also rewrite.ReplaceFunc, pack bool) ([]byte, error)
}

// subsetEmbedder has fpdf draw in placeholder core fonts and puts subsets
// of the faces in their place (see above).
type subsetEmbedder struct {
	used     [numFaces]*runeSet // per face drawn in, the runes drawn
	embedded [numFaces]bool     // per face, whether bytes has embedded it
}

func newSubsetEmbedder() embedder { return new(subsetEmbedder) }

func (e *subsetEmbedder) font(_ *fpdf.Fpdf, st Style) (family, style string) {
	if e.used[st] == nil {
		e.used[st] = new(runeSet)
	}
	return st.placeholder()
}

// encode encodes s as fpdf encodes text in a UTF-8 font: UTF-16BE, after a
// byte order mark for outline entries. The runes drawn are recorded.
func (e *subsetEmbedder) encode(b []byte, s string, st Style, outline bool) []byte {
	if outline {
		return appendUTF16(append(b, 0xfe, 0xff), s, nil)
	}
	return appendUTF16(b, s, e.used[st])
}

func (e *subsetEmbedder) bytes(raw []byte, also rewrite.ReplaceFunc, pack bool) ([]byte, error) {
	write := rewrite.Rewrite
	if pack {
		write = rewrite.RewritePacked
	}
	out, err := write(raw, chain(e.embedFont, also))
	for st, used := range e.used {
		if err == nil && used != nil && !e.embedded[st] {
			err = fmt.Errorf("font %s not found to embed", Style(st).fontName())
		}
	}
	return out, err
}

// embedFont is the rewrite.ReplaceFunc that puts the faces drawn in in
// place of their placeholder core fonts.
func (e *subsetEmbedder) embedFont(obj []byte, next int) (body []byte, added [][]byte, err error) {
	const head, tail = "<</Type /Font\n/BaseFont /", "\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>\nendobj\n"
	i := bytes.Index(obj, []byte(" 0 obj\n"))
	if i < 0 || i > 12 || !bytes.HasPrefix(obj[i+7:], []byte(head)) {
		return nil, nil, nil
	}
	name, rest, ok := bytes.Cut(obj[i+7+len(head):], []byte("\n"))
	if !ok || !bytes.Equal(append([]byte("\n"), rest...), []byte(tail)) {
		return nil, nil, fmt.Errorf("unexpected font object %q", obj)
	}
	st, ok := placeholders[string(name)]
	if !ok {
		return nil, nil, fmt.Errorf("unexpected font %s", name)
	}
	e.embedded[st] = true
	return fontObjects(st, e.used[st], next)
}

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

// toUnicode is the CMap fpdf gives every UTF-8 font: character codes are
// Unicode code points.
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// toUnicodeObject is the body of the object of the toUnicode CMap, the
// same in every document.
var toUnicodeObject = sync.OnceValue(func() []byte {
	return rewrite.StreamObject(nil, rewrite.Deflate([]byte(toUnicode)), "")
})

// embedding is what embeds a face with a set of characters, but for the
// numbers of the objects: the same for every document that draws those
// characters in that face.
type embedding struct {
	widths []byte // the CIDFont's W array
	// tag is the subset's tag ("ABCDEF"), made from the characters it holds
	tag string
	// the bodies of the objects of the CIDToGIDMap and of the TrueType
	// subset, deflated; a document's PDF holds them as they are, not copied
	// (they must not change)
	cidMap, file []byte
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

	ttf, newGIDs, err := f.sub.Subset(drawn, gids)
	if err != nil {
		return nil, err
	}
	e = &embedding{file: rewrite.StreamObject(nil, rewrite.Deflate(ttf), " /Length1 "+strconv.Itoa(len(ttf))), tag: subsetTag(key)}
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
	e.cidMap = rewrite.StreamObject(nil, rewrite.Deflate(m), "")

	f.embeds.mu.Lock()
	if f.embeds.m == nil || len(f.embeds.m) >= maxEmbeddings {
		f.embeds.m = make(map[string]*embedding)
	}
	f.embeds.m[key] = e
	f.embeds.mu.Unlock()
	return e, nil
}

// subsetTag returns the tag of a font subset holding the characters of key:
// six capital letters (ISO 32000-1, 9.6.4), the same for the same
// characters, so that output is deterministic.
func subsetTag(key string) string {
	h := fnv.New64a()
	h.Write([]byte(key))
	v := h.Sum64()
	var b [6]byte
	for i := range b {
		b[i] = byte('A' + v%26)
		v /= 26
	}
	return string(b[:])
}

// fontObjects returns the objects that embed face st with the runes used:
// the Type0 font's dictionary, which takes the place of the placeholder
// object, and the objects it refers to, numbered from first on.
func fontObjects(st Style, used *runeSet, first int) (dict []byte, objs [][]byte, err error) {
	f, err := faceOf(st)
	if err != nil {
		return nil, nil, err
	}
	e, err := f.embed(used)
	if err != nil {
		return nil, nil, fmt.Errorf("embedding font %s: %w", st.fontName(), err)
	}
	name := e.tag + "+" + st.fontName()
	cidFont, toUni, sysInfo, descr, cidMap, file := first, first+1, first+2, first+3, first+4, first+5

	dict = fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\n", name, cidFont, toUni)

	b := fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo %d 0 R\n/FontDescriptor %d 0 R\n", name, sysInfo, descr)
	if dw := f.sub.Desc().MissingWidth; dw != 0 {
		b = fmt.Appendf(b, "/DW %d\n", dw)
	}
	b = append(b, "/W ["...)
	b = append(b, e.widths...)
	b = fmt.Appendf(b, " ]\n/CIDToGIDMap %d 0 R>>\n", cidMap)
	objs = append(objs, b)

	objs = append(objs, toUnicodeObject())
	objs = append(objs, []byte("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>\n"))

	d := f.sub.Desc()
	objs = append(objs, fmt.Appendf(nil, "<</Type /FontDescriptor /FontName /%s\n/Ascent %d /Descent %d /CapHeight %d /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R>>\n",
		name, d.Ascent, d.Descent, d.CapHeight, (d.Flags|4)&^32, d.BBox[0], d.BBox[1], d.BBox[2], d.BBox[3], d.ItalicAngle, d.StemV, d.MissingWidth, file))
	objs = append(objs, e.cidMap, e.file)
	return dict, objs, nil
}

// chain returns the rewrite.ReplaceFunc that replaces an object as first
// does, or, if first leaves it, as then does (if not nil).
func chain(first, then rewrite.ReplaceFunc) rewrite.ReplaceFunc {
	if then == nil {
		return first
	}
	return func(obj []byte, next int) ([]byte, [][]byte, error) {
		body, added, err := first(obj, next)
		if body != nil || err != nil {
			return body, added, err
		}
		return then(obj, next)
	}
}

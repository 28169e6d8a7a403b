package rewrite

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// objectsPerStream bounds the objects packed into one object stream.
const objectsPerStream = 200

var (
	trailerRoot = regexp.MustCompile(`/Root (\d+ 0 R)`)
	trailerInfo = regexp.MustCompile(`/Info (\d+ 0 R)`)
)

// Pack returns the PDF in, as fpdf or Rewrite writes it, made smaller:
// every stream without a filter is compressed, every object that is not a
// stream is moved into compressed object streams, and the cross-reference
// table is replaced by a cross-reference stream (PDF 1.5). The file gets an
// identifier (/ID) derived from its content, so the same document has the
// same bytes. A document of many small dictionaries (the widgets of a form)
// shrinks to about a fifth of its size.
func Pack(in []byte) ([]byte, error) { return RewritePacked(in, nil) }

// RewritePacked is Rewrite followed by Pack in one pass: the objects
// replace replaces and adds go straight into the object streams, never
// written out and read back. Its output is Pack(Rewrite(in, replace)).
func RewritePacked(in []byte, replace ReplaceFunc) ([]byte, error) {
	xrefAt, offs, order, err := objects(in)
	if err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, errors.New("no objects")
	}
	tail := in[xrefAt:]
	root := trailerRoot.FindSubmatch(tail)
	if root == nil {
		return nil, errors.New("no /Root in the trailer")
	}
	info := trailerInfo.FindSubmatch(tail)

	head := in[:offs[order[0]]]
	if !bytes.HasPrefix(head, []byte("%PDF-1.")) {
		return nil, errors.New("no PDF header")
	}
	p := &packer{
		entries: make([]entry, len(offs), len(offs)+len(offs)/2),
		out:     make([]byte, 0, len(in)),
	}
	p.entries[0] = entry{typ: 0, f3: 0xffff}
	p.out = append(p.out, head...)
	p.out[7] = max(p.out[7], '5') // object streams are PDF 1.5

	var added [][]byte
	for k, obj := range order {
		start, end := span(offs, order, k, xrefAt)
		if start > end || end > len(in) {
			return nil, errors.New("objects out of order")
		}
		o := in[start:end]
		if replace != nil {
			body, more, err := replace(o, len(offs)+len(added))
			if err != nil {
				return nil, err
			}
			if body != nil {
				p.object(obj, body)
				added = append(added, more...)
				continue
			}
		}
		hdr := strconv.Itoa(obj) + " 0 obj\n"
		if !bytes.HasPrefix(o, []byte(hdr)) || !bytes.HasSuffix(o, []byte("endobj\n")) {
			return nil, fmt.Errorf("object %d: not as fpdf writes it", obj)
		}
		if _, _, _, ok := unfiltered(o); ok {
			p.entries[obj] = entry{typ: 1, f2: uint32(len(p.out))}
			p.out = appendObject(p.out, o)
			continue
		}
		p.object(obj, o[len(hdr):len(o)-len("endobj\n")])
	}
	for i, body := range added {
		p.entries = append(p.entries, entry{})
		p.object(len(offs)+i, body)
	}
	p.objectStreams()

	// the cross-reference stream, the last object
	out := p.out
	xref := len(p.entries)
	p.entries = append(p.entries, entry{typ: 1, f2: uint32(len(out))})
	sum := sha256.Sum256(out)
	data := make([]byte, 0, 7*len(p.entries))
	for _, e := range p.entries {
		data = append(data, e.typ)
		data = binary.BigEndian.AppendUint32(data, e.f2)
		data = binary.BigEndian.AppendUint16(data, e.f3)
	}
	z := Deflate(data)
	at := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %s", xref, len(p.entries), root[1])
	if info != nil {
		out = fmt.Appendf(out, " /Info %s", info[1])
	}
	out = fmt.Appendf(out, " /ID [<%X> <%X>] /Filter /FlateDecode /Length %d>>\nstream\n", sum[:16], sum[:16], len(z))
	out = append(out, z...)
	out = append(out, "\nendstream\nendobj\n"...)
	return fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", at), nil
}

// entry is an entry of a cross-reference stream: type 1 an object at
// offset f2, type 2 the f3-th object of object stream f2.
type entry struct {
	typ byte
	f2  uint32
	f3  uint16
}

// packer writes a packed PDF: the streams as they come, the other objects
// kept for the object streams.
type packer struct {
	out       []byte
	entries   []entry
	packed    [][]byte // bodies of the objects to pack
	packedNum []int
	size      int // the bytes of packed, each with its newline
}

// object writes object n with body body: a stream goes out now, anything
// else into the object streams.
func (p *packer) object(n int, body []byte) {
	if bytes.HasSuffix(body, []byte("endstream\n")) {
		p.entries[n] = entry{typ: 1, f2: uint32(len(p.out))}
		p.out = AppendBody(p.out, n, body)
		return
	}
	body = bytes.TrimRight(body, "\n")
	p.packedNum = append(p.packedNum, n)
	p.packed = append(p.packed, body)
	p.size += len(body) + 1
}

// objectStreams writes the object streams, objectsPerStream objects each.
func (p *packer) objectStreams() {
	var content []byte
	for from := 0; from < len(p.packed); from += objectsPerStream {
		to := min(from+objectsPerStream, len(p.packed))
		stm := len(p.entries)
		var index []byte
		size := 0
		for i := from; i < to; i++ {
			index = strconv.AppendInt(index, int64(p.packedNum[i]), 10)
			index = append(index, ' ')
			index = strconv.AppendInt(index, int64(size), 10)
			index = append(index, ' ')
			size += len(p.packed[i]) + 1
			p.entries[p.packedNum[i]] = entry{typ: 2, f2: uint32(stm), f3: uint16(i - from)}
		}
		content = append(content[:0], index...)
		content = slices.Grow(content, size)
		for i := from; i < to; i++ {
			content = append(append(content, p.packed[i]...), '\n')
		}
		z := Deflate(content)
		p.entries = append(p.entries, entry{typ: 1, f2: uint32(len(p.out))})
		p.out = fmt.Appendf(p.out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", stm, to-from, len(index), len(z))
		p.out = append(p.out, z...)
		p.out = append(p.out, "\nendstream\nendobj\n"...)
	}
}

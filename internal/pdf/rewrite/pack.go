package rewrite

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// objectsPerStream bounds the objects packed into one object stream.
const objectsPerStream = 200

// The trailer's references, compiled on first use rather than at the
// start of every command.
var (
	trailerRoot = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Root (\d+ 0 R)`) })
	trailerInfo = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Info (\d+ 0 R)`) })
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
	root := trailerRoot().FindSubmatch(tail)
	if root == nil {
		return nil, errors.New("no /Root in the trailer")
	}
	info := trailerInfo().FindSubmatch(tail)

	head := in[:offs[order[0]]]
	if !bytes.HasPrefix(head, []byte("%PDF-1.")) {
		return nil, errors.New("no PDF header")
	}
	p := &packer{entries: make([]entry, len(offs), len(offs)+len(offs)/2)}
	p.entries[0] = entry{typ: 0, f3: 0xffff}
	hd := append([]byte(nil), head...)
	hd[7] = max(hd[7], '5') // object streams are PDF 1.5
	p.put(hd)

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
		if dict, data, n, ok := unfiltered(o); ok {
			p.entries[obj] = entry{typ: 1, f2: uint32(p.size)}
			z := Deflate(o[data : data+n])
			p.put(o[:dict])
			p.put(fmt.Appendf(nil, "<</Filter /FlateDecode /Length %d>>\nstream\n", len(z)))
			p.put(z)
			p.put(o[data+n:])
			continue
		}
		p.object(obj, o[len(hdr):len(o)-len("endobj\n")])
	}
	for i, body := range added {
		p.entries = append(p.entries, entry{})
		p.object(len(offs)+i, body)
	}
	p.objectStreams()

	// the cross-reference stream, the last object, with an /ID that is a
	// hash of all before it
	xref := len(p.entries)
	at := p.size
	p.entries = append(p.entries, entry{typ: 1, f2: uint32(at)})
	p.flush()
	h := sha256.New()
	for _, b := range p.parts {
		h.Write(b)
	}
	sum := h.Sum(nil)
	data := make([]byte, 0, 7*len(p.entries))
	for _, e := range p.entries {
		data = append(data, e.typ)
		data = binary.BigEndian.AppendUint32(data, e.f2)
		data = binary.BigEndian.AppendUint16(data, e.f3)
	}
	z := Deflate(data)
	b := fmt.Appendf(nil, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %s", xref, len(p.entries), root[1])
	if info != nil {
		b = fmt.Appendf(b, " /Info %s", info[1])
	}
	b = fmt.Appendf(b, " /ID [<%X> <%X>] /Filter /FlateDecode /Length %d>>\nstream\n", sum[:16], sum[:16], len(z))
	b = append(b, z...)
	b = append(b, "\nendstream\nendobj\n"...)
	p.put(fmt.Appendf(b, "startxref\n%d\n%%%%EOF\n", at))
	p.flush()

	out := make([]byte, 0, p.size)
	for _, b := range p.parts {
		out = append(out, b...)
	}
	return out, nil
}

// entry is an entry of a cross-reference stream: type 1 an object at
// offset f2, type 2 the f3-th object of object stream f2.
type entry struct {
	typ byte
	f2  uint32
	f3  uint16
}

// packer writes a packed PDF: the streams as they come, the other objects
// kept for the object streams. The file is kept as the parts it is made of
// (most of them the streams, where they already are) and put together once,
// at its size, at the end.
type packer struct {
	parts     [][]byte // the file so far, but buf
	buf       []byte   // small parts, copied together
	size      int      // the bytes of parts and buf
	entries   []entry
	packed    [][]byte // bodies of the objects to pack
	packedNum []int
}

// put adds b to the file: a small b is copied, a large one kept as it is
// (it must not change after).
func (p *packer) put(b []byte) {
	p.size += len(b)
	if len(b) < 1024 {
		if p.buf == nil {
			p.buf = make([]byte, 0, 8192)
		}
		p.buf = append(p.buf, b...)
		return
	}
	p.flush()
	p.parts = append(p.parts, b)
}

// flush moves buf into parts.
func (p *packer) flush() {
	if len(p.buf) > 0 {
		p.parts = append(p.parts, p.buf)
		p.buf = nil
	}
}

// object writes object n with body body: a stream goes out now, anything
// else into the object streams.
func (p *packer) object(n int, body []byte) {
	if bytes.HasSuffix(body, []byte("endstream\n")) {
		p.entries[n] = entry{typ: 1, f2: uint32(p.size)}
		p.put(strconv.AppendInt(nil, int64(n), 10))
		p.put([]byte(" 0 obj\n"))
		p.put(body)
		p.put([]byte("endobj\n"))
		return
	}
	body = bytes.TrimRight(body, "\n")
	p.packedNum = append(p.packedNum, n)
	p.packed = append(p.packed, body)
}

// objectStreams writes the object streams, objectsPerStream objects each.
func (p *packer) objectStreams() {
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
		content := make([]byte, 0, len(index)+size)
		content = append(content, index...)
		for i := from; i < to; i++ {
			content = append(append(content, p.packed[i]...), '\n')
		}
		z := Deflate(content)
		p.entries = append(p.entries, entry{typ: 1, f2: uint32(p.size)})
		p.put(fmt.Appendf(nil, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", stm, to-from, len(index), len(z)))
		p.put(z)
		p.put([]byte("\nendstream\nendobj\n"))
	}
}

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

// Pack returns the PDF in, as Rewrite writes it, made smaller: every object
// that is not a stream is moved into compressed object streams, and the
// cross-reference table is replaced by a cross-reference stream (PDF 1.5).
// The file gets an identifier (/ID) derived from its content, so the same
// document has the same bytes. A document of many small dictionaries (the
// widgets of a form) shrinks to about a fifth of its size.
func Pack(in []byte) ([]byte, error) {
	xrefAt, offs, err := readXref(in)
	if err != nil {
		return nil, err
	}
	tail := in[xrefAt:]
	root := trailerRoot.FindSubmatch(tail)
	if root == nil {
		return nil, errors.New("no /Root in the trailer")
	}
	info := trailerInfo.FindSubmatch(tail)

	order := make([]int, 0, len(offs))
	for i, off := range offs {
		if off > 0 {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	if len(order) == 0 {
		return nil, errors.New("no objects")
	}

	type entry struct {
		typ byte
		f2  uint32
		f3  uint16
	}
	size := len(offs)
	entries := make([]entry, size, size+8)
	entries[0] = entry{typ: 0, f3: 0xffff}

	out := make([]byte, 0, len(in))
	head := in[:offs[order[0]]]
	if !bytes.HasPrefix(head, []byte("%PDF-1.")) {
		return nil, errors.New("no PDF header")
	}
	out = append(out, head...)
	out[7] = max(out[7], '5') // object streams are PDF 1.5

	var packed [][]byte // bodies of the objects to pack
	var packedNum []int
	for k, obj := range order {
		start, end := offs[obj], xrefAt
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if start > end || end > len(in) {
			return nil, errors.New("objects out of order")
		}
		o := in[start:end]
		hdr := strconv.Itoa(obj) + " 0 obj\n"
		if !bytes.HasPrefix(o, []byte(hdr)) || !bytes.HasSuffix(o, []byte("endobj\n")) {
			return nil, fmt.Errorf("object %d: not as Rewrite writes it", obj)
		}
		body := o[len(hdr) : len(o)-len("endobj\n")]
		if bytes.HasSuffix(body, []byte("endstream\n")) {
			entries[obj] = entry{typ: 1, f2: uint32(len(out))}
			out = append(out, o...)
			continue
		}
		packedNum = append(packedNum, obj)
		packed = append(packed, bytes.TrimRight(body, "\n"))
	}

	// the object streams
	for from := 0; from < len(packed); from += objectsPerStream {
		to := min(from+objectsPerStream, len(packed))
		stm := len(entries)
		var index, bodies []byte
		for i := from; i < to; i++ {
			index = fmt.Appendf(index, "%d %d ", packedNum[i], len(bodies))
			bodies = append(bodies, packed[i]...)
			bodies = append(bodies, '\n')
			entries[packedNum[i]] = entry{typ: 2, f2: uint32(stm), f3: uint16(i - from)}
		}
		z := Deflate(append(index, bodies...))
		entries = append(entries, entry{typ: 1, f2: uint32(len(out))})
		out = fmt.Appendf(out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", stm, to-from, len(index), len(z))
		out = append(out, z...)
		out = append(out, "\nendstream\nendobj\n"...)
	}

	// the cross-reference stream, the last object
	xref := len(entries)
	entries = append(entries, entry{typ: 1, f2: uint32(len(out))})
	sum := sha256.Sum256(out)
	data := make([]byte, 0, 7*len(entries))
	for _, e := range entries {
		data = append(data, e.typ)
		data = binary.BigEndian.AppendUint32(data, e.f2)
		data = binary.BigEndian.AppendUint16(data, e.f3)
	}
	z := Deflate(data)
	at := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %s", xref, len(entries), root[1])
	if info != nil {
		out = fmt.Appendf(out, " /Info %s", info[1])
	}
	out = fmt.Appendf(out, " /ID [<%X> <%X>] /Filter /FlateDecode /Length %d>>\nstream\n", sum[:16], sum[:16], len(z))
	out = append(out, z...)
	out = append(out, "\nendstream\nendobj\n"...)
	return fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", at), nil
}

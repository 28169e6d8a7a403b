// Package rewrite rewrites the PDF files fpdf (codeberg.org/go-pdf/fpdf)
// writes: it compresses every stream left uncompressed, lets a caller
// replace objects and add new ones, and rebuilds the cross-reference table
// and the trailer to match.
//
// It relies on the exact layout fpdf writes (a classic xref table, each
// object as "N 0 obj\n...endobj\n", each unfiltered stream as
// "N 0 obj\n<</Length L>>\nstream\n" + L bytes + "\nendstream", the
// trailer's "/Size N" on a line of its own) and refuses what does not
// follow it. fpdf is pinned to one version in go.mod for this; the pdf
// package's TestEmbeddedAsFpdf is the gate for an upgrade.
//
// Streams are compressed with zlib writers reused across documents and
// goroutines (fpdf makes a new one, about a megabyte of tables, for every
// stream), at the fastest level, as fpdf does. The writers are
// github.com/klauspost/compress's, which at that level compress the
// streams of a form twice as fast as the standard library's, and a little
// smaller; output is deterministic.
package rewrite

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"
)

// zlibWriters are reused across documents and goroutines. They are kept
// in a free list rather than a sync.Pool, which drops them at every garbage
// collection (each is about a megabyte to allocate and clear): one writer per
// CPU is kept, as many as can be busy at once.
var zlibWriters = make(chan *zlib.Writer, runtime.GOMAXPROCS(0))

// Deflate returns data compressed with zlib.
func Deflate(data []byte) []byte {
	var w *zlib.Writer
	select {
	case w = <-zlibWriters:
	default:
		w, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed)
	}
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	w.Reset(&buf)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	w.Close()
	select {
	case zlibWriters <- w:
	default:
	}
	return buf.Bytes()
}

// DeflateStreams returns the PDF in with every stream that has no filter
// compressed, and the cross-reference table moved to match.
func DeflateStreams(in []byte) ([]byte, error) { return Rewrite(in, nil) }

// ReplaceFunc is called by Rewrite with each object of a document (from
// "N 0 obj\n" to the next object) and the number the next object added to
// the document would get. To replace the object it returns the new body of
// the object (what stands between "N 0 obj\n" and "endobj\n") and the
// bodies of objects to add, numbered from next on.
type ReplaceFunc func(obj []byte, next int) (body []byte, added [][]byte, err error)

// Rewrite returns the PDF in with every stream that has no filter
// compressed, the objects replace replaces replaced, the objects it adds
// added before the cross-reference table, and that table and the trailer
// rebuilt to match. It relies on the layout fpdf writes: a classic xref
// table, each object as "N 0 obj\n...endobj\n", each unfiltered stream as
// "N 0 obj\n<</Length L>>\nstream\n" + L bytes + "\nendstream", and the
// trailer's "/Size N" on a line of its own (see the package comment).
func Rewrite(in []byte, replace ReplaceFunc) ([]byte, error) {
	xrefAt, entries, order, err := objects(in)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(in))
	newOff := make([]int, len(entries), len(entries)+16)
	var added [][]byte
	last := 0
	for k, obj := range order {
		start, end := span(entries, order, k, xrefAt)
		if start < last || end > len(in) || start > end {
			return nil, errors.New("objects out of order")
		}
		out = append(out, in[last:start]...)
		newOff[obj] = len(out)
		last = end
		if replace != nil {
			body, more, err := replace(in[start:end], len(entries)+len(added))
			if err != nil {
				return nil, err
			}
			if body != nil {
				out = AppendBody(out, obj, body)
				added = append(added, more...)
				continue
			}
		}
		out = appendObject(out, in[start:end])
	}
	out = append(out, in[last:xrefAt]...)
	size := 0
	for _, body := range added {
		size += len(body) + len(" 0 obj\nendobj\n") + 10
	}
	out = slices.Grow(out, size+20*(len(entries)+len(added))+len(in)-xrefAt+64)
	for i, body := range added {
		newOff = append(newOff, len(out))
		out = AppendBody(out, len(entries)+i, body)
	}
	newXref := len(out)
	// the xref table: same layout, new offsets
	tail := in[xrefAt:]
	nl := bytes.IndexByte(tail, '\n')
	nl2 := nl + 1 + bytes.IndexByte(tail[nl+1:], '\n')
	out = fmt.Appendf(out, "xref\n0 %d\n", len(newOff))
	for i := range newOff {
		if i < len(entries) && entries[i] == 0 {
			out = append(out, tail[nl2+1+20*i:nl2+1+20*(i+1)]...)
			continue
		}
		out = fmt.Appendf(out, "%010d 00000 n \n", newOff[i])
	}
	rest := tail[nl2+1+20*len(entries):]
	sx := bytes.LastIndex(rest, []byte("startxref\n"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	trailer := rest[:sx]
	if len(added) > 0 {
		size := fmt.Appendf(nil, "\n/Size %d\n", len(entries))
		i := bytes.Index(trailer, size)
		if i < 0 {
			return nil, errors.New("no /Size in the trailer")
		}
		out = append(out, trailer[:i]...)
		out = fmt.Appendf(out, "\n/Size %d\n", len(newOff))
		trailer = trailer[i+len(size):]
	}
	// the file's identifier, a hash of its objects, so that the same
	// document has the same bytes
	if end := bytes.LastIndex(trailer, []byte(">>")); end >= 0 && !bytes.Contains(trailer, []byte("/ID ")) {
		sum := sha256.Sum256(out[:newXref])
		out = append(out, trailer[:end]...)
		out = fmt.Appendf(out, "/ID [<%X> <%X>]\n", sum[:16], sum[:16])
		trailer = trailer[end:]
	}
	out = append(out, trailer...)
	out = fmt.Appendf(out, "startxref\n%d", newXref)
	end := rest[sx+len("startxref\n"):]
	if i := bytes.IndexByte(end, '\n'); i >= 0 {
		out = append(out, end[i:]...)
	}
	return out, nil
}

// objects reads the cross-reference table of in: its offset, the offset of
// each object (0 for free entries), and the objects in file order.
func objects(in []byte) (xrefAt int, offs, order []int, err error) {
	xrefAt, offs, err = readXref(in)
	if err != nil {
		return 0, nil, nil, err
	}
	order = make([]int, 0, len(offs))
	for i, off := range offs {
		if off > 0 {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	return xrefAt, offs, order, nil
}

// span returns where the k-th object in file order starts and ends: at the
// next object, or at the cross-reference table.
func span(offs, order []int, k, xrefAt int) (start, end int) {
	start, end = offs[order[k]], xrefAt
	if k+1 < len(order) {
		end = offs[order[k+1]]
	}
	return start, end
}

// AppendBody appends object n with body body to out.
func AppendBody(out []byte, n int, body []byte) []byte {
	out = strconv.AppendInt(out, int64(n), 10)
	out = append(out, " 0 obj\n"...)
	out = append(out, body...)
	return append(out, "endobj\n"...)
}

// appendObject appends object obj to out, its stream deflated if it is an
// unfiltered stream.
func appendObject(out, obj []byte) []byte {
	i, s, n, ok := unfiltered(obj)
	if !ok {
		return append(out, obj...)
	}
	z := Deflate(obj[s : s+n])
	out = append(out, obj[:i]...)
	out = fmt.Appendf(out, "<</Filter /FlateDecode /Length %d>>\nstream\n", len(z))
	out = append(out, z...)
	return append(out, obj[s+n:]...)
}

// unfiltered reports whether object obj is an unfiltered stream as fpdf
// writes it, and if so where its dictionary starts (after "N 0 obj\n"),
// where its data starts and how long the data is.
func unfiltered(obj []byte) (dict, data, n int, ok bool) {
	const head, body = "<</Length ", ">>\nstream\n"
	i := bytes.Index(obj, []byte(" 0 obj\n"))
	if i < 0 || i > 12 || !bytes.HasPrefix(obj[i+7:], []byte(head)) {
		return 0, 0, 0, false
	}
	p := i + 7 + len(head)
	q := p
	for q < len(obj) && obj[q] >= '0' && obj[q] <= '9' {
		q++
	}
	n, err := strconv.Atoi(string(obj[p:q]))
	if err != nil || !bytes.HasPrefix(obj[q:], []byte(body)) {
		return 0, 0, 0, false
	}
	s := q + len(body)
	if s+n > len(obj) || !bytes.HasPrefix(obj[s+n:], []byte("\nendstream")) {
		return 0, 0, 0, false
	}
	return i + 7, s, n, true
}

// readXref reads the classic cross-reference table fpdf writes: its offset
// and the offset of each object (0 for free entries).
func readXref(in []byte) (at int, offsets []int, err error) {
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return 0, nil, errors.New("no startxref")
	}
	line := in[sx+len("startxref\n"):]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	at, err = strconv.Atoi(string(bytes.TrimSpace(line)))
	if err != nil || at <= 0 || at >= sx || !bytes.HasPrefix(in[at:], []byte("xref\n0 ")) {
		return 0, nil, errors.New("bad startxref")
	}
	hdr := in[at+len("xref\n0 "):]
	nl := bytes.IndexByte(hdr, '\n')
	if nl < 0 {
		return 0, nil, errors.New("bad xref")
	}
	count, err := strconv.Atoi(string(bytes.TrimSpace(hdr[:nl])))
	if err != nil || count < 1 {
		return 0, nil, errors.New("bad xref size")
	}
	table := hdr[nl+1:]
	if len(table) < 20*count {
		return 0, nil, errors.New("short xref")
	}
	offsets = make([]int, count)
	for i := range offsets {
		e := table[20*i : 20*(i+1)]
		if e[17] != 'n' {
			continue
		}
		if offsets[i], err = strconv.Atoi(string(e[:10])); err != nil {
			return 0, nil, errors.New("bad xref entry")
		}
	}
	return at, offsets, nil
}

// StreamObject appends to b the body of an object holding the deflated
// stream z, with more entries (" /Length1 1234") for its dictionary.
func StreamObject(b, z []byte, more string) []byte {
	b = fmt.Appendf(b, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", len(z), more)
	b = append(b, z...)
	return append(b, "\nendstream\n"...)
}

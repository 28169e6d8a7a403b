package importpdf

import (
	"bytes"
	"compress/zlib"
	"io"
)

// MaxUnpacked is the most that the compressed streams of a PDF read by
// Read may unpack to, all together, in bytes. A filled form of roadmap
// unpacks to about 0.3 MB (its fonts, pages and fields); a document that
// needs more is refused before it is parsed, so a small file whose
// streams inflate to gigabytes (a "PDF bomb") is never followed.
const MaxUnpacked = 64 << 20

// unpacked returns how many bytes the Flate streams of data unpack to,
// stopping as soon as the total passes limit (then it returns more than
// limit). Every "stream" keyword starts a candidate: the zlib reader
// refuses what is not a zlib stream at once and stops at the end of one
// that is, so no stream's length needs to be trusted. Nothing unpacked is
// kept.
func unpacked(data []byte, limit int64) int64 {
	var total int64
	kw := []byte("stream")
	for i := 0; ; {
		j := bytes.Index(data[i:], kw)
		if j < 0 {
			return total
		}
		start := i + j + len(kw)
		i = start
		if start >= 9 && bytes.Equal(data[start-9:start], []byte("endstream")) {
			continue
		}
		switch {
		case bytes.HasPrefix(data[start:], []byte("\r\n")):
			start += 2
		case bytes.HasPrefix(data[start:], []byte("\n")), bytes.HasPrefix(data[start:], []byte("\r")):
			start++
		default:
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[start:]))
		if err != nil {
			continue
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, limit-total+1))
		total += n
		if total > limit {
			return total
		}
	}
}

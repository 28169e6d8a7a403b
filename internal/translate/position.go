package translate

import "sort"

// Translation is one translated text read from a translator's file.
type Translation struct {
	Key, Text string
	// Line and Col are where the translation's text starts in the file
	// (1-based, the column counted in characters), for messages.
	Line, Col int
	// marks say where each piece of Text came from in the file, in order.
	marks []mark
}

// mark is where a piece of a translation's text is written in the file:
// the text from byte off on came from line and col, written as raw (a
// character, or an escape such as \a or &#7;).
type mark struct {
	off, line, col int
	raw            string
}

// At returns where in the file the byte off of the translation's text is
// written, and how (the character as the file writes it).
func (t Translation) At(off int) (line, col int, raw string) {
	i := sort.Search(len(t.marks), func(i int) bool { return t.marks[i].off > off }) - 1
	if i < 0 {
		return t.Line, t.Col, ""
	}
	m := t.marks[i]
	return m.line, m.col, m.raw
}

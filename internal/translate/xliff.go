package translate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// xliff is the part of XLIFF 2.0 (OASIS, urn:oasis:names:tc:xliff:document:2.0)
// that this tool writes and reads.
type xliff struct {
	XMLName xml.Name    `xml:"urn:oasis:names:tc:xliff:document:2.0 xliff"`
	Version string      `xml:"version,attr"`
	SrcLang string      `xml:"srcLang,attr"`
	TrgLang string      `xml:"trgLang,attr"`
	Files   []xliffFile `xml:"file"`
}

type xliffFile struct {
	ID    string      `xml:"id,attr"`
	Units []xliffUnit `xml:"unit"`
}

type xliffUnit struct {
	ID string `xml:"id,attr"`
	// Space is "preserve" on a unit whose texts hold line breaks, so that
	// a translator's tool keeps its paragraphs and list items apart.
	Space   string       `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Notes   []xliffNote  `xml:"notes>note,omitempty"`
	Segment xliffSegment `xml:"segment"`
}

type xliffNote struct {
	Category string `xml:"category,attr,omitempty"`
	Text     string `xml:",chardata"`
}

type xliffSegment struct {
	State  string  `xml:"state,attr,omitempty"`
	Source string  `xml:"source"`
	Target *string `xml:"target"`
}

// WriteXLIFF writes the catalog as an XLIFF 2.0 document: one unit per text,
// its key as the unit id, the Latvian source, the translation as target with
// the segment's state (initial: none yet or outdated; translated), the English
// reference and the note as notes.
func WriteXLIFF(c *Catalog) []byte {
	doc := xliff{Version: "2.0", SrcLang: c.SourceLang, TrgLang: c.Lang, Files: []xliffFile{{ID: "roadmap"}}}
	for _, e := range c.Entries {
		u := xliffUnit{ID: e.Key, Segment: xliffSegment{State: e.State(), Source: e.Source}}
		if strings.Contains(e.Source+e.Target, "\n") {
			u.Space = "preserve"
		}
		if e.English != "" {
			u.Notes = append(u.Notes, xliffNote{Category: "en", Text: e.English})
		}
		if e.Previous != "" {
			u.Notes = append(u.Notes, xliffNote{Category: "previous-source", Text: e.Previous})
		}
		u.Notes = append(u.Notes, xliffNote{Category: "location", Text: e.Note})
		if e.MaxLen > 0 {
			u.Notes = append(u.Notes, xliffNote{Category: "max-length", Text: strconv.Itoa(e.MaxLen)})
		}
		if e.Target != "" {
			t := e.Target
			u.Segment.Target = &t
		}
		doc.Files[0].Units = append(doc.Files[0].Units, u)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		// Encoding plain strings into fixed types cannot fail.
		panic(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// xliffNS is the XLIFF 2.0 namespace.
const xliffNS = "urn:oasis:names:tc:xliff:document:2.0"

// ReadXLIFF reads the translations of an XLIFF 2.0 document: the units with
// a non-empty target whose state is not "initial". It returns the document's
// target language and how many translated units it skipped as initial.
// A character XML cannot hold (a control character, written raw or as a
// reference such as &#7;) is refused with its unit's id and its place.
func ReadXLIFF(data []byte) (lang string, ts []Translation, initial int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		root              bool
		unit, state       string
		unitLine          int
		inTarget          bool
		target            strings.Builder
		tLine, tCol, tOff int
		hasTarget         bool
		seen              = map[string]int{}
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return "", nil, 0, xmlProblem(data, se, unit)
			}
			return "", nil, 0, problem(0, 0, "xliff.not-xliff", "reason", err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !root {
				root = true
				if t.Name.Local != "xliff" || t.Name.Space != xliffNS {
					return "", nil, 0, problem(0, 0, "xliff.root", "element", msg.Value(t.Name.Local), "ns", xliffNS)
				}
				version := attr(t, "version")
				if version != "2.0" && version != "2.1" && version != "2.2" {
					return "", nil, 0, problem(0, 0, "xliff.version", "version", msg.Value(version))
				}
				lang = attr(t, "trgLang")
				continue
			}
			if inTarget {
				line, col := posAt(data, dec.InputOffset())
				return "", nil, 0, problem(line, col, "xliff.element", "key", shownKey(unit), "element", shownKey(t.Name.Local))
			}
			switch t.Name.Local {
			case "unit":
				unit, state, hasTarget = attr(t, "id"), "", false
				unitLine, _ = dec.InputPos()
				if unit == "" {
					return "", nil, 0, problem(unitLine, 1, "xliff.no-id")
				}
				if prev, dup := seen[unit]; dup {
					return "", nil, 0, problem(unitLine, 1, "xliff.unit-twice", "id", msg.Value(unit), "line", prev)
				}
				seen[unit] = unitLine
			case "segment":
				state = attr(t, "state")
			case "target":
				inTarget, hasTarget = true, true
				target.Reset()
				tLine, tCol = posAt(data, dec.InputOffset())
				tOff = int(dec.InputOffset())
			}
		case xml.CharData:
			if inTarget {
				target.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "target":
				inTarget = false
			case "unit":
				if !hasTarget || target.Len() == 0 {
					continue
				}
				if state == "initial" {
					initial++
					continue
				}
				tr := Translation{Key: unit, Text: target.String(), Line: tLine, Col: tCol}
				tr.marks = xmlMarks(data[tOff:], tLine, tCol)
				ts = append(ts, tr)
			}
		}
	}
	if !root {
		return "", nil, 0, problem(0, 0, "xliff.no-root")
	}
	return lang, ts, initial, nil
}

// posAt returns the line and column (1-based, the column counted in
// characters, as in the other messages) of byte off of data.
func posAt(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// xmlMarks says where each character of an element's text, written in raw
// from line and col on, came from: a character, or a reference (&amp;,
// &#7;). It stops at the element's end tag.
func xmlMarks(raw []byte, line, col int) []mark {
	var marks []mark
	off := 0
	for i := 0; i < len(raw); {
		switch {
		case raw[i] == '<':
			return marks
		case raw[i] == '&':
			j := bytes.IndexByte(raw[i:], ';')
			if j < 0 {
				return marks
			}
			ref := string(raw[i : i+j+1])
			marks = append(marks, mark{off: off, line: line, col: col, raw: ref})
			off += len(refText(ref))
			i += j + 1
			col += j + 1
		case raw[i] == '\r':
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			marks = append(marks, mark{off: off, line: line, col: col, raw: string(raw[i : i+size])})
			off += size
			i += size
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
	return marks
}

// refText returns the text an XML reference stands for.
func refText(ref string) string {
	var s struct {
		V string `xml:",chardata"`
	}
	if xml.Unmarshal([]byte("<v>"+ref+"</v>"), &s) != nil {
		return ""
	}
	return s.V
}

// xmlProblem turns an XML syntax error into a problem naming the unit it
// was found in; a character XML cannot hold is named, with how the file
// writes it and where.
func xmlProblem(data []byte, se *xml.SyntaxError, unit string) error {
	p := problem(se.Line, 1, "xliff.not-xliff", "reason", se.Msg)
	var code rune
	if _, err := fmt.Sscanf(se.Msg, "illegal character code U+%X", &code); err != nil {
		return p
	}
	var where msg.Text = msg.New("xliff.the-file")
	if unit != "" {
		where = shownKey(unit)
	}
	lines := bytes.Split(data, []byte("\n"))
	written := ""
	if se.Line-1 < len(lines) {
		l := lines[se.Line-1]
		col := 1
		for i := 0; i < len(l); {
			if l[i] == '&' && i+1 < len(l) && l[i+1] == '#' {
				if j := bytes.IndexByte(l[i:], ';'); j > 0 {
					ref := string(l[i : i+j+1])
					if charRef(ref) == code {
						written, p.Col = ref, col
						break
					}
				}
			}
			r, size := utf8.DecodeRune(l[i:])
			if r == code {
				p.Col = col
				break
			}
			i += size
			col++
		}
	}
	q := problem(p.Line, p.Col, "xliff.control", "where", where, "char", diag.CharName(code))
	if written != "" {
		q = problem(p.Line, p.Col, "xliff.control-written", "where", where, "char", diag.CharName(code), "raw", written)
	}
	return q
}

// charRef returns the character of a numeric reference (&#7;, &#x1B;), or
// -1.
func charRef(ref string) rune {
	s := strings.TrimSuffix(strings.TrimPrefix(ref, "&#"), ";")
	base := 10
	if t, ok := strings.CutPrefix(s, "x"); ok {
		s, base = t, 16
	} else if t, ok := strings.CutPrefix(s, "X"); ok {
		s, base = t, 16
	}
	v, err := strconv.ParseUint(s, base, 32)
	if err != nil {
		return -1
	}
	return rune(v)
}

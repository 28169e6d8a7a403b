package translate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
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
	ID      string       `xml:"id,attr"`
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
		if e.English != "" {
			u.Notes = append(u.Notes, xliffNote{Category: "en", Text: e.English})
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

// ReadXLIFF reads the translations of an XLIFF 2.0 document: the units with
// a non-empty target whose state is not "initial". It returns the document's
// target language and how many translated units it skipped as initial.
func ReadXLIFF(data []byte) (lang string, ts []Translation, initial int, err error) {
	var doc xliff
	if err := xml.Unmarshal(data, &doc); err != nil {
		return "", nil, 0, fmt.Errorf("not an XLIFF 2.0 document: %v", err)
	}
	if doc.Version != "2.0" && doc.Version != "2.1" && doc.Version != "2.2" {
		return "", nil, 0, fmt.Errorf("XLIFF version %q; this tool reads XLIFF 2.x", doc.Version)
	}
	seen := map[string]bool{}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			if seen[u.ID] {
				return "", nil, 0, fmt.Errorf("unit %q is given twice", u.ID)
			}
			seen[u.ID] = true
			if u.Segment.Target == nil || *u.Segment.Target == "" {
				continue
			}
			if u.Segment.State == "initial" {
				initial++
				continue
			}
			ts = append(ts, Translation{Key: u.ID, Text: *u.Segment.Target})
		}
	}
	return doc.TrgLang, ts, initial, nil
}

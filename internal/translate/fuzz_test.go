package translate

import (
	"strings"
	"testing"
)

const poSeed = "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n#, fuzzy\nmsgctxt \"labels.status.done\"\nmsgid \"Izpildīts\"\nmsgstr \"Done\"\n\nmsgctxt \"title\"\nmsgid \"\"\n\"a\\n\"\n\"b\"\nmsgstr \"\\033\\0\\t\"\n"

const xliffSeed = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en">
  <file id="roadmap">
    <unit id="labels.status.done"><segment state="translated"><source>x</source><target>&#x9B;Done</target></segment></unit>
    <unit id="title"><segment state="initial"><source>y</source><target></target></segment></unit>
  </file>
</xliff>
`

// FuzzReadPO reads arbitrary bytes as a PO file: never a panic; a refusal
// is one line; every translation read has a key and a line.
func FuzzReadPO(f *testing.F) {
	f.Add([]byte(poSeed))
	f.Add([]byte("msgid \"x\nmsgstr \"\\"))
	f.Add([]byte("\xef\xbb\xbfmsgctxt \"a\"\r\nmsgid \"b\"\r\nmsgstr \"\\777\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ts, _, err := ReadPO(data)
		checkRead(t, ts, err)
	})
}

// FuzzReadXLIFF reads arbitrary bytes as an XLIFF file, as FuzzReadPO.
func FuzzReadXLIFF(f *testing.F) {
	f.Add([]byte(xliffSeed))
	f.Add([]byte(`<?xml version="1.0"?><xliff version="1.2"><file/></xliff>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><xliff>&a;&a;</xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ts, _, err := ReadXLIFF(data)
		checkRead(t, ts, err)
	})
}

func checkRead(t *testing.T, ts []Translation, err error) {
	t.Helper()
	if err != nil {
		if msg := err.Error(); strings.Contains(msg, "\n") {
			t.Fatalf("message of more than one line: %q", msg)
		}
		return
	}
	for _, tr := range ts {
		if tr.Key == "" {
			t.Fatalf("a translation without a key: %+v", tr)
		}
	}
}

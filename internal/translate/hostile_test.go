package translate

import (
	"strings"
	"testing"
)

// TestImportRefusesControlCharacters: a PO entry with escaped control
// characters (ESC in octal, BEL, NUL, a carriage return) was once imported
// into the content, passed content check, and content show then sent them
// to the terminal. Each is refused with its entry's line and the
// character's name; nothing is written.
func TestImportRefusesControlCharacters(t *testing.T) {
	dir := copyContent(t)
	before := snapshot(t, dir)
	po := "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n" +
		"msgctxt \"labels.status.done\"\nmsgid \"x\"\nmsgstr \"\\033]0;owned\\007Done\"\n\n" +
		"msgctxt \"labels.status.in-progress\"\nmsgid \"x\"\nmsgstr \"In\\0 progress\"\n\n" +
		"msgctxt \"labels.status.not-started\"\nmsgid \"x\"\nmsgstr \"Not\\rstarted\"\n\n" +
		"msgctxt \"labels.status.not-applicable\"\nmsgid \"x\"\nmsgstr \"Not\\tapplicable\"\n"
	lang, ts, _, err := ReadPO([]byte(po))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Apply(dir, lang, "en.po", ts)
	want := strings.Join([]string{
		`en.po:6:9: labels.status.done: the translation holds the control character U+001B ESCAPE (written \033); allowed: text, line breaks and tabs`,
		`en.po:10:11: labels.status.in-progress: the translation holds the control character U+0000 NULL (written \0); allowed: text, line breaks and tabs`,
		`en.po:14:12: labels.status.not-started: the translation holds the control character U+000D CARRIAGE RETURN (written \r); allowed: text, line breaks and tabs`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("a refused import changed files")
	}
}

// TestImportXLIFFControlCharacters: XLIFF is XML, which has no way to hold
// most control characters; one that does (a C1 control, allowed in XML 1.0)
// is refused too.
func TestImportXLIFFControlCharacters(t *testing.T) {
	dir := copyContent(t)
	before := snapshot(t, dir)
	x := `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en">
  <file id="roadmap">
    <unit id="labels.status.done">
      <segment state="translated"><source>x</source><target>&#x9B;2JDone</target></segment>
    </unit>
  </file>
</xliff>
`
	lang, ts, _, err := ReadXLIFF([]byte(x))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Apply(dir, lang, "en.xlf", ts)
	const want = "en.xlf:5:61: labels.status.done: the translation holds the control character U+009B CONTROL SEQUENCE INTRODUCER (written &#x9B;); allowed: text, line breaks and tabs"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("a refused import changed files")
	}
}

// TestPOByteOrderMark: a PO file saved with a UTF-8 byte-order mark once
// failed on its first line ("expected a quoted string"); it reads as the
// same file without one.
func TestPOByteOrderMark(t *testing.T) {
	po := "# a comment\nmsgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgctxt \"labels.status.done\"\nmsgid \"x\"\nmsgstr \"Done\"\n"
	lang, ts, _, err := ReadPO([]byte("\uFEFF" + po))
	if err != nil || lang != "en" || len(ts) != 1 || ts[0].Text != "Done" || ts[0].Line != 7 || ts[0].Col != 9 {
		t.Errorf("with a byte-order mark: %q %+v %v", lang, ts, err)
	}
}

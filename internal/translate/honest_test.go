package translate

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// poOf returns an en PO file holding one entry, key, whose msgstr is
// written as msgstr (already quoted, PO style).
func poOf(key, msgstr string) string {
	return "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgctxt \"" + key + "\"\nmsgid \"x\"\nmsgstr " + msgstr + "\n"
}

// xliffOf returns an en XLIFF file holding one unit, key, whose target is
// written as target (XML).
func xliffOf(key, target string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en">
  <file id="roadmap">
    <unit id="` + key + `">
      <segment state="translated"><source>x</source><target>` + target + `</target></segment>
    </unit>
  </file>
</xliff>
`
}

// Content import refuses, from a hand-edited PO or XLIFF file, every text
// that content check would refuse, each with one message naming the file,
// the line and column of the text, its key, what is wrong and what is
// allowed; and it writes nothing.
func TestImportRefusesWhatCheckRefuses(t *testing.T) {
	dir := copyContent(t)
	before := snapshot(t, dir)
	for _, c := range []struct {
		name, file, data, want string
	}{
		{"date pattern", "en.po", poOf("labels.date.format", `"yyyy/dd"`),
			`en.po:6:9: labels.date.format: label "date.format" is "yyyy/dd"; write dd, mm and yyyy once each with the separators the language uses, such as "dd.mm.yyyy."`},
		// 30 letters and an emoji: 31 characters, but 32 UTF-16 units,
		// which is what Excel counts.
		{"sheet name of 32 UTF-16 units", "en.po", poOf("labels.sheet.action.title", `"Action plan of the partnership😀"`),
			`en.po:6:9: labels.sheet.action.title: label "sheet.action.title" is 32 characters long; it names a sheet of a workbook, and Excel allows 31 characters without : \ / ? * [ ] (31 at most)`},
		{"sheet name with a slash", "en.xlf", xliffOf("labels.sheet.action.title", "Action/plan"),
			`en.xlf:5:61: labels.sheet.action.title: label "sheet.action.title" holds '/'; it names a sheet of a workbook, and Excel allows 31 characters without : \ / ? * [ ]`},
		{"invented placeholder", "en.po", poOf("labels.status.done", `"Done {{x}}"`),
			`en.po:6:9: labels.status.done: the translation has the placeholders [{{x}}]; it must have [] as in lv, each written {name} exactly`},
		{"placeholder renamed", "en.xlf", xliffOf("labels.page.footer", "Page {page} of {total}"),
			`en.xlf:5:61: labels.page.footer: the translation has the placeholders [{page} {total}]; it must have [{page} {pages}] as in lv, each written {name} exactly`},
		{"placeholder in double braces", "en.po", poOf("labels.page.footer", `"Page {{page}} of {pages}"`),
			`en.po:6:9: labels.page.footer: the translation has the placeholders [{{page}} {pages}]; it must have [{page} {pages}] as in lv, each written {name} exactly`},
		{"BEL as \\a", "en.po", poOf("labels.status.done", `"Do\ane"`),
			`en.po:6:11: labels.status.done: the translation holds the control character U+0007 BELL (written \a); allowed: text, line breaks and tabs`},
		{"BEL as \\x07", "en.po", poOf("labels.status.done", `"Done\x07"`),
			`en.po:6:13: labels.status.done: the translation holds the control character U+0007 BELL (written \x07); allowed: text, line breaks and tabs`},
		{"BEL as \\007 on a continued line", "en.po", poOf("labels.status.done", "\"\"\n\"Do\"\n\"ne\\007\""),
			`en.po:8:4: labels.status.done: the translation holds the control character U+0007 BELL (written \007); allowed: text, line breaks and tabs`},
		{"a byte that is not UTF-8", "en.po", poOf("labels.status.done", `"Do\xffne"`),
			`en.po:6:11: labels.status.done: the translation is not valid UTF-8 (the byte \xff); write the text in UTF-8`},
		{"a key that would drive the terminal", "en.po", poOf("labels.\033]0;owned\007", `"Done"`),
			`en.po:6:9: "labels.\x1b]0;owned\a": unknown key; the keys are those that roadmap content export writes (keep msgctxt, or the unit id, as exported)`},
		{"BEL as &#7;", "en.xlf", xliffOf("labels.status.done", "Done&#7;"),
			`en.xlf:5:65: labels.status.done: holds the control character U+0007 BELL (written &#7;), which XML cannot hold; allowed: text, line breaks and tabs`},
		{"a placeholder renamed after a source with ī", "en.xlf", strings.Replace(xliffOf("labels.page.footer", "Page {page} of {total}"), "<source>x</source>", "<source>Izpildīts</source>", 1),
			`en.xlf:5:69: labels.page.footer: the translation has the placeholders [{page} {total}]; it must have [{page} {pages}] as in lv, each written {name} exactly`},
		{"NEXT LINE as &#x85;", "en.xlf", xliffOf("labels.status.done", "Do&amp;&#x85;ne"),
			`en.xlf:5:68: labels.status.done: the translation holds the control character U+0085 NEXT LINE (written &#x85;); allowed: text, line breaks and tabs`},
		{"paragraphs run together", "en.xlf", xliffOf("steps.1.checkpoints.target-group.guidance", "One paragraph. Another one."),
			`en.xlf:5:61: steps.1.checkpoints.target-group.guidance: the Markdown differs from lv (` + dir + `/lv/roadmap.yaml:41:19): lv has 2 paragraphs; this has 1 paragraph`},
	} {
		t.Run(c.name, func(t *testing.T) {
			read := ReadPO
			if strings.HasSuffix(c.file, ".xlf") {
				read = ReadXLIFF
			}
			lang, ts, _, err := read([]byte(c.data))
			if err == nil {
				_, err = Apply(dir, lang, c.file, ts)
			} else {
				err = withFile(c.file, err)
			}
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n got %v\nwant %s", err, c.want)
			}
			if !equal(before, snapshot(t, dir)) {
				t.Fatal("a refused import changed files")
			}
		})
	}
}

// withFile names file in a reading error, as content import does.
func withFile(file string, err error) error {
	if p, ok := err.(diag.Problem); ok {
		p.File = file
		return p
	}
	return err
}

// Every text content check counts as translated is exported as translated,
// also those rightly the same as Latvian or English (same.yaml: KPI, the
// Swedish "Status"; the date pattern): msgfmt counts every entry of every
// language's PO as translated, none fuzzy or untranslated, so a language can
// reach 100 % in a translator's tool.
func TestExportSameTextsTranslated(t *testing.T) {
	dir := copyContent(t)
	msgfmt := needMsgfmt(t)
	b, err := content.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	reports, _ := content.Check(b)
	for _, r := range reports[1:] {
		c := catalog(t, dir, r.Code, false)
		if r.Translated != r.Units {
			t.Fatalf("%s: content check counts %d of %d translated; the test needs a complete language", r.Code, r.Translated, r.Units)
		}
		file := filepath.Join(t.TempDir(), r.Code+".po")
		if err := os.WriteFile(file, WritePO(c), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(msgfmt, "--check", "--statistics", "-o", os.DevNull, file).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: msgfmt: %v\n%s", r.Code, err, out)
		}
		if want := regexp.MustCompile(`^\d+ translated messages\.\n$`); !want.Match(out) || !strings.HasPrefix(string(out), strconv.Itoa(len(c.Entries))) {
			t.Errorf("%s: msgfmt --statistics says %q; want all %d entries translated", r.Code, out, len(c.Entries))
		}
	}
	// The texts that are the same by right, as the PO file has them.
	po := string(WritePO(catalog(t, dir, "sv", false)))
	for _, want := range []string{
		"msgctxt \"labels.sheet.action.col.status\"\nmsgid \"Statuss\"\nmsgstr \"Status\"\n",
		"msgctxt \"labels.date.format\"\nmsgid \"dd.mm.yyyy.\"\nmsgstr \"yyyy-mm-dd\"\n",
	} {
		if !strings.Contains(po, want) {
			t.Errorf("the sv PO lacks\n%s", want)
		}
	}
}

// A translation whose Latvian text has changed since is exported fuzzy,
// with the Latvian it was made from as the previous msgid (#|), which
// msgfmt accepts; importing the file as it is skips it; once the translator
// clears the mark, it is imported and the next export has neither the mark
// nor the previous text. XLIFF gives it state initial and the previous text
// as a note.
func TestExportOutdatedWithPrevious(t *testing.T) {
	dir := copyContent(t)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("lv/labels/common.yaml", `status.done: "Izpildīts"`, `status.done: "Paveikts"`)
	edit("lv/roadmap.yaml", "Mēs iesakām pēc iespējas precīzāk definēt savu mērķa grupu.", "Iesakām mērķa grupu definēt pēc iespējas precīzāk.")

	c := catalog(t, dir, "lt", false)
	po := string(WritePO(c))
	for _, want := range []string{
		"#, fuzzy\n#| msgctxt \"labels.status.done\"\n#| msgid \"Izpildīts\"\nmsgctxt \"labels.status.done\"\nmsgid \"Paveikts\"\nmsgstr \"Atlikta\"\n",
		"#, fuzzy\n#| msgctxt \"steps.1.checkpoints.target-group.guidance\"\n#| msgid \"\"\n#| \"Uzsākot jebkuru",
		"#| \"Tāpēc pirmais solis šajā procesā ir mērķa grupas definēšana.",
		" Mēs iesakām pēc iespējas precīzāk definēt savu mērķa grupu.\"\nmsgctxt \"steps.1.checkpoints.target-group.guidance\"\n",
	} {
		if !strings.Contains(po, want) {
			t.Errorf("the lt PO lacks\n%s", want)
		}
	}
	if n := strings.Count(po, "#, fuzzy"); n != 2 {
		t.Errorf("%d fuzzy entries, want 2", n)
	}
	file := filepath.Join(t.TempDir(), "lt.po")
	if err := os.WriteFile(file, []byte(po), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(needMsgfmt(t), "--check", "-o", os.DevNull, file).CombinedOutput(); err != nil {
		t.Fatalf("msgfmt --check: %v\n%s", err, out)
	}
	x := string(WriteXLIFF(c))
	if want := `<unit id="labels.status.done">
      <notes>
        <note category="en">Done</note>
        <note category="previous-source">Izpildīts</note>`; !strings.Contains(x, want) {
		t.Errorf("the lt XLIFF lacks\n%s", want)
	}
	if want := `<segment state="initial">
        <source>Paveikts</source>`; !strings.Contains(x, want) {
		t.Errorf("the lt XLIFF lacks\n%s", want)
	}

	// As it is: both skipped, nothing written.
	before := snapshot(t, dir)
	lang, ts, fuzzy, err := ReadPO([]byte(po))
	if err != nil || fuzzy != 2 {
		t.Fatalf("read: %d fuzzy, %v", fuzzy, err)
	}
	if res, err := Apply(dir, lang, "lt.po", ts); err != nil || len(res.Files) != 0 {
		t.Fatalf("import as exported: wrote %v, %v", res.Files, err)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Fatal("importing an unchanged export changed files")
	}
	// The translator checks the label and clears its mark.
	cleared := strings.Replace(po, "#, fuzzy\n#| msgctxt \"labels.status.done\"\n#| msgid \"Izpildīts\"\n", "", 1)
	lang, ts, fuzzy, err = ReadPO([]byte(cleared))
	if err != nil || fuzzy != 1 {
		t.Fatalf("read: %d fuzzy, %v", fuzzy, err)
	}
	if _, err := Apply(dir, lang, "lt.po", ts); err != nil {
		t.Fatal(err)
	}
	po = string(WritePO(catalog(t, dir, "lt", false)))
	if n := strings.Count(po, "#, fuzzy"); n != 1 || strings.Contains(po, "#| msgid \"Izpildīts\"") {
		t.Errorf("after the import: %d fuzzy entries (want 1), previous text of the label still there: %v", n, strings.Contains(po, "Izpildīts"))
	}
}

// XLIFF keeps paragraph breaks: a unit holding line breaks is marked
// xml:space="preserve", and its text comes back through import with its
// paragraphs, byte for byte.
func TestXLIFFKeepsParagraphs(t *testing.T) {
	dir := copyContent(t)
	c := catalog(t, dir, "pt", false)
	x := WriteXLIFF(c)
	if want := `<unit id="steps.1.checkpoints.target-group.guidance" xml:space="preserve">`; !strings.Contains(string(x), want) {
		t.Errorf("the XLIFF lacks %s", want)
	}
	if want := `<unit id="labels.status.done">`; !strings.Contains(string(x), want) {
		t.Errorf("the XLIFF lacks %s (a one-line text needs no xml:space)", want)
	}
	_, ts, _, err := ReadXLIFF(x)
	if err != nil {
		t.Fatal(err)
	}
	var guidance string
	for _, tr := range ts {
		if tr.Key == "steps.1.checkpoints.target-group.guidance" {
			guidance = tr.Text
		}
	}
	b, err := content.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	pt, _ := b.Language("pt")
	if want := strings.TrimSuffix(pt.Checkpoint("target-group").Guidance, "\n"); guidance != want || !strings.Contains(guidance, "\n\n") {
		t.Errorf("read back\n%q\nwant\n%q", guidance, want)
	}
	// A translation with its paragraphs changed comes back with them.
	for i := range ts {
		if ts[i].Key == "steps.1.checkpoints.target-group.guidance" {
			ts[i].Text = "Primeiro parágrafo.\n\nSegundo parágrafo."
		}
	}
	_, ts, _, err = ReadXLIFF(WriteXLIFF(withTargets(c, ts)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(dir, "pt", "pt.xlf", ts); err != nil {
		t.Fatal(err)
	}
	b, err = content.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	pt, _ = b.Language("pt")
	if got := strings.TrimSuffix(pt.Checkpoint("target-group").Guidance, "\n"); got != "Primeiro parágrafo.\n\nSegundo parágrafo." {
		t.Errorf("imported %q", got)
	}
}

// A PO file whose Language header names a locale, as Poedit may write it
// (pt_PT), is imported into its language.
func TestImportLocale(t *testing.T) {
	dir := copyContent(t)
	po := "msgid \"\"\nmsgstr \"Language: pt_PT\\n\"\n\nmsgctxt \"labels.status.done\"\nmsgid \"x\"\nmsgstr \"Concluído!\"\n"
	lang, ts, _, err := ReadPO([]byte(po))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(dir, lang, "pt.po", ts)
	if err != nil || res.Changed != 1 {
		t.Fatalf("changed %d: %v", res.Changed, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "pt", "labels", "common.yaml"))
	if !strings.Contains(string(data), `status.done: "Concluído!"`) {
		t.Errorf("pt/labels/common.yaml lacks the import:\n%s", data)
	}
}

// A PO file as gettext's own tools write it back (msgcat wraps long strings
// at 79 columns, as Poedit does) imports as the export did: nothing changes.
func TestImportRewrappedPO(t *testing.T) {
	dir := copyContent(t)
	msgcat := testtool.Need(t, "msgcat", "gettext")
	file := filepath.Join(t.TempDir(), "lt.po")
	if err := os.WriteFile(file, WritePO(catalog(t, dir, "lt", false)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(msgcat, "--width=79", file, "-o", file).CombinedOutput(); err != nil {
		t.Fatalf("msgcat: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "msgid \"\"\n\"Ceļa karte veiksmīgas sadarbības veidošanai starp pašvaldībām un kopienas \"\n\"organizācijām\"\n") {
		t.Fatal("msgcat did not wrap the title; the test tests nothing")
	}
	before := snapshot(t, dir)
	lang, ts, _, err := ReadPO(data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(dir, lang, "lt.po", ts)
	if err != nil || res.Changed != 0 || res.Unchanged != len(ts) {
		t.Fatalf("%+v, %v", res, err)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("importing the rewrapped export changed files")
	}
}

package translate

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// copyContent copies the repository's content folder into a temporary one.
func copyContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	src := "../../content"
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot returns every file of dir, by path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		m[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func catalog(t *testing.T, dir, code string, untranslated bool) *Catalog {
	t.Helper()
	b, err := content.Open(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(b, code, untranslated)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func needMsgfmt(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "msgfmt", "gettext")
}

// Every translation's PO file passes msgfmt --check, and importing it back
// unchanged leaves every file byte-identical.
func TestExportEveryLanguage(t *testing.T) {
	dir := copyContent(t)
	b, err := content.Open(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	msgfmt := needMsgfmt(t)
	before := snapshot(t, dir)
	for _, code := range b.Codes()[1:] {
		c := catalog(t, dir, code, false)
		po := WritePO(c)
		file := filepath.Join(t.TempDir(), code+".po")
		if err := os.WriteFile(file, po, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, file).CombinedOutput(); err != nil {
			t.Errorf("%s: msgfmt --check: %v\n%s", code, err, out)
		}
		for _, data := range [][]byte{po, WriteXLIFF(c)} {
			read := ReadPO
			if bytes.HasPrefix(data, []byte("<?xml")) {
				read = ReadXLIFF
			}
			lang, ts, _, err := read(data)
			if err != nil || lang != code {
				t.Fatalf("%s: read back %q: %v", code, lang, err)
			}
			if _, err := Apply(dir, lang, file, ts); err != nil {
				t.Fatalf("%s: %v", code, err)
			}
		}
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("importing unchanged exports changed files")
	}
}

// The PO file of en passes msgfmt --check and holds only translatable texts:
// no ids, audiences, URLs or numbers.
func TestExportPO(t *testing.T) {
	dir := copyContent(t)
	po := WritePO(catalog(t, dir, "en", false))
	file := filepath.Join(t.TempDir(), "en.po")
	if err := os.WriteFile(file, po, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(needMsgfmt(t), "--check", "-o", os.DevNull, file).CombinedOutput()
	if err != nil {
		t.Fatalf("msgfmt --check: %v\n%s", err, out)
	}
	s := string(po)
	for _, want := range []string{
		"msgctxt \"steps.1.checkpoints.needs.options.items.community-contact.label\"\nmsgid \"Saziņa ar vietējo kopienu\"\nmsgstr \"Contact with the local community\"\n",
		"msgctxt \"labels.show.checkpoints:one\"\nmsgid \"{n} pieturas punkts\"\nmsgstr \"{n} checkpoint\"\n",
		"#. a workbook (Excel): sheet.action.title. At most 31 characters",
		"\"Language: en\\n\"",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the PO lacks\n%s", want)
		}
	}
	for _, not := range []string{"msgid \"target-group\"", "msgid \"both\"", "msgid \"https://", "msgid \"action-plan\"", "msgid \"1\""} {
		if strings.Contains(s, not) {
			t.Errorf("the PO holds %s, which is not for translating", not)
		}
	}
}

// Importing an unchanged export leaves every file byte-identical; an edited
// one changes exactly the edited texts, in place, and stamps them.
func TestImportRoundTrip(t *testing.T) {
	for _, format := range []string{"po", "xliff"} {
		t.Run(format, func(t *testing.T) {
			dir := copyContent(t)
			before := snapshot(t, dir)
			c := catalog(t, dir, "en", false)
			write, read := WritePO, ReadPO
			if format == "xliff" {
				write, read = WriteXLIFF, ReadXLIFF
			}
			lang, ts, _, err := read(write(c))
			if err != nil {
				t.Fatal(err)
			}
			if lang != "en" || len(ts) < 300 {
				t.Fatalf("read %q with %d texts", lang, len(ts))
			}
			res, err := Apply(dir, lang, "en."+format, ts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != 0 || len(res.Files) != 0 {
				t.Errorf("unchanged import changed %d texts, wrote %v", res.Changed, res.Files)
			}
			if after := snapshot(t, dir); !equal(before, after) {
				t.Fatal("an unchanged import changed the files")
			}

			// Edit two texts: a title (double-quoted) and a Markdown body
			// (a block), and a label.
			edits := map[string]string{
				"steps.1.checkpoints.target-group.title":    "Define your target group — precisely",
				"steps.1.checkpoints.target-group.guidance": "A first paragraph, with \"quotes\" and a colon: here.\n\nA second one.",
				"labels.status.done":                        "Completed",
			}
			for i := range ts {
				if s, ok := edits[ts[i].Key]; ok {
					ts[i].Text = s
				}
			}
			lang, ts2, _, err := read(write(withTargets(c, ts)))
			if err != nil {
				t.Fatal(err)
			}
			res, err = Apply(dir, lang, "en."+format, ts2)
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != 3 {
				t.Errorf("changed %d texts, want 3", res.Changed)
			}
			after := snapshot(t, dir)
			changed := 0
			for p := range before {
				if before[p] != after[p] {
					changed++
					if d := lineDiff(before[p], after[p]); d > 3 {
						t.Errorf("%s: %d lines changed", p, d)
					}
				}
			}
			if changed != 2 {
				t.Errorf("%d files changed, want 2 (roadmap.yaml, labels/common.yaml)", changed)
			}
			b, err := content.Load(os.DirFS(dir), dir)
			if err != nil {
				t.Fatal(err)
			}
			en, _ := b.Language("en")
			cp := en.Checkpoint("target-group")
			if cp.Title != edits["steps.1.checkpoints.target-group.title"] || strings.TrimSuffix(cp.Guidance, "\n") != edits["steps.1.checkpoints.target-group.guidance"] || en.Label("status.done") != "Completed" {
				t.Errorf("read back: %q / %q / %q", cp.Title, cp.Guidance, en.Label("status.done"))
			}
		})
	}
}

// A translation that drops a placeholder, or names an unknown text, is
// refused with its line, and nothing is written.
func TestImportRefusesBadTranslations(t *testing.T) {
	dir := copyContent(t)
	before := snapshot(t, dir)
	po := "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgctxt \"labels.page.footer\"\nmsgid \"x\"\nmsgstr \"Page {page}\"\n\nmsgctxt \"steps.9.nothing\"\nmsgid \"x\"\nmsgstr \"y\"\n"
	lang, ts, _, err := ReadPO([]byte(po))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Apply(dir, lang, "en.po", ts)
	want := "en.po:6:9: labels.page.footer: the translation has the placeholders [{page}]; it must have [{page} {pages}] as in lv, each written {name} exactly\n" +
		"en.po:10:9: steps.9.nothing: unknown key; the keys are those that roadmap content export writes (keep msgctxt, or the unit id, as exported)"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("a refused import changed files")
	}
}

func withTargets(c *Catalog, ts []Translation) *Catalog {
	m := map[string]string{}
	for _, t := range ts {
		m[t.Key] = t.Text
	}
	out := *c
	out.Entries = nil
	for _, e := range c.Entries {
		if s, ok := m[e.Key]; ok {
			e.Target = s
		}
		out.Entries = append(out.Entries, e)
	}
	return &out
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// lineDiff counts the lines of a that b does not have at the same place.
func lineDiff(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	n := 0
	for i := range max(len(al), len(bl)) {
		if i >= len(al) || i >= len(bl) || al[i] != bl[i] {
			n++
		}
	}
	return n
}

package content

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

// realContent returns the repository's content folder as a map file system
// that a test can change.
func realContent(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../../content")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copyLang copies language folder from into folder to, as a translator who
// starts a new language from a copy would.
func copyLang(m fstest.MapFS, from, to string) {
	for p := range m {
		if strings.HasPrefix(p, to+"/") {
			delete(m, p)
		}
	}
	for p, f := range m {
		if rest, ok := strings.CutPrefix(p, from+"/"); ok {
			data := f.Data
			if rest == "roadmap.yaml" {
				data = []byte(strings.Replace(string(data), "language: "+from, "language: "+to, 1))
			}
			m[to+"/"+rest] = &fstest.MapFile{Data: data}
		}
	}
}

func check(t *testing.T, m fstest.MapFS, code string) (Report, string, string) {
	t.Helper()
	b, err := Load(m, "content")
	if err != nil {
		t.Fatal(err)
	}
	reports, problems := Check(b)
	for _, r := range reports {
		if r.Code == code {
			var ws []string
			for _, w := range r.Warnings {
				ws = append(ws, w.Error())
			}
			var ps []string
			for _, p := range problems {
				if strings.HasPrefix(p.File, "content/"+code+"/") {
					ps = append(ps, p.Error())
				}
			}
			return r, strings.Join(ps, "\n"), strings.Join(ws, "\n")
		}
	}
	t.Fatalf("no report for %s", code)
	return Report{}, "", ""
}

func TestRealContentTranslated(t *testing.T) {
	b, err := Load(os.DirFS("../../content"), "content")
	if err != nil {
		t.Fatal(err)
	}
	reports, problems := Check(b)
	if len(problems) > 0 {
		t.Fatalf("problems:\n%v", problems.Err())
	}
	for _, r := range reports {
		if !r.Complete() || len(r.Warnings) > 0 {
			t.Errorf("%s: complete %v, translated %d/%d, warnings:\n%v", r.Code, r.Complete(), r.Translated, r.Units, r.Warnings.Err())
		}
	}
}

// A folder copied from en is reported as untranslated, string by string,
// and is not complete.
func TestCopiedFromEnglishIsUntranslated(t *testing.T) {
	m := realContent(t)
	copyLang(m, "en", "lt")
	delete(m, "lt/sources.yaml")
	r, problems, warnings := check(t, m, "lt")
	// The one problem: Lithuanian counts need more plural forms than English.
	want := at(t, m, "lt/labels/common.yaml", "show.checkpoints:") + `: label "show.checkpoints" holds a count: give its plural forms (one, few, many, other), as lv does`
	if problems != strings.Replace(want, "show.checkpoints:", "", 1) && !strings.Contains(problems, "needs the plural forms one, few, many, other (missing: few, many; not used: none)") {
		t.Errorf("problems:\n%s", problems)
	}
	// Only texts without a letter (a bullet and placeholders) count as
	// translated.
	b, _ := Load(m, "content")
	units, _ := b.Units("lt")
	noLetters := 0
	for _, u := range units {
		if !strings.ContainsFunc(placeholderRE().ReplaceAllString(u.Text, ""), unicode.IsLetter) || u.Key == "labels."+DateFormatLabel {
			noLetters++
		}
	}
	if r.Complete() || r.Translated != noLetters || r.Units < 300 {
		t.Errorf("complete %v, translated %d of %d", r.Complete(), r.Translated, r.Units)
	}
	for _, want := range []string{
		at(t, m, "lt/roadmap.yaml", `"Define your target group"`) + ": identical to en (" + at(t, m, "en/roadmap.yaml", `"Define your target group"`) + `): "Define your target group"; translate it from lv`,
		at(t, m, "lt/labels/common.yaml", `"Not started"`) + ": identical to en (" + at(t, m, "en/labels/common.yaml", `"Not started"`) + `): "Not started"; translate it from lv`,
		`content/lt/sources.yaml: no record of which lv texts this translation was made from`,
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack\n%s\ngot (first lines):\n%s", want, first(warnings, 5))
		}
	}
	// (Counted as the warning says it: the catalogue's own message about
	// identical texts, copied, holds the words too.)
	if n := strings.Count(warnings, ": identical to en ("); n != r.Units-r.Translated {
		t.Errorf("%d 'identical to en' warnings; want one per untranslated text, %d", n, r.Units-r.Translated)
	}
}

// A deleted option text, an empty label, a 35-character sheet name and a
// list turned into a paragraph are errors, each at its position.
func TestTranslationProblems(t *testing.T) {
	m := realContent(t)
	en := string(m["en/roadmap.yaml"].Data)
	// Delete the text of the first option of "needs": from its "text: |"
	// line to the next option.
	i := strings.Index(en, "- id: community-contact")
	j := i + strings.Index(en[i:], "text: |")
	j = strings.LastIndex(en[:j], "\n") + 1
	k := j + strings.Index(en[j:], "- id: surveys")
	k = strings.LastIndex(en[:k], "\n") + 1
	en = en[:j] + en[k:]
	m["en/roadmap.yaml"] = &fstest.MapFile{Data: []byte(en)}
	optionAt := at(t, m, "en/roadmap.yaml", "id: community-contact")
	labels := string(m["en/labels/common.yaml"].Data)
	labels = strings.Replace(labels, `status.done: "Done"`, `status.done: ""`, 1)
	m["en/labels/common.yaml"] = &fstest.MapFile{Data: []byte(labels)}
	sheets := string(m["en/labels/sheets.yaml"].Data)
	sheets = strings.Replace(sheets, `sheet.action.title: "Action plan"`, `sheet.action.title: "Action plan of the partnership: 2027"`, 1)
	m["en/labels/sheets.yaml"] = &fstest.MapFile{Data: []byte(sheets)}
	_, problems, _ := check(t, m, "en")
	lvData := string(m["lv/roadmap.yaml"].Data)
	ti := strings.Index(lvData, "- id: community-contact")
	ti += strings.Index(lvData[ti:], "text: |") + len("text: ")
	line := strings.Count(lvData[:ti], "\n") + 1
	col := ti - strings.LastIndex(lvData[:ti], "\n")
	lvText := fmt.Sprintf("content/lv/roadmap.yaml:%d:%d", line, col)
	for _, want := range []string{
		optionAt + `: steps.1.checkpoints.needs.options.items.community-contact.text is missing; lv has it at ` + lvText,
		at(t, m, "en/labels/common.yaml", `""`) + `: the text is empty; translate "Izpildīts" (` + at(t, m, "lv/labels/common.yaml", `"Izpildīts"`) + ")",
		at(t, m, "en/labels/sheets.yaml", `"Action plan of`) + `: label "sheet.action.title" is 36 characters long; it names a sheet of a workbook, and Excel allows 31 characters without : \ / ? * [ ] (31 at most)`,
		at(t, m, "en/labels/sheets.yaml", `"Action plan of`) + `: label "sheet.action.title" holds ':'; it names a sheet of a workbook`,
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack\n%s\ngot:\n%s", want, problems)
		}
	}
}

// Changing one Latvian sentence marks that text outdated in every other
// language, and only that text.
func TestChangedSourceMarksOutdated(t *testing.T) {
	m := realContent(t)
	copyLang(m, "en", "sv")
	lv := string(m["lv/roadmap.yaml"].Data)
	lv = strings.Replace(lv, `title: "Definējiet savu mērķa grupu"`, `title: "Definējiet savu mērķa grupu precīzi"`, 1)
	m["lv/roadmap.yaml"] = &fstest.MapFile{Data: []byte(lv)}
	for _, code := range []string{"en", "sv"} {
		r, _, warnings := check(t, m, code)
		if r.Outdated != 1 {
			t.Errorf("%s: %d outdated, want 1:\n%s", code, r.Outdated, warnings)
		}
		want := at(t, m, code+"/roadmap.yaml", `"Define your target group"`) + `: outdated: the lv text changed since this was translated (` + at(t, m, "lv/roadmap.yaml", `"Definējiet savu mērķa grupu precīzi"`) + `); revisit it, then run: roadmap content stamp --lang ` + code
		if !strings.Contains(warnings, want) {
			t.Errorf("%s: warnings lack\n%s\ngot:\n%s", code, want, first(warnings, 5))
		}
	}
}

// at returns where needle first starts in file of m, as file:line:col in
// messages.
func at(t *testing.T, m fstest.MapFS, file, needle string) string {
	t.Helper()
	data := string(m[file].Data)
	i := strings.Index(data, needle)
	if i < 0 {
		t.Fatalf("%s has no %q", file, needle)
	}
	line := strings.Count(data[:i], "\n") + 1
	col := len([]rune(data[strings.LastIndex(data[:i], "\n")+1:i])) + 1
	return fmt.Sprintf("content/%s:%d:%d", file, line, col)
}

func first(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

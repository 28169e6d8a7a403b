package sheets

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// edit is text typed into a cell of a sheet.
type edit struct {
	Sheet string `json:"sheet"`
	Cell  string `json:"cell"`
	Text  string `json:"text"`
}

// printJob is a workbook to open in LibreOffice, type into and print.
type printJob struct {
	Name  string `json:"-"`
	Data  []byte `json:"-"`
	Src   string `json:"src"`
	Out   string `json:"out"`
	Edits []edit `json:"edits"`
}

// printTyped opens each workbook in LibreOffice, types its edits into it
// through LibreOffice's API (as a person typing would, so that rows grow as
// LibreOffice grows them), prints it to PDF and returns the PDFs by name.
func printTyped(t *testing.T, jobs []printJob) map[string][]byte {
	t.Helper()
	soffice := testtool.Need(t, "soffice", "libreoffice-calc-nogui")
	py := testtool.UnoPython(t)
	dir := t.TempDir()
	for i := range jobs {
		jobs[i].Src = filepath.Join(dir, jobs[i].Name+".xlsx")
		jobs[i].Out = filepath.Join(dir, jobs[i].Name+".pdf")
		if err := os.WriteFile(jobs[i].Src, jobs[i].Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spec, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	specFile := filepath.Join(dir, "jobs.json")
	if err := os.WriteFile(specFile, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "type.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script, soffice, filepath.Join(dir, "profile"), specFile)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	pdfs := map[string][]byte{}
	for _, j := range jobs {
		data, err := os.ReadFile(j.Out)
		if err != nil {
			t.Fatalf("LibreOffice printed no PDF of %s: %v", j.Name, err)
		}
		pdfs[j.Name] = data
		if dir := os.Getenv("SHEETS_PRINT_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, j.Name+".pdf"), data, 0o644)
		}
	}
	return pdfs
}

// words returns text of n distinct words, about 6 characters each.
func words(prefix string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%s%03d", prefix, i)
	}
	return strings.Join(w, " ")
}

// missingWords returns the words of text that the printed pages lack.
func missingWords(pages []string, text string) []string {
	all := map[string]bool{}
	for _, p := range pages {
		for _, w := range strings.Fields(p) {
			all[w] = true
		}
	}
	var missing []string
	for _, w := range strings.Fields(text) {
		if !all[w] {
			missing = append(missing, w)
		}
	}
	return missing
}

// TestTypedRowsPrintWhole types a 600-character text into row 40 of a blank
// plan (below its 30 ready rows), into an empty ready row and into a
// pre-filled row, the way a person does in LibreOffice, prints the workbook
// and checks that every word is on the printed pages: the rows grew with
// the text, and the rows below the table print.
func TestTypedRowsPrintWhole(t *testing.T) {
	type typed struct {
		cell, prefix string
	}
	cases := []struct {
		name, lang, plan string
		a                *answers.File
		typed            []typed
	}{
		{"lv-action-blank", "lv", "action-plan", nil, []typed{{"B40", "rinda"}, {"D5", "tuksa"}}},
		{"en-action-blank", "en", "action-plan", nil, []typed{{"B40", "row"}, {"G12", "empty"}}},
		{"lv-communication-filled", "lv", "communication-plan", sample(), []typed{{"A40", "zem"}, {"A2", "aizp"}}},
		{"en-evaluation-blank", "en", "evaluation-plan", nil, []typed{{"C40", "below"}}},
	}
	var jobs []printJob
	texts := map[string][]string{}
	for _, c := range cases {
		l := lang(t, c.lang)
		data, err := Build(l, []Plan{plan(t, c.plan)}, c.a)
		if err != nil {
			t.Fatal(err)
		}
		p := plan(t, c.plan)
		j := printJob{Name: c.name, Data: data}
		for _, ty := range c.typed {
			text := words(ty.prefix, 86) // 86 words of 7 characters: 601 characters
			j.Edits = append(j.Edits, edit{Sheet: l.Label(p.Key + ".title"), Cell: ty.cell, Text: text})
			texts[c.name] = append(texts[c.name], text)
		}
		jobs = append(jobs, j)
	}
	pdfs := printTyped(t, jobs)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pages := pdftest.Pages(t, pdfs[c.name])
			for i, text := range texts[c.name] {
				if len(text) < 600 {
					t.Fatalf("typed text is %d characters, want 600 or more", len(text))
				}
				if missing := missingWords(pages, text); len(missing) > 0 {
					t.Errorf("%s: %d of %d typed words are not printed, first %q", c.typed[i].cell, len(missing), len(strings.Fields(text)), missing[0])
				}
			}
		})
	}
}

// TestPrintedWorkbooks prints workbooks through LibreOffice and reads the
// pages back: overdue and done read in words on a black-and-white copy, text
// OOXML would reinterpret prints as written, values too long for one row
// print whole, no heading of the instructions ends a page, and every page
// carries the funding line, in lv and en,
// on A4 and Letter, in the one-plan and the three-plan workbooks.
func TestPrintedWorkbooks(t *testing.T) {
	progress := func(code string) *answers.File {
		return &answers.File{Language: code, Organisation: answers.Organisation{Name: "Org_x0041_ & Co"}, ActionPlan: []answers.Action{
			{Activity: "Overdue1", Deadline: answers.Date{Year: 2020, Month: 1, Day: 15}, Status: "planned"},
			{Activity: "Done2", Deadline: answers.Date{Year: 2020, Month: 2, Day: 1}, Status: "done"},
			{Activity: "Future3", Deadline: answers.Date{Year: 2099, Month: 3, Day: 1}, Status: "in-progress"},
			{Activity: "_x000D_ stays"},
			{Activity: strings.Repeat("Ø", 5000)},
			{Activity: words("long", 3000)},
		}}
	}
	type wb struct {
		name, lang string
		plans      []Plan
		a          *answers.File
		paper      Paper
	}
	var books []wb
	for _, code := range []string{"lv", "en"} {
		books = append(books, wb{code + "-progress", code, []Plan{plan(t, "action-plan")}, progress(code), A4})
		for _, p := range []Paper{A4, Letter} {
			books = append(books, wb{fmt.Sprintf("%s-plans-blank-%s", code, p), code, Plans(), nil, p})
		}
		books = append(books, wb{code + "-plans-sample-letter", code, Plans(), sample(), Letter})
	}
	for _, code := range []string{"lt", "sv", "pt", "el"} {
		books = append(books, wb{code + "-plans-blank-a4", code, Plans(), nil, A4}, wb{code + "-plans-sample-letter", code, Plans(), sample(), Letter})
	}
	books = append(books, wb{"lv-plans-long-a4", "lv", Plans(), long(), A4})
	var jobs []printJob
	for _, b := range books {
		data, err := Build(lang(t, b.lang), b.plans, b.a, WithPaper(b.paper))
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, printJob{Name: b.name, Data: data})
	}
	pdfs := printTyped(t, jobs)

	for _, code := range []string{"lv", "en"} {
		t.Run(code+"-progress", func(t *testing.T) {
			pages := pdftest.Pages(t, pdfs[code+"-progress"])
			all := strings.Join(pages, "\n")
			mark := lang(t, code).Label("sheet.action.overdue")
			l := lang(t, code)
			lineOf := func(word string) string {
				for _, line := range strings.Split(all, "\n") {
					if strings.Contains(line, word) {
						return line
					}
				}
				t.Fatalf("no printed line has %s", word)
				return ""
			}
			if line := lineOf("Overdue1"); !strings.Contains(line, l.FormatDate(time.Date(2020, 1, 15, 0, 0, 0, 0, time.UTC))+" "+mark) {
				t.Errorf("the overdue row prints as %q, want its date followed by %q", line, mark)
			}
			for _, w := range []string{"Done2", "Future3"} {
				if line := lineOf(w); strings.Contains(line, mark) {
					t.Errorf("the %s row prints as %q, with the overdue marker", w, line)
				}
			}
			if line := lineOf("Done2"); !strings.Contains(line, l.Label("value.action-status.done")) {
				t.Errorf("the done row prints as %q, without the word %q", line, l.Label("value.action-status.done"))
			}
			if line := lineOf("stays"); !strings.Contains(line, "_x000D_ stays") {
				t.Errorf("_x000D_ prints as %q", line)
			}
			if !strings.Contains(pages[0], "Org_x0041_ & Co") {
				t.Errorf("the page header does not show the organisation as written:\n%.300s", pages[0])
			}
			if n := strings.Count(all, "Ø"); n != 5000 {
				t.Errorf("the 5,000-letter word prints %d of its letters", n)
			}
			if missing := missingWords(pages, words("long", 3000)); len(missing) > 0 {
				t.Errorf("%d words of the 3,000-word activity are not printed, first %q", len(missing), missing[0])
			}
		})
	}
	// every printed page readable (no type below 8 pt, header and footer
	// included) and holding something: no page of empty grid under the
	// repeated header row, but for the first page of a blank table
	for _, b := range books {
		l := lang(t, b.lang)
		heads := map[string]bool{}
		for _, p := range Plans() {
			for _, c := range p.Columns {
				for _, w := range strings.Fields(l.Label(p.Key + ".col." + c.ID)) {
					heads[w] = true
				}
			}
		}
		th := pdf.DefaultTheme()
		for i, page := range pdftest.Runs(t, pdfs[b.name]) {
			first, body := false, 0
			for _, r := range page.Runs {
				if r.Size < 8 {
					t.Errorf("%s: page %d sets %q at %.1f pt, below 8 pt", b.name, i+1, r.Text, r.Size)
				}
				if r.Text == l.Format("page.sheet", "page", "1") {
					first = true
				}
				if mm := r.Top / 72 * 25.4; mm < th.Margins.Top*0.9 || mm > page.Height/72*25.4-th.Margins.Bottom {
					continue // the running header or the footer
				}
				for _, w := range strings.Fields(r.Text) {
					if !heads[w] {
						body++
					}
				}
			}
			if body == 0 && !first {
				t.Errorf("%s: page %d prints nothing but the header row", b.name, i+1)
			}
		}
	}

	// the funding line on every printed page, in the workbook's language
	for _, b := range books {
		funded := lang(t, b.lang).Label("funded_by")
		for i, page := range pdftest.Pages(t, pdfs[b.name]) {
			if !strings.Contains(page, funded) {
				t.Errorf("%s: page %d has no funding line %q", b.name, i+1, funded)
			}
		}
	}
	for _, b := range books {
		if len(b.plans) < 3 {
			continue
		}
		t.Run(b.name, func(t *testing.T) {
			l := lang(t, b.lang)
			headings := map[string]bool{l.Label("sheet.instructions.general"): true}
			for _, p := range b.plans {
				headings[l.Label(p.Key+".title")] = true
			}
			title := l.Label("sheet.instructions.title")
			instr := 0
			for i, page := range pdftest.Pages(t, pdfs[b.name]) {
				var body []string
				for _, line := range strings.Split(page, "\n") {
					if s := strings.TrimSpace(line); s != "" {
						body = append(body, s)
					}
				}
				// the running header: the title beside the band of whose
				// plan it is (organisation, partner, period), in whatever
				// order pdftotext sets them
				top := -1
				for k := 0; k < min(3, len(body)); k++ {
					if strings.HasPrefix(body[k], title) {
						top = k
					}
				}
				if len(body) < 3 || top < 0 {
					continue // a plan's page
				}
				instr++
				body = body[top+1:]
				// the footer: the roadmap's title, the page numbers and the
				// funding line, in whatever order pdftotext sets them
				for len(body) > 0 {
					last := body[len(body)-1]
					if last != l.Label("funded_by") && !strings.HasPrefix(l.Title, last) &&
						!strings.Contains(last, l.Format("page.sheet", "page", fmt.Sprint(instr))) {
						break
					}
					body = body[:len(body)-1]
				}
				if last := body[len(body)-1]; headings[last] {
					t.Errorf("page %d ends with the heading %q", i+1, last)
				}
			}
			if instr == 0 {
				t.Error("no page of instructions printed")
			}
		})
	}
}

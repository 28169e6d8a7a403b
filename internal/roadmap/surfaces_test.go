package roadmap_test

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/importpdf"
	"github.com/partnership-roadmap/roadmap/internal/overview"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
	"github.com/partnership-roadmap/roadmap/internal/serve"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

var docDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// fullRows returns answers of form f in lang with one row in every plan,
// every column of which holds a value of its own: a text naming the plan
// and column, a date of its own, a choice of the list's second value.
func fullRows(t *testing.T, lang *content.Language, f content.Audience) *answers.File {
	t.Helper()
	a := &answers.File{Form: f, Language: lang.Code, Date: answers.DateOf(docDate),
		Organisation: answers.Organisation{Name: "Surfaces NGO"}, Checkpoints: map[string]answers.Checkpoint{}}
	for pi, p := range roadmap.Plans {
		row := make(roadmap.Row, len(p.Columns))
		for ci, c := range p.Columns {
			switch c.Kind {
			case roadmap.Date:
				row[ci].Date = answers.Date{Year: 2027, Month: time.Month(pi + 2), Day: ci + 10}
			case roadmap.Choice:
				items := c.List.Items(lang)
				if len(items) < 2 {
					t.Fatalf("%s.%s: a list of %d", p.ID, c.ID, len(items))
				}
				row[ci].Text = items[1].ID
			default:
				row[ci].Text = fmt.Sprintf("%s%s value", strings.ToUpper(p.ID[:1]), c.ID)
			}
		}
		p.SetRows(a, []roadmap.Row{row})
	}
	return a
}

// TestEverySurfaceHasEveryColumn walks the plan declarations and fails if a
// surface lacks a column the declaration has: the printable form's table,
// the fillable form's fields (read back by import), the workbook's columns,
// the editing page's inputs and the overview workbook's columns. Each value
// of a row whose every column is filled must show on each.
func TestEverySurfaceHasEveryColumn(t *testing.T) {
	lang := contenttest.Language(t, "en")
	a := fullRows(t, lang, content.Community)

	// The printable form: every value in its table, as the language
	// shows it.
	printed, err := form.Render(lang, a.Form, a, form.Options{Date: docDate})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, printed.Data)), " ")
	// The fillable form: every value in its field, read back by import.
	fillable, err := form.Render(lang, a.Form, a, form.Options{Date: docDate, Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	back, err := importpdf.Read(fillable.Data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	// The plans' workbook.
	book, err := sheets.Build(lang, sheets.Plans(), a, sheets.WithDate(docDate))
	if err != nil {
		t.Fatal(err)
	}
	wb := openBook(t, book)
	// The editing page.
	page := editPage(t, a)
	// The overview workbook.
	ov, err := overview.Build(lang, []*answers.File{a}, nil, answers.DateOf(docDate)).Workbook(overview.WorkbookOptions{Date: docDate})
	if err != nil {
		t.Fatal(err)
	}
	ob := openBook(t, ov)

	sheetsByPlan := map[*roadmap.Plan]string{roadmap.ActionPlan: "overview.sheet.actions",
		roadmap.CommunicationPlan: "overview.sheet.communication", roadmap.EvaluationPlan: "overview.sheet.evaluations"}
	keys := map[*roadmap.Plan]string{roadmap.ActionPlan: "ap", roadmap.CommunicationPlan: "cm", roadmap.EvaluationPlan: "ev"}
	for _, p := range roadmap.Plans {
		row := p.Rows(a)[0]
		if got := p.Rows(back); len(got) != 1 || !reflect.DeepEqual(got[0], row) {
			t.Errorf("%s: the fillable form's fields give %v; want %v", p.Name, got, row)
		}
		bookRows := rows(t, wb, p.Title(lang))
		ovRows := rows(t, ob, lang.Label(sheetsByPlan[p]))
		for i, c := range p.Columns {
			label := p.Label(lang, c.ID)
			shown := c.Text(lang, row[i])
			if !strings.Contains(text, shown) {
				t.Errorf("%s.%s: the printable form does not show %q", p.ID, c.ID, shown)
			}
			for name, r := range map[string][][]string{"the plans' workbook": bookRows, "the overview workbook": ovRows} {
				at := index(r[0], label)
				if at < 0 {
					t.Errorf("%s.%s: %s has no column %q: %q", p.ID, c.ID, name, label, r[0])
					continue
				}
				if len(r) < 2 || at >= len(r[1]) || r[1][at] != shown {
					t.Errorf("%s.%s: %s shows %v in the row; want %q in column %d", p.ID, c.ID, name, r[1:], shown, at+1)
				}
			}
			input := fmt.Sprintf(`name="%s.%s"`, keys[p], c.ID)
			if !strings.Contains(page, input) {
				t.Errorf("%s.%s: the editing page has no input %s", p.ID, c.ID, input)
			}
			value := row[i].Text
			if c.Kind == roadmap.Date {
				value = row[i].Date.String()
			}
			if c.Kind == roadmap.Choice && !c.List.Strict {
				value = shown // a suggestion is shown by its label
			}
			if !strings.Contains(page, html.EscapeString(value)) {
				t.Errorf("%s.%s: the editing page does not show %q", p.ID, c.ID, value)
			}
		}
	}
}

// TestNotApplicableTotals checks that a roadmap with two checkpoints not
// applicable shows the same totals, with those two left out, in the form,
// the editing page, the home page, and the overview's workbook and report.
func TestNotApplicableTotals(t *testing.T) {
	b := contenttest.Bundle(t)
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", "brinumins-community-en.yaml"), b)
	if err != nil {
		t.Fatal(err)
	}
	lang := contenttest.Language(t, "en")
	na := 0
	for _, cp := range lang.Checkpoints(a.Form) {
		if c := a.Checkpoint(cp.ID); c.Status != answers.Done && na < 2 {
			c.Status = answers.NotApplicable
			a.Checkpoints[cp.ID] = c
			na++
		}
	}
	_, total := roadmap.Progress(lang, a.Form, a)
	all := len(lang.Checkpoints(a.Form))
	if total.Total() != all-2 || total.NotApplicable != 2 {
		t.Fatalf("progress %+v of %d checkpoints", total, all)
	}
	want := fmt.Sprintf("%d of %d", total.Done, all-2)
	wrong := fmt.Sprintf("%d of %d", total.Done, all)

	f, err := form.Render(lang, a.Form, a, form.Options{Date: docDate})
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Join(strings.Fields(pdftest.Pages(t, f.Data)[0]), " ")
	if !strings.Contains(first, "Total "+want) || strings.Contains(first, wrong) {
		t.Errorf("the form's first page does not say %q:\n%s", "Total "+want, first)
	}
	if !strings.Contains(first, "Not applicable: 2 (left out of the totals)") {
		t.Errorf("the form does not say what it left out:\n%s", first)
	}

	dir := t.TempDir()
	write(t, a, filepath.Join(dir, "brinumins.yaml"))
	s := server(t, dir)
	edit := get(t, s, "/r/brinumins.yaml")
	if !strings.Contains(edit, want) || strings.Contains(edit, wrong) {
		t.Errorf("the editing page does not say %q", want)
	}
	if !strings.Contains(edit, "Not applicable: 2 (left out of the totals)") {
		t.Errorf("the editing page does not say what it left out")
	}
	if home := get(t, s, "/?lang=en"); !strings.Contains(home, want) || strings.Contains(home, wrong) {
		t.Errorf("the home page does not say %q", want)
	}

	r := overview.Build(lang, []*answers.File{a}, nil, answers.DateOf(docDate))
	report, err := r.PDF(overview.PDFOptions{Date: docDate})
	if err != nil {
		t.Fatal(err)
	}
	cover := strings.Join(strings.Fields(pdftest.Pages(t, report)[0]), " ")
	if !strings.Contains(cover, fmt.Sprintf("of %d", all-2)) || strings.Contains(cover, fmt.Sprintf("of %d", all)) {
		t.Errorf("the overview report's first page does not count of %d:\n%s", all-2, cover)
	}
	ov, err := r.Workbook(overview.WorkbookOptions{Date: docDate})
	if err != nil {
		t.Fatal(err)
	}
	orgs := rows(t, openBook(t, ov), lang.Label("overview.sheet.organisations"))
	counted := map[string]int{} // the total's columns
	for i, h := range orgs[0] {
		for _, s := range answers.Statuses {
			head := lang.Format("overview.col.step-status", "step", lang.Label("form.progress.total"), "status", lang.Label("status."+string(s)))
			if strings.Join(strings.Fields(h), " ") == head && i < len(orgs[1]) {
				var n int
				fmt.Sscan(orgs[1][i], &n)
				counted[string(s)] += n
			}
		}
	}
	if counted["done"] != total.Done || counted["not-applicable"] != 2 ||
		counted["done"]+counted["in-progress"]+counted["not-started"] != all-2 {
		t.Errorf("the overview workbook counts %v; want %d done, 2 not applicable, %d that apply", counted, total.Done, all-2)
	}
}

func openBook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows returns the rows of the sheet named name, as a person sees them.
func rows(t *testing.T, f *excelize.File, name string) [][]string {
	t.Helper()
	r, err := f.GetRows(overview.SheetName(name))
	if err != nil || len(r) == 0 {
		t.Fatalf("sheet %q: %v (sheets %q)", name, err, f.GetSheetList())
	}
	return r
}

func index(row []string, s string) int {
	for i, v := range row {
		if strings.Join(strings.Fields(v), " ") == s {
			return i
		}
	}
	return -1
}

func write(t *testing.T, a *answers.File, path string) {
	t.Helper()
	lang := contenttest.Language(t, a.Language)
	data, err := answers.Encode(a, lang, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func server(t *testing.T, dir string) *serve.Server {
	t.Helper()
	s, err := serve.New(serve.Options{Dir: dir, Content: contenttest.Bundle(t), Theme: pdf.DefaultTheme(), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// get returns the page at path as the server sends it.
func get(t *testing.T, s *serve.Server, path string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://localhost"+path, nil)
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
	}
	return rec.Body.String()
}

// editPage returns the editing page of answers a.
func editPage(t *testing.T, a *answers.File) string {
	t.Helper()
	dir := t.TempDir()
	write(t, a, filepath.Join(dir, "a.yaml"))
	return get(t, server(t, dir), "/r/a.yaml")
}

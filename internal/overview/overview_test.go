package overview

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

var asOf = answers.Date{Year: 2027, Month: time.June, Day: 15}

// read reads the answers files as the command does: the readable ones, and
// the problems of the others.
func read(t testing.TB, paths []string) ([]*answers.File, []diag.Problem) {
	t.Helper()
	var files []*answers.File
	var problems []diag.Problem
	for _, p := range paths {
		f, err := answers.ReadFile(p, contenttest.Bundle(t))
		var l diag.List
		switch {
		case errors.As(err, &l):
			problems = append(problems, l...)
		case err != nil:
			t.Fatal(err)
		default:
			files = append(files, f)
		}
	}
	return files, problems
}

// raw is an answers file as plain YAML, read without the answers package,
// so the test's counts are made independently of the code under test.
type raw struct {
	path         string
	Form         string `yaml:"form"`
	Language     string `yaml:"language"`
	Date         string `yaml:"date"`
	Organisation struct {
		Name    string `yaml:"name"`
		Partner string `yaml:"partner"`
	} `yaml:"organisation"`
	Checkpoints map[string]struct {
		Status  string   `yaml:"status"`
		Options []string `yaml:"options"`
		Answer  string   `yaml:"answer"`
	} `yaml:"checkpoints"`
	ActionPlan []struct {
		Activity string `yaml:"activity"`
		Deadline string `yaml:"deadline"`
		Status   string `yaml:"status"`
	} `yaml:"action_plan"`
	EvaluationPlan []struct {
		Stage string `yaml:"stage"`
		When  string `yaml:"when"`
	} `yaml:"evaluation_plan"`
}

func readRaw(t *testing.T, path string) raw {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r raw
	if err := yaml.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	r.path = path
	return r
}

func (r raw) status(id string) string {
	if c, ok := r.Checkpoints[id]; ok && c.Status != "" {
		return c.Status
	}
	return "not-started"
}

// fixture makes the 30 answers files of the tests, reads them and builds the
// report in English.
type fixture struct {
	paths  []string
	raws   []raw // the readable files, the older duplicate left out
	report *Report
	lang   *content.Language
	xlsx   *excelize.File
	broken string
	dup    string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	b := contenttest.Bundle(t)
	dir := t.TempDir()
	fx := &fixture{paths: corpus(t, b, dir, 30, true, true)}
	fx.broken = fx.paths[7]
	fx.dup = fx.paths[0]
	for _, p := range fx.paths {
		if p != fx.broken && p != fx.dup {
			fx.raws = append(fx.raws, readRaw(t, p))
		}
	}
	files, problems := read(t, fx.paths)
	var err error
	if fx.lang, err = b.Language("en"); err != nil {
		t.Fatal(err)
	}
	fx.report = Build(fx.lang, files, problems, asOf)
	data, err := fx.report.Workbook(WorkbookOptions{Paper: "a4", Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if fx.xlsx, err = excelize.OpenReader(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fx.xlsx.Close() })
	return fx
}

func (fx *fixture) sheet(key string) string { return SheetName(fx.lang.Label(key)) }

func (fx *fixture) rows(t *testing.T, key string) [][]string {
	t.Helper()
	rows, err := fx.xlsx.GetRows(fx.sheet(key))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func (fx *fixture) formName(form string) string { return fx.lang.Label("overview.form." + form) }

// rowOf returns the row (from 0) of organisation r on a sheet whose first
// columns are the name and the form.
func rowOf(t *testing.T, rows [][]string, r raw, formName string) []string {
	t.Helper()
	for _, row := range rows[1:] {
		if len(row) > 1 && row[0] == r.Organisation.Name && row[1] == formName {
			return row
		}
	}
	t.Fatalf("no row for %s (%s)", r.Organisation.Name, formName)
	return nil
}

func TestOrganisationCounts(t *testing.T) {
	fx := newFixture(t)
	rows := fx.rows(t, SheetOrganisations)
	if len(rows)-1 != len(fx.raws) {
		t.Fatalf("%d organisations on the sheet, want %d (30 files, one broken, one older duplicate)", len(rows)-1, len(fx.raws))
	}
	head := rows[0]
	col := func(h string) int {
		i := slices.Index(head, h)
		if i < 0 {
			t.Fatalf("no column %q in %q", h, head)
		}
		return i
	}
	for _, r := range fx.raws {
		row := rowOf(t, rows, r, fx.formName(r.Form))
		total := map[string]int{}
		for _, st := range fx.lang.Steps {
			counts := map[string]int{}
			for _, cp := range st.Checkpoints {
				if cp.Audience == content.Both || string(cp.Audience) == r.Form {
					counts[r.status(cp.ID)]++
					total[r.status(cp.ID)]++
				}
			}
			for _, s := range answers.Statuses {
				h := "Step " + strconv.Itoa(st.Number) + ": " + fx.lang.Label("status."+string(s))
				if got, want := row[col(h)], strconv.Itoa(counts[string(s)]); got != want {
					t.Errorf("%s, %s: %s, want %s", r.Organisation.Name, h, got, want)
				}
			}
		}
		for _, s := range answers.Statuses {
			h := "Total: " + fx.lang.Label("status."+string(s))
			if got, want := row[col(h)], strconv.Itoa(total[string(s)]); got != want {
				t.Errorf("%s, %s: %s, want %s", r.Organisation.Name, h, got, want)
			}
		}
		if row[col("Partner")] != r.Organisation.Partner {
			t.Errorf("%s: partner %q, want %q", r.Organisation.Name, row[col("Partner")], r.Organisation.Partner)
		}
		d, _ := time.Parse(time.DateOnly, r.Date)
		if got := row[col("Date")]; got != d.Format("02/01/2006") {
			t.Errorf("%s: date %q, want %s", r.Organisation.Name, got, d.Format("02/01/2006"))
		}
	}
}

func TestDuplicateUsesNewerDate(t *testing.T) {
	fx := newFixture(t)
	if len(fx.report.Duplicates) != 1 {
		t.Fatalf("duplicates = %+v, want the one older file", fx.report.Duplicates)
	}
	d := fx.report.Duplicates[0]
	if d.Dropped != fx.dup || d.Kept != fx.paths[len(fx.paths)-1] {
		t.Errorf("dropped %s, kept %s; want dropped %s (2026 date) and kept %s (2026-12-31)", d.Dropped, d.Kept, fx.dup, fx.paths[len(fx.paths)-1])
	}
	rows := fx.rows(t, SheetProblems)
	found := false
	for _, row := range rows[1:] {
		if row[0] == fx.dup && strings.Contains(row[4], fx.paths[len(fx.paths)-1]) {
			found = true
		}
	}
	if !found {
		t.Errorf("the problems sheet does not report the duplicate: %q", rows)
	}
}

func TestMatrix(t *testing.T) {
	fx := newFixture(t)
	rows := fx.rows(t, SheetMatrix)
	sheet := fx.sheet(SheetMatrix)
	var cps []content.Checkpoint
	for _, st := range fx.lang.Steps {
		cps = append(cps, st.Checkpoints...)
	}
	if len(rows[0]) != 2+len(cps) {
		t.Fatalf("%d columns, want name, form and %d checkpoints", len(rows[0]), len(cps))
	}
	fills := map[string]string{"done": colourDone, "in-progress": colourProgress, "not-started": colourNotYet, "not-applicable": colourNA}
	for _, r := range fx.raws {
		row := rowOf(t, rows, r, fx.formName(r.Form))
		rowNum := slices.IndexFunc(rows, func(x []string) bool { return slices.Equal(x, row) }) + 1
		for i, cp := range cps {
			if !strings.HasSuffix(rows[0][2+i], cp.Title) {
				t.Fatalf("column %d is %q, want checkpoint %q", 3+i, rows[0][2+i], cp.Title)
			}
			want, fill := "–", colourAbsent
			if cp.Audience == content.Both || string(cp.Audience) == r.Form {
				want, fill = fx.lang.Label("status."+r.status(cp.ID)), fills[r.status(cp.ID)]
			}
			if row[2+i] != want {
				t.Errorf("%s × %s: %q, want %q", r.Organisation.Name, cp.ID, row[2+i], want)
			}
			if got := fillOf(t, fx.xlsx, sheet, cell(3+i, rowNum)); got != fill {
				t.Errorf("%s × %s: fill %s, want %s", r.Organisation.Name, cp.ID, got, fill)
			}
		}
	}
}

func fillOf(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

func TestOptionCounts(t *testing.T) {
	fx := newFixture(t)
	rows := fx.rows(t, SheetOptions)
	head := rows[0]
	orgCol := map[string]int{}
	for i, h := range head[4:] {
		orgCol[h] = 4 + i
	}
	checked := 0
	for _, st := range fx.lang.Steps {
		for _, cp := range st.Checkpoints {
			if cp.Options == nil {
				continue
			}
			for _, opt := range cp.Options.Items {
				ticked, asked := 0, 0
				for _, r := range fx.raws {
					if cp.Audience == content.Both || string(cp.Audience) == r.Form {
						asked++
						if slices.Contains(r.Checkpoints[cp.ID].Options, opt.ID) {
							ticked++
						}
					}
				}
				i := slices.IndexFunc(rows, func(row []string) bool {
					return len(row) > 1 && strings.HasSuffix(row[0], cp.Title) && row[1] == opt.Label
				})
				if i < 0 {
					t.Fatalf("no row for %s / %s", cp.ID, opt.ID)
				}
				row := rows[i]
				if row[2] != strconv.Itoa(ticked) || row[3] != strconv.Itoa(asked) {
					t.Errorf("%s / %s: ticked by %s of %s, want %d of %d", cp.ID, opt.ID, row[2], row[3], ticked, asked)
				}
				for _, r := range fx.raws {
					c := orgCol[r.Organisation.Name]
					want := ""
					if cp.Audience == content.Both || string(cp.Audience) == r.Form {
						want = "0"
						if slices.Contains(r.Checkpoints[cp.ID].Options, opt.ID) {
							want = "1"
						}
					}
					got := ""
					if c < len(row) {
						got = row[c]
					}
					if got != want {
						t.Errorf("%s / %s, %s: %q, want %q", cp.ID, opt.ID, r.Organisation.Name, got, want)
					}
				}
				checked++
			}
		}
	}
	if checked != len(rows)-1 {
		t.Errorf("%d option rows, want %d", len(rows)-1, checked)
	}
}

func TestOverdueRows(t *testing.T) {
	fx := newFixture(t)
	rows := fx.rows(t, SheetActions)
	sheet := fx.sheet(SheetActions)
	type key struct{ org, activity string }
	want := map[key]bool{}
	total := 0
	for _, r := range fx.raws {
		for _, a := range r.ActionPlan {
			total++
			if a.Deadline == "" || a.Status == "done" || a.Status == "cancelled" {
				continue
			}
			d, _ := time.Parse(time.DateOnly, a.Deadline)
			if d.Before(asOf.Time()) {
				want[key{r.Organisation.Name, a.Activity}] = true
			}
		}
	}
	if len(rows)-1 != total {
		t.Fatalf("%d action rows, want %d", len(rows)-1, total)
	}
	if len(want) == 0 {
		t.Fatal("the fixture has no overdue row")
	}
	got := map[key]bool{}
	var dates []string
	for i, row := range rows[1:] {
		row = append(row, make([]string, 10)...)
		k := key{row[1], row[4]}
		if row[8] == "Overdue" {
			got[k] = true
			if f := fillOf(t, fx.xlsx, sheet, cell(5, i+2)); f != colourOverdue {
				t.Errorf("overdue row %d is filled %s, want %s", i+2, f, colourOverdue)
			}
		} else if f := fillOf(t, fx.xlsx, sheet, cell(5, i+2)); f == colourOverdue {
			t.Errorf("row %d is coloured overdue but not marked", i+2)
		}
		dates = append(dates, row[0])
	}
	for k := range want {
		if !got[k] {
			t.Errorf("%v is overdue on %s but not marked", k, asOf)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("%v is marked overdue but is not", k)
		}
	}
	// By deadline, rows without one last.
	var parsed []time.Time
	for i, s := range dates {
		if s == "" {
			if slices.ContainsFunc(dates[i:], func(x string) bool { return x != "" }) {
				t.Errorf("a row without a deadline comes before rows with one")
			}
			break
		}
		d, err := time.Parse("02/01/2006", s)
		if err != nil {
			t.Fatalf("deadline %q: %v", s, err)
		}
		parsed = append(parsed, d)
	}
	if !slices.IsSortedFunc(parsed, func(a, b time.Time) int { return a.Compare(b) }) {
		t.Error("action rows are not sorted by deadline")
	}
}

func TestEvaluationsAndAnswers(t *testing.T) {
	fx := newFixture(t)
	total := 0
	for _, r := range fx.raws {
		total += len(r.EvaluationPlan)
	}
	if rows := fx.rows(t, SheetEvaluations); len(rows)-1 != total {
		t.Errorf("%d evaluation rows, want %d", len(rows)-1, total)
	}
	rows := fx.rows(t, SheetAnswers)
	sheet := fx.sheet(SheetAnswers)
	for j, name := range rows[0][1:] {
		i := slices.IndexFunc(fx.raws, func(r raw) bool { return r.Organisation.Name == name })
		if i < 0 {
			t.Fatalf("column for %q, which is no organisation", name)
		}
		r := fx.raws[i]
		for k, st := range fx.lang.Checkpoints("all") {
			got, err := fx.xlsx.GetCellValue(sheet, cell(j+2, k+2))
			if err != nil {
				t.Fatal(err)
			}
			want := "–"
			if st.Audience == content.Both || string(st.Audience) == r.Form {
				want = r.Checkpoints[st.ID].Answer
			}
			if got != want {
				t.Errorf("%s, %s: %q, want %q", name, st.ID, got, want)
			}
			if f, _ := fx.xlsx.GetCellFormula(sheet, cell(j+2, k+2)); f != "" {
				t.Errorf("%s, %s holds the formula %q", name, st.ID, f)
			}
		}
	}
	// The formula-looking answer is text.
	found := false
	for _, row := range rows {
		for _, c := range row {
			if c == `=HYPERLINK("http://x","y")` {
				found = true
			}
		}
	}
	if !found {
		t.Error("the formula-looking answer is not on the sheet as text")
	}
}

func TestBrokenFileListed(t *testing.T) {
	fx := newFixture(t)
	data, _ := os.ReadFile(fx.broken)
	line, col := 0, 0
	for i, l := range strings.Split(string(data), "\n") {
		if c := strings.Index(l, "finished"); c >= 0 {
			line, col = i+1, c+1
		}
	}
	rows := fx.rows(t, SheetProblems)
	want := fmt.Sprintf("%s:%d:%d", fx.broken, line, col)
	for _, row := range rows[1:] {
		if row[0] == want && row[1] == fx.broken && row[2] == strconv.Itoa(line) && row[3] == strconv.Itoa(col) && strings.Contains(row[4], `unknown status "finished"`) {
			return
		}
	}
	t.Errorf("no row for %s: unknown status; rows: %q", want, rows)
}

func TestWorkbookSetUp(t *testing.T) {
	fx := newFixture(t)
	names := fx.xlsx.GetSheetList()
	if len(names) != len(Sheets) {
		t.Fatalf("sheets %q, want %d", names, len(Sheets))
	}
	dn := map[string]string{}
	for _, d := range fx.xlsx.GetDefinedName() {
		dn[d.Scope+"/"+d.Name] = d.RefersTo
	}
	for i, key := range Sheets {
		name := fx.sheet(key)
		if names[i] != name {
			t.Errorf("sheet %d is %q, want %q", i+1, names[i], name)
		}
		panes, err := fx.xlsx.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen (%+v, %v)", name, panes, err)
		}
		if dn[name+"/_xlnm._FilterDatabase"] == "" {
			t.Errorf("%s: no filter", name)
		}
		// A sheet too wide for the page's width at 8 pt (a column per
		// organisation, per step and status, per plan column) prints
		// across pages, its first columns repeated; the others fit the
		// page's width.
		titles, fit := "'"+name+"'!$A:$A,'"+name+"'!$1:$1", false
		switch key {
		case SheetOptions, SheetMatrix:
			titles = "'" + name + "'!$A:$B,'" + name + "'!$1:$1"
		case SheetProblems:
			titles, fit = "'"+name+"'!$1:$1", true
		}
		if dn[name+"/_xlnm.Print_Titles"] != titles {
			t.Errorf("%s: print titles %q, want %q", name, dn[name+"/_xlnm.Print_Titles"], titles)
		}
		lay, err := fx.xlsx.GetPageLayout(name)
		if err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" {
			t.Errorf("%s: page layout %+v, %v", name, lay, err)
		}
		if fitted := lay.FitToWidth != nil && *lay.FitToWidth == 1; fitted != fit {
			t.Errorf("%s: fitted to the page's width: %v, want %v", name, fitted, fit)
		}
		// every printed page carries the funding line
		hf, err := fx.xlsx.GetHeaderFooter(name)
		if funded := fx.lang.Label("funded_by"); err != nil || hf == nil || !regexp.MustCompile(`\n&"Arial,Bold"&\d+`+regexp.QuoteMeta(funded)+`&R`).MatchString(hf.OddFooter) {
			t.Errorf("%s: the page footer has no funding line %q: %+v, %v", name, funded, hf, err)
		}
	}
}

// TestSheetNames checks every language's sheet names against Excel's rules.
func TestSheetNames(t *testing.T) {
	langs, err := contenttest.Bundle(t).All()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		seen := map[string]bool{}
		for _, key := range Sheets {
			s := l.Label(key)
			if len([]rune(s)) > 31 || strings.ContainsAny(s, `:\/?*[]`) || SheetName(s) != s {
				t.Errorf("%s: %s = %q is not a valid sheet name", l.Code, key, s)
			}
			if seen[strings.ToLower(s)] {
				t.Errorf("%s: sheet name %q twice", l.Code, s)
			}
			seen[strings.ToLower(s)] = true
		}
	}
}

func TestDeterministic(t *testing.T) {
	b := contenttest.Bundle(t)
	paths := corpus(t, b, t.TempDir(), 12, false, false)
	files, problems := read(t, paths)
	lv, _ := b.Language("lv")
	r := Build(lv, files, problems, asOf)
	o := WorkbookOptions{Paper: "a4", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	x1, err := r.Workbook(o)
	if err != nil {
		t.Fatal(err)
	}
	x2, _ := Build(lv, files, problems, asOf).Workbook(o)
	if !bytes.Equal(x1, x2) {
		t.Error("two workbooks from the same answers differ")
	}
	p1, err := r.PDF(PDFOptions{Date: o.Date})
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := Build(lv, files, problems, asOf).PDF(PDFOptions{Date: o.Date})
	if !bytes.Equal(p1, p2) {
		t.Error("two reports from the same answers differ")
	}
}

func TestReportText(t *testing.T) {
	fx := newFixture(t)
	pdf, err := fx.report.PDF(PDFOptions{Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, pdf)
	pages := pdftest.Pages(t, pdf)
	text := strings.Join(pages, "\n")
	flat := strings.Join(strings.Fields(text), " ")
	c := fx.report.Counts()
	cover := strings.Join(strings.Fields(pages[0]), " ")
	for _, want := range []string{
		"Overview of the partnership roadmaps", "As of 15/06/2027",
		strconv.Itoa(c.Orgs) + " Organisations", strconv.Itoa(c.Actions) + " Action-plan rows",
		strconv.Itoa(c.Overdue) + " Overdue actions", "1 Files not read",
	} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q:\n%s", want, cover)
		}
	}
	for _, want := range []string{
		"Progress of each organisation", "Options ticked", "Timeline of the plans",
		"Step 1", "Step 2", "Step 3", "Deadline", "Overdue", "Evaluation", "as of 15/06/2027", "Jan", "Dec",
		"Contact with the local community", "Key performance indicators (KPIs)",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report lacks the chart label %q", want)
		}
	}
	// Every organisation has its own page, in the outline, where its
	// name heads the page.
	outline := pdftest.Outline(t, pdf)
	for _, r := range fx.raws {
		i := slices.IndexFunc(outline, func(o pdftest.OutlineItem) bool { return o.Title == r.Organisation.Name })
		if i < 0 {
			t.Errorf("%s is not in the outline", r.Organisation.Name)
			continue
		}
		page := pages[outline[i].Page-1]
		if !strings.Contains(page, r.Organisation.Name) || !strings.Contains(page, "Checkpoints") {
			t.Errorf("page %d, %s's page, does not show its name and checkpoints:\n%s", outline[i].Page, r.Organisation.Name, page)
		}
		if !strings.Contains(flat, r.Organisation.Name) {
			t.Errorf("the report does not name %s", r.Organisation.Name)
		}
	}
}

func TestNewest(t *testing.T) {
	d := func(y int) answers.Date { return answers.Date{Year: y, Month: 1, Day: 1} }
	a, b, c, none := &answers.File{Date: d(2026)}, &answers.File{Date: d(2027)}, &answers.File{Date: d(2027)}, &answers.File{}
	if got := Newest([]*answers.File{none, a, b, c}); got != b {
		t.Errorf("Newest chose %+v; want the first of the 2027 files", got)
	}
	if got := Newest([]*answers.File{none}); got != nil {
		t.Errorf("Newest of undated files = %+v; want nil", got)
	}
}

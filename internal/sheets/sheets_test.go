package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// lang returns the embedded content in language code.
func lang(t testing.TB, code string) *content.Language { return contenttest.Language(t, code) }

// tricky are user texts a spreadsheet could take for a formula.
var tricky = []string{`=HYPERLINK("x")`, "+1+2", "-3", "@SUM(A1:A2)", "=1/0"}

// sample returns answers with a row of each plan that exercises every kind of
// cell: formula-like text, dates, list ids and free text.
func sample() *answers.File {
	return &answers.File{
		Form:         content.Community,
		Language:     "lv",
		Date:         answers.Date{Year: 2026, Month: 11, Day: 27},
		Organisation: answers.Organisation{Name: `Biedrība "Brīnumiņš" & draugi`, Partner: "Talsu novada pašvaldība"},
		ActionPlan: []answers.Action{
			{Activity: tricky[0], Responsible: tricky[1], Goals: tricky[2], Deadline: answers.Date{Year: 2027, Month: 3, Day: 1}, Status: "in-progress", Notes: tricky[3]},
			{Activity: "Iesniegt projektu pašvaldības NVO projektu konkursā un sagatavot tāmi, darba plānu un visus pielikumus, ko prasa nolikums, kā arī saskaņot tos ar partneriem", Status: "done"},
			{Activity: "Bez termiņa"},
		},
		CommunicationPlan: []answers.Communication{
			{Topic: tricky[4], Audience: "Vecāki", Channel: "email", Frequency: "monthly", Format: "=A1", Responsible: "Laura", Notes: "-"},
			{Topic: "Signal", Channel: "Signal grupa", Frequency: "ik pēc divām dienām"},
		},
		EvaluationPlan: []answers.Evaluation{
			{Stage: "Pēc 3 mēnešiem", When: answers.Date{Year: 2027, Month: 7, Day: 1}, Indicator: "+20 %", Method: "kpi", Baseline: "12", Target: "20", Responsible: "@Laura", Result: "=SUM(1)"},
		},
	}
}

// open builds a workbook and opens it again with excelize.
func open(t testing.TB, l *content.Language, plans []Plan, a *answers.File, opts ...Option) *excelize.File {
	t.Helper()
	data, err := Build(l, plans, a, opts...)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func plan(t testing.TB, id string) Plan {
	t.Helper()
	p, err := Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHeaders(t *testing.T) {
	want := map[string]map[string][]string{
		"lv": {
			"action-plan":        {"Nr.", "Aktivitāte / Darbība", "Atbildīgā persona", "Mērķi(s)", "Termiņš", "Statuss", "Piezīmes"},
			"communication-plan": {"Ko paziņo", "Kam", "Kanāls", "Biežums", "Formāts", "Atbildīgā persona", "Piezīmes"},
			"evaluation-plan":    {"Posms / atskaites punkts", "Kad", "Ko vērtē (mērķis, KPI)", "Metode", "Sākotnējā vērtība", "Mērķa vērtība", "Atbildīgā persona", "Rezultāts"},
		},
		"en": {
			"action-plan":        {"No.", "Activity / Action", "Responsible person", "Goal(s)", "Deadline", "Status", "Notes"},
			"communication-plan": {"What is communicated", "To whom", "Channel", "Frequency", "Format", "Responsible person", "Notes"},
			"evaluation-plan":    {"Stage / milestone", "When", "What is evaluated (goal, KPI)", "Method", "Baseline", "Target", "Responsible person", "Result"},
		},
	}
	sheetNames := map[string][]string{
		"lv": {"Rīcības plāns", "Komunikācijas plāns", "Izvērtēšanas plāns"},
		"en": {"Action plan", "Communication plan", "Evaluation plan"},
	}
	for code, plans := range want {
		for i, id := range IDs() {
			t.Run(code+"/"+id, func(t *testing.T) {
				f := open(t, lang(t, code), []Plan{plan(t, id)}, nil)
				sheet := sheetNames[code][i]
				if got := f.GetSheetList(); got[0] != sheet || len(got) != 3 {
					t.Fatalf("sheets = %q, want %q first, then instructions and lists", got, sheet)
				}
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if got := rows[0]; strings.Join(got, "|") != strings.Join(plans[id], "|") {
					t.Errorf("header row = %q\nwant         %q", got, plans[id])
				}
				if f.GetActiveSheetIndex() != 0 {
					t.Errorf("active sheet = %d, want the plan (0)", f.GetActiveSheetIndex())
				}
				// The header row is styled: bold white on the accent colour.
				st := style(t, f, sheet, "A1")
				accent := hex(pdf.DefaultTheme().Colors.Accent)
				if st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), accent) {
					t.Errorf("header style = font %+v fill %+v, want bold on %s", st.Font, st.Fill, accent)
				}
			})
		}
	}
}

// style returns the style of a cell.
func style(t testing.TB, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestTableAndPanes(t *testing.T) {
	cases := []struct {
		plan, sheet, name, ref string
		a                      *answers.File
	}{
		{"action-plan", "Rīcības plāns", "ActionPlan", "A1:G31", nil},
		{"communication-plan", "Komunikācijas plāns", "CommunicationPlan", "A1:G31", nil},
		{"evaluation-plan", "Izvērtēšanas plāns", "EvaluationPlan", "A1:H31", nil},
		{"action-plan", "Rīcības plāns", "ActionPlan", "A1:G31", sample()}, // 3 rows + 3 spare < 30
	}
	for _, c := range cases {
		t.Run(c.plan, func(t *testing.T) {
			f := open(t, lang(t, "lv"), []Plan{plan(t, c.plan)}, c.a, WithRows(30))
			tables, err := f.GetTables(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(tables) != 1 || tables[0].Name != c.name || tables[0].Range != c.ref {
				t.Fatalf("tables = %+v, want one %s over %s", tables, c.name, c.ref)
			}
			panes, err := f.GetPanes(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
				t.Errorf("panes = %+v, want the first row frozen", panes)
			}
		})
	}
}

func TestRowsGrowWithAnswers(t *testing.T) {
	a := sample()
	for i := 0; i < 40; i++ {
		a.ActionPlan = append(a.ActionPlan, answers.Action{Activity: fmt.Sprint("Darbība ", i)})
	}
	f := open(t, lang(t, "lv"), []Plan{plan(t, "action-plan")}, a, WithRows(30))
	tables, _ := f.GetTables("Rīcības plāns")
	if want := fmt.Sprintf("A1:G%d", 1+len(a.ActionPlan)+spareRows); tables[0].Range != want {
		t.Errorf("table range = %s, want %s (the rows and %d spare)", tables[0].Range, want, spareRows)
	}
	f = open(t, lang(t, "lv"), []Plan{plan(t, "action-plan")}, nil, WithRows(5))
	tables, _ = f.GetTables("Rīcības plāns")
	if tables[0].Range != "A1:G6" {
		t.Errorf("WithRows(5): table range = %s, want A1:G6", tables[0].Range)
	}
}

func TestValidations(t *testing.T) {
	type want struct {
		typ, formula, errStyle string
	}
	cases := []struct {
		lang, plan, sheet string
		want              map[string]want // by sqref
	}{
		{"lv", "action-plan", "Rīcības plāns", map[string]want{
			"E2:E31": {"date", "", "stop"},
			"F2:F31": {"list", "list_action_status", "stop"},
		}},
		{"en", "communication-plan", "Communication plan", map[string]want{
			"C2:C31":  {"list", "list_channel", "information"},
			"D2:D31":  {"list", "list_frequency", "information"},
			"C35:C36": {"list", "list_channel", "information"}, // the urgent-changes block
		}},
		{"lv", "evaluation-plan", "Izvērtēšanas plāns", map[string]want{
			"B2:B31": {"date", "", "stop"},
			"D2:D31": {"list", "list_method", "stop"},
		}},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.plan, func(t *testing.T) {
			f := open(t, lang(t, c.lang), []Plan{plan(t, c.plan)}, nil, WithRows(30))
			dvs, err := f.GetDataValidations(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				got[dv.Sqref] = dv
			}
			if len(got) != len(c.want) {
				t.Errorf("%d validations, want %d: %v", len(got), len(c.want), keys(got))
			}
			for sqref, w := range c.want {
				dv, ok := got[sqref]
				if !ok {
					t.Errorf("no validation on %s (have %v)", sqref, keys(got))
					continue
				}
				if dv.Type != w.typ || dv.ErrorStyle == nil || *dv.ErrorStyle != w.errStyle || !dv.ShowErrorMessage {
					t.Errorf("%s: type %s, error style %v, want %s with %s", sqref, dv.Type, deref(dv.ErrorStyle), w.typ, w.errStyle)
				}
				if w.typ == "list" && dv.Formula1 != w.formula {
					t.Errorf("%s: list source %q, want %q", sqref, dv.Formula1, w.formula)
				}
				// 1900-03-01 to 2199-12-31: the answers file's dates
				if w.typ == "date" && (dv.Operator != "between" || dv.Formula1 != "61" || dv.Formula2 != "109574") {
					t.Errorf("%s: date range %s %s..%s, want between 61 and 109574", sqref, dv.Operator, dv.Formula1, dv.Formula2)
				}
			}
			// Every list source is a name for a range of the hidden lists sheet.
			lists := c.lang
			lists = map[string]string{"lv": "Saraksti", "en": "Lists"}[lists]
			if vis, err := f.GetSheetVisible(lists); err != nil || vis {
				t.Errorf("lists sheet %s visible = %v (%v), want hidden", lists, vis, err)
			}
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				names[dn.Name] = dn.RefersTo
			}
			for _, dv := range dvs {
				if dv.Type != "list" {
					continue
				}
				ref, ok := names[dv.Formula1]
				if !ok || !strings.HasPrefix(ref, "'"+lists+"'!$") {
					t.Errorf("list %s refers to %q, want a range of '%s'", dv.Formula1, ref, lists)
				}
			}
		})
	}
}

// part returns the text of a part of a workbook.
func part(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			r, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("the workbook has no part %s", name)
	return ""
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestListValues(t *testing.T) {
	l := lang(t, "lv")
	f := open(t, l, []Plan{plan(t, "evaluation-plan")}, nil)
	col, err := f.GetCols("Saraksti")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Metode"}
	for _, o := range l.Checkpoint(answers.MethodsCheckpoint).Options.Items {
		want = append(want, o.Label)
	}
	if len(col) != 1 || strings.Join(col[0], "|") != strings.Join(want, "|") {
		t.Errorf("lists sheet = %q, want one column %q", col, want)
	}
}

func TestPrintSetup(t *testing.T) {
	cases := []struct {
		plan, sheet, area string
		paper             Paper
		size              int
	}{
		{"action-plan", "Rīcības plāns", "A1:G31", A4, 9},
		{"communication-plan", "Komunikācijas plāns", "A1:G36", Letter, 1},
		{"evaluation-plan", "Izvērtēšanas plāns", "A1:H31", A4, 9},
	}
	for _, c := range cases {
		t.Run(c.plan, func(t *testing.T) {
			f := open(t, lang(t, "lv"), []Plan{plan(t, c.plan)}, sample(), WithPaper(c.paper), WithRows(30))
			got := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				got[dn.Scope+"/"+dn.Name] = dn.RefersTo
			}
			if r := got[c.sheet+"/_xlnm.Print_Titles"]; r != "'"+c.sheet+"'!$1:$1" {
				t.Errorf("print titles = %q, want the header row", r)
			}
			// No print area: rows added below the table print too.
			if r, ok := got[c.sheet+"/_xlnm.Print_Area"]; ok {
				t.Errorf("print area = %q, want none", r)
			}
			if dim, _ := f.GetSheetDimension(c.sheet); dim != c.area {
				t.Errorf("dimension = %q, want %q", dim, c.area)
			}
			pl, err := f.GetPageLayout(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
				pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != c.size {
				t.Errorf("page layout = orientation %v, fit %v×%v, size %v; want landscape, 1×0, %d",
					deref(pl.Orientation), pl.FitToWidth, pl.FitToHeight, pl.Size, c.size)
			}
			props, err := f.GetSheetProps(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Error("fit to page is not on")
			}
			hf, err := f.GetHeaderFooter(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			// the sheet's own page numbers, from 1, with no total that
			// would count the other sheets' pages
			if !strings.HasSuffix(hf.OddFooter, "&P. lpp.") || strings.Contains(hf.OddFooter, "&N") {
				t.Errorf("footer = %q, want the sheet's page numbers", hf.OddFooter)
			}
			if pl.FirstPageNumber == nil || *pl.FirstPageNumber != 1 {
				t.Errorf("first page number = %v, want 1", pl.FirstPageNumber)
			}
			// the header band: the organisation (& escaped), the partner and
			// the period of the plans' dates
			for _, want := range []string{"Organizācija: Biedrība \"Brīnumiņš\" && draugi", "Sadarbības partneris: ", "\nPeriods: "} {
				if !strings.Contains(hf.OddHeader, want) {
					t.Errorf("header = %q, want %q", hf.OddHeader, want)
				}
			}
		})
	}
}

func TestConditionalFormats(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			l := lang(t, code)
			f := open(t, l, []Plan{plan(t, "action-plan")}, nil, WithRows(30))
			cfs, err := f.GetConditionalFormats(l.Label("sheet.action.title"))
			if err != nil {
				t.Fatal(err)
			}
			rules := cfs["A2:G31"]
			if len(cfs) != 2 || len(rules) != 2 || len(cfs["E2:E31"]) != 1 {
				t.Fatalf("conditional formats = %+v, want 2 rules on A2:G31 and the overdue marker on E2:E31", cfs)
			}
			done, cancelled := l.Label("value.action-status.done"), l.Label("value.action-status.cancelled")
			overdue := fmt.Sprintf(`AND(ISNUMBER($E2),$E2<TODAY(),$F2<>"%s",$F2<>"%s")`, done, cancelled)
			if rules[0].Type != "formula" || rules[0].Criteria != overdue || rules[0].Format == nil {
				t.Errorf("overdue rule = %+v, want formula %s", rules[0], overdue)
			}
			if want := fmt.Sprintf(`$F2="%s"`, done); rules[1].Type != "formula" || rules[1].Criteria != want || rules[1].Format == nil {
				t.Errorf("done rule = %+v, want formula %s", rules[1], want)
			}
			// The overdue date says so in words: its number format adds the
			// marker after the date.
			mark := cfs["E2:E31"][0]
			if mark.Criteria != overdue || mark.Format == nil {
				t.Fatalf("marker rule = %+v, want formula %s", mark, overdue)
			}
			// excelize does not read a differential style's number format
			// back; the styles part holds it.
			data, err := Build(l, []Plan{plan(t, "action-plan")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"lv": `formatCode="dd\.mm\.yyyy\. &#34;⚠ nokavēts&#34;"`, "en": `formatCode="dd\/mm\/yyyy &#34;⚠ overdue&#34;"`}[code]
			dxfs := part(t, data, "xl/styles.xml")
			if i := strings.Index(dxfs, "<dxfs"); i < 0 || !strings.Contains(dxfs[i:], want) {
				t.Errorf("no differential style with %s in styles.xml", want)
			}
		})
	}
	f := open(t, lang(t, "lv"), []Plan{plan(t, "communication-plan")}, nil)
	if cfs, _ := f.GetConditionalFormats("Komunikācijas plāns"); len(cfs) != 0 {
		t.Errorf("communication plan has conditional formats %v, want none", cfs)
	}
}

func TestPrefilledValues(t *testing.T) {
	f := open(t, lang(t, "lv"), Plans(), sample(), WithRows(30))
	cases := []struct {
		sheet, cell, want string
	}{
		{"Rīcības plāns", "A2", "1"},
		{"Rīcības plāns", "B2", tricky[0]},
		{"Rīcības plāns", "C2", tricky[1]},
		{"Rīcības plāns", "D2", tricky[2]},
		{"Rīcības plāns", "E2", "01.03.2027."},
		{"Rīcības plāns", "F2", "Procesā"},
		{"Rīcības plāns", "G2", tricky[3]},
		{"Rīcības plāns", "F3", "Izpildīts"},
		{"Rīcības plāns", "E4", ""},
		{"Rīcības plāns", "A31", "30"},
		{"Komunikācijas plāns", "A2", tricky[4]},
		{"Komunikācijas plāns", "C2", "E-pasts"},
		{"Komunikācijas plāns", "D2", "Reizi mēnesī"},
		{"Komunikācijas plāns", "E2", "=A1"},
		{"Komunikācijas plāns", "G2", "-"},
		{"Komunikācijas plāns", "C3", "Signal grupa"},
		{"Komunikācijas plāns", "D3", "ik pēc divām dienām"},
		{"Komunikācijas plāns", "A35", "Ārkārtas izmaiņas: būtiskas pārmaiņas, sasniegti starpposma uzdevumi, negaidīti pavērsieni"},
		{"Izvērtēšanas plāns", "B2", "01.07.2027."},
		{"Izvērtēšanas plāns", "C2", "+20 %"},
		{"Izvērtēšanas plāns", "D2", "Galvenie darbības rādītāji (KPI)"},
		{"Izvērtēšanas plāns", "E2", "12"},
		{"Izvērtēšanas plāns", "G2", "@Laura"},
		{"Izvērtēšanas plāns", "H2", "=SUM(1)"},
	}
	for _, c := range cases {
		got, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
		if formula, _ := f.GetCellFormula(c.sheet, c.cell); formula != "" {
			t.Errorf("%s!%s has the formula %q; user text must never be a formula", c.sheet, c.cell, formula)
		}
		typ, _ := f.GetCellType(c.sheet, c.cell)
		switch {
		case c.want == "":
		case strings.HasSuffix(c.want, "2027.") || c.cell[0] == 'A' && c.sheet == "Rīcības plāns":
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s!%s has type %v, want a number", c.sheet, c.cell, typ)
			}
		default:
			if typ != excelize.CellTypeSharedString {
				t.Errorf("%s!%s has type %v, want a string", c.sheet, c.cell, typ)
			}
		}
	}
	// Dates are serial numbers with the language's date format.
	for _, c := range []struct{ sheet, cell, serial string }{
		{"Rīcības plāns", "E2", "46447"},
		{"Izvērtēšanas plāns", "B2", "46569"},
	} {
		raw, _ := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.serial {
			t.Errorf("%s!%s raw value = %q, want the serial %s", c.sheet, c.cell, raw, c.serial)
		}
		st := style(t, f, c.sheet, c.cell)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != `dd\.mm\.yyyy\.` {
			t.Errorf("%s!%s number format = %v, want dd\\.mm\\.yyyy\\.", c.sheet, c.cell, st.CustomNumFmt)
		}
	}
}

func TestEnglishDates(t *testing.T) {
	a := sample()
	a.Language = "en"
	f := open(t, lang(t, "en"), []Plan{plan(t, "action-plan")}, a)
	if got, _ := f.GetCellValue("Action plan", "E2"); got != "01/03/2027" {
		t.Errorf("E2 = %q, want 01/03/2027", got)
	}
	if got, _ := f.GetCellValue("Action plan", "F2"); got != "In progress" {
		t.Errorf("F2 = %q, want In progress", got)
	}
}

func TestRowHeights(t *testing.T) {
	f := open(t, lang(t, "lv"), []Plan{plan(t, "action-plan")}, sample())
	h := func(row int) float64 {
		v, err := f.GetRowHeight("Rīcības plāns", row)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if h(2) != rowHeight(blankLines, 10) || h(10) != rowHeight(blankLines, 10) {
		t.Errorf("short and empty rows are %v and %v high, want %v", h(2), h(10), rowHeight(blankLines, 10))
	}
	if h(3) <= h(2) {
		t.Errorf("the row with a long activity is %v high, no higher than a short one (%v)", h(3), h(2))
	}
	width, _ := f.GetColWidth("Rīcības plāns", "B")
	n := lines(sample().ActionPlan[1].Activity, 10, false, columnPx(width, digitPx(10), 0))
	if n < 3 || h(3) != rowHeight(n, 10) {
		t.Errorf("long activity: %d lines, row %v high, want ≥ 3 lines and %v", n, h(3), rowHeight(n, 10))
	}
}

func TestDocProps(t *testing.T) {
	f := open(t, lang(t, "lv"), []Plan{plan(t, "action-plan")}, sample())
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != `Rīcības plāns – Biedrība "Brīnumiņš" & draugi` || p.Creator != "roadmap" || p.Language != "lv" ||
		p.Created != "2026-11-27T00:00:00Z" || p.Modified != p.Created {
		t.Errorf("doc props = %+v", p)
	}
	f = open(t, lang(t, "en"), Plans(), nil, WithDate(time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)))
	p, _ = f.GetDocProps()
	if p.Title != "Partnership plans" || p.Language != "en" || p.Created != "2030-05-06T07:08:09Z" {
		t.Errorf("doc props = %+v", p)
	}
	f = open(t, lang(t, "en"), Plans(), nil)
	p, _ = f.GetDocProps()
	if p.Created != DefaultDate.Format(time.RFC3339) {
		t.Errorf("created = %s, want the default %s", p.Created, DefaultDate)
	}
}

func TestDeterministic(t *testing.T) {
	for _, a := range []*answers.File{nil, sample()} {
		var first []byte
		for i := 0; i < 3; i++ {
			data, err := Build(lang(t, "lv"), Plans(), a)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = data
				continue
			}
			if !bytes.Equal(first, data) {
				t.Fatalf("build %d differs from the first", i)
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			// 1980-01-01 00:00, the first valid zip date (0 is 1980-00-00).
			if zf.ModifiedDate != 1<<5|1 || zf.ModifiedTime != 0 || len(zf.Extra) != 0 {
				t.Errorf("%s: zip time %d %d, extra %x; want 1980-01-01 00:00 and no extra fields", zf.Name, zf.ModifiedDate, zf.ModifiedTime, zf.Extra)
			}
			if zf.Method != zip.Store || zf.Flags&0x8 != 0 || zf.CRC32 == 0 {
				t.Errorf("%s: method %d, flags %#x, crc %x; want stored with the size and checksum in the header", zf.Name, zf.Method, zf.Flags, zf.CRC32)
			}
		}
	}
}

func TestMultiPlanWorkbook(t *testing.T) {
	f := open(t, lang(t, "en"), Plans(), sample())
	want := []string{"Action plan", "Communication plan", "Evaluation plan", "Instructions", "Lists"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	for i, name := range []string{"ActionPlan", "CommunicationPlan", "EvaluationPlan"} {
		tables, err := f.GetTables(want[i])
		if err != nil || len(tables) != 1 || tables[0].Name != name {
			t.Errorf("%s: tables %+v (%v), want %s", want[i], tables, err, name)
		}
	}
	titles := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles++
			if dn.RefersTo != "'"+dn.Scope+"'!$1:$1" {
				t.Errorf("print titles of %s = %s", dn.Scope, dn.RefersTo)
			}
		}
	}
	if titles != 3 {
		t.Errorf("%d print titles, want one per plan", titles)
	}
	visible := 0
	for _, name := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(name); err == nil && v {
			visible++
		}
	}
	if visible != VisibleSheets(Plans()) {
		t.Errorf("%d visible sheets, VisibleSheets says %d", visible, VisibleSheets(Plans()))
	}
	if _, err := Build(lang(t, "en"), []Plan{plan(t, "action-plan"), plan(t, "action-plan")}, nil); err == nil {
		t.Error("a plan given twice builds")
	}
	if _, err := Build(lang(t, "en"), nil, nil); err == nil {
		t.Error("no plan builds")
	}
}

func TestInstructions(t *testing.T) {
	l := lang(t, "lv")
	f := open(t, l, Plans(), sample())
	rows, err := f.GetRows("Norādījumi")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, ""))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		"Kā aizpildīt šo darbgrāmatu",
		"Organizācija: Biedrība \"Brīnumiņš\" & draugi",
		"(3. solis – Ieviešana un novērtēšana)",
		// The checkpoints' numbers, the same as the forms', the booklet's
		// and content show's.
		"pieturas punkts 3.1: “Definējiet rīcības plānu",
		"pieturas punkts 3.2: “",
		"pieturas punkts 3.3: “",
		l.Label("sheet.action.advice"),
		"Tabulu varat papildināt un palielināt tik reižu, cik nepieciešams.",
		"statuss nav ne “Izpildīts”, ne “Atcelts”, rinda kļūst sarkana un aiz termiņa parādās “⚠ nokavēts”",
		"• Statuss: Plānots, Procesā, Izpildīts, Atlikts, Atcelts – jāizvēlas kāda no šīm vērtībām.",
		"• Kanāls: Sanāksme, E-pasts",
		"tie ir ieteikumi",
		"• Metode: Galvenie darbības rādītāji (KPI), Intervijas vai fokusa grupas",
		"27.11.2026.",
		"paslēptā lapā “Saraksti”",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the instructions do not say %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "[") {
		t.Errorf("the instructions show a missing label:\n%s", all)
	}
	pl, _ := f.GetPageLayout("Norādījumi")
	if pl.Orientation == nil || *pl.Orientation != "portrait" {
		t.Errorf("instructions orientation = %v, want portrait", pl.Orientation)
	}
}

// TestNoMissingLabels checks that every text a workbook shows exists in
// every language: a missing label shows as [key].
func TestNoMissingLabels(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		f := open(t, lang(t, code), Plans(), sample())
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for i, r := range rows {
				for j, v := range r {
					if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
						t.Errorf("%s %s!%s: missing label %s", code, sheet, cell(j+1, i+1), v)
					}
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	if _, err := Lookup("budget"); err == nil || err.Error() != `unknown plan "budget"; allowed: action-plan, communication-plan, evaluation-plan` {
		t.Errorf("Lookup(budget) = %v", err)
	}
	if p, err := ParsePaper(" Letter "); err != nil || p != Letter {
		t.Errorf("ParsePaper(Letter) = %v, %v", p, err)
	}
	if _, err := ParsePaper("a3"); err == nil {
		t.Error("ParsePaper(a3) works")
	}
}

func TestDates(t *testing.T) {
	d := answers.Date{Year: 2026, Month: 11, Day: 27}
	cases := []struct{ label, layout, excel, shown string }{
		{"dd.mm.yyyy.", "dd.mm.yyyy.", `dd\.mm\.yyyy\.`, "27.11.2026."},
		{"dd/mm/yyyy", "dd/mm/yyyy", `dd\/mm\/yyyy`, "27/11/2026"},
		{"YYYY-MM-DD", "yyyy-mm-dd", `yyyy\-mm\-dd`, "2026-11-27"},
		{"[date.format]", "yyyy-mm-dd", `yyyy\-mm\-dd`, "2026-11-27"},
		{"dd.mm.yy", "yyyy-mm-dd", `yyyy\-mm\-dd`, "2026-11-27"},
	}
	for _, c := range cases {
		lang := &content.Language{Labels: content.Labels{content.DateFormatLabel: c.label}}
		layout := lang.DateLayout()
		if layout != c.layout || excelDateFormat(layout) != c.excel || lang.FormatDate(d.Time()) != c.shown {
			t.Errorf("%q: layout %q excel %q shown %q; want %q %q %q", c.label, layout, excelDateFormat(layout), lang.FormatDate(d.Time()), c.layout, c.excel, c.shown)
		}
	}
	for _, c := range []struct {
		d    answers.Date
		want int
	}{{answers.Date{Year: 1900, Month: 3, Day: 1}, 61}, {d, 46353}, {answers.Date{Year: 2000, Month: 1, Day: 1}, 36526}} {
		if got, ok := serial(c.d); !ok || got != c.want {
			t.Errorf("serial(%s) = %d, %v; want %d", c.d, got, ok, c.want)
		}
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct{ in, want string }{
		{"Rīcības plāns", "Rīcības plāns"},
		{"rīcības PLĀNS", "rīcības PLĀNS (2)"},
		{"Plan: a/b [c]?*", "Plan ab c"},
		{"'quoted'", "quoted"},
		{"", "Sheet"},
		{"History", "Sheet (2)"},
		{strings.Repeat("ā", 40), strings.Repeat("ā", 31)},
		{strings.Repeat("ā", 40), strings.Repeat("ā", 27) + " (2)"},
	} {
		if got := sheetName(c.in, used); got != c.want {
			t.Errorf("sheetName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if q := quoteSheet("Bob's plan"); q != "'Bob''s plan'" {
		t.Errorf("quoteSheet = %s", q)
	}
}

func TestLines(t *testing.T) {
	w := columnPx(30*8/7.0, 7, 0)
	cases := []struct {
		s    string
		want int
	}{
		{"", 1},
		{"Īss teksts", 1},
		{"a\nb\nc", 3},
		{strings.Repeat("vārds ", 20), 4},
		{strings.Repeat("x", 200), 7}, // 30 characters less the indent
	}
	for _, c := range cases {
		if got := lines(c.s, 10, false, w); got != c.want {
			t.Errorf("lines(%q) = %d, want %d", c.s, got, c.want)
		}
	}
	if rowHeight(1000, 10) != maxRowHeight {
		t.Errorf("rowHeight(1000) = %v, want Excel's maximum", rowHeight(1000, 10))
	}
	if got := headerText("A & B "+strings.Repeat("x", 100), 10); got != "A && B xxx…" {
		t.Errorf("headerText = %q", got)
	}
	if got := widthFor("Statuss", 10, true, 7, filterButtonPx); got < 8 || got > 12 {
		t.Errorf("widthFor(Statuss) = %v", got)
	}
}

// FuzzUserText checks that any text in any cell of a plan stays a string,
// never a formula, and never breaks the workbook.
func FuzzUserText(f *testing.F) {
	for _, s := range append(tricky, "", "plain", "\t=tab", "'=quoted", "x\ny", "ā&<>\"'", strings.Repeat("ž", 40000)) {
		f.Add(s)
	}
	l := lang(f, "lv")
	p := plan(f, "communication-plan")
	f.Fuzz(func(t *testing.T, s string) {
		a := &answers.File{CommunicationPlan: []answers.Communication{{Topic: s, Channel: s}}}
		data, err := Build(l, []Plan{p}, a, WithRows(1))
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer x.Close()
		for _, c := range []string{"A2", "C2"} {
			if formula, _ := x.GetCellFormula("Komunikācijas plāns", c); formula != "" {
				t.Fatalf("%s holds the formula %q", c, formula)
			}
			if typ, _ := x.GetCellType("Komunikācijas plāns", c); s != "" && typ != excelize.CellTypeSharedString {
				t.Fatalf("%s has type %v, want a string", c, typ)
			}
		}
		if len(s) < 1000 && validXML(s) {
			if got, _ := x.GetCellValue("Komunikācijas plāns", "A2"); got != s {
				t.Fatalf("A2 = %q, want %q", got, s)
			}
		}
	})
}

// validXML reports whether s holds only characters that survive a round trip
// through XML 1.0 (no control characters, no carriage returns).
func validXML(s string) bool {
	for _, r := range s {
		if r == 0xFFFD || r < 0x20 && r != '\t' && r != '\n' || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// TestRowsHaveAutomaticHeights checks the worksheet XML a spreadsheet program
// reads: every row of a plan's table has a height but no custom-height mark,
// so the program grows it with its text as it is edited; the header row and
// the block's title keep a fixed height; rows below the table have no row
// element at all; and the default font is the cells' size.
func TestRowsHaveAutomaticHeights(t *testing.T) {
	data, err := Build(lang(t, "lv"), []Plan{plan(t, "communication-plan")}, sample(), WithRows(30))
	if err != nil {
		t.Fatal(err)
	}
	sheet := part(t, data, "xl/worksheets/sheet1.xml")
	rowTag := regexp.MustCompile(`<row r="(\d+)"[^>]*>`)
	seen := map[int]string{}
	for _, m := range rowTag.FindAllStringSubmatch(sheet, -1) {
		n, _ := strconv.Atoi(m[1])
		seen[n] = m[0]
	}
	for r := 1; r <= 36; r++ {
		tag, ok := seen[r]
		switch {
		case r == 32: // the gap between the table and the block
		case !ok:
			t.Errorf("row %d has no row element", r)
		case r == 1 || r == 33 || r == 34:
			if !strings.Contains(tag, `customHeight="true"`) {
				t.Errorf("row %d = %s, want a fixed height", r, tag)
			}
		default:
			if strings.Contains(tag, "customHeight") || !strings.Contains(tag, ` ht="`) {
				t.Errorf("row %d = %s, want a height without customHeight", r, tag)
			}
		}
	}
	if tag, ok := seen[37]; ok {
		t.Errorf("row 37, below the sheet's content, = %s; want none", tag)
	}
	if !strings.Contains(sheet, `<cols><col customWidth="true" max="1" min="1" style=`) {
		t.Errorf("the columns have no style for the rows typed below the table: %.300s", sheet[strings.Index(sheet, "<cols>"):])
	}
	styles := part(t, data, "xl/styles.xml")
	if i := strings.Index(styles, "<fonts"); i < 0 || !strings.HasPrefix(styles[strings.Index(styles[i:], "<font>")+i:], `<font><sz val="10"></sz>`) {
		t.Errorf("the default font is not 10 pt: %.200s", styles[strings.Index(styles, "<fonts"):])
	}
}

// TestTheme builds a workbook with a changed theme and sees each part of the
// look it gives the workbooks change: colours, type sizes, page margins.
func TestTheme(t *testing.T) {
	th := pdf.DefaultTheme()
	th.Colors.Accent = pdf.Color{R: 0xAA, G: 0x33, B: 0x00}
	th.Colors.Zebra = pdf.Color{R: 0x11, G: 0x22, B: 0x33}
	th.Type.Body = 11
	th.Type.H2 = 15
	th.Margins.Left = 25.4
	f := open(t, lang(t, "en"), []Plan{plan(t, "communication-plan")}, nil, WithTheme(th), WithRows(30))
	if st := style(t, f, "Communication plan", "A1"); len(st.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), "AA3300") {
		t.Errorf("header fill = %v, want the theme's accent AA3300", st.Fill.Color)
	}
	if st := style(t, f, "Communication plan", "B2"); st.Font == nil || st.Font.Size != 11 {
		t.Errorf("body font = %+v, want the theme's 11 pt", st.Font)
	}
	if st := style(t, f, "Communication plan", "A35"); len(st.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), "112233") {
		t.Errorf("block label fill = %v, want the theme's zebra 112233", st.Fill.Color)
	}
	if m, err := f.GetPageMargins("Instructions"); err != nil || m.Left == nil || *m.Left != 1 {
		t.Errorf("left margin = %v (%v), want the theme's 25.4 mm = 1 in", m.Left, err)
	}
	rows, _ := f.GetRows("Instructions")
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Communication plan" {
			if st := style(t, f, "Instructions", cell(1, i+1)); st.Font == nil || st.Font.Size != 15 {
				t.Errorf("instructions heading font = %+v, want the theme's h2 15 pt", st.Font)
			}
		}
	}
}

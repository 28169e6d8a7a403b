package importxlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// typed is an edit typed into a workbook in LibreOffice, and what
// LibreOffice stored in the cell (see testdata/edit.py).
type typed struct {
	Sheet  string  `json:"sheet"`
	Cell   string  `json:"cell"`
	Text   string  `json:"text"`
	Type   string  `json:"type"`
	Value  float64 `json:"value"`
	String string  `json:"string"`
	Format string  `json:"format"`
}

// editInLibreOffice opens workbook wb in LibreOffice with the locale
// given, types the edits into it as a person would, saves it as .xlsx and
// returns the saved workbook and what LibreOffice stored in each cell.
func editInLibreOffice(t *testing.T, wb []byte, locale string, edits []typed) ([]byte, []typed) {
	t.Helper()
	soffice := testtool.Need(t, "soffice", "libreoffice-calc-nogui")
	py := testtool.UnoPython(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "plans.xlsx"), filepath.Join(dir, "saved.xlsx")
	if err := os.WriteFile(src, wb, 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := json.Marshal([]map[string]any{{"src": src, "out": out, "edits": edits}})
	if err != nil {
		t.Fatal(err)
	}
	jobs := filepath.Join(dir, "jobs.json")
	if err := os.WriteFile(jobs, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "edit.py"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout []byte
	for try := 1; ; try++ {
		profile := filepath.Join(dir, "profile"+strconv.Itoa(try))
		cmd := exec.Command(py, script, soffice, profile, locale, jobs)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err = cmd.Output()
		if err == nil {
			break
		}
		// LibreOffice driven headless through its API crashes now and
		// then (about one run in ten here, more on a busy machine); that
		// is not the workbook's fault, and a fresh LibreOffice is tried.
		if try == 3 || !strings.Contains(stderr.String(), "DisposedException") {
			t.Fatalf("LibreOffice: %v\n%s%s", err, stdout, stderr.String())
		}
		t.Logf("LibreOffice crashed; trying once more:\n%s", stderr.String())
	}
	var stored []typed
	for _, line := range strings.Split(strings.TrimSpace(string(stdout)), "\n") {
		var s typed
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("edit.py printed %q: %v", line, err)
		}
		stored = append(stored, s)
	}
	if len(stored) != len(edits) {
		t.Fatalf("LibreOffice reported %d cells, want %d", len(stored), len(edits))
	}
	saved, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("LibreOffice saved no workbook: %v", err)
	}
	return saved, stored
}

// TestLibreOfficeEdited is the plans workbook's way home: an lv plans
// workbook made from an example is opened in LibreOffice (Latvian
// locale), a row is added to the action plan and one below its table, two
// statuses are changed and 15.05.2027 is typed into a date cell as a person
// would; LibreOffice
// saves it as .xlsx; the workbook is imported into the answers file, and
// the filled form made from the answers shows the changes.
func TestLibreOfficeEdited(t *testing.T) {
	data, a := example(t, "brinumins-community-lv.yaml")
	lang := contenttest.Language(t, "lv")
	const s = "Rīcības plāns"
	edits := []typed{
		{Sheet: s, Cell: "F2", Text: "Izpildīts"}, // was Plānots
		{Sheet: s, Cell: "F4", Text: "Atlikts"},   // was Plānots
		{Sheet: s, Cell: "A7", Text: "6"},
		{Sheet: s, Cell: "B7", Text: "Jauniešu forums"},
		{Sheet: s, Cell: "C7", Text: "Laura Ozola"},
		{Sheet: s, Cell: "D7", Text: "Uzklausīt jauniešu idejas"},
		{Sheet: s, Cell: "E7", Text: "15.05.2027"},
		{Sheet: s, Cell: "F7", Text: "Procesā"},
		// just below the table's 30 rows, outside its range
		{Sheet: s, Cell: "B32", Text: "Pēc tabulas"},
		{Sheet: s, Cell: "E32", Text: "16.05.2027."},
	}
	saved, stored := editInLibreOffice(t, workbook(t, "lv", a), "lv-LV", edits)

	// LibreOffice took the typed date for a date, as it does for a person
	// in Latvia: a number shown in the column's date format.
	date := stored[6]
	if date.Type != "VALUE" || date.Value != 46522 || date.String != "15.05.2027." || !isDateFormat(164, date.Format) {
		t.Errorf("LibreOffice stored E7 as %+v; want the date 15.05.2027 (VALUE 46522, shown 15.05.2027.)", date)
	}

	res, err := Merge("plans.xlsx", saved, "a.yaml", data, contenttest.Bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	got := res.File.ActionPlan
	if len(got) != 7 {
		t.Fatalf("%d action-plan rows, want 7", len(got))
	}
	if w := (answers.Action{Activity: "Pēc tabulas", Deadline: answers.Date{Year: 2027, Month: time.May, Day: 16}, ID: got[6].ID}); got[6] != w || w.ID == "" {
		t.Errorf("row below the table %+v, want %+v", got[6], w)
	}
	if got[0].Status != "done" || got[2].Status != "postponed" {
		t.Errorf("statuses %q and %q, want done and postponed", got[0].Status, got[2].Status)
	}
	want := answers.Action{Activity: "Jauniešu forums", Responsible: "Laura Ozola", Goals: "Uzklausīt jauniešu idejas",
		Deadline: answers.Date{Year: 2027, Month: time.May, Day: 15}, Status: "in-progress", ID: got[5].ID}
	if got[5] != want || want.ID == "" {
		t.Errorf("added row %+v, want %+v", got[5], want)
	}
	if len(res.File.CommunicationPlan) != len(a.CommunicationPlan) || len(res.File.EvaluationPlan) != len(a.EvaluationPlan) {
		t.Error("the communication or evaluation plan changed")
	}
	if !strings.Contains(string(res.Data), "# Biedrības \"Brīnumiņš\" ceļa karte") {
		t.Error("the answers file lost its comments")
	}

	// The filled form made from the imported answers shows the changes.
	text := func(a *answers.File) string {
		r, err := form.Render(lang, a.Form, a, form.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return pdftest.Text(t, r.Data)
	}
	before, after := text(a), text(res.File)
	for _, w := range []string{"Jauniešu forums", "Laura Ozola", "Uzklausīt jauniešu idejas", "15.05.2027.", "Pēc tabulas", "16.05.2027."} {
		if strings.Contains(before, w) && w != "Laura Ozola" {
			t.Errorf("the form made from the example already shows %q", w)
		}
		if !strings.Contains(after, w) {
			t.Errorf("the form made from the imported answers does not show %q", w)
		}
	}
	// The statuses in the action plan's table; a done row also puts "done"
	// in the legend of the plans' timeline.
	for _, c := range []struct {
		label string
		more  int
	}{{"Izpildīts", 2}, {"Atlikts", 1}, {"Procesā", 1}, {"Plānots", -2}} {
		if d := strings.Count(after, c.label) - strings.Count(before, c.label); d != c.more {
			t.Errorf("the form shows %q %+d times against the example's, want %+d", c.label, d, c.more)
		}
	}
}

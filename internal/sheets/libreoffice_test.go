package sheets

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// TestLibreOffice opens every workbook in LibreOffice, as a user without
// Excel would, and checks the values it shows: headers, pre-filled text that
// looks like a formula shown as written, dates in the language's format,
// localized list values. It needs soffice (Debian: libreoffice-calc-nogui);
// without it the test skips, except in CI (CI=true) where it fails.
func TestLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "soffice", "libreoffice-calc-nogui")
	dir := t.TempDir()
	type check struct {
		row, col int
		want     string
	}
	cases := []struct {
		name, lang, plan string
		checks           []check
	}{
		{"lv-action", "lv", "action-plan", []check{
			{0, 1, "Aktivitāte / Darbība"}, {0, 4, "Termiņš"},
			{1, 0, "1"}, {1, 1, tricky[0]}, {1, 2, tricky[1]}, {1, 3, tricky[2]}, {1, 4, "01.03.2027."}, {1, 5, "Procesā"}, {1, 6, tricky[3]},
			{2, 5, "Izpildīts"}, {30, 0, "30"},
		}},
		{"en-action", "en", "action-plan", []check{
			{0, 1, "Activity / Action"}, {1, 4, "01/03/2027"}, {1, 5, "In progress"},
		}},
		{"lv-communication", "lv", "communication-plan", []check{
			{0, 0, "Ko paziņo"}, {1, 0, tricky[4]}, {1, 2, "E-pasts"}, {1, 3, "Reizi mēnesī"}, {1, 4, "=A1"}, {1, 6, "-"},
			{2, 2, "Signal grupa"}, {32, 0, "Ārkārtas izmaiņas un problēmas"}, {33, 3, "Cik ātri"},
		}},
		{"en-evaluation", "en", "evaluation-plan", []check{
			{0, 2, "What is evaluated (goal, KPI)"}, {1, 1, "01/07/2027"}, {1, 2, "+20 %"}, {1, 3, "Key performance indicators (KPIs)"},
			{1, 6, "@Laura"}, {1, 7, "=SUM(1)"},
		}},
	}
	var files []string
	for _, c := range cases {
		a := sample()
		a.Language = c.lang
		data, err := Build(lang(t, c.lang), []Plan{plan(t, c.plan)}, a, WithRows(30))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, c.name+".xlsx")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	// CSV export writes the first sheet, the plan; cells as shown (token 9),
	// UTF-8 (76), comma-separated (44) with " quotes (34).
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", dir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, c.name+".csv"))
			if err != nil {
				t.Fatalf("LibreOffice wrote no CSV: %v", err)
			}
			r := csv.NewReader(strings.NewReader(string(data)))
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range c.checks {
				got := ""
				if ch.row < len(rows) && ch.col < len(rows[ch.row]) {
					got = rows[ch.row][ch.col]
				}
				if got != ch.want {
					t.Errorf("row %d column %d = %q, want %q", ch.row+1, ch.col+1, got, ch.want)
				}
			}
		})
	}
}

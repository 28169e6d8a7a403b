package overview

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// TestPrintedWorkbook prints the overview workbook of thirty organisations
// with LibreOffice, on A4 and Letter, and reads the PDF: no text below 8 pt
// (the running header and footer included: a sheet too wide for its page
// runs on across pages rather than shrinking), and no page without a filled
// cell under its repeated header row.
func TestPrintedWorkbook(t *testing.T) {
	soffice := testtool.Need(t, "soffice", "libreoffice-calc-nogui")
	fx := newFixture(t)
	dir := t.TempDir()
	var files []string
	for _, p := range []string{"a4", "letter"} {
		data, err := fx.report.Workbook(WorkbookOptions{Paper: paper.Size(p), Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "overview-"+p+".xlsx")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	// the running header and footer: the title, the sheet's name, the
	// date, the funding line and the page number
	frame := map[string]bool{fx.lang.Label("overview.title"): true, fx.lang.Label("funded_by"): true,
		fx.lang.Format("overview.asof", "date", fx.lang.FormatDate(asOf.Time())): true}
	for _, key := range Sheets {
		frame[fx.sheet(key)] = true
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".xlsx")
		data, err := os.ReadFile(strings.TrimSuffix(f, ".xlsx") + ".pdf")
		if err != nil {
			t.Fatalf("LibreOffice printed no PDF of %s: %v", name, err)
		}
		// OVERVIEW_PRINT_OUT=DIR keeps the PDFs to look at
		if keep := os.Getenv("OVERVIEW_PRINT_OUT"); keep != "" {
			_ = os.WriteFile(filepath.Join(keep, name+".pdf"), data, 0o644)
		}
		pages := pdftest.Runs(t, data)
		if len(pages) == 0 {
			t.Fatalf("%s: no pages", name)
		}
		for i, page := range pages {
			small, cells := 0, 0
			for _, r := range page.Runs {
				if r.Size < 8 {
					if small++; small <= 3 {
						t.Errorf("%s: page %d sets %q at %.1f pt, below 8 pt", name, i+1, r.Text, r.Size)
					}
				}
				if !frame[r.Text] && !strings.HasPrefix(r.Text, strings.TrimSpace(fx.lang.Format("page.sheet", "page", ""))) {
					cells++
				}
			}
			// more than a header row's few cells
			if cells < 3 {
				t.Errorf("%s: page %d holds %d cells: %v", name, i+1, cells, page.Runs)
			}
		}
	}
}

package directory

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/paper"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// examples reads the example roadmaps and the three example registrations,
// named by their base names.
func examples(t *testing.T) []*answers.File {
	t.Helper()
	var paths []string
	for _, glob := range []string{"../../examples/*.yaml", "../../examples/testdata/registration-*.yaml"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	if len(paths) != 7 {
		t.Fatalf("found %d example files, want 4 roadmaps and 3 registrations: %v", len(paths), paths)
	}
	var files []*answers.File
	for _, p := range paths {
		f, err := answers.ReadFile(p, contenttest.Bundle(t))
		if err != nil {
			t.Fatal(err)
		}
		f.Path = filepath.Base(p)
		files = append(files, f)
	}
	return files
}

var date = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// TestBuildExamples checks the directory of the examples against the
// files: one entry per organisation name (without regard to case and
// spacing), each file counted once, the registration of "Brīnumiņš" and
// its roadmap merged with the registration's details first.
func TestBuildExamples(t *testing.T) {
	files := examples(t)
	d := Build(contenttest.Language(t, "lv"), files)
	names := map[string]bool{}
	for _, f := range files {
		names[Key(f.Organisation.Name)] = true
	}
	if len(d.Entries) != len(names) || len(d.Entries) != 6 {
		t.Errorf("%d entries; the files name %d organisations (want 6)", len(d.Entries), len(names))
	}
	sources := 0
	seen := map[string]bool{}
	for _, e := range d.Entries {
		if seen[Key(e.Name)] {
			t.Errorf("%q is in the directory twice", e.Name)
		}
		seen[Key(e.Name)] = true
		sources += len(e.Sources)
	}
	if sources != len(files) || d.Files != len(files) {
		t.Errorf("entries made from %d files (Files %d); want each of the %d files once", sources, d.Files, len(files))
	}
	var got []string
	for _, e := range d.Entries {
		got = append(got, e.Name)
	}
	want := []string{`Association "Green Coast"`, `Biedrība "Brīnumiņš"`, `Jauniešu biedrība "Tilts"`, `NGO "Brīnumiņš"`,
		"Talsi Municipality (Talsu novada pašvaldība)", "Talsu novada pašvaldība"}
	if !slices.Equal(got, want) {
		t.Errorf("entries\n got %q\nwant %q", got, want)
	}
	b := d.Entries[1]
	if !slices.Equal(b.Sources, []string{"registration-brinumins-lv.yaml", "brinumins-community-lv.yaml"}) {
		t.Errorf("Brīnumiņš sources %q", b.Sources)
	}
	if b.Contact != "Ilze Kalniņa, valdes priekšsēdētāja" || b.Email != "info@brinumins.example.lv" ||
		!slices.Equal(b.Fields, []string{"social-services", "health"}) {
		t.Errorf("Brīnumiņš: contact %q, e-mail %q, fields %q", b.Contact, b.Email, b.Fields)
	}
	// from a roadmap's organisation block: the contact and the phone in it
	talsi := d.Entries[5]
	if !strings.HasPrefix(talsi.Contact, "Anna Bērziņa") || talsi.Phone != "+371 63 000 000" || talsi.Email != "" {
		t.Errorf("Talsi: contact %q, phone %q, e-mail %q", talsi.Contact, talsi.Phone, talsi.Email)
	}
	var groups []string
	for _, g := range d.Groups() {
		groups = append(groups, fmt.Sprintf("%s:%d", g.Title, len(g.Entries)))
	}
	if want := []string{"Sociālie pakalpojumi:1", "Darbs ar jaunatni:1", "Vide:1", "Joma nav norādīta:3"}; !slices.Equal(groups, want) {
		t.Errorf("groups %q, want %q", groups, want)
	}
}

// TestMergedByName checks that names differing in case and spacing make
// one entry, whose parts come from the first file that has them.
func TestMergedByName(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	files := []*answers.File{
		{Path: "a.yaml", Form: content.Community, Organisation: answers.Organisation{Name: "  biedrība   BRĪNUMIŅŠ ", Contact: "Ilze, ilze@example.lv, +371 20 000 000"}},
		{Path: "b.yaml", Form: content.Registration, Organisation: answers.Organisation{Name: "Biedrība Brīnumiņš"},
			Checkpoints: map[string]answers.Checkpoint{"area": {Answer: "Talsi\n"}}},
		{Path: "c.yaml", Form: content.Municipality, Organisation: answers.Organisation{Name: "Talsi"}},
		{Path: "d.yaml", Form: content.Community},
	}
	d := Build(lang, files)
	if len(d.Entries) != 2 || d.Files != 3 || !slices.Equal(d.Unnamed, []string{"d.yaml"}) {
		t.Fatalf("%d entries from %d files, unnamed %q; want 2 from 3, d.yaml unnamed", len(d.Entries), d.Files, d.Unnamed)
	}
	e := d.Entries[0]
	if e.Name != "Biedrība Brīnumiņš" || e.Area != "Talsi" || e.Contact != "Ilze, ilze@example.lv, +371 20 000 000" ||
		e.Email != "ilze@example.lv" || e.Phone != "+371 20 000 000" || !slices.Equal(e.Sources, []string{"b.yaml", "a.yaml"}) {
		t.Errorf("merged entry %+v", e)
	}
}

// TestWorkbook opens the workbook and checks what a person sees: the
// header, one row per organisation with its contact columns, the frozen
// header, the filter, wrapped text, the print set-up with the note on
// personal data, and the same bytes twice.
func TestWorkbook(t *testing.T) {
	for _, code := range []string{"lv", "en"} {
		t.Run(code, func(t *testing.T) {
			lang := contenttest.Language(t, code)
			d := Build(lang, examples(t))
			data, err := d.Workbook(WorkbookOptions{Date: date})
			if err != nil {
				t.Fatal(err)
			}
			again, _ := d.Workbook(WorkbookOptions{Date: date})
			if !bytes.Equal(data, again) {
				t.Error("the workbook is not the same bytes twice")
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := lang.Label("directory.sheet")
			if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
				t.Fatalf("sheets %q, want [%q]", got, sheet)
			}
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1+len(d.Entries) {
				t.Errorf("%d rows; want a header and %d organisations", len(rows), len(d.Entries))
			}
			for i, c := range Columns {
				if rows[0][i] != lang.Label(c.Label) {
					t.Errorf("header %d is %q, want %q", i+1, rows[0][i], lang.Label(c.Label))
				}
			}
			for i, e := range d.Entries {
				r := rows[i+1]
				if r[0] != e.Name || r[4] != e.Contact || r[5] != e.Email || r[6] != e.Phone {
					t.Errorf("row %d: %q; want %q, contact %q, e-mail %q, phone %q", i+2, r[:min(7, len(r))], e.Name, e.Contact, e.Email, e.Phone)
				}
			}
			panes, _ := f.GetPanes(sheet)
			if !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes %+v: the header row is not frozen", panes)
			}
			if xml := sheetXML(t, data); !strings.Contains(xml, `<autoFilter ref="$A$1:$K$7"`) || !strings.Contains(xml, `orientation="landscape"`) {
				t.Errorf("no filter over A1:K7 or not landscape:\n%s", xml)
			}
			style, _ := f.GetCellStyle(sheet, "I3")
			st, _ := f.GetStyle(style)
			if st.Alignment == nil || !st.Alignment.WrapText {
				t.Error("the programmes column does not wrap")
			}
			hf, _ := f.GetHeaderFooter(sheet)
			if !strings.Contains(hf.OddFooter, lang.Label("directory.personal")) {
				t.Errorf("the printed footer %q does not say it holds personal data", hf.OddFooter)
			}
			if link, target, _ := f.GetCellHyperLink(sheet, "F3"); !link || target != "mailto:"+d.Entries[1].Email {
				t.Errorf("F3 links to %q", target)
			}
		})
	}
}

// sheetXML returns the worksheet's XML.
func sheetXML(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, ok := f.Pkg.Load("xl/worksheets/sheet1.xml")
	if !ok {
		t.Fatal("no sheet1.xml")
	}
	return string(b.([]byte))
}

// TestPDF reads the printable directory as text: the index names every
// organisation with the page it is on, each organisation is on that page
// under its field of work with its contact details, every page's footer
// says it holds personal data; A4 and Letter; the same bytes twice.
func TestPDF(t *testing.T) {
	for _, tc := range []struct {
		code  string
		paper paper.Size
		w, h  string
	}{{"lv", paper.A4, "595", "842"}, {"en", paper.Letter, "612", "792"}, {"el", paper.A4, "595", "842"}} {
		t.Run(tc.code+"-"+string(tc.paper), func(t *testing.T) {
			lang := contenttest.Language(t, tc.code)
			th := pdf.DefaultTheme()
			th.Paper = tc.paper
			d := Build(lang, examples(t))
			data, err := d.PDF(PDFOptions{Theme: th, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			again, _ := d.PDF(PDFOptions{Theme: th, Date: date})
			if !bytes.Equal(data, again) {
				t.Error("the PDF is not the same bytes twice")
			}
			pdftest.Check(t, data)
			var w, h float64
			got := pdftest.PageSize(t, data)
			fmt.Sscanf(got, "%g x %g", &w, &h)
			if fmt.Sprintf("%.0f", w) != tc.w || fmt.Sprintf("%.0f", h) != tc.h {
				t.Errorf("pages are %s pt, not %s × %s pt", got, tc.w, tc.h)
			}
			pages := pdftest.Pages(t, data)
			personal := strings.Join(strings.Fields(lang.Label("directory.personal")), " ")
			for i, p := range pages {
				if !strings.Contains(strings.Join(strings.Fields(p), " "), personal) {
					t.Errorf("page %d does not say it holds personal data", i+1)
				}
			}
			index := pages[0]
			if !strings.Contains(index, lang.Label("directory.index")) {
				t.Fatalf("page 1 has no index:\n%s", index)
			}
			for _, e := range d.Entries {
				m := regexp.MustCompile(regexp.QuoteMeta(e.Name) + `[ .]*(\d+)`).FindStringSubmatch(index)
				if m == nil {
					t.Errorf("the index does not list %q with a page:\n%s", e.Name, index)
					continue
				}
				n, _ := strconv.Atoi(m[1])
				if n < 2 || n > len(pages) || !strings.Contains(pages[n-1], e.Name) {
					t.Errorf("the index puts %q on page %s, which does not show it", e.Name, m[1])
					continue
				}
				if e.Contact != "" && !strings.Contains(strings.Join(strings.Fields(pages[n-1]), " "), strings.Join(strings.Fields(e.Contact), " ")) {
					t.Errorf("page %d does not show the contact of %q", n, e.Name)
				}
			}
			text := strings.Join(strings.Fields(strings.Join(pages[1:], " ")), " ")
			last := -1
			for _, g := range d.Groups() {
				i := strings.Index(text, g.Title)
				if i < 0 || i < last {
					t.Errorf("the group %q is missing or out of order", g.Title)
				}
				last = i
			}
			if os.Getenv("ROADMAP_KEEP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("ROADMAP_KEEP"), "directory-"+tc.code+".pdf"), data, 0o644)
			}
		})
	}
}

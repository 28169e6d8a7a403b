package pdfcheck_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// pdfjsDir holds pdf.js (npm ci there), shared with package importpdf.
var pdfjsDir = filepath.Join("..", "importpdf", "testdata", "pdfjs")

// pdfjsTree returns the structure tree of doc as pdf.js reads it
// (structtree.mjs): an element a line, indented by depth, "role [alt]: text".
func pdfjsTree(t *testing.T, doc []byte) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found (apt-get install -y nodejs npm)")
	}
	if _, err := os.Stat(filepath.Join(pdfjsDir, "node_modules", "pdfjs-dist")); err != nil {
		testtool.Missing(t, "pdfjs-dist not installed (cd internal/importpdf/testdata/pdfjs && npm ci)")
	}
	path, _ := filepath.Abs(filepath.Join(t.TempDir(), "doc.pdf"))
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "structtree.mjs", path)
	cmd.Dir = pdfjsDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, stderr.Bytes())
	}
	return string(out)
}

// roles returns the lines of tree of elements of the given roles, as
// "role: text", in order, without an element repeated on the next page.
func roles(tree string, rs ...string) []string {
	var out []string
	for _, l := range strings.Split(tree, "\n") {
		l = strings.TrimSpace(l)
		for _, r := range rs {
			if strings.HasPrefix(l, r+":") || strings.HasPrefix(l, r+" [") {
				if len(out) == 0 || out[len(out)-1] != l {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// inOrder reports the first of wants not found in lines, in order, each
// in a line after the one before; "" when all are.
func inOrder(lines, wants []string) string {
	i := 0
	for _, w := range wants {
		for i < len(lines) && !strings.Contains(lines[i], w) {
			i++
		}
		if i == len(lines) {
			return w
		}
		i++
	}
	return ""
}

// TestBookletAsPdfjsReadsIt checks the Latvian booklet as pdf.js reads its
// structure: the step chapters are H1 and the checkpoints H2, with their
// titles, in the order of the booklet; the contents are links read with
// their title and page; the links of the text say where they go.
func TestBookletAsPdfjsReadsIt(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	res, err := guide.Render(lang, guide.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tree := pdfjsTree(t, res.Data)
	var want []string
	for _, s := range lang.Steps {
		want = append(want, "H1: "+lang.Format("step.label", "n", itoa(s.Number)))
		for _, cp := range lang.Checkpoints("all") {
			if cp.Step == s.Number {
				want = append(want, "H2: "+lang.Number(cp)+" "+cp.Title)
			}
		}
	}
	if len(want) < 19 {
		t.Fatalf("%d headings expected; the content has changed", len(want))
	}
	if miss := inOrder(roles(tree, "H1", "H2"), want); miss != "" {
		t.Errorf("pdf.js does not read %q in its place; headings:\n%s", miss, strings.Join(roles(tree, "H1", "H2"), "\n"))
	}
	// a contents entry: a link with its title, its annotation described as
	// "title … N. lpp.", the page number read as "N. lpp."
	entry := regexp.MustCompile(`(?m)^    TOCI\n      Link: 1\.1 ` + regexp.QuoteMeta(lang.Checkpoints("all")[0].Title) + `\n        annotation link "1\.1 [^"]+ … \d+\. lpp\."\n        Span \[\d+\. lpp\.\]: \d+$`)
	if !entry.MatchString(tree) {
		t.Errorf("no contents entry for 1.1 read as title … page:\n%s", head(tree, 60))
	}
	// every link of the text has its text and a description
	links := regexp.MustCompile(`(?m)^\s*Link: (.+)\n\s*annotation link "(.*)"$`).FindAllStringSubmatch(tree, -1)
	if len(links) < 25 {
		t.Errorf("%d links read with their annotation; want the contents' 24 and the text's", len(links))
	}
	for _, l := range links {
		if strings.TrimSpace(l[2]) == "" {
			t.Errorf("link %q has no description", l[1])
		}
	}
	if !strings.Contains(tree, "sua.lv") {
		t.Error("the sua.lv links are not read")
	}
}

// TestFormsAsReadersReadThem checks the filled and fillable forms of an
// example as pdf.js and poppler read their structure: the status chosen and
// the options ticked are said, the action plan is a table with header
// cells, and every field of the fillable form is under a Form element with
// its own name.
func TestFormsAsReadersReadThem(t *testing.T) {
	b := contenttest.Bundle(t)
	a, err := answers.ReadFile(filepath.Join("..", "..", "examples", "talsi-municipality-lv.yaml"), b)
	if err != nil {
		t.Fatal(err)
	}
	lang := contenttest.Language(t, "lv")
	filled, err := form.Render(lang, content.Municipality, a, form.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tree := pdfjsTree(t, filled.Data)
	chosen := lang.Label("form.spoken.chosen")
	ticked := lang.Label("form.spoken.ticked")
	// the status of 1.1 as the example gives it
	cp := lang.Checkpoints(content.Municipality)[0]
	status := lang.Label("status." + string(a.Checkpoint(cp.ID).Status))
	if !regexp.MustCompile(`(?m)^\s*Lbl \[` + regexp.QuoteMeta(chosen) + `\]\n\s*LBody: ` + regexp.QuoteMeta(status) + `$`).MatchString(tree) {
		t.Errorf("the chosen status %q is not read as %q:\n%s", status, chosen, head(tree, 80))
	}
	if strings.Count(tree, "Lbl ["+ticked+"]") == 0 {
		t.Error("no option read as ticked")
	}
	if !regexp.MustCompile(`(?m)^\s*TH: \S`).MatchString(tree) || !regexp.MustCompile(`(?m)^\s*TD: \S`).MatchString(tree) {
		t.Error("no table with header cells and data cells")
	}
	poppler := pdftest.StructText(t, filled.Data)
	for _, w := range []string{"Document", "H1", "H2", "Table", "TH", "TD", "LBody"} {
		if !strings.Contains(poppler, w) {
			t.Errorf("poppler does not read a %s", w)
		}
	}

	fillable, err := form.Render(lang, content.Municipality, a, form.Options{Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	tree = pdfjsTree(t, fillable.Data)
	fields := regexp.MustCompile(`(?m)^(\s*)Form(?: \[(.*)\])?\n\s*annotation field (\S+) "(.*)"$`).FindAllStringSubmatch(tree, -1)
	if len(fields) < 50 {
		t.Fatalf("%d fields under a Form element; want every field:\n%s", len(fields), head(tree, 80))
	}
	names := map[string]bool{}
	for _, f := range fields {
		if f[3] == form.MarkerField {
			continue
		}
		if f[2] == "" && f[4] == "" {
			t.Errorf("field %s has no accessible name", f[3])
		}
		names[f[2]+"|"+f[4]] = true
	}
	// a status group's buttons are told apart by their own names
	status0 := form.StatusField(cp.ID)
	var own []string
	for _, f := range fields {
		if f[3] == status0 {
			own = append(own, f[4]) // pdf.js reads each button's /TU
		}
	}
	if len(own) != 4 || own[0] == own[1] {
		t.Errorf("status buttons of %s named %q; want four names of their own", cp.ID, own)
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n))) }

func head(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// TestPdfcpuStrict checks that pdfcpu's strict validation accepts the
// booklet and the forms (it refused outline entries with children and
// /Count 0, and XMP dates without a time zone).
func TestPdfcpuStrict(t *testing.T) {
	lang := contenttest.Language(t, "lv")
	booklet, err := guide.Render(lang, guide.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fillable, err := form.Render(lang, content.Community, nil, form.Options{Fillable: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"booklet": booklet.Data, "fillable form": fillable.Data} {
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		if err := api.Validate(bytes.NewReader(doc), conf); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

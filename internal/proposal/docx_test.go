package proposal

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

func makeDOCX(t testing.TB, a *answers.File) []byte {
	t.Helper()
	res, err := DOCX(contenttest.Language(t, a.Language), a, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	return res.Data
}

// wants returns what the proposal of a must hold, whatever its format:
// the organisation, partner, contact, the first action and its date, and
// per answered checkpoint its heading and first sentence; and the
// headings alone.
func wants(t testing.TB, a *answers.File) (texts, headings []string) {
	lang := contenttest.Language(t, a.Language)
	texts = []string{a.Organisation.Name, a.Organisation.Partner, a.Organisation.Contact,
		a.ActionPlan[0].Activity, lang.FormatDate(a.ActionPlan[0].Deadline.Time())}
	for _, id := range Sections[a.Form] {
		if ans := a.Checkpoint(id).Answer; strings.TrimSpace(ans) != "" {
			headings = append(headings, lang.Label("proposal.heading."+id+"."+string(a.Form)))
			texts = append(texts, firstSentence(ans))
		}
	}
	headings = append(headings, lang.Label("proposal.heading.steps"), lang.Label("proposal.heading.contact"))
	return append(texts, headings...), headings
}

// TestDOCXLibreOffice: LibreOffice opens each example's document and
// prints it (soffice --convert-to pdf); the PDF holds the handout's
// texts and headings, and LibreOffice saw the headings as headings (the
// PDF's outline).
func TestDOCXLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "soffice", "libreoffice-writer-nogui")
	dir := t.TempDir()
	var files []string
	for _, name := range examples {
		p := filepath.Join(dir, strings.TrimSuffix(name, ".yaml")+".docx")
		if err := os.WriteFile(p, makeDOCX(t, example(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", `pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}`, "--outdir", dir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ".yaml")+".pdf"))
			if err != nil {
				if bytes.Contains(out, []byte("no export filter")) {
					testtool.Missing(t, "LibreOffice Writer not installed (apt-get install -y libreoffice-writer-nogui)")
				}
				t.Fatalf("LibreOffice wrote no PDF: %v\n%s", err, out)
			}
			text := pdftest.Text(t, data)
			all, headings := wants(t, example(t, name))
			for _, w := range all {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("LibreOffice's PDF lacks %q", w)
				}
			}
			var outline []string
			for _, o := range pdftest.Outline(t, data) {
				outline = append(outline, o.Title)
			}
			if got := strings.Join(outline, " | "); got != strings.Join(headings, " | ") {
				t.Errorf("LibreOffice's headings (outline):\n%s\nwant\n%s", got, strings.Join(headings, " | "))
			}
		})
	}
}

// TestDOCXMammoth: mammoth, an independent DOCX reader, finds the headings
// as headings, the ticked options as a list and the first steps as a
// table, with no problem to report.
func TestDOCXMammoth(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found (apt-get install -y nodejs npm)")
	}
	if _, err := os.Stat(filepath.Join("testdata", "mammoth", "node_modules", "mammoth")); err != nil {
		testtool.Missing(t, "mammoth not installed (cd internal/proposal/testdata/mammoth && npm ci)")
	}
	dir := t.TempDir()
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			a := example(t, name)
			lang := contenttest.Language(t, a.Language)
			p := filepath.Join(dir, "p.docx")
			if err := os.WriteFile(p, makeDOCX(t, a), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(node, "read.mjs", p)
			cmd.Dir = filepath.Join("testdata", "mammoth")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("mammoth: %v\n%s", err, stderr.Bytes())
			}
			var res struct {
				HTML     string `json:"html"`
				Messages []struct{ Type, Message string }
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatal(err)
			}
			for _, m := range res.Messages {
				if m.Type != "warning" || !strings.HasPrefix(m.Message, "Unrecognised paragraph style:") {
					t.Errorf("mammoth: %s: %s", m.Type, m.Message)
				}
			}
			_, headings := wants(t, a)
			for _, h := range headings {
				if !strings.Contains(res.HTML, "<h1>"+htmlEscape(h)+"</h1>") {
					t.Errorf("mammoth does not find the heading %q", h)
				}
			}
			// the options ticked for 1.2 are a list, in the content's order
			cp := lang.Checkpoint("needs")
			var items []string
			for _, o := range cp.Options.Items {
				if a.Checkpoint("needs").Ticked(o.ID) {
					items = append(items, "<li>"+htmlEscape(o.Label)+"</li>")
				}
			}
			if want := "<ul>" + strings.Join(items, "") + "</ul>"; !strings.Contains(res.HTML, want) {
				t.Errorf("mammoth does not find the list %s", want)
			}
			if !strings.Contains(res.HTML, "<table>") || !strings.Contains(res.HTML, htmlEscape(a.ActionPlan[0].Activity)) {
				t.Error("mammoth does not find the first steps' table")
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestDOCXDeterministic(t *testing.T) {
	a := example(t, "brinumins-community-lv.yaml")
	if !bytes.Equal(makeDOCX(t, a), makeDOCX(t, a)) {
		t.Error("two renderings of the same answers differ")
	}
}

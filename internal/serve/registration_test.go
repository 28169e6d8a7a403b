package serve_test

import (
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/pdftest"
)

// TestProposalDownloads checks the roadmap's page links the partnership
// proposal's three formats and that each downloads, named after the
// organisation, with the organisation's name inside.
func TestProposalDownloads(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	h := newServer(t, dir)
	_, page := call(t, h, "GET", "/r/"+example, nil)
	if want := `<span>Piedāvājums: <a href="?p=pdf">PDF</a> <a href="?p=deck">slaidi</a> <a href="?p=docx">Word</a></span>`; !strings.Contains(page, want) {
		t.Errorf("the page has no links %s", want)
	}
	if res, _ := call(t, h, "GET", "/r/"+example+"?p=xls", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown proposal format = %d, want 404", res.StatusCode)
	}
	for _, d := range []struct{ key, file, ctype string }{
		{"pdf", "proposal.pdf", "application/pdf"},
		{"deck", "proposal-slides.pdf", "application/pdf"},
		{"docx", "proposal.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	} {
		res, body := call(t, h, "GET", "/r/"+example+"?p="+d.key, nil)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != d.ctype {
			t.Errorf("%s = %d %s", d.file, res.StatusCode, res.Header.Get("Content-Type"))
			continue
		}
		if cd := res.Header.Get("Content-Disposition"); cd != "attachment; filename=Biedriba-Brinumins-"+d.file {
			t.Errorf("%s: Content-Disposition %q", d.file, cd)
		}
		if strings.HasSuffix(d.file, ".pdf") {
			if text := pdftest.Text(t, []byte(body)); !strings.Contains(text, `Biedrība "Brīnumiņš"`) {
				t.Errorf("%s does not name the organisation:\n%.300s", d.file, text)
			}
		} else if !strings.HasPrefix(body, "PK") {
			t.Errorf("%s is not a zip package", d.file)
		}
	}
}

// TestRegistration creates a registration on the list page, fills it in
// on its page and checks the file: the page asks the registration's
// questions without statuses, progress, workshop, plans or proposal, and
// what is typed is saved as a valid registration.
func TestRegistration(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir)
	_, home := call(t, h, "GET", "/?lang=lv", nil)
	if !strings.Contains(home, `value="registration"> Organizācijas reģistrācijas anketa`) {
		t.Fatalf("the list page offers no registration")
	}
	res, _ := post(t, h, "/new", url.Values{"form": {"registration"}, "lang": {"lv"}, "org": {"Biedrība “Ābeļzieds”"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/r/Biedriba-Abelzieds.yaml" {
		t.Fatalf("POST /new = %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	name := "Biedriba-Abelzieds.yaml"
	_, page := call(t, h, "GET", "/r/"+name, nil)
	for _, want := range []string{"Organizācijas reģistrācijas anketa", "E-pasts", "Sadarbības piedāvājums", `name="cp.field-of-work.opt" value="youth"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the registration's page lacks %q", want)
		}
	}
	for _, absent := range []string{`.status"`, "org.partner", "ws.facilitator", "ws.notes", "plans.xlsx", "?p=pdf", "progress-box", "ap.activity"} {
		if strings.Contains(page, absent) {
			t.Errorf("the registration's page has %q", absent)
		}
	}
	rev := regexp.MustCompile(`name="rev" value="([^"]*)"`).FindStringSubmatch(page)
	if rev == nil {
		t.Fatal("no revision on the page")
	}
	res, _ = post(t, h, "/r/"+name, url.Values{"rev": {rev[1]}, "org.name": {"Biedrība “Ābeļzieds”"}, "org.contact": {"Anna"},
		"cp.email.answer": {"anna@example.lv"}, "cp.field-of-work.opt": {"youth", "culture"}, "cp.field-of-work.answer": {""}})
	if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusOK {
		t.Fatalf("save = %d", res.StatusCode)
	}
	data := read(t, filepath.Join(dir, name))
	f, err := answers.Parse(name, []byte(data), contenttest.Bundle(t))
	if err != nil {
		t.Fatalf("the saved registration does not validate: %v\n%s", err, data)
	}
	if f.Form != "registration" || f.Organisation.Contact != "Anna" || f.Checkpoint("email").Answer != "anna@example.lv" ||
		strings.Join(f.Checkpoint("field-of-work").Options, " ") != "youth culture" {
		t.Errorf("saved %+v\n%s", f, data)
	}
	if strings.Contains(data, "status:") || strings.Contains(data, "action_plan") {
		t.Errorf("the saved registration has a roadmap's keys:\n%s", data)
	}
	if res, _ := call(t, h, "GET", "/r/"+name+"?p=pdf", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a registration's proposal = %d, want 404", res.StatusCode)
	}
	// the list names it, with its checklist and no progress (a registration
	// has no statuses)
	if _, home := call(t, h, "GET", "/?lang=lv", nil); !strings.Contains(home, "Biedrība “Ābeļzieds”") || strings.Contains(home, "<meter") {
		t.Errorf("the list shows the registration wrongly:\n%s", home)
	}
	res, body := call(t, h, "GET", "/r/"+name+"/form.pdf", nil)
	if res.StatusCode != 200 || !strings.Contains(pdftest.Text(t, []byte(body)), "anna@example.lv") {
		t.Errorf("the registration's form = %d", res.StatusCode)
	}
}

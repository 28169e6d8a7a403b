package serve_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/pdftest"
	"github.com/partnership-roadmap/roadmap/internal/serve"
)

// TestFolderDownloads checks the home page's documents of the whole
// folder: the overview report and the calendar of every roadmap that reads,
// in the page's language, a broken file left out; the links show only when
// a roadmap reads.
func TestFolderDownloads(t *testing.T) {
	dir := t.TempDir()
	h := newServer(t, dir, func(o *serve.Options) {
		o.Today = func() time.Time { return time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC) }
	})
	_, home := call(t, h, "GET", "/?lang=en", nil)
	if strings.Contains(home, "/all/") {
		t.Error("an empty folder's home page links to its overview")
	}
	if res, _ := call(t, h, "GET", "/all/en/overview.pdf", nil); res.StatusCode != 404 {
		t.Errorf("overview of an empty folder = %d", res.StatusCode)
	}

	copyExample(t, dir, example)
	copyExample(t, dir, "talsi-municipality-en.yaml")
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("form: community\nlanguage: lv\nstatus: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, home = call(t, h, "GET", "/?lang=en", nil)
	for _, s := range []string{`href="/all/en/overview.pdf"`, "Overview of every organisation (PDF)", `href="/all/en/plans.ics"`, "Plan dates for your calendar (.ics)"} {
		if !strings.Contains(home, s) {
			t.Errorf("the home page lacks %s", s)
		}
	}

	res, body := call(t, h, "GET", "/all/en/overview.pdf", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("overview.pdf = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != "attachment; filename=overview-en.pdf" {
		t.Errorf("Content-Disposition %q", cd)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(body))), " ")
	// the broken file is counted among the files not read, not shown
	for _, s := range []string{`Biedrība "Brīnumiņš"`, "Talsi Municipality", "Files not read"} {
		if !strings.Contains(text, s) {
			t.Errorf("the overview does not name %s:\n%.800s", s, text)
		}
	}

	res, body = call(t, h, "GET", "/all/lv/plans.ics", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("plans.ics = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != "attachment; filename=plans-lv.ics" {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || strings.Count(body, "BEGIN:VEVENT\r\n") < 2 {
		t.Errorf("plans.ics is not a calendar of the plans' dates:\n%.400s", body)
	}
	// every event in the language asked for, from both roadmaps
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	for _, s := range []string{"SUMMARY:Termiņš: ", `· Biedrība "Brīnumiņš"`, "· Talsi"} {
		if !strings.Contains(unfolded, s) {
			t.Errorf("plans.ics lacks %q", s)
		}
	}
	if strings.Contains(unfolded, "SUMMARY:Deadline:") {
		t.Error("plans.ics in lv holds an event in English")
	}
	again, body2 := call(t, h, "GET", "/all/lv/plans.ics", nil)
	if again.StatusCode != 200 || body2 != body {
		t.Error("the same folder gives another calendar")
	}
	if res, _ := call(t, h, "GET", "/all/xx/plans.ics", nil); res.StatusCode != 404 {
		t.Errorf("calendar in no language = %d", res.StatusCode)
	}
	if res, _ := call(t, h, "POST", "/all/lv/plans.ics", nil); res.StatusCode != 405 && res.StatusCode != 403 {
		t.Errorf("POST to a download = %d", res.StatusCode)
	}
}

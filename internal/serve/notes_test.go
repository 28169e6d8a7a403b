package serve_test

import (
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/contenttest"
)

// TestWorkshopNotes checks the workshop's notes on the editing page: under
// the closing page's title and hint after the last step, as the form has
// them; kept by a save that does not send them; saved as typed; refused
// beside their field when too long.
func TestWorkshopNotes(t *testing.T) {
	dir := t.TempDir()
	path := exampleWith(t, dir, `workshop:
  facilitator: Ilze Kalēja
  notes: |
    Sociālais dienests sagatavo līgumu līdz 1. martam.

    Ο Γιώργος ενημερώνει τον δήμο.
`)
	h := newServer(t, dir)
	js := []string{"Accept", "application/json"}
	b := contenttest.Bundle(t)
	lang, _ := b.Language("lv")
	savedNotes := func() string {
		t.Helper()
		f := parseFile(t, path)
		return f.Workshop.Notes
	}
	const notes = "Sociālais dienests sagatavo līgumu līdz 1. martam.\n\nΟ Γιώργος ενημερώνει τον δήμο."

	_, body := call(t, h, "GET", "/r/"+example, nil)
	want := `<h2><label for="f-ws-notes">Piezīmes un nākamie soļi</label></h2>
<p class="hint" id="f-ws-notes-hint">` + lang.Label("form.notes.hint") + `</p>
<p class="answer"><textarea id="f-ws-notes" name="ws.notes" rows="6" aria-describedby="f-ws-notes-hint">` + notes + `</textarea>`
	at := strings.Index(body, want)
	if at < 0 {
		t.Fatalf("the editing page lacks the notes:\n%s", want)
	}
	if last := strings.LastIndex(body, `<article class="cp"`); last > at {
		t.Error("the notes come before the last checkpoint; the form has them on its closing page")
	}

	// What is typed reaches the page escaped.
	v := fields(t, h, example)
	v.Set("ws.notes", "</textarea><script>alert(1)</script>")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if _, body := call(t, h, "GET", "/r/"+example, nil); strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;/textarea&gt;&lt;script&gt;") {
		t.Error("the notes reached the page unescaped")
	}
	v = fields(t, h, example)
	v.Set("ws.notes", notes)
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}

	// A save of an answer keeps the notes; so does a save from a page
	// without the notes' field (made before it was there), with or without
	// the workshop's other fields.
	for _, drop := range []string{"", "ws.notes", "ws."} {
		v = fields(t, h, example)
		for k := range v {
			if drop != "" && strings.HasPrefix(k, drop) {
				delete(v, k)
			}
		}
		v.Set("cp.pilot.answer", "Jauns teksts: "+drop)
		if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
			t.Fatalf("save without %q = %d %s", drop, res.StatusCode, body)
		}
		if got := savedNotes(); got != notes {
			t.Errorf("after a save without %q the notes are %q, want %q", drop, got, notes)
		}
		if f := parseFile(t, path); f.Workshop.Facilitator != "Ilze Kalēja" {
			t.Errorf("after a save without %q the facilitator is %q", drop, f.Workshop.Facilitator)
		}
	}

	// What is typed is saved, its line ends made the file's.
	v = fields(t, h, example)
	v.Set("ws.notes", "Aušra kviečia į susitikimą gegužę.\r\n\r\nΕλένη: προϋπολογισμός.\r\n")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if got, want := savedNotes(), "Aušra kviečia į susitikimą gegužę.\n\nΕλένη: προϋπολογισμός."; got != want {
		t.Errorf("saved notes %q, want %q", got, want)
	}
	// Emptied, they are gone.
	v = fields(t, h, example)
	v.Set("ws.notes", "")
	if res, body := post(t, h, "/r/"+example, v, js...); res.StatusCode != 200 {
		t.Fatalf("save = %d %s", res.StatusCode, body)
	}
	if got := savedNotes(); got != "" {
		t.Errorf("emptied notes saved as %q", got)
	}

	// Too long: refused beside the field, the file as it was.
	before := read(t, path)
	v = fields(t, h, example)
	v.Set("ws.notes", strings.Repeat("vārds ", 3334)+"x")
	res, body := post(t, h, "/r/"+example, v, js...)
	p, _ := reply(t, body)["problems"].(map[string]any)
	if got, _ := p["ws.notes"].(string); res.StatusCode != 422 || !strings.Contains(got, `„Piezīmes un nākamie soļi“ (notes) ir par garu: 20005 rakstzīmes; atļauts: ne vairāk kā 20000 rakstzīmes`) {
		t.Errorf("too long notes = %d, problems %v", res.StatusCode, p)
	}
	if read(t, path) != before {
		t.Error("an invalid save changed the file")
	}
}

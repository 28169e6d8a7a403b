package serve_test

import (
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// TestPartialSave checks that one refused field never holds back the
// others: every valid change is written, the refused field keeps the
// file's value, and the reply names the refused field with its problem.
func TestPartialSave(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, example)
	path := filepath.Join(dir, example)
	h := newServer(t, dir)
	js := []string{"Accept", "application/json"}
	orig := parseFile(t, path)
	const refused = "Saglabāts viss, izņemot sarkanā krāsā atzīmētās atbildes: izlabojiet tās, un arī tās tiks saglabātas."

	// A date typed as 0207 (the year of a date field typed digit by
	// digit), and text in two other fields.
	v := fields(t, h, example)
	rev := v.Get("rev")
	v.Set("date", "0207-02-07")
	v.Set("ws.facilitator", "Ilze Kalniņa")
	v.Set("cp.pilot.answer", "Teksts pēc kļūdainā datuma.")
	res, body := post(t, h, "/r/"+example, v, js...)
	m := reply(t, body)
	p, _ := m["problems"].(map[string]any)
	if res.StatusCode != http.StatusUnprocessableEntity || m["state"] != "refused" || m["message"] != refused {
		t.Fatalf("save with a refused date = %d %v", res.StatusCode, m)
	}
	if got, _ := p["date"].(string); !strings.Contains(got, `datums „0207-02-07“ ir ārpus atļautajām robežām`) || len(p) != 1 {
		t.Errorf("problems %v; want the date's alone", p)
	}
	f := parseFile(t, path)
	if f.Workshop.Facilitator != "Ilze Kalniņa" || f.Checkpoints["pilot"].Answer != "Teksts pēc kļūdainā datuma." {
		t.Errorf("the valid fields were not saved: facilitator %q, answer %q", f.Workshop.Facilitator, f.Checkpoints["pilot"].Answer)
	}
	if f.Date != orig.Date {
		t.Errorf("the date on disk is %s; want the file's %s kept", f.Date, orig.Date)
	}
	newRev := answers.Revision([]byte(read(t, path)))
	if m["rev"] != newRev || newRev == rev {
		t.Errorf("reply rev %v; the file's is %s (was %s)", m["rev"], newRev, rev)
	}

	// The next save, from the same page (its new revision), still sends
	// the refused date: what was typed since is saved all the same.
	v.Set("rev", newRev)
	v.Set("org.contact", "ilze@example.lv")
	res, body = post(t, h, "/r/"+example, v, js...)
	if m := reply(t, body); res.StatusCode != http.StatusUnprocessableEntity || m["state"] != "refused" {
		t.Fatalf("second save = %d %v", res.StatusCode, m)
	}
	if f := parseFile(t, path); f.Organisation.Contact != "ilze@example.lv" || f.Date != orig.Date {
		t.Errorf("second save: contact %q, date %s", f.Organisation.Contact, f.Date)
	}

	// A refused plan cell keeps the value its row has in the file; an
	// unknown status and a text over its limit are refused the same way.
	v = fields(t, h, example)
	v["ap.deadline"][1] = "31.12.2027"
	v["ap.activity"][0] = "Jauna aktivitāte"
	v.Set("cp.needs.status", "finished")
	v.Set("cp.pilot.answer", strings.Repeat("ā", 20001))
	v.Set("ws.participants", "Anna, Jānis")
	res, body = post(t, h, "/r/"+example, v, js...)
	m = reply(t, body)
	p, _ = m["problems"].(map[string]any)
	if res.StatusCode != http.StatusUnprocessableEntity || m["message"] != refused {
		t.Fatalf("save with refused cells = %d %v", res.StatusCode, m)
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"ap.1.deadline", "cp.needs.status", "cp.pilot.answer"}; !slices.Equal(keys, want) {
		t.Errorf("refused fields %v, want %v (%v)", keys, want, p)
	}
	f = parseFile(t, path)
	if f.ActionPlan[0].Activity != "Jauna aktivitāte" || f.Workshop.Participants != "Anna, Jānis" {
		t.Errorf("the valid changes were not saved: %q, %q", f.ActionPlan[0].Activity, f.Workshop.Participants)
	}
	if f.ActionPlan[1].Deadline != orig.ActionPlan[1].Deadline || f.Checkpoints["needs"].Status != orig.Checkpoints["needs"].Status ||
		f.Checkpoints["pilot"].Answer != "Teksts pēc kļūdainā datuma." {
		t.Errorf("the refused fields did not keep the file's values: %s, %q, %.40q", f.ActionPlan[1].Deadline, f.Checkpoints["needs"].Status, f.Checkpoints["pilot"].Answer)
	}

	// A row deleted on the page, and a bad date in the row that took its
	// place: the deleted row's date is not given to another row.
	v = fields(t, h, example)
	for k, vals := range v {
		if strings.HasPrefix(k, "ap.") {
			v[k] = vals[1:]
		}
	}
	v["ap.deadline"][0] = "2027-02-30"
	post(t, h, "/r/"+example, v, js...)
	f = parseFile(t, path)
	if len(f.ActionPlan) != len(orig.ActionPlan)-1 || f.ActionPlan[0].Activity != orig.ActionPlan[1].Activity || !f.ActionPlan[0].Deadline.IsZero() {
		t.Errorf("after deleting row 1 with a bad date in the next: %d rows, first %q due %s", len(f.ActionPlan), f.ActionPlan[0].Activity, f.ActionPlan[0].Deadline)
	}

	// Without script: the page comes back with the refused value in its
	// field, its problem, the file's new revision, and the rest saved.
	v = fields(t, h, example)
	v.Set("ws.next_review", "2027-13-01")
	v.Set("org.partner", "Talsu novada pašvaldība")
	res, body = post(t, h, "/r/"+example, v)
	rev = answers.Revision([]byte(read(t, path)))
	for _, want := range []string{`value="2027-13-01"`, "13. mēneša nav", refused, `name="rev" value="` + rev + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("plain save with a refused date (%d): the page lacks %q", res.StatusCode, want)
		}
	}
	if f := parseFile(t, path); f.Organisation.Partner != "Talsu novada pašvaldība" {
		t.Errorf("plain save: partner %q not saved", f.Organisation.Partner)
	}

	// Without script, a row removed with a bad date in a later row: each
	// row keeps its own date, and the page shows the bad one in its row.
	orig = parseFile(t, path)
	v = fields(t, h, example)
	v["ap.deadline"][2] = "2027-02-30"
	v.Set("op", "del:ap:0")
	res, body = post(t, h, "/r/"+example, v)
	f = parseFile(t, path)
	if len(f.ActionPlan) != len(orig.ActionPlan)-1 || f.ActionPlan[1].Activity != orig.ActionPlan[2].Activity {
		t.Fatalf("after removing row 1: %d rows", len(f.ActionPlan))
	}
	for i, a := range f.ActionPlan {
		if a.Deadline != orig.ActionPlan[i+1].Deadline {
			t.Errorf("row %d (%q) is due %s, want its own %s", i+1, a.Activity, a.Deadline, orig.ActionPlan[i+1].Deadline)
		}
	}
	if want := `id="ap-1-deadline" type="date" name="ap.deadline" value="2027-02-30" aria-invalid="true" aria-describedby="err-ap-1-deadline">`; res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, want) ||
		!strings.Contains(body, `<span class="err" id="err-ap-1-deadline" data-err="ap.1.deadline">neiespējams datums „2027-02-30“`) {
		t.Errorf("plain save with a row removed (%d): the page lacks the bad date in its row", res.StatusCode)
	}

	// Rows that arrived incomplete belong to no field: nothing is written.
	before := read(t, path)
	v = fields(t, h, example)
	v.Set("org.partner", "Cits")
	v["ap.goals"] = v["ap.goals"][:1]
	res, body = post(t, h, "/r/"+example, v, js...)
	if m := reply(t, body); res.StatusCode != http.StatusUnprocessableEntity || m["state"] != "invalid" || !strings.HasPrefix(m["message"].(string), "Nav saglabāts") {
		t.Errorf("incomplete rows = %d %v", res.StatusCode, m)
	}
	if read(t, path) != before {
		t.Error("a save with incomplete rows changed the file")
	}
}

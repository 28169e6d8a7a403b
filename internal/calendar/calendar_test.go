package calendar

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// source parses an answers file and pairs it with its language.
func source(t *testing.T, name, yaml string) Source {
	t.Helper()
	b := contenttest.Bundle(t)
	a, err := answers.Parse(name, []byte(yaml), b)
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Language(a.Language)
	if err != nil {
		t.Fatal(err)
	}
	return Source{File: a, Lang: l, Stamp: a.Date.Time()}
}

// The activity is long and Latvian, so that folding at 75 octets falls
// inside two-byte letters; texts hold the characters TEXT values escape.
const lvAnswers = `form: community
language: lv
date: 2026-11-27
organisation: {name: 'Biedrība "Brīnumiņš"', partner: Talsu novada pašvaldība}
action_plan:
  - activity: "Iepazīstināt Sociālo dienestu ar sadarbības piedāvājumu; ņemt līdzi pilotprojekta pārskatu, vecāku aptaujas rezultātus un tāmi"
    responsible: Ilze Kalniņa
    goals: "Vienoties par sadarbību, kontaktpersonām, telpām"
    deadline: 2027-01-15
    status: planned
  - activity: Rinda bez termiņa
    responsible: Valde
  - activity: Pieteikties NVO projektu konkursam
    responsible: ""
    deadline: 2027-02-28
    status: done
    notes: |
      Pirmā rinda.
      Otrā rinda.
evaluation_plan:
  - stage: Pēc pirmajiem trim mēnešiem
    when: 2027-07-01
    indicator: Bērnu skaits
    method: kpi
    baseline: "12"
    target: "20"
    responsible: Laura Ozola
  - stage: Bez datuma
workshop:
  facilitator: Ilze Kalēja
  next_review: 2027-05-01
  participants: |
    Jānis Kalniņš
    Γιώργος Παπαδόπουλος
`

const enAnswers = `form: municipality
language: en
date: 2026-10-01
organisation: {name: Talsi Municipality, partner: 'NGO "Brīnumiņš"'}
action_plan:
  - activity: Map the organisations working in the municipality
    responsible: Social Service
    deadline: 2026-12-01
evaluation_plan:
  - stage: Mid-term review
    when: 2027-03-01
    method: interviews
`

func TestEventsPerDatedRow(t *testing.T) {
	lv := source(t, "lv.yaml", lvAnswers)
	en := source(t, "en.yaml", enAnswers)
	events := Events([]Source{lv, en})
	type want struct {
		plan string
		row  int
		date string
	}
	wants := []want{
		{ActionPlan, 0, "2027-01-15"}, {ActionPlan, 2, "2027-02-28"}, {EvaluationPlan, 0, "2027-07-01"}, {NextReview, 0, "2027-05-01"},
		{ActionPlan, 0, "2026-12-01"}, {EvaluationPlan, 0, "2027-03-01"},
	}
	if len(events) != len(wants) {
		t.Fatalf("%d events, want one per dated row: %d", len(events), len(wants))
	}
	for i, w := range wants {
		e := events[i]
		if e.Plan != w.plan || e.Row != w.row || e.Date.String() != w.date {
			t.Errorf("event %d: %s row %d on %s, want %s row %d on %s", i, e.Plan, e.Row, e.Date, w.plan, w.row, w.date)
		}
	}
	e := events[0]
	for _, s := range []string{"Termiņš: Iepazīstināt", `Biedrība "Brīnumiņš"`, "Ilze Kalniņa"} {
		if !strings.Contains(e.Summary, s) {
			t.Errorf("summary %q lacks %q", e.Summary, s)
		}
	}
	for _, s := range []string{"Organizācija: Biedrība", "Atbildīgā persona: Ilze Kalniņa", "Statuss: Plānots", "Sadarbības partneris: Talsu"} {
		if !strings.Contains(e.Description, s) {
			t.Errorf("description %q lacks %q", e.Description, s)
		}
	}
	if got := events[2].Description; !strings.Contains(got, "Metode: Galvenie darbības rādītāji (KPI)") {
		t.Errorf("evaluation description %q does not name the method by its label", got)
	}
	if got := events[1].Summary; got != `Termiņš: Pieteikties NVO projektu konkursam · Biedrība "Brīnumiņš"` {
		t.Errorf("summary without a responsible person = %q", got)
	}
	if got := events[3].Summary; got != `Nākamā pārskatīšana · Biedrība "Brīnumiņš" · Ilze Kalēja` {
		t.Errorf("next review summary = %q", got)
	}
	if got, want := events[3].Description, "Organizācija: Biedrība \"Brīnumiņš\"\nSadarbības partneris: Talsu novada pašvaldība\nVadītājs (moderators): Ilze Kalēja\nDalībnieki: Jānis Kalniņš\nΓιώργος Παπαδόπουλος"; got != want {
		t.Errorf("next review description = %q; want %q", got, want)
	}
	if events[4].Summary != "Deadline: Map the organisations working in the municipality · Talsi Municipality · Social Service" {
		t.Errorf("en summary = %q", events[4].Summary)
	}
}

func TestUIDStable(t *testing.T) {
	lv := source(t, "lv.yaml", lvAnswers)
	// The same organisation, with a changed activity, date and language:
	// the rows keep their UIDs, so importing again updates them.
	changed := strings.NewReplacer("deadline: 2027-01-15", "deadline: 2027-01-20", "Iepazīstināt", "Prezentēt").Replace(lvAnswers)
	b := source(t, "lv2.yaml", changed)
	e1, e2 := Events([]Source{lv}), Events([]Source{b})
	if e1[0].UID != e2[0].UID {
		t.Errorf("UID changed with the row's text: %s, %s", e1[0].UID, e2[0].UID)
	}
	seen := map[string]bool{}
	for _, e := range Events([]Source{lv, source(t, "en.yaml", enAnswers)}) {
		if seen[e.UID] {
			t.Errorf("UID %s used twice", e.UID)
		}
		seen[e.UID] = true
	}
}

func TestWriteFormat(t *testing.T) {
	srcs := []Source{source(t, "lv.yaml", lvAnswers), source(t, "en.yaml", enAnswers)}
	out := Write(Events(srcs), "Sadarbības plāni", "lv")
	again := Write(Events([]Source{source(t, "lv.yaml", lvAnswers), source(t, "en.yaml", enAnswers)}), "Sadarbības plāni", "lv")
	if !bytes.Equal(out, again) {
		t.Fatal("two runs on the same answers differ")
	}
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("the file does not end with END:VCALENDAR and CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded; the long activity should have been")
	}
	for _, want := range []string{
		"DTSTAMP:20261127T000000Z", "DTSTART;VALUE=DATE:20270115", "DTEND;VALUE=DATE:20270116",
		"DTSTAMP:20261001T000000Z", "PRODID:-//partnership-roadmap//roadmap//LV", "VERSION:2.0",
	} {
		if !strings.Contains(string(out), want+"\r\n") {
			t.Errorf("no line %q", want)
		}
	}
}

// TestParsesInICALJS reads the file back with ical.js, a calendar parser
// written independently of the library that wrote it.
func TestParsesInICALJS(t *testing.T) {
	lv := source(t, "lv.yaml", lvAnswers)
	en := source(t, "en.yaml", enAnswers)
	events := Events([]Source{lv, en})
	path := filepath.Join(t.TempDir(), "plans.ics")
	if err := os.WriteFile(path, Write(events, "Sadarbības plāni", "lv"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Prodid, Version, Name string
		Events                []struct {
			UID, Summary, Description, Start, End, Stamp string
			AllDay                                       bool
		}
	}
	if err := json.Unmarshal(icalJS(t, path), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "2.0" || got.Name != "Sadarbības plāni" {
		t.Errorf("version %q, name %q", got.Version, got.Name)
	}
	if len(got.Events) != len(events) {
		t.Fatalf("ical.js reads %d events, want %d", len(got.Events), len(events))
	}
	for i, e := range events {
		g := got.Events[i]
		start := e.Date.String()
		end := e.Date.Time().AddDate(0, 0, 1).Format(time.DateOnly)
		if g.UID != e.UID || g.Summary != e.Summary || g.Description != e.Description {
			t.Errorf("event %d read back as %+v, want uid %s, summary %q, description %q", i, g, e.UID, e.Summary, e.Description)
		}
		if !g.AllDay || g.Start != start || g.End != end {
			t.Errorf("event %d: start %s end %s all-day %v, want an all-day event on %s", i, g.Start, g.End, g.AllDay, start)
		}
		if want := e.Stamp.Format("2006-01-02T15:04:05Z"); g.Stamp != want {
			t.Errorf("event %d: DTSTAMP %s, want %s", i, g.Stamp, want)
		}
	}
}

// icalJS runs testdata/parse.mjs on path. It needs node and the ical.js
// package (npm ci in testdata): the test skips without them, and fails
// under CI=true.
func icalJS(t *testing.T, path string) []byte {
	t.Helper()
	missing := func(msg string) { testtool.Missing(t, "%s", msg) }
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node not found (apt-get install -y nodejs npm)")
	}
	if _, err := os.Stat(filepath.Join("testdata", "node_modules", "ical.js")); err != nil {
		missing("ical.js not installed (cd internal/calendar/testdata && npm ci)")
	}
	cmd := exec.Command(node, "parse.mjs", path)
	cmd.Dir = "testdata"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js: %v\n%s", err, stderr.Bytes())
	}
	return out
}

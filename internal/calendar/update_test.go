package calendar

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/testtool"
)

// The plans before and after an edit: a row inserted at the top, the
// deadline of the row with id b moved, the row with id c removed.
const (
	plansBefore = `form: community
language: en
date: 2026-11-27
organisation: {name: Brinumins}
action_plan:
  - {activity: Present the offer, deadline: 2027-01-15, id: a}
  - {activity: Apply for funding, deadline: 2027-02-28, id: b}
  - {activity: Adapt the rooms, deadline: 2027-03-31, id: c}
`
	plansAfter = `form: community
language: en
date: 2026-11-27
organisation: {name: Brinumins}
action_plan:
  - {activity: Meet the parents, deadline: 2027-01-05, id: n}
  - {activity: Present the offer, deadline: 2027-01-15, id: a}
  - {activity: Apply for funding, deadline: 2027-03-14, id: b}
`
)

// updated returns the calendars before and after the edit, the second an
// update of the first made at the time at.
func updated(t *testing.T, at time.Time) (before, after []byte, events []Event) {
	t.Helper()
	before = Update(Events([]Source{source(t, "a.yaml", plansBefore)}), "Plans", "en", nil, time.Time{})
	events = Events([]Source{source(t, "a.yaml", plansAfter)})
	after = Update(events, "Plans", "en", before, at)
	return before, after, events
}

// eventBlock returns the lines of the event uid in cal, unfolded.
func eventBlock(t *testing.T, cal []byte, uid string) string {
	t.Helper()
	text := strings.ReplaceAll(string(cal), "\r\n ", "")
	for _, b := range strings.Split(text, "BEGIN:VEVENT\r\n")[1:] {
		if strings.Contains(b, "UID:"+uid+"\r\n") {
			return b
		}
	}
	t.Fatalf("no event %s in\n%s", uid, cal)
	return ""
}

// TestUpdate: the row keeps its UID when a row is inserted before it; an
// event that changed gets SEQUENCE 1 and the update's DTSTAMP; one that did
// not keeps SEQUENCE 0 and its DTSTAMP; a removed row's event comes back
// cancelled; and an update with nothing changed gives the same bytes.
func TestUpdate(t *testing.T) {
	at := time.Date(2027, 1, 2, 10, 30, 0, 0, time.UTC)
	before, after, events := updated(t, at)
	old := Events([]Source{source(t, "a.yaml", plansBefore)})
	if events[1].UID != old[0].UID || events[2].UID != old[1].UID {
		t.Fatalf("UIDs follow row positions: before %s %s, after %s %s", old[0].UID, old[1].UID, events[1].UID, events[2].UID)
	}
	cases := []struct {
		uid, want string
	}{
		{events[0].UID, "DTSTAMP:20261127T000000Z\r\nSEQUENCE:0\r\nDTSTART;VALUE=DATE:20270105\r\n"},
		{events[1].UID, "DTSTAMP:20261127T000000Z\r\nSEQUENCE:0\r\nDTSTART;VALUE=DATE:20270115\r\n"},
		{events[2].UID, "DTSTAMP:20270102T103000Z\r\nSEQUENCE:1\r\nDTSTART;VALUE=DATE:20270314\r\n"},
	}
	for _, c := range cases {
		if b := eventBlock(t, after, c.uid); !strings.HasPrefix(b, "UID:"+c.uid+"\r\n"+c.want) {
			t.Errorf("event %s:\n%s\nwant it to start with\n%s", c.uid, b, c.want)
		}
	}
	gone := eventBlock(t, after, old[2].UID)
	for _, want := range []string{"SEQUENCE:1\r\n", "DTSTAMP:20270102T103000Z\r\n", "STATUS:CANCELLED\r\n", "SUMMARY:Deadline: Adapt the rooms · Brinumins\r\n"} {
		if !strings.Contains(gone, want) {
			t.Errorf("the removed row's event lacks %q:\n%s", want, gone)
		}
	}
	if n := strings.Count(string(after), "BEGIN:VEVENT"); n != 4 {
		t.Errorf("%d events, want 3 and the cancelled one", n)
	}
	if again := Update(events, "Plans", "en", after, at.Add(time.Hour)); !bytes.Equal(again, after) {
		t.Errorf("an update with nothing changed differs:\n%s", again)
	}
	if again := Update(Events([]Source{source(t, "a.yaml", plansBefore)}), "Plans", "en", before, at); !bytes.Equal(again, before) {
		t.Error("the first calendar updated with the same answers differs")
	}
}

// TestNameEscaped: a calendar name holding CR LF once reached
// X-WR-CALNAME raw, injecting a line into the file. Names and texts are
// one escaped value each; every line ends in CR LF and is at most 75
// octets.
func TestNameEscaped(t *testing.T) {
	src := source(t, "a.yaml", plansBefore)
	src.File.Organisation.Name = "Org\r\nX-INJECTED:1\rBEGIN:VEVENT\x1b"
	out := Write(Events([]Source{src}), "Plans · Org\r\nX-INJECTED:1, a; b\\", "en")
	if regexp.MustCompile(`(?m)^(X-INJECTED|BEGIN:VEVENT\S)`).Match(out) || bytes.Contains(out, []byte{0x1b}) {
		t.Fatalf("a name's line break reached the file raw:\n%s", out)
	}
	if !bytes.Contains(out, []byte("X-WR-CALNAME:Plans · Org X-INJECTED:1\\, a\\; b\\\\\r\n")) {
		t.Errorf("X-WR-CALNAME not escaped:\n%s", out)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d: %q", i+1, line)
		}
	}
}

// reimported is one event as the re-import scripts print it.
type reimported struct {
	UID, Summary, Start string
	Sequence            int
}

// TestReimport imports the calendar before the edit and then the updated
// one into a store, as a subscribing calendar does, with ical.js and with
// Python's icalendar: each shows exactly the three events of the new plan,
// the moved one updated (SEQUENCE 1, its new date), the removed one gone.
func TestReimport(t *testing.T) {
	before, after, events := updated(t, time.Date(2027, 1, 2, 10, 30, 0, 0, time.UTC))
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "before.ics"), filepath.Join(dir, "after.ics")}
	for i, data := range [][]byte{before, after} {
		if err := os.WriteFile(files[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []reimported
	for i, e := range events {
		seq := 0
		if i == 2 {
			seq = 1
		}
		want = append(want, reimported{e.UID, e.Summary, e.Date.String(), seq})
	}
	slices.SortFunc(want, func(a, b reimported) int { return strings.Compare(a.UID, b.UID) })
	check := func(t *testing.T, out []byte) {
		var got []reimported
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if !slices.Equal(got, want) {
			t.Errorf("after importing both files:\n got %+v\nwant %+v", got, want)
		}
	}
	t.Run("ical.js", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join("testdata", "node_modules", "ical.js")); err != nil {
			testtool.Missing(t, "ical.js not installed (cd internal/calendar/testdata && npm ci)")
		}
		check(t, run(t, testtool.Need(t, "node", "nodejs"), append([]string{"reimport.mjs"}, files...)...))
	})
	t.Run("python-icalendar", func(t *testing.T) {
		// Debian's Python, which has the Debian package; not a python3
		// of another installation found first on the PATH.
		python := "/usr/bin/python3"
		if _, err := os.Stat(python); err != nil {
			python = testtool.Need(t, "python3", "python3")
		}
		if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
			testtool.Missing(t, "Python's icalendar not installed (apt-get install -y python3-icalendar)")
		}
		check(t, run(t, python, append([]string{"reimport.py"}, files...)...))
	})
}

// run runs a program in testdata and returns what it printed.
func run(t *testing.T, prog string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = "testdata"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", prog, err, stderr.Bytes())
	}
	return out
}

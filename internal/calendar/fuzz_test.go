package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/partnership-roadmap/roadmap/internal/answers"
)

// FuzzUpdate writes events of arbitrary texts, as an update of an
// arbitrary earlier calendar: never a panic; every line ends in CRLF, is
// at most 75 octets and holds no other line break or control character
// but the fold; the file reads back with one event per UID written.
func FuzzUpdate(f *testing.F) {
	prev := Write([]Event{{UID: "a@roadmap", Date: answers.Date{Year: 2027, Month: 1, Day: 5}, Summary: "S", Stamp: time.Unix(0, 0)}}, "N", "en")
	f.Add("Plans · Org\r\nX-INJECTED:1", "Deadline: a; b, c\\", "line 1\nline 2\r\nĀ\x1b", prev)
	f.Add("", "", "", []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@roadmap\r\nSEQUENCE:x\r\nEND:VEVENT\r\n"))
	f.Add(strings.Repeat("ā", 80), strings.Repeat("€", 40), strings.Repeat("\n", 3), []byte{})
	f.Fuzz(func(t *testing.T, name, summary, description string, prev []byte) {
		if !utf8.ValidString(name + summary + description) {
			return // answers and content are UTF-8
		}
		events := []Event{
			{UID: "a@roadmap", Date: answers.Date{Year: 2027, Month: 1, Day: 5}, Summary: summary, Description: description, Stamp: time.Unix(0, 0)},
			{UID: "b@roadmap", Date: answers.Date{Year: 2027, Month: 2, Day: 1}, Summary: name, Stamp: time.Unix(0, 0)},
		}
		out := Update(events, name, "en", prev, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		if !bytes.HasSuffix(out, []byte("\r\n")) {
			t.Fatal("the file does not end in CRLF")
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Fatalf("line %d: %q", i+1, line)
			}
			for _, r := range line {
				if r < 0x20 && r != '\t' || r == 0x7f {
					t.Fatalf("line %d holds %U: %q", i+1, r, line)
				}
			}
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("the file does not read back: %v\n%s", err, out)
		}
		uids := map[string]bool{}
		for _, e := range cal.Events() {
			if uids[e.Id()] {
				t.Fatalf("UID %s twice", e.Id())
			}
			uids[e.Id()] = true
		}
		if !uids["a@roadmap"] || !uids["b@roadmap"] {
			t.Fatalf("events read back: %v", uids)
		}
	})
}

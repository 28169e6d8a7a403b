// Package calendar writes the dated rows of organisations' plans as an
// iCalendar file (RFC 5545): one all-day event per action-plan deadline and
// per evaluation date, each naming the organisation, the activity and the
// person responsible, and one for the roadmap's next review, so that a
// municipality officer or a coordinator sees the plans in the calendar they
// already use.
//
// Events come in the order of the inputs and their rows. Each event's UID
// is derived from the organisation, the form, the plan and the row's id
// (kept in the answers file; a row without one falls back to its place in
// the plan), so importing the file again updates the events rather than
// adding copies. Update compares with the calendar written before: an
// event that changed gets the next SEQUENCE and a new DTSTAMP, one whose
// row is gone is written again as cancelled, and an unchanged one is
// written as it was, so a run on the same answers gives the same bytes.
// Text values are escaped and lines end in CRLF, folded at 75 octets
// without splitting a character (github.com/arran4/golang-ical).
package calendar

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// The plans a dated row belongs to, as they appear in UIDs; NextReview is
// the workshop's next review of the roadmap, an event of its own (row 0).
const (
	ActionPlan     = "action-plan"
	EvaluationPlan = "evaluation-plan"
	NextReview     = "next-review"
)

// Source is one organisation's answers and the language its events are
// written in.
type Source struct {
	File *answers.File
	Lang *content.Language
	// Stamp is the event's DTSTAMP: when the answers were last changed.
	// The caller sets it from the answers' date (or, without one, from a
	// fixed date), never from the clock.
	Stamp time.Time
}

// Event is one all-day event of the calendar.
type Event struct {
	// UID is stable across runs and languages for the same row.
	UID string
	// Plan is ActionPlan or EvaluationPlan; Row is the row's index in
	// that plan, from 0.
	Plan string
	Row  int
	Date answers.Date
	// Summary is the one-line title a calendar shows; Description holds
	// the row's details, one per line.
	Summary     string
	Description string
	Stamp       time.Time
}

// Events returns the events of every source, in input order: per source its
// action-plan deadlines, then its evaluation dates, then its next review.
// Rows without a date have no event.
func Events(srcs []Source) []Event {
	var out []Event
	for _, s := range srcs {
		out = append(out, eventsOf(s)...)
	}
	return out
}

func eventsOf(s Source) []Event {
	a, l := s.File, s.Lang
	org := a.Organisation.Name
	var out []Event
	detail := func(b *strings.Builder, key, value string) {
		if value == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Label(key))
		b.WriteString(": ")
		b.WriteString(value)
	}
	// every event's details start with who it is of
	details := func() *strings.Builder {
		b := new(strings.Builder)
		detail(b, "field.organisation", org)
		detail(b, "field.partner", a.Organisation.Partner)
		return b
	}
	ids := map[string]bool{}
	// an event per dated row of the plans with a date: its details every
	// other column of the row, as the documents show them
	for _, p := range []struct {
		plan    *roadmap.Plan
		id      string
		summary func(r roadmap.Row) (what, who string)
	}{
		{roadmap.ActionPlan, ActionPlan, func(r roadmap.Row) (string, string) {
			col := func(id string) string { return r[roadmap.ActionPlan.Column(id)].Text }
			return l.Format("calendar.event.action", "activity", col("activity")), col("responsible")
		}},
		{roadmap.EvaluationPlan, EvaluationPlan, func(r roadmap.Row) (string, string) {
			col := func(id string) string { return r[roadmap.EvaluationPlan.Column(id)].Text }
			return l.Format("calendar.event.evaluation", "stage", firstOf(col("stage"), col("indicator"))), col("responsible")
		}},
	} {
		date := p.plan.DateColumn()
		rowIDs := p.plan.IDs(a)
		for i, r := range p.plan.Rows(a) {
			if r[date].Date.IsZero() {
				continue
			}
			b := details()
			for j, c := range p.plan.Columns {
				if j != date {
					detail(b, "sheet."+p.plan.ID+".col."+c.ID, c.Text(l, r[j]))
				}
			}
			what, who := p.summary(r)
			out = append(out, Event{
				UID:  uid(a, p.id, i, rowIDs[i], ids),
				Plan: p.id, Row: i, Date: r[date].Date,
				Summary:     summary(what, org, who),
				Description: b.String(),
				Stamp:       s.Stamp,
			})
		}
	}
	if w := a.Workshop; !w.NextReview.IsZero() {
		b := details()
		detail(b, "field.facilitator", w.Facilitator)
		detail(b, "field.participants", w.Participants)
		out = append(out, Event{
			UID:  uid(a, NextReview, 0, "", ids),
			Plan: NextReview, Date: w.NextReview,
			Summary:     summary(l.Label("field.next_review"), org, w.Facilitator),
			Description: b.String(),
			Stamp:       s.Stamp,
		})
	}
	return out
}

// uid derives an event's UID from the organisation's name, the form, the
// plan and the row's id, so that the same row keeps its UID whatever rows
// are inserted before it and whatever else changes in the answers (and
// whatever language the calendar is made in). A row without an id, or
// with the id of an earlier row (a copied row), is known by its place in
// the plan.
func uid(a *answers.File, plan string, row int, id string, seen map[string]bool) string {
	key := strconv.Itoa(row)
	if id != "" && !seen[plan+"\x00"+id] {
		seen[plan+"\x00"+id] = true
		key = "id=" + id
	}
	h := sha256.New()
	for _, s := range []string{strings.TrimSpace(a.Organisation.Name), string(a.Form), plan, key} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) + "@roadmap"
}

// Write returns the iCalendar file of the events, the first of its kind.
// name is the calendar's name (X-WR-CALNAME), lang the code of its
// language.
func Write(events []Event, name, lang string) []byte {
	return Update(events, name, lang, nil, time.Time{})
}

// hashProp holds a digest of what an event says, so that the next Update
// can tell whether it changed.
const hashProp = "X-ROADMAP-HASH"

// before is what the previous calendar said of one event.
type before struct {
	seq       int
	stamp     time.Time
	hash      string
	cancelled bool
	ev        *ics.VEvent
}

// readPrevious returns the events of the calendar prev by UID, and their
// UIDs in order; a file that cannot be read as a calendar counts as none.
func readPrevious(prev []byte) (map[string]before, []string) {
	out := map[string]before{}
	var order []string
	if len(prev) == 0 {
		return out, nil
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(prev))
	if err != nil {
		return out, nil
	}
	for _, ev := range cal.Events() {
		b := before{ev: ev}
		if p := ev.GetProperty(ics.ComponentPropertySequence); p != nil {
			b.seq, _ = strconv.Atoi(p.Value)
		}
		b.stamp, _ = ev.GetDtStampTime()
		if p := ev.GetProperty(ics.ComponentProperty(hashProp)); p != nil {
			b.hash = p.Value
		}
		if p := ev.GetProperty(ics.ComponentPropertyStatus); p != nil {
			b.cancelled = p.Value == string(ics.ObjectStatusCancelled)
		}
		id := ev.Id()
		if _, dup := out[id]; id == "" || dup {
			continue
		}
		out[id] = b
		order = append(order, id)
	}
	return out, order
}

// Update returns the iCalendar file of the events as an update of the
// calendar prev written before (nil for none), made at time now: an event
// that is new has SEQUENCE 0 and its source's stamp; one that changed the
// next SEQUENCE and the DTSTAMP now (later than its earlier one); one that
// did not change its earlier SEQUENCE and DTSTAMP; and an event of prev
// that is no longer among the events is written again with STATUS
// CANCELLED, so that a calendar importing the file removes it.
func Update(events []Event, name, lang string, prev []byte, now time.Time) []byte {
	old, order := readPrevious(prev)
	cal := ics.NewCalendarFor("roadmap")
	cal.SetProductId("-//partnership-roadmap//roadmap//" + strings.ToUpper(lang))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if name := plainText(oneLine(name)); name != "" {
		cal.SetXWRCalName(name)
	}
	later := func(t time.Time) time.Time {
		if now.After(t) {
			return now.UTC()
		}
		return t.Add(time.Second).UTC()
	}
	written := map[string]bool{}
	for _, e := range events {
		if written[e.UID] {
			continue
		}
		written[e.UID] = true
		summary := plainText(oneLine(e.Summary))
		description := plainText(e.Description)
		hash := digest(e.Date.String(), summary, description)
		seq, stamp := 0, e.Stamp.UTC()
		if b, ok := old[e.UID]; ok {
			seq, stamp = b.seq, b.stamp
			if b.hash != hash || b.cancelled {
				seq, stamp = b.seq+1, later(b.stamp)
			}
		}
		ev := cal.AddEvent(e.UID)
		ev.SetDtStampTime(stamp)
		ev.SetSequence(seq)
		start := e.Date.Time()
		ev.SetAllDayStartAt(start)
		ev.SetAllDayEndAt(start.AddDate(0, 0, 1))
		ev.SetSummary(summary)
		if description != "" {
			ev.SetDescription(description)
		}
		// A deadline does not make anyone busy for the day.
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		ev.SetProperty(ics.ComponentProperty(hashProp), hash)
	}
	for _, id := range order {
		b := old[id]
		if written[id] {
			continue
		}
		ev := b.ev
		if !b.cancelled {
			ev.SetSequence(b.seq + 1)
			ev.SetDtStampTime(later(b.stamp))
			ev.SetStatus(ics.ObjectStatusCancelled)
		}
		cal.AddVEvent(ev)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n")))
}

// digest is a short hash of what an event says.
func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// summary is what a calendar shows of an event: what happens, the
// organisation and, when given, who is responsible, on one line.
func summary(what, org, responsible string) string {
	parts := []string{oneLine(what), oneLine(org)}
	if r := oneLine(responsible); r != "" {
		parts = append(parts, r)
	}
	return strings.Join(parts, " · ")
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// oneLine joins the lines of s with spaces, for a summary.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// plainText keeps line breaks as LF and drops the other control characters,
// which a TEXT value cannot hold.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

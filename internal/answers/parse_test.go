package answers

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// bundle returns the built-in content, loaded once per test binary.
func bundle(tb testing.TB) *content.Bundle { return contenttest.Bundle(tb) }

func TestParseValid(t *testing.T) {
	b := bundle(t)
	src := `form: community
language: en
date: 2026-11-27
organisation: {name: Biedrība "Brīnumiņš", contact: 42, partner: ~}
workshop:
  facilitator: Anna Bērziņa
  next_review: 2027-05-01
  participants: |
    Jānis Kalniņš
    Γιώργος Παπαδόπουλος
  notes: |
    Sociālais dienests sagatavo līgumu līdz 1. martam.

    Ąžuolų bendruomenė: ąčęėįšųūž.
    Γιώργος: να καλέσει τον δήμο.
checkpoints:
  target-group:
    status: done
    answer: |

      Children with disabilities.
        Indented line: kept.

  needs: {status: in-progress, options: [surveys, community-contact], answer: "  spaces kept  "}
  pilot:
  pitch: {options: []}
action_plan:
  - {activity: Meet, deadline: "2027-03-01", status: planned}
  - {deadline: 2027-1-5}
  - {}
communication_plan:
  - {channel: carrier pigeon, frequency: monthly}
evaluation_plan:
  - {method: survey, when: "", target: 80%}
`
	f, err := Parse("a.yaml", []byte(src), b)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := &File{
		Path:         "a.yaml",
		Form:         content.Community,
		Language:     "en",
		Date:         Date{2026, time.November, 27},
		Organisation: Organisation{Name: `Biedrība "Brīnumiņš"`, Contact: "42"},
		Workshop: Workshop{Facilitator: "Anna Bērziņa", NextReview: Date{2027, time.May, 1}, Participants: "Jānis Kalniņš\nΓιώργος Παπαδόπουλος",
			Notes: "Sociālais dienests sagatavo līgumu līdz 1. martam.\n\nĄžuolų bendruomenė: ąčęėįšųūž.\nΓιώργος: να καλέσει τον δήμο."},
		Checkpoints: map[string]Checkpoint{
			"target-group": {Status: Done, Answer: "Children with disabilities.\n  Indented line: kept."},
			"needs":        {Status: InProgress, Options: []string{"surveys", "community-contact"}, Answer: "  spaces kept  "},
			"pilot":        {Status: NotStarted},
			"pitch":        {Status: NotStarted},
		},
		ActionPlan: []Action{
			{Activity: "Meet", Deadline: Date{2027, time.March, 1}, Status: "planned"},
			{Deadline: Date{2027, time.January, 5}},
			{},
		},
		CommunicationPlan: []Communication{{Channel: "carrier pigeon", Frequency: "monthly"}},
		EvaluationPlan:    []Evaluation{{Method: "survey", Target: "80%"}},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", f, want)
	}
	if got := f.Checkpoint("mutual-benefits"); got.Status != NotStarted || got.Answered() {
		t.Errorf("Checkpoint of an unanswered id = %+v, want not started", got)
	}
	if !f.Checkpoint("needs").Ticked("surveys") || f.Checkpoint("needs").Ticked("experts") {
		t.Error("Ticked is wrong for needs")
	}
}

// TestParseProblems checks the exact message of every kind of problem.
func TestParseProblems(t *testing.T) {
	b := bundle(t)
	const head = "form: community\nlanguage: lv\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{
			`x.yaml:1:1: the file is empty; allowed: an answers file as written by "roadmap init"`}},
		{"only comments", "# nothing\n", []string{
			`x.yaml:1:1: the file is empty; allowed: an answers file as written by "roadmap init"`}},
		{"syntax", "form: community\nlanguage: [lv\n", []string{
			`x.yaml:2:11: invalid YAML: the list [ opened here is not closed with ]; allowed: [a, b] on one line, or one "- item" per line`}},
		{"unclosed map", head + "organisation: {name: x,\n  contact: y\ndate: 2026-11-27\n", []string{
			`x.yaml:3:15: invalid YAML: the map opened here with a curly bracket is not closed with one; allowed: key: value pairs between curly brackets on one line, or one "key: value" per line`}},
		{"colon in text", "form: community\nlanguage: lv\norganisation:\n  name: Biedrība: Brīnumiņš\n", []string{
			`x.yaml:4:17: invalid YAML: a text holding ": " must be in quotes; allowed: the whole text in quotes, such as name: "Biedrība: Brīnumiņš"`}},
		{"indentation", "form: community\nlanguage: lv\ncheckpoints:\n  needs:\n    status: done\n   answer: x\n", []string{
			`x.yaml:6:4: invalid YAML: this line is not indented as the lines around it, or holds a second ": "; check the indentation (spaces only) and put a text holding ": " or " #" in quotes or in a | block`}},
		{"quote closed too early", "form: community\nlanguage: lv\norganisation:\n  name: 'it's\n  contact: x\n", []string{
			`x.yaml:4:12: invalid YAML: text follows the closing quote ' here ("s"); allowed: write ' inside '…' twice ('it''s), or put the text in "…"`}},
		{"unclosed quote", "form: community\nlanguage: lv\norganisation:\n  name: \"Brīnumiņš\n  contact: x\n  partner: y\ncheckpoints:\n  needs: {answer: \"z\"}\n", []string{
			`x.yaml:4:9: invalid YAML: the quote " opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing " on the same line, or a longer text in a | block`}},
		{"unclosed quote at the end", head + "organisation: {name: 'Brīnumiņš}\n", []string{
			`x.yaml:3:22: invalid YAML: the quote ' opened here is not closed on its line, so the lines below are read as part of the text; allowed: a closing ' on the same line, or a longer text in a | block`}},
		{"escape character", head + "organisation: {name: \"Brī\x1b[2Jnumiņš\"}\n", []string{
			`x.yaml:3:26: the file holds the invisible character U+001B ESCAPE; allowed: text without control characters, so delete it (it often comes with copied text)`}},
		{"nul and bom", head + "organisation:\n  name: a\x00b\n  contact: \ufeffc\n", []string{
			`x.yaml:4:10: the file holds the invisible character U+0000 NULL; allowed: text without control characters, so delete it (it often comes with copied text)`,
			`x.yaml:5:12: the file holds the invisible character U+FEFF BYTE ORDER MARK; allowed: text without control characters, so delete it (it often comes with copied text)`}},
		{"invisible key", head + "organisation: {na\u200bme: x}\n", []string{
			`x.yaml:3:16: unknown key "na\u200bme" (it holds the invisible character U+200B ZERO WIDTH SPACE) (did you mean "name"?); allowed: name, contact, partner`}},
		{"workshop unknown key", head + "workshop:\n  facilitator: Anna\n  participant: Jānis\n", []string{
			`x.yaml:5:3: unknown key "participant" (did you mean "participants"?); allowed: facilitator, next_review, participants, notes`}},
		{"workshop notes too long", head + "workshop:\n  notes: " + strings.Repeat("word ", 4000) + "x\n", []string{
			`x.yaml:4:10: "Notes and next steps" (notes) is too long: 20001 characters; allowed: at most 20000 characters`}},
		{"workshop notes too many lines", head + "workshop:\n  notes: |\n" + strings.Repeat("    - a step\n", 401), []string{
			`x.yaml:4:10: "Notes and next steps" (notes) has too many lines: 401; allowed: at most 400 lines`}},
		{"workshop bad date", head + "workshop:\n  next_review: 2027-02-30\n", []string{
			`x.yaml:4:16: impossible date "2027-02-30": February 2027 has 28 days; allowed: a real calendar date as YYYY-MM-DD`}},
		{"workshop date in the language's format", head + "workshop: {next_review: 01.05.2027.}\n", []string{
			`x.yaml:3:25: "01.05.2027." is a date written the local way (did you mean 2027-05-01?); allowed: a date as YYYY-MM-DD, e.g. 2027-03-01`}},
		{"workshop not a map", head + "workshop: Anna\n", []string{
			`x.yaml:3:11: wrong type for "workshop": found the text "Anna"; allowed: a map of facilitator, next_review, participants, notes`}},
		{"workshop too many participant lines", head + "workshop:\n  participants: |\n" + strings.Repeat("    name\n", 21), []string{
			`x.yaml:4:17: "Participants" (participants) has too many lines: 21; allowed: at most 20 lines`}},
		{"year 1", head + "date: 0001-03-01\n", []string{
			`x.yaml:3:7: date "0001-03-01" is out of range; allowed: a date from 1900-01-01 to 2199-12-31`}},
		{"year 2200", head + "action_plan:\n  - deadline: 2200-01-01\n", []string{
			`x.yaml:4:15: date "2200-01-01" is out of range; allowed: a date from 1900-01-01 to 2199-12-31`}},
		{"status as its label", head + "checkpoints:\n  needs: {status: Izpildīts}\n", []string{
			`x.yaml:4:19: unknown status "Izpildīts" (did you mean "done"? "Izpildīts" is its label in lv); allowed: not-started, in-progress, done, not-applicable`}},
		{"action status as its label", "form: community\nlanguage: en\naction_plan:\n  - status: Done\n", []string{
			`x.yaml:4:13: unknown action status "Done" (did you mean "done"? "Done" is its label in en); allowed: planned, in-progress, done, postponed, cancelled`}},
		{"option as its label", "form: community\nlanguage: en\ncheckpoints:\n  needs: {options: [Surveys]}\n", []string{
			`x.yaml:4:21: unknown option "Surveys" of checkpoint 1.2 "needs" (did you mean "surveys"? "Surveys" is its label in en); allowed: community-contact, surveys, experts, research, demographics, study-visits`}},
		{"name too long", head + "organisation: {name: " + strings.Repeat("ā", 201) + "}\n", []string{
			`x.yaml:3:22: "Organisation" (name) is too long: 201 characters; allowed: at most 200 characters`}},
		{"contact of many lines", head + "organisation:\n  contact: |\n" + strings.Repeat("    line\n", 9), []string{
			`x.yaml:4:12: "Contact person" (contact) has too many lines: 9; allowed: at most 8 lines`}},
		{"answer too long", head + "checkpoints:\n  needs:\n    answer: " + strings.Repeat("vārds ", 3334) + "\n", []string{
			`x.yaml:5:13: "Your answer" (answer) is too long: 20003 characters; allowed: at most 20000 characters`}},
		{"long word", head + "checkpoints:\n  needs: {answer: " + strings.Repeat("x", 5000) + "}\n", []string{
			`x.yaml:4:19: "Your answer" (answer) holds a word of 5000 characters without a space; allowed: words of at most 200 characters`}},
		{"plan cell too long", head + "action_plan:\n  - goals: " + strings.Repeat("mērķis ", 50) + "\n", []string{
			`x.yaml:4:12: "Goal(s)" (goals) is too long: 349 characters; allowed: at most 300 characters`}},
		{"plan cell of many lines", head + "evaluation_plan:\n  - result: \"" + strings.Repeat("a\\n", 10) + "b\"\n", []string{
			`x.yaml:4:13: "Result" (result) has too many lines: 11; allowed: at most 10 lines`}},
		{"aliases beyond the budget", head + "organisation: {name: &n " + strings.Repeat("a", 150) + "}\naction_plan:\n" + strings.Repeat("  - {activity: *n, goals: *n}\n", 40), []string{
			`x.yaml:38:16: the alias *n repeats more text than a file may: aliases repeat 10050 characters so far; allowed: at most 10000 characters, so write the text out`}},
		{"unknown anchor", "form: community\nlanguage: lv\ndate: *today\n", []string{
			`x.yaml:3:7: invalid YAML: the alias *today names no anchor &today above it; allowed: write the value out`}},
		{"tab", "form: community\ncheckpoints:\n\tneeds: {}\n", []string{
			`x.yaml:3:1: invalid YAML: a tab is used for indentation; allowed: spaces only`}},
		{"not utf-8", "form: community\nlanguage: lv\norganisation: {name: R\xeeg\xe2}\n", []string{
			`x.yaml:3:23: the file is not UTF-8 text (byte 0xEE); allowed: UTF-8 only, so save the file as UTF-8 in your editor`}},
		{"second document", head + "---\nform: municipality\n", []string{
			`x.yaml:4:1: a second YAML document starts here; allowed: one document per file (remove the "---" line above)`}},
		{"not a map", "- form: community\n", []string{
			`x.yaml:1:1: wrong type for the answers file: found a list; allowed: a map of form, language, date, organisation, workshop, checkpoints, action_plan, communication_plan, evaluation_plan`}},
		{"missing form and language", "date: 2026-11-27\n", []string{
			`x.yaml:1:1: missing "form"; allowed: municipality, community, registration`,
			`x.yaml:1:1: missing "language"; allowed: {langs}`}},
		{"bad form", "form: comunity\nlanguage: lv\n", []string{
			`x.yaml:1:7: unknown form "comunity" (did you mean "community"?); allowed: municipality, community, registration`}},
		{"empty form", "form: \"\"\nlanguage: lv\n", []string{
			`x.yaml:1:7: "form" is empty; allowed: municipality, community, registration`}},
		{"unknown language", "form: community\nlanguage: de\n", []string{
			`x.yaml:2:11: unknown language "de"; allowed: {langs}`}},
		{"language case", "form: community\nlanguage: LV\n", []string{
			`x.yaml:2:11: unknown language "LV" (did you mean "lv"?); allowed: {langs}`}},
		{"unknown top key", head + "chekpoints: {}\n", []string{
			`x.yaml:3:1: unknown key "chekpoints" (did you mean "checkpoints"?); allowed: form, language, date, organisation, workshop, checkpoints, action_plan, communication_plan, evaluation_plan`}},
		{"duplicate key", head + "form: municipality\n", []string{
			`x.yaml:3:1: duplicate key "form" (first at 1:1); allowed: each key once`}},
		{"duplicate checkpoint", head + "checkpoints:\n  needs: {}\n  needs: {}\n", []string{
			`x.yaml:5:3: duplicate key "needs" (first at 4:3); allowed: each key once`}},
		{"impossible date", head + "date: 2026-02-30\n", []string{
			`x.yaml:3:7: impossible date "2026-02-30": February 2026 has 28 days; allowed: a real calendar date as YYYY-MM-DD`}},
		{"no month 13", head + "date: \"2026-13-01\"\n", []string{
			`x.yaml:3:7: impossible date "2026-13-01": there is no month 13; allowed: a real calendar date as YYYY-MM-DD`}},
		{"not a date", head + "date: next week\n", []string{
			`x.yaml:3:7: "next week" is not a date; allowed: a date as YYYY-MM-DD, e.g. 2027-03-01`}},
		{"latvian date", head + "date: 27.11.2026.\n", []string{
			`x.yaml:3:7: "27.11.2026." is a date written the local way (did you mean 2026-11-27?); allowed: a date as YYYY-MM-DD, e.g. 2027-03-01`}},
		{"date and time", head + "date: 2026-11-27T10:00:00Z\n", []string{
			`x.yaml:3:7: "2026-11-27T10:00:00Z" has a time of day; allowed: a date alone as YYYY-MM-DD, e.g. 2027-03-01`}},
		{"date list", head + "date: [2026, 11, 27]\n", []string{
			`x.yaml:3:7: wrong type for "Date" (date): found a list; allowed: a date as YYYY-MM-DD, e.g. 2027-03-01`}},
		{"organisation text", head + "organisation: Brīnumiņš\n", []string{
			`x.yaml:3:15: wrong type for "organisation": found the text "Brīnumiņš"; allowed: a map of name, contact, partner`}},
		{"name map", head + "organisation:\n  name:\n    first: Ilze\n", []string{
			`x.yaml:5:5: wrong type for "Organisation" (name): found a map; allowed: a text`}},
		{"unknown organisation key", head + "organisation: {nmae: x}\n", []string{
			`x.yaml:3:16: unknown key "nmae" (did you mean "name"?); allowed: name, contact, partner`}},
		{"answer list", head + "checkpoints:\n  needs:\n    answer: [a, b]\n", []string{
			`x.yaml:5:13: wrong type for "Your answer" (answer): found a list; allowed: a text (for several lines, write | and the text on the lines below, indented)`}},
		{"checkpoints list", head + "checkpoints: [needs]\n", []string{
			`x.yaml:3:14: wrong type for "checkpoints": found a list; allowed: a map from checkpoint id to its status, options and answer`}},
		{"checkpoint text", head + "checkpoints:\n  needs: done\n", []string{
			`x.yaml:4:10: wrong type for checkpoint 1.2 "needs": found the text "done"; allowed: a map of status, options, answer`}},
		{"unknown checkpoint", head + "checkpoints:\n  target-grup: {}\n", []string{
			`x.yaml:4:3: unknown checkpoint "target-grup" (did you mean "target-group"?); allowed: target-group, needs, resources, local-actors, pilot, pitch, choose-municipality, municipal-programmes, mutual-benefits, action-plan, communication-plan, evaluation-stages, impact-methods`}},
		{"other form", "form: municipality\nlanguage: lv\ncheckpoints:\n  pilot: {status: done}\n", []string{
			`x.yaml:4:3: checkpoint 1.5 "pilot" belongs to the community form, not the municipality form; allowed: target-group, needs, resources, local-actors, know-organisations, collect-ideas, contact-partners, mutual-benefits, action-plan, communication-plan, evaluation-stages, impact-methods`}},
		{"unknown checkpoint key", head + "checkpoints:\n  needs: {staus: done}\n", []string{
			`x.yaml:4:11: unknown key "staus" (did you mean "status"?); allowed: status, options, answer`}},
		{"bad status", head + "checkpoints:\n  needs: {status: finished}\n", []string{
			`x.yaml:4:19: unknown status "finished"; allowed: not-started, in-progress, done, not-applicable`}},
		{"status typo", head + "checkpoints:\n  needs: {status: in progress}\n", []string{
			`x.yaml:4:19: unknown status "in progress" (did you mean "in-progress"?); allowed: not-started, in-progress, done, not-applicable`}},
		{"unknown option", head + "checkpoints:\n  needs: {options: [survey]}\n", []string{
			`x.yaml:4:21: unknown option "survey" of checkpoint 1.2 "needs" (did you mean "surveys"?); allowed: community-contact, surveys, experts, research, demographics, study-visits`}},
		{"option twice", head + "checkpoints:\n  needs: {options: [surveys, surveys]}\n", []string{
			`x.yaml:4:30: option "surveys" is listed twice (first at 4:21); allowed: each option once`}},
		{"options text", head + "checkpoints:\n  needs: {options: surveys}\n", []string{
			`x.yaml:4:20: wrong type for "options": found the text "surveys"; allowed: a list of option ids, e.g. [community-contact, surveys, experts, research, demographics, study-visits]`}},
		{"options without list", head + "checkpoints:\n  pilot:\n    options: [a]\n", []string{
			`x.yaml:5:5: checkpoint 1.5 "pilot" has no options to tick; allowed: status, answer`}},
		{"action status", head + "action_plan:\n  - status: finished\n", []string{
			`x.yaml:4:13: unknown action status "finished"; allowed: planned, in-progress, done, postponed, cancelled`}},
		{"action row text", head + "action_plan:\n  - Meet the council\n", []string{
			`x.yaml:4:5: wrong type for "Action plan" (action_plan) row 1: found the text "Meet the council"; allowed: a map of activity, responsible, goals, deadline, status, notes, id`}},
		{"plan map", head + "action_plan: {activity: x}\n", []string{
			`x.yaml:3:14: wrong type for "Action plan" (action_plan): found a map; allowed: a list of rows, each a map of activity, responsible, goals, deadline, status, notes, id`}},
		{"deadline", head + "action_plan:\n  - deadline: 2027-02-29\n", []string{
			`x.yaml:4:15: impossible date "2027-02-29": February 2027 has 28 days; allowed: a real calendar date as YYYY-MM-DD`}},
		{"communication key", head + "communication_plan:\n  - {chanel: email}\n", []string{
			`x.yaml:4:6: unknown key "chanel" (did you mean "channel"?); allowed: topic, audience, channel, frequency, format, responsible, notes`}},
		{"bad method", head + "evaluation_plan:\n  - method: surveys\n", []string{
			`x.yaml:4:13: unknown evaluation method "surveys" (did you mean "survey"?); allowed: kpi, interviews, survey, case-study, external-evaluator`}},
		{"alias of a map", head + "organisation: &o {name: x}\ncheckpoints:\n  needs: *o\n", []string{
			`x.yaml:5:10: an alias (*o) of a map or list; allowed: aliases of single values only, so write the values out`}},
		{"complex key", head + "? [a]\n: b\n", []string{
			`x.yaml:3:3: a key must be a plain word, found a list; allowed: a map of form, language, date, organisation, workshop, checkpoints, action_plan, communication_plan, evaluation_plan`}},
		{"several at once", "form: community\nlanguage: lv\ndate: 2026-02-30\ncheckpoints:\n  needs: {status: finished, options: [survey]}\n", []string{
			`x.yaml:3:7: impossible date "2026-02-30": February 2026 has 28 days; allowed: a real calendar date as YYYY-MM-DD`,
			`x.yaml:5:19: unknown status "finished"; allowed: not-started, in-progress, done, not-applicable`,
			`x.yaml:5:39: unknown option "survey" of checkpoint 1.2 "needs" (did you mean "surveys"?); allowed: community-contact, surveys, experts, research, demographics, study-visits`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("x.yaml", []byte(tt.src), b)
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want problems", f)
			}
			if f != nil {
				t.Errorf("Parse returned a File with problems")
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not a diag.List: %v", err, err)
			}
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				// Every language of the embedded content is allowed.
				want[i] = strings.ReplaceAll(w, "{langs}", strings.Join(b.Codes(), ", "))
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{"2026-11-27", Date{2026, time.November, 27}, ""},
		{"2028-02-29", Date{2028, time.February, 29}, ""},
		{"2027-1-5", Date{2027, time.January, 5}, ""},
		{"2027-02-29", Date{}, `impossible date "2027-02-29": February 2027 has 28 days; allowed: a real calendar date as YYYY-MM-DD`},
		{"2026-04-31", Date{}, `impossible date "2026-04-31": April 2026 has 30 days; allowed: a real calendar date as YYYY-MM-DD`},
		{"2026-00-10", Date{}, `impossible date "2026-00-10": there is no month 0; allowed: a real calendar date as YYYY-MM-DD`},
		{"2026-01-00", Date{}, `impossible date "2026-01-00": January 2026 has 31 days; allowed: a real calendar date as YYYY-MM-DD`},
		{"27/11/2026", Date{}, `"27/11/2026" is a date written the local way (did you mean 2026-11-27?); allowed: a date as YYYY-MM-DD, e.g. 2027-03-01`},
		{"2026-11-27 10:00", Date{}, `"2026-11-27 10:00" has a time of day; allowed: a date alone as YYYY-MM-DD, e.g. 2027-03-01`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.wantErr {
			t.Errorf("ParseDate(%q) = %v, %q; want %v, %q", tt.in, got, gotErr, tt.want, tt.wantErr)
		}
	}
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "none.yaml"), bundle(t))
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, "cannot read the answers file: no such file") {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

// TestExamples checks that every example answers file in the repository is
// valid and answers most of its form.
func TestExamples(t *testing.T) {
	b := bundle(t)
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if len(files) < 4 {
		t.Fatalf("found %d example answers files, want at least 4", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := ReadFile(name, b)
			if err != nil {
				t.Fatal(err)
			}
			if f.Date != (Date{2026, time.November, 27}) {
				t.Errorf("date = %v, want 2026-11-27", f.Date)
			}
			lang, _ := b.Language(f.Language)
			cps := lang.Checkpoints(f.Form)
			answered := 0
			for _, cp := range cps {
				if f.Checkpoint(cp.ID).Answered() {
					answered++
				}
			}
			if answered*3 < len(cps)*2 {
				t.Errorf("%d of %d checkpoints answered, want most", answered, len(cps))
			}
			if len(f.ActionPlan) < 4 || len(f.CommunicationPlan) < 3 || len(f.EvaluationPlan) < 3 {
				t.Errorf("plans have %d/%d/%d rows, want at least 4/3/3", len(f.ActionPlan), len(f.CommunicationPlan), len(f.EvaluationPlan))
			}
		})
	}
}

// FuzzParse checks that no input makes Parse panic, and that it returns
// either a File or problems that each have a position.
func FuzzParse(f *testing.F) {
	b := bundle(f)
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"form: community\nlanguage: lv\n",
		"form: community\nlanguage: lv\ndate: 2026-02-30\n",
		"form: [\n",
		"a: &a [*a]\ncheckpoints: *a\n",
		"form: community\nlanguage: lv\ncheckpoints: {needs: {options: [[x]]}, pilot: ~}\n",
		"form: municipality\nlanguage: en\naction_plan: [{deadline: 2027-13-40}, x, [y]]\n",
		"---\n---\n",
		"\t- x\n",
		"\xff\xfe",
		"? {a: 1}\n: b\n",
		"form: !!binary aGk=\nlanguage: !custom lv\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data, b)
		if err == nil {
			if file == nil {
				t.Fatal("Parse returned neither a File nor an error")
			}
			return
		}
		var list diag.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty diag.List: %v", err)
		}
		for _, p := range list {
			if p.Line < 1 || p.Col < 1 || p.File != "fuzz.yaml" || p.Msg == "" {
				t.Errorf("problem without a position: %#v", p)
			}
		}
	})
}

// TestParseRightToLeft checks that Hebrew or Arabic text is accepted with
// one warning naming its place: the documents would show it reversed.
func TestParseRightToLeft(t *testing.T) {
	src := "form: community\nlanguage: en\norganisation: {name: שלום, contact: مرحبا}\n"
	f, err := Parse("x.yaml", []byte(src), bundle(t))
	if err != nil {
		t.Fatal(err)
	}
	want := `x.yaml:3:22: "Organisation" (name) holds text in a right-to-left script (Hebrew), which the documents draw left to right, so it reads reversed; allowed: left-to-right scripts (Latin, Greek, Cyrillic)`
	if len(f.Warnings) != 1 || f.Warnings[0].Error() != want {
		t.Errorf("warnings = %v, want one: %s", f.Warnings, want)
	}
}

// TestReadFileNotRegular checks that a device, a folder or a file too big
// is refused before it is read: reading /dev/zero once grew without end.
func TestReadFileNotRegular(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, make([]byte, diag.MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/dev/zero": "/dev/zero: cannot read the answers file: is a device, not a file",
		t.TempDir(): ": cannot read the answers file: is a folder, not a file",
		big:         big + ": the answers file is too big: 2097153 bytes; allowed: at most 2097152 bytes (2 MiB)",
	} {
		_, err := ReadFile(path, bundle(t))
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v, want %s", path, err, want)
		}
	}
}

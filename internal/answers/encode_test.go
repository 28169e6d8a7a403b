package answers

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// TestEncodeRoundTrip checks that every example answers file, and a file
// holding the awkward texts people type, reads back the same after Encode.
func TestEncodeRoundTrip(t *testing.T) {
	b := bundle(t)
	lv, _ := b.Language("lv")
	awkward := &File{
		Form: content.Community, Language: "lv", Date: Date{2026, time.November, 27},
		Organisation: Organisation{Name: `Biedrība "Brīnumiņš": #1`, Contact: "yes", Partner: "2027-03-01"},
		Workshop: Workshop{Facilitator: "no", NextReview: Date{2027, time.May, 1},
			Participants: "Jānis Kalniņš\nΓιώργος Παπαδόπουλος\n- not a list\nAušra Žemaitė: #2",
			Notes:        "# not a comment\n\n  indented: yes\nΕπόμενο βήμα — ąčęėįšųūž"},
		Checkpoints: map[string]Checkpoint{
			"target-group": {Status: Done, Answer: "Latviešu: ā č ē ģ ī ķ ļ ņ š ū ž\nLietuvių: ą ę ė į ų\n  indented line\n- not a list"},
			"needs":        {Status: InProgress, Options: []string{"surveys", "experts"}, Answer: "trailing space \nnext"},
			"pilot":        {Status: NotApplicable, Answer: "  lead spaces, tab\tinside, ends in colon:"},
			"pitch":        {Status: NotStarted, Answer: "null"},
		},
		ActionPlan: []Action{
			{Activity: "=SUM(A1)", Deadline: Date{2027, time.March, 1}, Status: "planned", Notes: "one\r\ntwo"},
			{},
		},
		CommunicationPlan: []Communication{{Channel: "carrier pigeon", Frequency: "monthly", Topic: "123"}},
		EvaluationPlan:    []Evaluation{{Method: "survey", When: Date{2027, time.June, 1}, Target: "80%"}},
	}
	files := map[string]*File{"awkward": awkward}
	for _, name := range []string{"brinumins-community-lv", "brinumins-community-en", "talsi-municipality-lv", "talsi-municipality-en"} {
		f, err := ReadFile("../../examples/"+name+".yaml", b)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			lang, _ := b.Language(f.Language)
			data, err := Encode(f, lang, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse("out.yaml", data, b)
			if err != nil {
				t.Fatalf("the encoded file is not valid: %v\n%s", err, data)
			}
			want := *f
			want.Path = "out.yaml"
			if name == "awkward" {
				want.ActionPlan = append([]Action(nil), f.ActionPlan...)
				want.ActionPlan[0].Notes = "one\ntwo" // line breaks normalised
			}
			if !reflect.DeepEqual(got, &want) {
				t.Errorf("read back:\n%+v\nwant\n%+v\nfile:\n%s", got, &want, data)
			}
			again, _ := Encode(got, lang, data)
			if string(again) != string(data) {
				t.Errorf("encoding is not stable:\n%s\nthen\n%s", data, again)
			}
		})
	}
	data, _ := Encode(awkward, lv, nil)
	s := string(data)
	// The documented order of keys, and a block for text of several lines.
	order := []string{"form:", "language:", "date: 2026-11-27", "organisation:", "workshop:", "  facilitator:", "  next_review: 2027-05-01", "  participants: |", "  notes: |", "checkpoints:", "  target-group:", "  needs:", "  pilot:", "  pitch:", "action_plan:", "communication_plan:", "evaluation_plan:"}
	last := -1
	for _, k := range order {
		i := strings.Index(s, "\n"+k)
		if k == "form:" {
			i = strings.Index(s, k)
		}
		if i <= last {
			t.Errorf("%q is not after the key before it:\n%s", k, s)
		}
		last = i
	}
	if !strings.Contains(s, "answer: |-\n      Latviešu: ā č ē ģ ī ķ ļ ņ š ū ž\n") && !strings.Contains(s, "answer: |\n      Latviešu: ā č ē ģ ī ķ ļ ņ š ū ž\n") {
		t.Errorf("a text of several lines is not written as a block:\n%s", s)
	}
}

// TestEncodeKeepsComments edits a file made by init and checks that its
// explanations are still there, beside the same keys.
func TestEncodeKeepsComments(t *testing.T) {
	b := bundle(t)
	lv, _ := b.Language("lv")
	skel, err := Skeleton(lv, content.Community, "mine.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("mine.yaml", skel, b)
	if err != nil {
		t.Fatal(err)
	}
	f.Organisation.Name = "Biedrība “Brīnumiņš”"
	c := f.Checkpoints["needs"]
	c.Status, c.Options, c.Answer = Done, []string{"surveys"}, "Aptaujājām 64 ģimenes.\nOtrā rinda."
	f.Checkpoints["needs"] = c
	f.ActionPlan[0].Activity = "Tikšanās"
	f.ActionPlan[0].Deadline = Date{2027, time.March, 1}
	f.ActionPlan = append(f.ActionPlan, Action{Activity: "Otrā", Status: "done"})
	f.Workshop = Workshop{Facilitator: "Anna Bērziņa", NextReview: Date{2027, time.May, 1}, Participants: "Jānis Kalniņš\nLīga Ozola",
		Notes: "Līgums līdz 1. martam.\nNākamā tikšanās maijā."}

	data, err := Encode(f, lv, skel)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	got, err := Parse("mine.yaml", data, b)
	if err != nil {
		t.Fatalf("not valid after editing: %v\n%s", err, s)
	}
	if got.Checkpoints["needs"].Answer != c.Answer || got.ActionPlan[1].Activity != "Otrā" || got.Workshop != f.Workshop {
		t.Errorf("edits lost:\n%s", s)
	}
	// Every comment line of the skeleton is still in the file, in order.
	pos := 0
	for _, line := range strings.Split(string(skel), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "#") {
			if _, comment, ok := strings.Cut(line, "  # "); ok {
				line = "# " + comment
			} else {
				continue
			}
		}
		i := strings.Index(s[pos:], line)
		if i < 0 {
			t.Errorf("comment %q lost or out of order; file:\n%s", line, s)
			break
		}
		pos += i + len(line)
	}
	// The workshop's explanations beside its values.
	for _, want := range []string{
		"workshop:\n  facilitator: Anna Bērziņa # Vadītājs (moderators)\n",
		"  next_review: 2027-05-01 # datums GGGG-MM-DD, piemēram, 2027-05-01\n",
		"  participants: |- # Dalībnieki\n    Jānis Kalniņš\n    Līga Ozola\n",
		"  notes: |- # Piezīmes un nākamie soļi\n    Līgums līdz 1. martam.\n    Nākamā tikšanās maijā.\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("file lacks %q:\n%s", want, s)
		}
	}
	// The options explained beside the options they explain.
	if !strings.Contains(s, "    #   surveys: Aptaujas\n") || !strings.Contains(s, "options: [surveys]") {
		t.Errorf("the options and their explanation are not together:\n%s", s)
	}
	if os.Getenv("ENCODE_DUMP") != "" {
		t.Log(s)
	}
}

// TestRevision checks that a revision changes with the bytes and only then.
func TestRevision(t *testing.T) {
	a, b := Revision([]byte("form: community\n")), Revision([]byte("form: community\n"))
	if a != b || a == Revision([]byte("form: municipality\n")) || len(a) != 24 {
		t.Errorf("revisions %q %q", a, b)
	}
}

func BenchmarkEncode(b *testing.B) {
	bd := bundle(b)
	f, err := ReadFile("../../examples/brinumins-community-lv.yaml", bd)
	if err != nil {
		b.Fatal(err)
	}
	lv, _ := bd.Language("lv")
	prev, _ := os.ReadFile("../../examples/brinumins-community-lv.yaml")
	for b.Loop() {
		if _, err := Encode(f, lv, prev); err != nil {
			b.Fatal(err)
		}
	}
}

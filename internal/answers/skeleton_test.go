package answers

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/content"
)

// TestSkeleton checks that the file init writes is valid as it is and holds
// every checkpoint of its form, in order, in every language and form.
func TestSkeleton(t *testing.T) {
	b := bundle(t)
	for _, lang := range b.Languages {
		for _, form := range content.Forms {
			t.Run(lang.Code+"/"+string(form), func(t *testing.T) {
				data, err := Skeleton(lang, form, "answers.yaml")
				if err != nil {
					t.Fatal(err)
				}
				f, err := Parse("answers.yaml", data, b)
				if err != nil {
					t.Fatalf("the skeleton is not valid:\n%v\n%s", err, data)
				}
				if f.Form != form || f.Language != lang.Code {
					t.Errorf("form %q, language %q; want %q, %q", f.Form, f.Language, form, lang.Code)
				}
				var want, got []string
				for _, cp := range lang.Checkpoints(form) {
					want = append(want, cp.ID)
					if c, ok := f.Checkpoints[cp.ID]; !ok || c.Status != NotStarted || c.Answered() {
						t.Errorf("checkpoint %s = %+v, %v; want present and not started", cp.ID, c, ok)
					}
				}
				for _, line := range strings.Split(string(data), "\n") {
					if id, ok := strings.CutSuffix(line, ":"); ok && strings.HasPrefix(id, "  ") && !strings.HasPrefix(id, "   ") {
						got = append(got, strings.TrimSpace(id))
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("checkpoints in the file: %v\nwant %v", got, want)
				}
				if len(f.ActionPlan) != 1 || len(f.CommunicationPlan) != 1 || len(f.EvaluationPlan) != 1 {
					t.Errorf("plans have %d/%d/%d rows, want one example row each", len(f.ActionPlan), len(f.CommunicationPlan), len(f.EvaluationPlan))
				}
				// The workshop block, empty, its keys explained in the language.
				if !f.Workshop.IsZero() {
					t.Errorf("workshop = %+v, want empty", f.Workshop)
				}
				for _, want := range []string{
					"\nworkshop:\n  facilitator: \"\"",
					"# " + lang.Label("field.facilitator") + "\n",
					"# " + lang.Label("field.participants") + "\n",
					"\n  notes: |",
					"# " + lang.Label("form.notes.title") + "\n",
				} {
					if !strings.Contains(string(data), want) {
						t.Errorf("the skeleton lacks %q", want)
					}
				}
				for _, cp := range lang.Checkpoints(form) {
					if !strings.Contains(string(data), strings.Join(strings.Fields(cp.Hint), " ")[:20]) {
						t.Errorf("the hint of %s is missing", cp.ID)
					}
				}
			})
		}
	}
}

// TestSkeletonQuotesContent checks that text from the content, whatever it
// holds, cannot break the file: it only ever lands in comments.
func TestSkeletonQuotesContent(t *testing.T) {
	b := bundle(t)
	src, _ := b.Language("en")
	lang := *src
	lang.Steps = slices.Clone(src.Steps)
	lang.Steps[0].Checkpoints = slices.Clone(src.Steps[0].Checkpoints)
	cp := &lang.Steps[0].Checkpoints[0]
	cp.Title = "Title: with a colon\nand a second line"
	cp.Hint = "# not a key: value\n- not a list"
	data, err := Skeleton(&lang, content.Community, "my answers's file.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("x.yaml", data, b); err != nil {
		t.Fatalf("skeleton with odd content text is not valid:\n%v\n%s", err, data)
	}
	for _, want := range []string{
		"  # 1.1 Title: with a colon and a second line\n",
		"  #    # not a key: value - not a list\n",
		`#   roadmap validate 'my answers'\''s file.yaml'` + "\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("skeleton lacks %q", want)
		}
	}
	if _, err := Skeleton(&lang, content.Both, "x.yaml"); err == nil {
		t.Error("Skeleton of the audience both succeeded, want an error")
	}
}

// TestSkeletonRegistration checks the registration file init writes, in
// every language: valid as it is, every question in order with its hint,
// and no status, partner, workshop or plan; and that a registration with a
// partner, workshop or plan rows is refused where they are.
func TestSkeletonRegistration(t *testing.T) {
	b := bundle(t)
	for _, lang := range b.Languages {
		data, err := Skeleton(lang, content.Registration, "reg.yaml")
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse("reg.yaml", data, b)
		if err != nil {
			t.Fatalf("%s: the registration is not valid:\n%v\n%s", lang.Code, err, data)
		}
		if f.Form != content.Registration || len(f.Checkpoints) != len(lang.Checkpoints(content.Registration)) {
			t.Errorf("%s: form %q, %d questions", lang.Code, f.Form, len(f.Checkpoints))
		}
		for _, absent := range []string{"status:", "partner:", "workshop:", "action_plan:"} {
			if strings.Contains(string(data), absent) {
				t.Errorf("%s: the registration has %q", lang.Code, absent)
			}
		}
		for _, cp := range lang.Checkpoints(content.Registration) {
			if !strings.Contains(string(data), "\n  "+cp.ID+":\n") || !strings.Contains(string(data), "# "+lang.Number(cp)+" "+cp.Title) {
				t.Errorf("%s: question %s is missing", lang.Code, cp.ID)
			}
		}
	}
	bad := "form: registration\nlanguage: en\norganisation:\n  name: X\n  partner: Talsi\nworkshop:\n  facilitator: Anna\naction_plan:\n  - activity: a\n"
	_, err := Parse("bad.yaml", []byte(bad), b)
	want := "bad.yaml:5:3: a registration has no partner; allowed in organisation: name, contact\n" +
		"bad.yaml:6:1: a registration has no workshop; allowed: form, language, date, organisation, checkpoints\n" +
		"bad.yaml:8:1: a registration has no action_plan; allowed: form, language, date, organisation, checkpoints"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

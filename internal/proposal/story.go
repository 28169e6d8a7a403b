// Package proposal makes the partnership proposal an organisation carries
// to the other side, from its roadmap's answers: a two-page handout (PDF)
// and a 16:9 slide deck (PDF).
//
// The proposal says who is proposing, the problem and the people it
// touches, what the organisation found, what is already there, what it
// proposes and has tried, what it needs, the benefits for both sides, the
// first steps with their dates and whom to contact. Every part is written
// from the answers, never invented: a checkpoint not answered leaves its
// part out, and a long answer is shortened only at the end of a sentence,
// the full text staying in the filled checklist. A community
// organisation's answers make its offer to the municipality; a
// municipality's answers make the municipality's offer to organisations,
// from its own checkpoints. Every label comes from the content
// (labels/proposal.yaml); the package knows no command line and prints
// nothing.
package proposal

import (
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Sections are the checkpoints a proposal draws on, per form, in the order
// the proposal tells them.
var Sections = map[content.Audience][]string{
	content.Community:    {"target-group", "needs", "local-actors", "pitch", "pilot", "resources", "mutual-benefits"},
	content.Municipality: {"target-group", "needs", "local-actors", "resources", "mutual-benefits"},
}

// MaxSteps is the number of action-plan rows the proposal shows as its
// first steps.
const MaxSteps = 3

// Story is what a proposal tells, in one language, before it is laid out:
// the handout and the slides both show it.
type Story struct {
	Lang *content.Language
	Form content.Audience
	// Org, Contact and Partner are the answers' organisation block.
	Org, Contact, Partner string
	// Date is the answers' date in the language's format, or "".
	Date     string
	Sections []Section
	// Steps are the first rows of the action plan.
	Steps []Step
}

// Section is one part of the proposal: a checkpoint's answer under a
// heading.
type Section struct {
	// ID is the checkpoint's id, Number its number ("1.2").
	ID, Number string
	Heading    string
	// Paragraphs are the answer's paragraphs, each a list of sentences.
	Paragraphs [][]string
	// Options are the labels of the options ticked, in the content's
	// order (the editable document lists them).
	Options []string
}

// Sentences returns the number of sentences of s.
func (s Section) Sentences() int {
	n := 0
	for _, p := range s.Paragraphs {
		n += len(p)
	}
	return n
}

// First returns the first k sentences of s, in their paragraphs.
func (s Section) First(k int) [][]string {
	var out [][]string
	for _, p := range s.Paragraphs {
		if k <= 0 {
			break
		}
		n := min(k, len(p))
		out = append(out, p[:n])
		k -= n
	}
	return out
}

// Step is one first step: an action-plan row.
type Step struct {
	// Date is the row's deadline in the language's format, or "".
	Date                  string
	Activity, Responsible string
}

// NewStory gathers what the proposal of answers a tells, in language
// lang (the answers must be validated).
func NewStory(lang *content.Language, a *answers.File) *Story {
	s := &Story{
		Lang:    lang,
		Form:    a.Form,
		Org:     strings.TrimSpace(a.Organisation.Name),
		Contact: strings.TrimSpace(a.Organisation.Contact),
		Partner: strings.TrimSpace(a.Organisation.Partner),
	}
	if !a.Date.IsZero() {
		s.Date = lang.FormatDate(a.Date.Time())
	}
	for _, id := range Sections[a.Form] {
		cp := lang.Checkpoint(id)
		ans := a.Checkpoint(id)
		if cp == nil || ans.Status == answers.NotApplicable {
			continue
		}
		paras := Paragraphs(ans.Answer)
		if len(paras) == 0 {
			continue
		}
		sec := Section{
			ID: id, Number: lang.Number(cp),
			Heading:    lang.Label("proposal.heading." + id + "." + string(a.Form)),
			Paragraphs: paras,
		}
		if cp.Options != nil {
			for _, o := range cp.Options.Items {
				if ans.Ticked(o.ID) {
					sec.Options = append(sec.Options, o.Label)
				}
			}
		}
		s.Sections = append(s.Sections, sec)
	}
	for _, r := range a.ActionPlan {
		if len(s.Steps) == MaxSteps {
			break
		}
		if strings.TrimSpace(r.Activity) == "" {
			continue
		}
		st := Step{Activity: oneLine(r.Activity), Responsible: oneLine(r.Responsible)}
		if !r.Deadline.IsZero() {
			st.Date = lang.FormatDate(r.Deadline.Time())
		}
		s.Steps = append(s.Steps, st)
	}
	return s
}

// Label returns the content label key of the story's language.
func (s *Story) Label(key string, kv ...string) string { return s.Lang.Format(key, kv...) }

// Title is the proposal's title: "Partnership proposal".
func (s *Story) Title() string { return s.Label("proposal.title") }

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

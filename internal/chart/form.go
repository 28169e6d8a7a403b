package chart

import (
	"slices"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// ActionShape is the mark of action-plan row r on a timeline as of asOf.
func ActionShape(r answers.Action, asOf answers.Date) Shape {
	switch {
	case roadmap.Overdue(r, asOf):
		return Triangle
	case r.Status == "done":
		return Ring
	case r.Status == "in-progress":
		return Half
	}
	return Dot
}

// PlanLanes returns a timeline lane per dated row of a's action plan and
// evaluation plan, named after the activity or the stage: the actions, then
// the evaluations, each in date order.
func PlanLanes(a *answers.File, asOf answers.Date) []Lane {
	var lanes []Lane
	byDate := func(from int) {
		slices.SortStableFunc(lanes[from:], func(x, y Lane) int { return x.Marks[0].Date.Time().Compare(y.Marks[0].Date.Time()) })
	}
	for _, r := range a.ActionPlan {
		if !r.Deadline.IsZero() {
			lanes = append(lanes, Lane{Label: r.Activity, Marks: []Mark{{Date: r.Deadline, Shape: ActionShape(r, asOf)}}})
		}
	}
	byDate(0)
	actions := len(lanes)
	for _, r := range a.EvaluationPlan {
		if !r.When.IsZero() {
			label := r.Stage
			if label == "" {
				label = r.Indicator
			}
			lanes = append(lanes, Lane{Label: label, Marks: []Mark{{Date: r.When, Shape: Diamond}}})
		}
	}
	byDate(actions)
	return lanes
}

// FormSummary draws the timeline of a filled form's plans at the cursor,
// overdue judged on the answers' date; the form draws it after its last
// step, whose plans it charts, so that its page 1 starts step 1. The form's
// own summary on page 1 already shows the progress per step (done and in
// progress, not-applicable left out), so the road of the overview report is
// not drawn again here.
func FormSummary(d *pdf.Doc, lang *content.Language, f content.Audience, a *answers.File) {
	if a == nil {
		return
	}
	th := d.Theme()
	if lanes := PlanLanes(a, a.Date); len(lanes) > 0 {
		d.Heading(pdf.Heading{Level: 3, Text: lang.Label("chart.timeline.title"), Keep: min(TimelineHeight(d, lanes), d.PageHeight()/2)})
		Timeline(d, lang, lanes, a.Date)
	}
	d.Space(th.Spacing.Paragraph)
}

// Package roadmap is the model of one filled roadmap, between the file
// formats (content, answers) and the documents that show it. It declares,
// once, the rules every surface must tell the same way: how progress is
// counted, when a plan row is overdue, and the plan tables (their columns,
// each column's kind, list of choices, label, widths and form field). The
// forms, the workbooks, the overview, the web pages, import and the
// calendar all render from it.
package roadmap

import (
	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Count is how many checkpoints have each status.
type Count struct {
	Done, InProgress, NotStarted, NotApplicable int
}

// Total is the number of checkpoints that apply: not-applicable ones are
// left out, as neither to do nor done. Every document says "k of Total".
func (c Count) Total() int { return c.Done + c.InProgress + c.NotStarted }

// All is the number of checkpoints counted, not-applicable ones included.
func (c Count) All() int { return c.Total() + c.NotApplicable }

// Of returns the count of status s.
func (c Count) Of(s answers.Status) int {
	switch s {
	case answers.Done:
		return c.Done
	case answers.InProgress:
		return c.InProgress
	case answers.NotApplicable:
		return c.NotApplicable
	}
	return c.NotStarted
}

// Add counts one checkpoint of status s; an empty or unknown status is
// not started.
func (c *Count) Add(s answers.Status) {
	switch s {
	case answers.Done:
		c.Done++
	case answers.InProgress:
		c.InProgress++
	case answers.NotApplicable:
		c.NotApplicable++
	default:
		c.NotStarted++
	}
}

// Plus returns the sum of two counts.
func (c Count) Plus(o Count) Count {
	return Count{c.Done + o.Done, c.InProgress + o.InProgress, c.NotStarted + o.NotStarted, c.NotApplicable + o.NotApplicable}
}

// Step is how far the checkpoints of one step of a form have got.
type Step struct {
	Number int
	Title  string
	Count
}

// Progress returns, per step of form f that has checkpoints, the count of
// its checkpoints' statuses in answers a (nil: none answered), and the
// count over every step.
func Progress(lang *content.Language, f content.Audience, a *answers.File) (steps []Step, total Count) {
	for _, st := range lang.Steps {
		s := Step{Number: st.Number, Title: st.Title}
		any := false
		for _, cp := range st.Checkpoints {
			if !cp.Audience.Includes(f) {
				continue
			}
			any = true
			status := answers.NotStarted
			if a != nil {
				status = a.Checkpoint(cp.ID).Status
			}
			s.Add(status)
		}
		if any {
			steps = append(steps, s)
			total = total.Plus(s.Count)
		}
	}
	return steps, total
}

// Closed are the action-plan statuses that are never overdue.
var Closed = []string{"done", "cancelled"}

// Overdue reports whether action-plan row r is overdue as of asOf: it has
// a deadline before asOf and is neither done nor cancelled (the action
// plan's Tracking). With no asOf nothing is overdue.
func Overdue(r answers.Action, asOf answers.Date) bool {
	row := ActionPlan.Rows(&answers.File{ActionPlan: []answers.Action{r}})[0]
	return ActionPlan.Overdue(row, asOf)
}

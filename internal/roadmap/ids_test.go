package roadmap_test

import (
	"testing"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// TestSetRowsKeepsIDs: rows carry no id, so setting a plan's rows (from a
// workbook, from the browser's form) keeps each place's id, the identity
// of its calendar event; a row added at the end has none until it is
// saved with a date.
func TestSetRowsKeepsIDs(t *testing.T) {
	a := &answers.File{
		ActionPlan:     []answers.Action{{Activity: "a", ID: "id-a"}, {Activity: "b", ID: "id-b"}},
		EvaluationPlan: []answers.Evaluation{{Stage: "s", ID: "id-s"}},
	}
	rows := roadmap.ActionPlan.Rows(a)
	rows[0][0].Text = "changed"
	rows = append(rows, make(roadmap.Row, len(rows[0])))
	roadmap.ActionPlan.SetRows(a, rows)
	if got := []string{a.ActionPlan[0].ID, a.ActionPlan[1].ID, a.ActionPlan[2].ID}; got[0] != "id-a" || got[1] != "id-b" || got[2] != "" {
		t.Errorf("action ids %q", got)
	}
	if a.ActionPlan[0].Activity != "changed" {
		t.Errorf("activity %q", a.ActionPlan[0].Activity)
	}
	roadmap.EvaluationPlan.SetRows(a, roadmap.EvaluationPlan.Rows(a))
	if a.EvaluationPlan[0].ID != "id-s" {
		t.Errorf("evaluation id %q", a.EvaluationPlan[0].ID)
	}
}

package answers

import "testing"

// TestAssignIDs: a dated row without an id gets one, an undated row none,
// an id given is kept, and no two rows of a plan share one, even rows that
// are alike; the same file gets the same ids.
func TestAssignIDs(t *testing.T) {
	d := Date{Year: 2027, Month: 3, Day: 1}
	sample := func() *File {
		return &File{Form: "community", Organisation: Organisation{Name: "Org"},
			ActionPlan:     []Action{{Activity: "a", Deadline: d}, {Activity: "b"}, {Activity: "a", Deadline: d}, {Activity: "c", Deadline: d, ID: "kept"}},
			EvaluationPlan: []Evaluation{{Stage: "s", When: d}},
		}
	}
	f := sample()
	AssignIDs(f)
	ap := f.ActionPlan
	if ap[0].ID == "" || ap[1].ID != "" || ap[2].ID == "" || ap[0].ID == ap[2].ID || ap[3].ID != "kept" {
		t.Errorf("action ids %q %q %q %q", ap[0].ID, ap[1].ID, ap[2].ID, ap[3].ID)
	}
	if !rowIDRE.MatchString(ap[0].ID) || f.EvaluationPlan[0].ID == "" {
		t.Errorf("ids %q, %q", ap[0].ID, f.EvaluationPlan[0].ID)
	}
	g := sample()
	AssignIDs(g)
	if g.ActionPlan[0].ID != ap[0].ID || g.EvaluationPlan[0].ID != f.EvaluationPlan[0].ID {
		t.Error("the same file got other ids")
	}
}

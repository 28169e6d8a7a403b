// Package plantable defines the three plan tables of the roadmap as the PDF
// documents draw them: the action plan, the communication plan and the
// evaluation plan. The checklist forms and the guideline booklet take their
// columns, widths and empty rows from here, so the same table looks the same
// in every document; the headers are the workbooks' (content labels
// sheet.<plan>.col.<column>), so a column has one name everywhere.
package plantable

import (
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Plan names one of the plan tables.
type Plan string

// The plans.
const (
	Action        Plan = "action"
	Communication Plan = "communication"
	Evaluation    Plan = "evaluation"
)

// ActionPlanTable is the content's name of the table the action-plan
// checkpoint carries (content.Checkpoint.Table).
const ActionPlanTable = "action-plan"

// BlankRows is the number of empty rows of a blank plan table, and
// BlankRowHeight their height in mm, to write in by hand.
const (
	BlankRows      = 5
	BlankRowHeight = 10.0
)

// column is a column of a plan: its label key under sheet.<plan>.col and its
// share of the table's width.
type column struct {
	key   string
	width float64
}

var columns = map[Plan][]column{
	Action: {
		{"activity", 3}, {"responsible", 2}, {"goals", 3}, {"deadline", 1.5}, {"status", 1.4}, {"notes", 2.4},
	},
	Communication: {
		{"topic", 2.4}, {"audience", 2}, {"channel", 1.5}, {"frequency", 1.5}, {"format", 2.4},
		{"responsible", 1.8}, {"notes", 2},
	},
	Evaluation: {
		{"stage", 2}, {"when", 1.4}, {"indicator", 2.2}, {"method", 1.6}, {"baseline", 1.6}, {"target", 1.8},
		{"responsible", 1.6}, {"result", 1.8},
	},
}

// Of returns the plan a checkpoint is answered with in a filled form, and
// whether it has one: the action plan for the checkpoint that carries the
// action-plan table, the communication plan and the evaluation plan for the
// checkpoints that plan them (by id, which is the same in every language).
func Of(cp *content.Checkpoint) (Plan, bool) {
	switch {
	case cp.Table == ActionPlanTable:
		return Action, true
	case cp.ID == "communication-plan":
		return Communication, true
	case cp.ID == "evaluation-stages":
		return Evaluation, true
	}
	return "", false
}

// Title returns the plan's title in lang (sheet.<plan>.title).
func Title(lang *content.Language, p Plan) string { return lang.Label("sheet." + string(p) + ".title") }

// Table returns plan p's table in lang, with type size size, for the rows
// given: blank rows to write in when there are none.
func Table(lang *content.Language, p Plan, size float64, rows int) pdf.Table {
	cols := columns[p]
	t := pdf.Table{Columns: make([]pdf.Column, len(cols)), Size: size}
	for i, c := range cols {
		t.Columns[i] = pdf.Column{Label: lang.Label("sheet." + string(p) + ".col." + c.key), Width: c.width}
	}
	if rows == 0 {
		t.EmptyRows, t.MinRowHeight = BlankRows, BlankRowHeight
	} else {
		t.Zebra = true
	}
	return t
}

// Rows returns the rows of plan p in answers file a, every column filled as
// the file has it: dates in the language's format, the suggested values
// (statuses, channels, frequencies, methods) by their labels.
func Rows(lang *content.Language, p Plan, a *answers.File) [][]string {
	if a == nil {
		return nil
	}
	date := func(d answers.Date) string {
		if d.IsZero() {
			return ""
		}
		return lang.FormatDate(d.Time())
	}
	var out [][]string
	switch p {
	case Action:
		for _, r := range a.ActionPlan {
			out = append(out, []string{r.Activity, r.Responsible, r.Goals, date(r.Deadline),
				value(lang, "value.action-status.", r.Status), r.Notes})
		}
	case Communication:
		for _, r := range a.CommunicationPlan {
			out = append(out, []string{r.Topic, r.Audience, value(lang, "value.channel.", r.Channel),
				value(lang, "value.frequency.", r.Frequency), r.Format, r.Responsible, r.Notes})
		}
	case Evaluation:
		methods := lang.Checkpoint(answers.MethodsCheckpoint)
		for _, r := range a.EvaluationPlan {
			method := r.Method
			if methods != nil {
				if o := methods.Option(r.Method); o != nil {
					method = o.Label
				}
			}
			out = append(out, []string{r.Stage, date(r.When), r.Indicator, method, r.Baseline, r.Target,
				r.Responsible, r.Result})
		}
	}
	return out
}

// value returns the label of a suggested value (prefix + id) when the
// content has one, else the value as written (a plan may name others).
func value(lang *content.Language, prefix, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	if s, ok := lang.Labels[prefix+v]; ok {
		return s
	}
	return v
}

package roadmap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Kind is what a plan column holds.
type Kind int

// The kinds of column.
const (
	// Text is free text.
	Text Kind = iota
	// Date is a calendar date.
	Date
	// Choice is a value from a List: its id in the answers file, its
	// label in the documents.
	Choice
)

// Column is one column of a plan table.
type Column struct {
	// ID is the column's key in the answers file's rows; its header is the
	// label "sheet.<plan id>.col.<id>".
	ID   string
	Kind Kind
	// List is the list of a Choice column.
	List *List
	// Long columns are written on several lines on the editing page.
	Long bool
	// PDF is the column's share of a PDF table's width; XLSX its least
	// width in a workbook, in characters.
	PDF, XLSX float64
	// Fillable columns have a form field in each row of a fillable form.
	Fillable bool
	// Summary columns are shown in the overview report's short tables of
	// one organisation's plans.
	Summary bool
}

// List is a fixed set of values of a Choice column.
type List struct {
	// ID names the list (a workbook's defined name "list_<id>").
	ID string
	// Strict lists accept only their own values; the others are
	// suggestions, and any text is allowed.
	Strict bool
	// Items returns the list's values in language l.
	Items func(l *content.Language) []Item
}

// Item is one value of a List: the id the answers use and the text shown.
type Item struct {
	ID, Label string
}

// Label returns the text shown for value v: the item's label when v is one
// of the list's ids, else v itself (free text in a suggestion list).
func (li *List) Label(l *content.Language, v string) string {
	for _, it := range li.Items(l) {
		if it.ID == v {
			return it.Label
		}
	}
	return v
}

// Parse returns the value the answers file keeps for s, a value as a person
// wrote or chose it: the id of the item whose id or label s is (letter
// case and surrounding space aside), else s trimmed.
func (li *List) Parse(l *content.Language, s string) string {
	s = strings.TrimSpace(s)
	for _, it := range li.Items(l) {
		if strings.EqualFold(s, it.ID) || strings.EqualFold(s, it.Label) {
			return it.ID
		}
	}
	return s
}

// Value is one cell of a plan row: Text for a Text or Choice column (a
// choice's id, or free text), Date for a Date column.
type Value struct {
	Text string
	Date answers.Date
}

// IsZero reports whether v holds nothing.
func (v Value) IsZero() bool { return v == Value{} }

// Row is one row of a plan: a Value per column, in the plan's order.
type Row []Value

// IsZero reports whether every cell of r is empty.
func (r Row) IsZero() bool {
	for _, v := range r {
		if !v.IsZero() {
			return false
		}
	}
	return true
}

// Tracking is how a plan's rows show progress: a row whose date has passed
// while its status is not one of Closed is overdue, a row whose status is
// Done is done.
type Tracking struct {
	// DateColumn and StatusColumn are the ids of the columns compared.
	DateColumn, StatusColumn string
	// Done is the id of the status that marks a row done.
	Done string
	// Closed are the ids of the statuses that are never overdue.
	Closed []string
}

// Plan is one of the plan tables of step 3.
type Plan struct {
	// ID names the plan in label keys ("sheet.<id>.title") and form
	// fields ("<id>_<row>_<column>").
	ID string
	// Name names the plan on the command line and in file names.
	Name string
	// YAMLKey is the plan's key in the answers file.
	YAMLKey string
	// Checkpoint is the id of the checkpoint the plan belongs to: forms
	// draw its table under it.
	Checkpoint string
	// Table is the name of the plan's Excel table: a valid defined name,
	// the same in every language.
	Table   string
	Columns []Column
	// Tracking, when set, says how rows show progress.
	Tracking *Tracking

	rows    func(a *answers.File) []Row
	setRows func(a *answers.File, rows []Row)
	// ids returns the rows' ids (answers.Action.ID), for plans whose
	// rows have one; nil otherwise.
	ids func(a *answers.File) []string
}

// IDs returns the ids of the plan's rows in answers a (the identity of a
// row's calendar event), "" for a row without one; nil for a plan whose
// rows have none.
func (p *Plan) IDs(a *answers.File) []string {
	if p.ids == nil || a == nil {
		return nil
	}
	return p.ids(a)
}

// Title returns the plan's title in lang.
func (p *Plan) Title(lang *content.Language) string { return lang.Label("sheet." + p.ID + ".title") }

// Label returns the header of column id in lang.
func (p *Plan) Label(lang *content.Language, id string) string {
	return lang.Label("sheet." + p.ID + ".col." + id)
}

// Column returns the index of the column with the given id, or -1.
func (p *Plan) Column(id string) int {
	for i, c := range p.Columns {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// DateColumn returns the index of the plan's first date column, the date
// its rows are ordered and put in a calendar by, or -1 when it has none.
func (p *Plan) DateColumn() int {
	for i, c := range p.Columns {
		if c.Kind == Date {
			return i
		}
	}
	return -1
}

// Rows returns the plan's rows in answers a (nil: none).
func (p *Plan) Rows(a *answers.File) []Row {
	if a == nil {
		return nil
	}
	return p.rows(a)
}

// SetRows replaces the plan's rows in answers a; with no rows, the plan
// has none (nil), as a file that does not name it. Each row keeps the id
// (answers.Action.ID, the identity of its calendar event) of the row at
// its place before, as the rows carry no id of their own.
func (p *Plan) SetRows(a *answers.File, rows []Row) {
	if len(rows) == 0 {
		rows = nil
	}
	p.setRows(a, rows)
}

// Overdue reports whether row r of plan p is overdue as of asOf: the plan
// tracks progress, the row's date is before asOf and its status is not
// one of the closed ones. With no asOf nothing is overdue.
func (p *Plan) Overdue(r Row, asOf answers.Date) bool {
	t := p.Tracking
	if t == nil || asOf.IsZero() {
		return false
	}
	d, status := r[p.Column(t.DateColumn)].Date, r[p.Column(t.StatusColumn)].Text
	if d.IsZero() || slices.Contains(t.Closed, status) {
		return false
	}
	return d.Time().Before(asOf.Time())
}

// Field returns the name of the form field of column col in row row (from
// 1) of the plan in a fillable form.
func (p *Plan) Field(row int, col string) string { return fmt.Sprintf("%s_%d_%s", p.ID, row, col) }

// Text returns value v of column c as lang shows it: a date in the
// language's format, a choice by its label, a text as written.
func (c *Column) Text(lang *content.Language, v Value) string {
	switch c.Kind {
	case Date:
		if v.Date.IsZero() {
			return ""
		}
		return lang.FormatDate(v.Date.Time())
	case Choice:
		if strings.TrimSpace(v.Text) == "" {
			return ""
		}
		return c.List.Label(lang, v.Text)
	}
	return v.Text
}

// Texts returns the rows of plan p in answers a as lang shows them.
func (p *Plan) Texts(lang *content.Language, a *answers.File) [][]string {
	var out [][]string
	for _, r := range p.Rows(a) {
		s := make([]string, len(p.Columns))
		for i := range p.Columns {
			s[i] = p.Columns[i].Text(lang, r[i])
		}
		out = append(out, s)
	}
	return out
}

// The lists of the plans.
var (
	ActionStatuses = &List{ID: "action_status", Strict: true, Items: labelled("value.action-status.", answers.ActionStatuses)}
	Channels       = &List{ID: "channel", Items: labelled("value.channel.", answers.Channels)}
	Frequencies    = &List{ID: "frequency", Items: labelled("value.frequency.", answers.Frequencies)}
	Methods        = &List{ID: "method", Strict: true, Items: checkpointOptions(answers.MethodsCheckpoint)}
)

// labelled returns the items ids, labelled by the labels prefix+id.
func labelled(prefix string, ids []string) func(*content.Language) []Item {
	return func(l *content.Language) []Item {
		items := make([]Item, len(ids))
		for i, id := range ids {
			items[i] = Item{ID: id, Label: l.Label(prefix + id)}
		}
		return items
	}
}

// checkpointOptions returns the tick-box options of a checkpoint as items.
func checkpointOptions(id string) func(*content.Language) []Item {
	return func(l *content.Language) []Item {
		cp := l.Checkpoint(id)
		if cp == nil || cp.Options == nil {
			return nil
		}
		items := make([]Item, len(cp.Options.Items))
		for i, o := range cp.Options.Items {
			items[i] = Item{ID: o.ID, Label: o.Label}
		}
		return items
	}
}

// The plans, each declared once.
var (
	ActionPlan = &Plan{
		ID: "action", Name: "action-plan", YAMLKey: "action_plan", Checkpoint: "action-plan", Table: "ActionPlan",
		Columns: []Column{
			{ID: "activity", Long: true, PDF: 3, XLSX: 32, Fillable: true, Summary: true},
			{ID: "responsible", PDF: 2, XLSX: 20, Fillable: true, Summary: true},
			{ID: "goals", Long: true, PDF: 3, XLSX: 30, Fillable: true},
			{ID: "deadline", Kind: Date, PDF: 1.5, XLSX: 12, Fillable: true, Summary: true},
			{ID: "status", Kind: Choice, List: ActionStatuses, PDF: 1.4, XLSX: 12, Fillable: true, Summary: true},
			{ID: "notes", Long: true, PDF: 2.4, XLSX: 24, Fillable: true},
		},
		Tracking: &Tracking{DateColumn: "deadline", StatusColumn: "status", Done: "done", Closed: Closed},
		rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.ActionPlan))
			for i, r := range a.ActionPlan {
				rows[i] = Row{{Text: r.Activity}, {Text: r.Responsible}, {Text: r.Goals}, {Date: r.Deadline},
					{Text: r.Status}, {Text: r.Notes}}
			}
			return rows
		},
		ids: func(a *answers.File) []string {
			ids := make([]string, len(a.ActionPlan))
			for i, r := range a.ActionPlan {
				ids[i] = r.ID
			}
			return ids
		},
		setRows: func(a *answers.File, rows []Row) {
			old := a.ActionPlan
			a.ActionPlan = nil
			if rows != nil {
				a.ActionPlan = make([]answers.Action, len(rows))
			}
			for i, r := range rows {
				a.ActionPlan[i] = answers.Action{Activity: r[0].Text, Responsible: r[1].Text, Goals: r[2].Text,
					Deadline: r[3].Date, Status: r[4].Text, Notes: r[5].Text}
				if i < len(old) {
					a.ActionPlan[i].ID = old[i].ID
				}
			}
		},
	}
	CommunicationPlan = &Plan{
		ID: "communication", Name: "communication-plan", YAMLKey: "communication_plan", Checkpoint: "communication-plan",
		Table: "CommunicationPlan",
		Columns: []Column{
			{ID: "topic", Long: true, PDF: 2.4, XLSX: 30, Fillable: true, Summary: true},
			{ID: "audience", PDF: 2, XLSX: 20, Fillable: true, Summary: true},
			{ID: "channel", Kind: Choice, List: Channels, PDF: 1.5, XLSX: 16, Fillable: true, Summary: true},
			{ID: "frequency", Kind: Choice, List: Frequencies, PDF: 1.5, XLSX: 16, Fillable: true, Summary: true},
			{ID: "format", PDF: 2.4, XLSX: 18, Fillable: true},
			{ID: "responsible", PDF: 1.8, XLSX: 18, Fillable: true},
			{ID: "notes", Long: true, PDF: 2, XLSX: 24, Fillable: true},
		},
		rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.CommunicationPlan))
			for i, r := range a.CommunicationPlan {
				rows[i] = Row{{Text: r.Topic}, {Text: r.Audience}, {Text: r.Channel}, {Text: r.Frequency},
					{Text: r.Format}, {Text: r.Responsible}, {Text: r.Notes}}
			}
			return rows
		},
		setRows: func(a *answers.File, rows []Row) {
			a.CommunicationPlan = nil
			if rows != nil {
				a.CommunicationPlan = make([]answers.Communication, len(rows))
			}
			for i, r := range rows {
				a.CommunicationPlan[i] = answers.Communication{Topic: r[0].Text, Audience: r[1].Text, Channel: r[2].Text,
					Frequency: r[3].Text, Format: r[4].Text, Responsible: r[5].Text, Notes: r[6].Text}
			}
		},
	}
	EvaluationPlan = &Plan{
		ID: "evaluation", Name: "evaluation-plan", YAMLKey: "evaluation_plan", Checkpoint: "evaluation-stages",
		Table: "EvaluationPlan",
		Columns: []Column{
			{ID: "stage", Long: true, PDF: 2, XLSX: 20, Fillable: true, Summary: true},
			{ID: "when", Kind: Date, PDF: 1.4, XLSX: 12, Fillable: true, Summary: true},
			{ID: "indicator", Long: true, PDF: 2.2, XLSX: 22, Fillable: true, Summary: true},
			{ID: "method", Kind: Choice, List: Methods, PDF: 1.6, XLSX: 20, Fillable: true, Summary: true},
			{ID: "baseline", PDF: 1.6, XLSX: 15, Fillable: true},
			{ID: "target", PDF: 1.8, XLSX: 15, Fillable: true, Summary: true},
			{ID: "responsible", PDF: 1.6, XLSX: 17, Fillable: true},
			{ID: "result", Long: true, PDF: 1.8, XLSX: 20, Fillable: true},
		},
		rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.EvaluationPlan))
			for i, r := range a.EvaluationPlan {
				rows[i] = Row{{Text: r.Stage}, {Date: r.When}, {Text: r.Indicator}, {Text: r.Method},
					{Text: r.Baseline}, {Text: r.Target}, {Text: r.Responsible}, {Text: r.Result}}
			}
			return rows
		},
		ids: func(a *answers.File) []string {
			ids := make([]string, len(a.EvaluationPlan))
			for i, r := range a.EvaluationPlan {
				ids[i] = r.ID
			}
			return ids
		},
		setRows: func(a *answers.File, rows []Row) {
			old := a.EvaluationPlan
			a.EvaluationPlan = nil
			if rows != nil {
				a.EvaluationPlan = make([]answers.Evaluation, len(rows))
			}
			for i, r := range rows {
				a.EvaluationPlan[i] = answers.Evaluation{Stage: r[0].Text, When: r[1].Date, Indicator: r[2].Text,
					Method: r[3].Text, Baseline: r[4].Text, Target: r[5].Text, Responsible: r[6].Text, Result: r[7].Text}
				if i < len(old) {
					a.EvaluationPlan[i].ID = old[i].ID
				}
			}
		},
	}
)

// Plans lists every plan, in the order the roadmap and a multi-plan
// workbook show them.
var Plans = []*Plan{ActionPlan, CommunicationPlan, EvaluationPlan}

// Of returns the plan checkpoint cp carries, and whether it carries one.
func Of(cp *content.Checkpoint) (*Plan, bool) {
	for _, p := range Plans {
		if p.Checkpoint == cp.ID {
			return p, true
		}
	}
	return nil, false
}

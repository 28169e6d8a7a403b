// Package sheets makes the roadmap's plans as Excel workbooks: the action
// plan, the communication plan and the evaluation plan of step 3, blank for a
// workshop or pre-filled from an organisation's answers. A workbook holds one
// plan or several, each on its own sheet, with a short instructions sheet in
// the workbook's language and a hidden sheet with the drop-down lists.
//
// A plan is a data description (Plan): its columns, with a label key, a width
// and a kind (text, number, date, choice from a list), the rows the answers
// give it, and the extras some plans have (progress colours, a block under
// the table). Build lays out any set of plans the same way. Every text comes
// from the content's labels; the package knows no command line.
package sheets

import (
	"fmt"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
)

// Kind is what a column holds.
type Kind int

// The kinds of column.
const (
	// Text is free text, wrapped in its column.
	Text Kind = iota
	// Number is the row's number, 1, 2, 3, ... filled in by Build.
	Number
	// Date is a calendar date, validated as a date and shown in the
	// language's date format.
	Date
	// Choice is a value from a List, chosen from a drop-down.
	Choice
)

// Column is one column of a plan's table.
type Column struct {
	// ID names the column; its header is the label "<plan key>.col.<id>".
	ID string
	// Width is the least width in characters; Build widens a column to fit
	// its header's longest word and its list's longest value.
	Width float64
	Kind  Kind
	// List is the drop-down list of a Choice column.
	List *List
}

// List is a fixed set of values offered in a drop-down. Its values are kept
// on the workbook's hidden lists sheet.
type List struct {
	// ID names the list in the workbook (the defined name "list_<id>").
	ID string
	// Strict lists accept only their own values (an error stops anything
	// else); other lists are suggestions and any text is allowed after an
	// information message.
	Strict bool
	// Items returns the list's values in language l.
	Items func(l *content.Language) []Item
}

// Item is one value of a List: the id the answers use and the text shown.
type Item struct {
	ID, Label string
}

// label returns the text shown for value v of the list: the item's label
// when v is one of its ids, else v itself (free text in a suggestion list).
func (li *List) label(l *content.Language, v string) string {
	for _, it := range li.Items(l) {
		if it.ID == v {
			return it.Label
		}
	}
	return v
}

// Value is one cell of a pre-filled row. Text holds free text, or for a
// Choice column the id of a list item (or free text); Date holds the date of
// a Date column. Number columns ignore their value.
type Value struct {
	Text string
	Date answers.Date
}

// Row is one pre-filled row: a Value per column of the plan, in order.
type Row []Value

// Tracking colours a plan's rows by progress: a row whose date has passed
// while its status is not one of Closed is overdue (red), a row whose status
// is Done is done (green). The formulas use TODAY(), so the colours follow
// the calendar when the workbook is opened.
type Tracking struct {
	// DateColumn and StatusColumn are the ids of the columns compared.
	DateColumn, StatusColumn string
	// Done is the id of the status that marks a row done.
	Done string
	// Closed are the ids of the statuses that are never overdue.
	Closed []string
}

// Block is a small grid under a plan's table, with a title, a header row and
// a labelled row per situation: the communication plan's "who informs whom,
// how and how fast" about urgent changes and problems. Its columns line up
// with the plan's columns.
type Block struct {
	// Key is the label prefix: the title is "<key>.title", a header
	// "<key>.<column id>", a row's label "<key>.<row id>".
	Key string
	// Columns are the block's columns, one per plan column; the first holds
	// the row labels. Choice columns get the list's drop-down.
	Columns []Column
	// Rows are the ids of the block's rows.
	Rows []string
}

// Plan describes one plan sheet.
type Plan struct {
	// ID names the plan on the command line and in file names (action-plan).
	ID string
	// Key is the plan's label prefix (sheet.action): its title is
	// "<key>.title", its column headers "<key>.col.<id>", its guidance for the
	// instructions sheet "<key>.advice" and "<key>.howto".
	Key string
	// Checkpoint is the id of the roadmap checkpoint the plan belongs to.
	Checkpoint string
	// Table is the name of the plan's Excel table: a valid defined name,
	// the same in every language.
	Table   string
	Columns []Column
	// Rows returns the plan's rows from the answers.
	Rows func(a *answers.File) []Row
	// Tracking, when set, colours rows as overdue or done.
	Tracking *Tracking
	// Block, when set, is laid out under the table.
	Block *Block
}

// column returns the index of the column with the given id, or -1.
func (p *Plan) column(id string) int {
	for i, c := range p.Columns {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// The lists of the plans.
var (
	actionStatusList = &List{ID: "action_status", Strict: true, Items: labelled("value.action-status.", answers.ActionStatuses)}
	channelList      = &List{ID: "channel", Items: labelled("value.channel.", answers.Channels)}
	frequencyList    = &List{ID: "frequency", Items: labelled("value.frequency.", answers.Frequencies)}
	methodList       = &List{ID: "method", Strict: true, Items: checkpointOptions(answers.MethodsCheckpoint)}
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

func actionPlan() Plan {
	return Plan{
		ID:         "action-plan",
		Key:        "sheet.action",
		Checkpoint: "action-plan",
		Table:      "ActionPlan",
		Columns: []Column{
			{ID: "nr", Width: 5, Kind: Number},
			{ID: "activity", Width: 34},
			{ID: "responsible", Width: 20},
			{ID: "goals", Width: 30},
			{ID: "deadline", Width: 12, Kind: Date},
			{ID: "status", Width: 12, Kind: Choice, List: actionStatusList},
			{ID: "notes", Width: 26},
		},
		Rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.ActionPlan))
			for i, r := range a.ActionPlan {
				rows[i] = Row{{}, {Text: r.Activity}, {Text: r.Responsible}, {Text: r.Goals},
					{Date: r.Deadline}, {Text: r.Status}, {Text: r.Notes}}
			}
			return rows
		},
		Tracking: &Tracking{DateColumn: "deadline", StatusColumn: "status", Done: "done", Closed: []string{"done", "cancelled"}},
	}
}

func communicationPlan() Plan {
	return Plan{
		ID:         "communication-plan",
		Key:        "sheet.communication",
		Checkpoint: "communication-plan",
		Table:      "CommunicationPlan",
		Columns: []Column{
			{ID: "topic", Width: 30},
			{ID: "audience", Width: 20},
			{ID: "channel", Width: 16, Kind: Choice, List: channelList},
			{ID: "frequency", Width: 16, Kind: Choice, List: frequencyList},
			{ID: "format", Width: 18},
			{ID: "responsible", Width: 18},
			{ID: "notes", Width: 24},
		},
		Rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.CommunicationPlan))
			for i, r := range a.CommunicationPlan {
				rows[i] = Row{{Text: r.Topic}, {Text: r.Audience}, {Text: r.Channel}, {Text: r.Frequency},
					{Text: r.Format}, {Text: r.Responsible}, {Text: r.Notes}}
			}
			return rows
		},
		Block: &Block{
			Key: "sheet.communication.block",
			Columns: []Column{
				{ID: "situation"},
				{ID: "whom"},
				{ID: "channel", Kind: Choice, List: channelList},
				{ID: "speed"},
				{ID: "format"},
				{ID: "who"},
				{ID: "notes"},
			},
			Rows: []string{"urgent", "problems"},
		},
	}
}

func evaluationPlan() Plan {
	return Plan{
		ID:         "evaluation-plan",
		Key:        "sheet.evaluation",
		Checkpoint: "evaluation-stages",
		Table:      "EvaluationPlan",
		Columns: []Column{
			{ID: "stage", Width: 22},
			{ID: "when", Width: 12, Kind: Date},
			{ID: "indicator", Width: 26},
			{ID: "method", Width: 20, Kind: Choice, List: methodList},
			{ID: "baseline", Width: 15},
			{ID: "target", Width: 15},
			{ID: "responsible", Width: 17},
			{ID: "result", Width: 22},
		},
		Rows: func(a *answers.File) []Row {
			rows := make([]Row, len(a.EvaluationPlan))
			for i, r := range a.EvaluationPlan {
				rows[i] = Row{{Text: r.Stage}, {Date: r.When}, {Text: r.Indicator}, {Text: r.Method},
					{Text: r.Baseline}, {Text: r.Target}, {Text: r.Responsible}, {Text: r.Result}}
			}
			return rows
		},
	}
}

// Plans returns every plan, in the order a multi-plan workbook shows them:
// action plan, communication plan, evaluation plan.
func Plans() []Plan {
	return []Plan{actionPlan(), communicationPlan(), evaluationPlan()}
}

// IDs returns the ids of every plan, in order.
func IDs() []string {
	ps := Plans()
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// Lookup returns the plan with the given id: action-plan,
// communication-plan or evaluation-plan.
func Lookup(id string) (Plan, error) {
	for _, p := range Plans() {
		if p.ID == id {
			return p, nil
		}
	}
	return Plan{}, fmt.Errorf("unknown plan %q; allowed: %s", id, strings.Join(IDs(), ", "))
}

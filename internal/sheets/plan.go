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
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
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

// List is a fixed set of values offered in a drop-down (roadmap.List). Its
// values are kept on the workbook's hidden lists sheet; a strict list
// accepts only its own values (an error stops anything else), the others
// are suggestions and any text is allowed after an information message.
type List = roadmap.List

// Item is one value of a List: the id the answers use and the text shown.
type Item = roadmap.Item

// Value is one cell of a pre-filled row. Text holds free text, or for a
// Choice column the id of a list item (or free text); Date holds the date of
// a Date column. Number columns ignore their value.
type Value = roadmap.Value

// Row is one pre-filled row: a Value per column of the plan, in order.
type Row = roadmap.Row

// Tracking colours a plan's rows by progress (roadmap.Tracking): a row
// whose date has passed while its status is not closed is overdue (red), a
// row whose status is done is done (green). The formulas use TODAY(), so
// the colours follow the calendar when the workbook is opened.
type Tracking = roadmap.Tracking

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

// fromModel returns the sheet of plan m: its columns as the model declares
// them, after a column of row numbers when numbered.
func fromModel(m *roadmap.Plan, numbered bool) Plan {
	p := Plan{ID: m.Name, Key: "sheet." + m.ID, Checkpoint: m.Checkpoint, Table: m.Table, Tracking: m.Tracking}
	if numbered {
		p.Columns = append(p.Columns, Column{ID: "nr", Width: 5, Kind: Number})
	}
	for _, c := range m.Columns {
		col := Column{ID: c.ID, Width: c.XLSX, List: c.List}
		switch c.Kind {
		case roadmap.Date:
			col.Kind = Date
		case roadmap.Choice:
			col.Kind = Choice
		}
		p.Columns = append(p.Columns, col)
	}
	p.Rows = func(a *answers.File) []Row {
		rows := m.Rows(a)
		if numbered {
			for i, r := range rows {
				rows[i] = append(Row{{}}, r...)
			}
		}
		return rows
	}
	return p
}

func actionPlan() Plan { return fromModel(roadmap.ActionPlan, true) }

func communicationPlan() Plan {
	p := fromModel(roadmap.CommunicationPlan, false)
	p.Block = &Block{
		Key: "sheet.communication.block",
		Columns: []Column{
			{ID: "situation"},
			{ID: "whom"},
			{ID: "channel", Kind: Choice, List: roadmap.Channels},
			{ID: "speed"},
			{ID: "format"},
			{ID: "who"},
			{ID: "notes"},
		},
		Rows: []string{"urgent", "problems"},
	}
	return p
}

func evaluationPlan() Plan { return fromModel(roadmap.EvaluationPlan, false) }

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

// Package answers owns the answers file: an organisation's filled-in roadmap.
// It decodes the YAML strictly, with the position of every value, and
// validates it against the roadmap content. Every command that takes answers
// uses this package.
package answers

import (
	"time"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
)

// Status is how far a checkpoint has got.
type Status string

// The statuses of a checkpoint, in the order forms show them.
const (
	NotStarted    Status = "not-started"
	InProgress    Status = "in-progress"
	Done          Status = "done"
	NotApplicable Status = "not-applicable"
)

// Statuses lists every checkpoint status in display order. The label of a
// status is content label "status.<id>".
var Statuses = []Status{NotStarted, InProgress, Done, NotApplicable}

// ActionStatuses are the statuses of an action-plan row. The label of a
// status is content label "value.action-status.<id>".
var ActionStatuses = []string{"planned", "in-progress", "done", "postponed", "cancelled"}

// Channels are the suggested communication channels; a plan may name others.
// The label of a channel is content label "value.channel.<id>".
var Channels = []string{"meeting", "email", "phone", "messaging", "website", "social-media", "newsletter", "print"}

// Frequencies are the suggested communication frequencies; a plan may name
// others. The label is content label "value.frequency.<id>".
var Frequencies = []string{"weekly", "every-two-weeks", "monthly", "quarterly", "as-needed"}

// MethodsCheckpoint is the checkpoint whose options are the evaluation
// methods an evaluation-plan row may name.
const MethodsCheckpoint = "impact-methods"

// File is one decoded answers file.
type File struct {
	// Path is the file the answers were read from, for messages.
	Path string `yaml:"-"`
	// Form is the checklist form the answers fill in.
	Form content.Audience `yaml:"form" kind:"form" required:"true"`
	// Language is the code of the language the documents are made in.
	Language string `yaml:"language" kind:"language" required:"true"`
	// Date is printed on the form and fixes the documents' creation date;
	// the zero Date when the file has none.
	Date         Date         `yaml:"date"`
	Organisation Organisation `yaml:"organisation"`
	// Workshop is who worked on the roadmap at the table and when it is
	// looked at again; the zero Workshop when the file has none.
	Workshop Workshop `yaml:"workshop"`
	// Checkpoints holds the answer of each checkpoint, by checkpoint id.
	Checkpoints       map[string]Checkpoint `yaml:"checkpoints" kind:"checkpoints"`
	ActionPlan        []Action              `yaml:"action_plan" item:"row"`
	CommunicationPlan []Communication       `yaml:"communication_plan" item:"row"`
	EvaluationPlan    []Evaluation          `yaml:"evaluation_plan" item:"row"`

	// Warnings are things the documents may not show as written, such as
	// text in a right-to-left script; they do not stop a command.
	Warnings []diag.Problem `yaml:"-"`
}

// The limits of the texts of an answers file, in characters and lines
// (see docs/limits.md). No real roadmap comes near them; beyond them a
// text would no longer fit its place in the documents: a workbook cell
// holds at most 32,767 characters and a row is at most 409 points high.
const (
	// MaxWord is the longest run of characters without a space.
	MaxWord = 200
)

// Organisation names who fills in the roadmap and with whom.
type Organisation struct {
	Name    string `yaml:"name" max:"200" lines:"2"`
	Contact string `yaml:"contact" max:"500" lines:"8"`
	Partner string `yaml:"partner" max:"500" lines:"8"`
}

// Workshop is the workshop the roadmap is worked on at: the lines of the
// form's organisation block and its closing page of notes, which are
// otherwise filled in by hand.
type Workshop struct {
	// Facilitator is who led the workshop.
	Facilitator string `yaml:"facilitator" max:"200" lines:"2"`
	// NextReview is when the roadmap is to be looked at again.
	NextReview Date `yaml:"next_review"`
	// Participants are who took part, one or several to a line.
	Participants string `yaml:"participants" max:"1000" lines:"20" allowed:"msg:allowed.multiline"`
	// Notes are the workshop's notes and next steps: what it decided, who
	// does what and by when. The form prints them on its last page,
	// flowing over further pages, so they may be as long as a checkpoint's
	// answer; 400 lines (50 characters a line, as participants allow) keep
	// a text of short lines to eleven pages.
	Notes string `yaml:"notes" max:"20000" lines:"400" allowed:"msg:allowed.multiline"`
}

// IsZero reports whether w holds nothing.
func (w Workshop) IsZero() bool { return w == Workshop{} }

// Checkpoint is the answer to one checkpoint.
type Checkpoint struct {
	Status Status `yaml:"status" kind:"status"`
	// Options are the ids of the ticked options.
	Options []string `yaml:"options" kind:"options"`
	// Answer is free text, up to 20,000 characters.
	Answer string `yaml:"answer" max:"20000" allowed:"msg:allowed.multiline"`
}

// Ticked reports whether option id is ticked.
func (c Checkpoint) Ticked(id string) bool {
	for _, o := range c.Options {
		if o == id {
			return true
		}
	}
	return false
}

// Action is one row of the action plan.
type Action struct {
	Activity    string `yaml:"activity" max:"300" lines:"10"`
	Responsible string `yaml:"responsible" max:"300" lines:"10"`
	Goals       string `yaml:"goals" max:"300" lines:"10"`
	Deadline    Date   `yaml:"deadline"`
	// Status is one of ActionStatuses, or "".
	Status string `yaml:"status" kind:"action-status"`
	Notes  string `yaml:"notes" max:"300" lines:"10" allowed:"msg:allowed.multiline"`
	// ID identifies the row for its calendar event whatever rows are
	// inserted before it or however it is edited. Encode gives one to a
	// dated row that has none.
	ID string `yaml:"id,omitempty" kind:"row-id"`
}

// Communication is one row of the communication plan.
type Communication struct {
	Topic    string `yaml:"topic" max:"300" lines:"10"`
	Audience string `yaml:"audience" max:"300" lines:"10"`
	// Channel is one of Channels or free text.
	Channel string `yaml:"channel" max:"300" lines:"10"`
	// Frequency is one of Frequencies or free text.
	Frequency   string `yaml:"frequency" max:"300" lines:"10"`
	Format      string `yaml:"format" max:"300" lines:"10"`
	Responsible string `yaml:"responsible" max:"300" lines:"10"`
	Notes       string `yaml:"notes" max:"300" lines:"10" allowed:"msg:allowed.multiline"`
}

// Evaluation is one row of the evaluation plan.
type Evaluation struct {
	Stage string `yaml:"stage" max:"300" lines:"10"`
	When  Date   `yaml:"when"`
	// Indicator is what is evaluated: a goal or a KPI.
	Indicator string `yaml:"indicator" max:"300" lines:"10"`
	// Method is the id of an option of the impact-methods checkpoint, or "".
	Method      string `yaml:"method" kind:"method"`
	Baseline    string `yaml:"baseline" max:"300" lines:"10"`
	Target      string `yaml:"target" max:"300" lines:"10"`
	Responsible string `yaml:"responsible" max:"300" lines:"10"`
	Result      string `yaml:"result" max:"300" lines:"10"`
	// ID identifies the row for its calendar event, as Action.ID does.
	ID string `yaml:"id,omitempty" kind:"row-id"`
}

// Date is a calendar date without a time of day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d == Date{} }

// DateOf returns the calendar date of t in its location.
func DateOf(t time.Time) Date { return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()} }

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Checkpoint returns the answer to checkpoint id; a checkpoint the file does
// not name is not started.
func (f *File) Checkpoint(id string) Checkpoint {
	if c, ok := f.Checkpoints[id]; ok {
		return c
	}
	return Checkpoint{Status: NotStarted}
}

// Answered reports whether the checkpoint has an answer text or a ticked
// option.
func (c Checkpoint) Answered() bool {
	return c.Answer != "" || len(c.Options) > 0
}

package form

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/plantable"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// A fillable form (Options.Fillable) has the layout of the blank form, with
// form fields over what is printed to fill in: per checkpoint a radio group
// of the statuses over the status boxes, a check box over each option's box
// and a multi-line text field over the lines to write on; text fields over
// the organisation block, the date and the workshop lines; a field over each cell of
// the rows of the three plan tables (roadmap.Plans: a drop-down list for a
// column of choices); and a multi-line text field over the lines
// of the closing page, the workshop's notes. Filled from answers, the fields carry the
// values (the page itself stays blank, so nothing printed contradicts what
// is typed later). Dates are written as the printed form writes them
// (27.11.2026. in Latvian), and read so or as YYYY-MM-DD.
//
// The field names are below; package importpdf reads a filled form back by
// them. A hidden field (MarkerField) says which form, language and version
// of the fields a PDF holds, so that reading one never guesses.

// FieldsVersion is the version of the fillable form's fields: it changes
// whenever a field is renamed, removed or given another meaning, so that an
// older form is never misread. Fields added to a version (the workshop's,
// then the notes of the closing page) leave it as it is: a form made before
// has none of them, which package importpdf reads as those lines left
// empty, and an older roadmap refuses a newer form for the fields it does
// not know.
const FieldsVersion = 1

// MarkerField is the hidden field that marks a fillable form of this tool.
const MarkerField = "roadmap_form"

// markerPrefix starts the marker field's value.
const markerPrefix = "roadmap-form"

// Marker returns the value of the marker field of form f in language lang.
func Marker(f content.Audience, lang string) string {
	return fmt.Sprintf("%s form=%s lang=%s version=%d", markerPrefix, f, lang, FieldsVersion)
}

// ParseMarker reads the value of a marker field: the form, the language
// and the version of the fields. ok is false when s is not a marker.
func ParseMarker(s string) (f content.Audience, lang string, version int, ok bool) {
	parts := strings.Fields(s)
	if len(parts) != 4 || parts[0] != markerPrefix {
		return "", "", 0, false
	}
	kv := map[string]string{}
	for _, p := range parts[1:] {
		k, v, found := strings.Cut(p, "=")
		if !found {
			return "", "", 0, false
		}
		kv[k] = v
	}
	version, err := strconv.Atoi(kv["version"])
	if err != nil || kv["form"] == "" || kv["lang"] == "" {
		return "", "", 0, false
	}
	return content.Audience(kv["form"]), kv["lang"], version, true
}

// The names of the organisation block's and the date's fields.
const (
	OrgNameField    = "org_name"
	OrgContactField = "org_contact"
	OrgPartnerField = "org_partner"
	DateField       = "date"
)

// The names of the workshop's fields, below the date: answers.Workshop's
// facilitator, next review (a date, YYYY-MM-DD) and participants (several
// lines). A form of version 1 made before they were added does not have
// them; it is read as a form whose workshop lines were left empty.
const (
	FacilitatorField  = "workshop_facilitator"
	NextReviewField   = "workshop_next_review"
	ParticipantsField = "workshop_participants"
)

// NotesField is the name of the field over the lines of the form's closing
// page, notes and next steps: answers.Workshop's notes, several lines. A
// form of version 1 made before it was added does not have it; it is read
// as a form whose closing page was left empty.
const NotesField = "workshop_notes"

// StatusField is the name of checkpoint id's status radio group; its
// buttons are the answers.Statuses.
func StatusField(id string) string { return "cp_" + id + "_status" }

// OptionField is the name of the check box of option opt of checkpoint id.
func OptionField(id, opt string) string { return "cp_" + id + "_opt_" + opt }

// AnswerField is the name of checkpoint id's answer text field.
func AnswerField(id string) string { return "cp_" + id + "_answer" }

// PlanRows returns the number of rows of plan p in a fillable form filled
// from a (nil: blank): the rows of a blank table, or more when the plan has
// more. Each row has a field per column of the plan (roadmap.Plan.Field
// names them).
func PlanRows(p *roadmap.Plan, a *answers.File) int {
	return max(plantable.BlankRows, len(p.Rows(a)))
}

// filler adds the fields of a fillable form as its layout is drawn.
type filler struct {
	values *answers.File // nil: blank fields
}

// collect runs draw and returns the areas of kind k it drew.
func (r *renderer) collect(k pdf.AreaKind, draw func()) []pdf.Area {
	var out []pdf.Area
	prev := r.d.OnArea(func(a pdf.Area) {
		if a.Kind == k {
			out = append(out, a)
		}
	})
	draw()
	r.d.OnArea(prev)
	return out
}

// value returns the answers the fields are filled from (nil: blank).
func (f *filler) answer(id string) answers.Checkpoint {
	if f.values == nil {
		return answers.Checkpoint{}
	}
	return f.values.Checkpoint(id)
}

// tip returns the tooltip of a checkpoint's field.
func (r *renderer) tip(key string, cp *content.Checkpoint, kv ...string) string {
	return r.label(key, append([]string{"n", r.lang.Number(cp), "title", cp.Title}, kv...)...)
}

// statusField adds the status radio group of checkpoint cp over the tick
// boxes of its status strip.
func (r *renderer) statusField(cp *content.Checkpoint, boxes []pdf.Area) {
	if r.fill == nil || len(boxes) != len(answers.Statuses) {
		return
	}
	var buttons []pdf.Button
	for i, s := range answers.Statuses {
		// each button named for what it chooses ("1.1. Title: Done"), so
		// a reader does not say the group's name four times
		buttons = append(buttons, pdf.Button{On: string(s), Rect: boxes[i].Rect,
			Tooltip: r.tip("fillable.tip.option", cp, "option", r.label("status."+string(s)))})
	}
	value := ""
	if ans, ok := r.fill.checkpoint(cp.ID); ok {
		value = string(ans.Status)
	}
	r.d.AddField(pdf.Field{Kind: pdf.RadioGroup, Name: StatusField(cp.ID), Tooltip: r.tip("fillable.tip.status", cp),
		Value: value, Buttons: buttons, Page: boxes[0].Page})
}

// checkpoint returns the answer to checkpoint id and whether the answers
// name it.
func (f *filler) checkpoint(id string) (answers.Checkpoint, bool) {
	if f.values == nil {
		return answers.Checkpoint{}, false
	}
	c, ok := f.values.Checkpoints[id]
	return c, ok
}

// optionFields adds a check box over each option's tick box.
func (r *renderer) optionFields(cp *content.Checkpoint, boxes []pdf.Area) {
	if r.fill == nil || len(boxes) != len(cp.Options.Items) {
		return
	}
	ans := r.fill.answer(cp.ID)
	for i, o := range cp.Options.Items {
		v := ""
		if ans.Ticked(o.ID) {
			v = "Yes"
		}
		r.d.AddField(pdf.Field{Kind: pdf.CheckBox, Name: OptionField(cp.ID, o.ID), Tooltip: r.tip("fillable.tip.option", cp, "option", o.Label),
			Value: v, Rect: boxes[i].Rect, Page: boxes[i].Page})
	}
}

// answerField adds the answer text field over the lines to write on.
func (r *renderer) answerField(cp *content.Checkpoint, lines []pdf.Area) {
	if r.fill == nil {
		return
	}
	r.writeInField(AnswerField(cp.ID), r.tip("fillable.tip.answer", cp), r.fill.answer(cp.ID).Answer, lines)
}

// notesField adds the text field of the workshop's notes over the closing
// page's lines, its tooltip the page's title.
func (r *renderer) notesField(lines []pdf.Area) {
	if r.fill == nil {
		return
	}
	v := ""
	if r.fill.values != nil {
		v = r.fill.values.Workshop.Notes
	}
	r.writeInField(NotesField, r.label("form.notes.title"), v, lines)
}

// writeInField adds a multi-line, boxed text field named name over lines
// to write on, holding value: a long value shows what fits, and the reader
// scrolls.
func (r *renderer) writeInField(name, tip, value string, lines []pdf.Area) {
	if len(lines) == 0 {
		return
	}
	a := lines[0]
	for _, l := range lines[1:] { // lines split over pages: the larger part
		if l.Rect.H > a.Rect.H {
			a = l
		}
	}
	rect := a.Rect
	rect.Y += 1
	rect.H = max(rect.H, 8)
	r.d.AddField(pdf.Field{Kind: pdf.TextField, Name: name, Tooltip: tip,
		Value: value, Multiline: true, Boxed: true, Rect: rect, Page: a.Page})
}

// textField adds a text field named name at rect on the current page, on
// one line or (multiline) wrapping. Its text is set smaller when it is too
// long for the field (down to 6 pt), so that a long contact line shows
// whole and prints whole.
func (r *renderer) textField(name, tip, value string, multiline bool, rect pdf.Rect) {
	if r.fill == nil {
		return
	}
	r.d.AddField(pdf.Field{Kind: pdf.TextField, Name: name, Tooltip: tip, Value: value, Multiline: multiline, AutoSize: true, Rect: rect})
}

// dateText is date d as the printed form writes it, "" for no date.
func (r *renderer) dateText(d answers.Date) string {
	if d.IsZero() {
		return ""
	}
	return r.lang.FormatDate(d.Time())
}

// planFields adds a field over each cell of plan p's rows: a drop-down
// list for a column of choices (one that also takes a typed value when the
// list only suggests), a one-line text field for a date, written as the
// printed form writes dates, and a wrapping text field for a text; every
// cell of a table in the table's one type size, which a reader keeps
// (text longer than its cell scrolls rather than shrinks).
func (r *renderer) planFields(p *roadmap.Plan, cells []pdf.Area) {
	if r.fill == nil {
		return
	}
	rows := p.Rows(r.fill.values)
	size := r.th.Type.Small + 1
	if p != roadmap.ActionPlan {
		size = r.th.Type.Small
	}
	title := p.Title(r.lang)
	for _, c := range cells {
		if c.Col >= len(p.Columns) || !p.Columns[c.Col].Fillable {
			continue
		}
		col := &p.Columns[c.Col]
		f := pdf.Field{Kind: pdf.TextField, Name: p.Field(c.Row+1, col.ID), Size: size, Page: c.Page}
		if c.Row < len(rows) {
			v := rows[c.Row][c.Col]
			f.Value = v.Text
			if col.Kind == roadmap.Date {
				f.Value = r.dateText(v.Date)
			}
		}
		label := p.Label(r.lang, col.ID)
		switch col.Kind {
		case roadmap.Date:
			label = r.label("fillable.tip.date", "label", label, "format", r.lang.DateHint())
		case roadmap.Choice:
			f.Kind, f.Edit = pdf.ComboBox, !col.List.Strict
			f.Choices = []pdf.FieldChoice{{}} // none chosen
			for _, it := range col.List.Items(r.lang) {
				f.Choices = append(f.Choices, pdf.FieldChoice{Value: it.ID, Label: it.Label})
			}
		default:
			f.Multiline = true
		}
		f.Tooltip = r.label("fillable.tip.plan", "plan", title, "row", strconv.Itoa(c.Row+1), "column", label)
		f.Rect = c.Rect
		f.Rect.X, f.Rect.Y, f.Rect.W, f.Rect.H = f.Rect.X+0.3, f.Rect.Y+0.3, f.Rect.W-0.6, f.Rect.H-0.6
		r.d.AddField(f)
	}
}

// markerField adds the hidden field that marks the form.
func (r *renderer) markerField() {
	if r.fill == nil {
		return
	}
	r.d.AddField(pdf.Field{Kind: pdf.TextField, Name: MarkerField, Value: Marker(r.form, r.lang.Code),
		Hidden: true, ReadOnly: true, Page: 1})
}

// Package form lays out the roadmap's checklist forms as PDF: the form for
// municipalities and the form for community organisations, blank for a
// workshop or filled in from an organisation's answers.
//
// A form opens with its title, who it is for, the audience badge, a block
// for organisation, contact person, partner and date, and a line on how to
// fill it in (a filled form has a progress summary there instead), all
// short enough that page 1 starts step 1 on A4 and Letter. Then, per step, a
// coloured band and the step's checkpoints: each with its number, statement,
// hint, status tick boxes, option tick boxes and either ruled write-in lines
// or the answer text; the action-plan checkpoint carries the action-plan
// table, and in a filled form the communication and evaluation checkpoints
// carry the plans of the answers file; a filled form's plans are charted on
// a timeline after the last step. The form closes with a page of notes
// and next steps: lines to write on, under the workshop's notes in a filled
// form. Checkpoints are numbered as
// content.Language.Number numbers them, the same in both forms and the
// booklet. Every text comes from the content's labels; the package knows no
// command line and prints nothing.
package form

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/chart"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Options are the settings of a rendering.
type Options struct {
	// Theme is the look of the document, paper size included; the zero
	// Theme means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF; the zero Date means
	// the pdf package's fixed default. Never the clock: the same inputs must
	// give the same bytes.
	Date time.Time
	// Fillable adds form fields over the blank form's layout, filled from
	// the answers if any (see fields.go).
	Fillable bool
	// Edition is the guidebook the form's page references point to: "" (or
	// "all") the whole booklet, as the pack holds it; the form's own
	// audience the booklet's edition for it (`roadmap guide --audience`),
	// which the form then names under its instructions.
	Edition content.Audience
}

// Result is a rendered form: its PDF in Data, its page count and warnings.
type Result = document.Result

// Render lays out the checklist form f (content.Municipality or
// content.Community) in language lang. With a nil a the form is blank, to be
// filled in by hand; otherwise it is filled in from the answers, which must
// be for form f and already validated (answers.Parse). Render keeps no state
// between calls and may be called from many goroutines at once.
func Render(lang *content.Language, f content.Audience, a *answers.File, opts Options) (*Result, error) {
	if lang == nil {
		return nil, errors.New("rendering form: no content language")
	}
	if _, err := content.ParseAnyForm(string(f)); err != nil {
		return nil, fmt.Errorf("rendering form: %w", err)
	}
	if a != nil && a.Form != "" && a.Form != f {
		return nil, fmt.Errorf("rendering form %s: the answers are for the %s form", f, a.Form)
	}
	th := opts.Theme.OrDefault()
	title := lang.Label("form.title." + string(f))
	footer := title
	var fill *filler
	if opts.Fillable {
		// The page is the blank form's; the answers go into the fields.
		fill, a = &filler{values: a}, nil
	}
	if a != nil && a.Organisation.Name != "" {
		// Cleaned here, so that a character the font cannot draw is
		// reported once, where the organisation block shows the name,
		// rather than once more for every page's footer.
		name, _ := pdf.Clean(a.Organisation.Name, pdf.Regular)
		footer = title + " · " + name
	}
	d, err := pdf.New(
		pdf.WithTheme(th),
		pdf.WithTitle(title),
		pdf.WithSubject(lang.Title),
		pdf.WithLanguage(lang.Code),
		pdf.WithDate(opts.Date),
		pdf.WithFooter(footer),
		pdf.WithPageLabel(pdf.PageLabel(lang.Label("page.footer"))),
		// a reader hears which boxes of a filled form are ticked
		pdf.WithTickWords(tickWords(lang, a != nil && fill == nil)),
	)
	if err != nil {
		return nil, fmt.Errorf("rendering form: %w", err)
	}
	edition := opts.Edition
	switch edition {
	case "", "all", content.Both:
		edition = ""
	case f:
		if f == content.Registration {
			edition = "" // no guidance in the booklet, no edition of it
		}
	default:
		return nil, fmt.Errorf("rendering form %s: page references for the guidebook's %s edition; allowed: all, %s", f, edition, f)
	}
	var guidePages map[string]int
	if f != content.Registration {
		// the registration's questions have no guidance in the booklet
		guidePages, err = guide.EditionPages(lang, th, edition)
		if err != nil {
			return nil, fmt.Errorf("rendering form: %w", err)
		}
	}
	r := &renderer{d: d, th: th, lang: lang, form: f, a: a, guidePages: guidePages, edition: edition, fill: fill,
		heights: map[*content.Checkpoint]float64{}, heads: map[*content.Checkpoint]float64{}, whole: map[*content.Checkpoint]bool{}}
	r.render()
	out, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("rendering form %s (%s): %w", f, lang.Code, err)
	}
	return &Result{Data: out, Pages: d.Page(), Warnings: d.Warnings()}, nil
}

// renderer holds what one rendering needs; it lives for one call of Render.
type renderer struct {
	d    *pdf.Doc
	th   pdf.Theme
	lang *content.Language
	form content.Audience
	a    *answers.File // nil for a blank form
	fill *filler       // the fields of a fillable form; nil for none
	// heights caches the height of each checkpoint's block without
	// write-in lines, heads the height of its head and options.
	heights, heads map[*content.Checkpoint]float64
	// guidePages is the page of the booklet each checkpoint's guidance
	// starts on, by checkpoint id.
	guidePages map[string]int
	// edition is the guidebook edition guidePages are of: "" the whole
	// booklet, else the form's own audience.
	edition content.Audience
	// whole records, per checkpoint with a table, whether it was decided to
	// start it only on a page with room for all of it (see minHeight): the
	// decision is taken once, before its step's band.
	whole map[*content.Checkpoint]bool
}

// label returns the content label key, with placeholders filled from kv.
func (r *renderer) label(key string, kv ...string) string { return r.lang.Format(key, kv...) }

// registration reports whether the form is the organisation directory's
// registration form: one band of questions without statuses, no workshop,
// plans, timeline or notes page.
func (r *renderer) registration() bool { return r.form == content.Registration }

// filled reports whether the form is filled in from answers.
func (r *renderer) filled() bool { return r.a != nil }

// answer returns the answer to checkpoint id (not started in a blank form).
func (r *renderer) answer(id string) answers.Checkpoint {
	if r.a == nil {
		return answers.Checkpoint{}
	}
	return r.a.Checkpoint(id)
}

// render lays out the whole form.
func (r *renderer) render() {
	r.d.SetPlace("form")
	r.header()
	r.fields()
	r.instructions()
	if r.filled() && !r.registration() {
		r.progress()
	}
	items := r.items()
	for i, it := range items {
		if it.first {
			if i > 0 {
				r.d.Space(r.checkpointGap())
			}
			r.band(it)
		} else {
			r.d.Space(r.checkpointGap())
		}
		var next *item
		if i+1 < len(items) {
			next = &items[i+1]
		}
		r.checkpoint(it.cp, next)
	}
	if r.registration() {
		r.funding()
		r.markerField()
		return
	}
	if r.filled() {
		// the plans' timeline after the last step, whose plans it charts,
		// so that page 1 starts step 1
		r.d.SetPlace("timeline")
		r.d.Space(r.checkpointGap())
		chart.FormSummary(r.d, r.lang, r.form, r.a)
	}
	r.notes()
	r.markerField()
}

// item is a checkpoint of the form in document order.
type item struct {
	step *content.Step
	cp   *content.Checkpoint
	// first is set on the first checkpoint of its step.
	first bool
}

// items returns the form's checkpoints in document order.
func (r *renderer) items() []item {
	var out []item
	if r.registration() {
		// one band, titled as the content titles the registration
		st := &content.Step{Number: 1, Title: r.lang.Registration.Title}
		for i, cp := range r.lang.Checkpoints(content.Registration) {
			out = append(out, item{step: st, cp: cp, first: i == 0})
		}
		return out
	}
	for si := range r.lang.Steps {
		st := &r.lang.Steps[si]
		first := true
		for ci := range st.Checkpoints {
			if cp := &st.Checkpoints[ci]; cp.Audience.Includes(r.form) {
				out = append(out, item{step: st, cp: cp, first: first})
				first = false
			}
		}
	}
	return out
}

// tickWords returns what a reader hears for the tick boxes and status
// circles of a filled form: the ticked and chosen ones are said, the others
// (and every box of a blank or fillable form, whose fields say their state)
// are decorations.
func tickWords(lang *content.Language, filled bool) pdf.TickWords {
	if !filled {
		return pdf.TickWords{}
	}
	return pdf.TickWords{Ticked: lang.Label("form.spoken.ticked"), Chosen: lang.Label("form.spoken.chosen")}
}

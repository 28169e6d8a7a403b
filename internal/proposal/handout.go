package proposal

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// Options are the settings of a rendering.
type Options struct {
	// Theme is the look of the document, paper size included; the zero
	// Theme means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF; the zero Date means
	// the pdf package's fixed default, never the clock.
	Date time.Time
}

// HandoutPages is the most pages the handout takes.
const HandoutPages = 2

// prepare checks what every form of the proposal is made from, and
// returns the theme to make it in (the built-in one for the zero Theme).
// what names the document in a message.
func prepare(lang *content.Language, a *answers.File, opts Options, what string) (pdf.Theme, error) {
	if lang == nil {
		return pdf.Theme{}, fmt.Errorf("making the %s: no content language", what)
	}
	if a == nil {
		return pdf.Theme{}, errors.New("making the proposal: it is written from an answers file; give one")
	}
	return opts.Theme.OrDefault(), nil
}

// Handout lays out the proposal of answers a (validated, for either form)
// as a handout of at most HandoutPages pages in language lang. The answers
// are shortened, sentence by sentence from the end of the longest, until
// the handout fits. Handout keeps no state between calls and may be called
// from many goroutines at once.
func Handout(lang *content.Language, a *answers.File, opts Options) (*document.Result, error) {
	th, err := prepare(lang, a, opts, "proposal")
	if err != nil {
		return nil, err
	}
	s := NewStory(lang, a)
	h := &handout{s: s, th: th, opts: opts}
	keep := make([]int, len(s.Sections))
	for i, sec := range s.Sections {
		keep[i] = sec.Sentences()
	}
	// Shorten on an endless page first (cheap), then draw, and shorten
	// further while the pages' breaks still push it over.
	scratch, err := h.newDoc()
	if err != nil {
		return nil, err
	}
	slack := 0.0
	for try := 0; ; try++ {
		h.fit(scratch, keep, HandoutPages*scratch.PageHeight()-slack)
		d, err := h.newDoc()
		if err != nil {
			return nil, err
		}
		h.draw(d, keep)
		if d.Page() <= HandoutPages || try == 8 || !h.canShorten(keep) {
			out, err := d.Bytes()
			if err != nil {
				return nil, fmt.Errorf("making the proposal (%s): %w", lang.Code, err)
			}
			return &document.Result{Data: out, Pages: d.Page(), Warnings: d.Warnings()}, nil
		}
		slack += d.LineHeight(th.Type.Body) * 3
	}
}

// handout lays out one proposal as a handout.
type handout struct {
	s    *Story
	th   pdf.Theme
	opts Options
}

func (h *handout) newDoc() (*pdf.Doc, error) {
	title := h.s.Title()
	footer := title
	if h.s.Org != "" {
		name, _ := pdf.Clean(h.s.Org, pdf.Regular)
		footer += " · " + name
	}
	d, err := pdf.New(
		pdf.WithTheme(h.th),
		pdf.WithTitle(title),
		pdf.WithSubject(h.s.Org),
		pdf.WithLanguage(h.s.Lang.Code),
		pdf.WithDate(h.opts.Date),
		pdf.WithFooter(footer),
		pdf.WithPageLabel(pdf.PageLabel(h.s.Label("page.footer"))),
	)
	if err != nil {
		return nil, fmt.Errorf("making the proposal: %w", err)
	}
	return d, nil
}

// canShorten reports whether a section has a sentence to drop.
func (h *handout) canShorten(keep []int) bool {
	for _, k := range keep {
		if k > 1 {
			return true
		}
	}
	return false
}

// fit shortens the sections (keep: the sentences each keeps) until the
// whole handout, measured on an endless page, is at most height tall: the
// tallest section that can lose a sentence loses as many of its last ones
// as it takes, or all but its first.
func (h *handout) fit(d *pdf.Doc, keep []int, height float64) {
	heights := make([]float64, len(keep))
	for i := range keep {
		heights[i] = d.Measure(func() { h.section(d, i, keep[i]) })
	}
	rest := d.Measure(func() { h.header(d); h.steps(d); h.contact(d) })
	for {
		total := rest
		for _, x := range heights {
			total += x
		}
		over := total - height
		if over <= 0 {
			return
		}
		tallest := -1
		for i, x := range heights {
			if keep[i] > 1 && (tallest < 0 || x > heights[tallest]) {
				tallest = i
			}
		}
		if tallest < 0 {
			return
		}
		// the most sentences that bring the section down by over
		i := tallest
		target := heights[i] - over
		lo, hi := 1, keep[i]-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if d.Measure(func() { h.section(d, i, mid) }) <= target {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		keep[i] = lo
		heights[i] = d.Measure(func() { h.section(d, i, lo) })
	}
}

// draw lays out the whole handout, section i with its first keep[i]
// sentences.
func (h *handout) draw(d *pdf.Doc, keep []int) {
	d.SetPlace("proposal")
	h.header(d)
	for i := range h.s.Sections {
		h.section(d, i, keep[i])
	}
	h.steps(d)
	h.contact(d)
}

// header draws the top of the first page: "Partnership proposal", the
// organisation's name, the partner and the date.
func (h *handout) header(d *pdf.Doc) {
	s, th := h.s, h.th
	muted := th.Colors.Muted
	d.SetPlace("organisation")
	title := s.Org
	if title != "" {
		d.Badges(pdf.Badge{Text: s.Title(), Color: th.Colors.Accent})
		d.Space(1)
	} else {
		title = s.Title()
	}
	d.Heading(pdf.Heading{Level: 0, Text: title, Outline: true, Keep: 1})
	var runs []pdf.Run
	if s.Partner != "" {
		runs = append(runs, pdf.Run{Text: s.Label("field.partner") + ": ", Style: pdf.Bold}, pdf.Run{Text: s.Partner})
	}
	if s.Date != "" {
		if runs != nil {
			runs = append(runs, pdf.Run{Text: "   ·   "})
		}
		runs = append(runs, pdf.Run{Text: s.Label("field.date") + ": ", Style: pdf.Bold}, pdf.Run{Text: s.Date})
	}
	if runs != nil {
		d.Text(pdf.ParaStyle{Size: th.Type.H3, Color: &muted, SpaceAfter: 1}, runs...)
	}
	d.Rule()
	d.Space(1)
}

// section draws section i with its first keep sentences, and where it was
// shortened, where the full text is.
func (h *handout) section(d *pdf.Doc, i, keep int) {
	s, th := h.s, h.th
	sec := s.Sections[i]
	d.SetPlace("checkpoint " + sec.ID)
	d.Heading(pdf.Heading{Level: 2, Text: sec.Heading, Outline: true, Keep: 2 * d.LineHeight(th.Type.Body)})
	paras := sec.First(keep)
	for j, p := range paras {
		ps := pdf.ParaStyle{}
		if j == len(paras)-1 {
			ps.SpaceAfter = 1
		}
		d.Text(ps, pdf.Run{Text: joinSentences(p)})
	}
	if keep < sec.Sentences() {
		muted := th.Colors.Muted
		d.Text(pdf.ParaStyle{Size: th.Type.Small, Color: &muted, Style: pdf.Italic, SpaceAfter: 1},
			pdf.Run{Text: s.Label("proposal.more", "number", sec.Number)})
	}
	d.Space(1.5)
}

// steps draws the first rows of the action plan: deadline, activity,
// responsible.
func (h *handout) steps(d *pdf.Doc) {
	s := h.s
	if len(s.Steps) == 0 {
		return
	}
	d.SetPlace("action plan")
	plan := roadmap.ActionPlan
	rows := make([][]string, len(s.Steps))
	for i, st := range s.Steps {
		rows[i] = []string{st.Date, st.Activity, st.Responsible}
	}
	t := pdf.Table{Zebra: true, Columns: []pdf.Column{
		{Label: plan.Label(s.Lang, "deadline"), Width: 1.1},
		{Label: plan.Label(s.Lang, "activity"), Width: 3},
		{Label: plan.Label(s.Lang, "responsible"), Width: 2},
	}}
	// the few rows stay on one page with their heading
	d.Heading(pdf.Heading{Level: 2, Text: s.Label("proposal.heading.steps"), Outline: true,
		Keep: d.Measure(func() { d.Table(t, rows) })})
	d.Table(t, rows)
	d.Space(1.5)
}

// contact draws whom to contact: the organisation and its contact, on a
// shaded panel kept on one page.
func (h *handout) contact(d *pdf.Doc) {
	s, th := h.s, h.th
	if s.Org == "" && s.Contact == "" {
		return
	}
	d.SetPlace("organisation")
	shade := th.Colors.Shade
	bar := th.Colors.Accent
	box := func() {
		d.Box(pdf.Box{Background: &shade, Bar: &bar}, func() {
			if s.Org != "" {
				d.Text(pdf.ParaStyle{Style: pdf.Bold, SpaceAfter: 0.8}, pdf.Run{Text: s.Org})
			}
			if s.Contact != "" {
				d.Text(pdf.ParaStyle{SpaceAfter: -1}, pdf.Run{Text: s.Contact})
			}
		})
	}
	d.Heading(pdf.Heading{Level: 2, Text: s.Label("proposal.heading.contact"), Outline: true, Keep: d.Measure(box)})
	box()
}

// joinSentences joins the sentences of a paragraph.
func joinSentences(p []string) string {
	out := ""
	for i, x := range p {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

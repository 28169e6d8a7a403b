package proposal

import (
	"fmt"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// SlideBody is the type size of the slides' text, in pt: large enough to
// read from the back of a meeting room.
const SlideBody = 24

// SlideTheme returns theme t made for 16:9 slides: its colours, with
// larger type, margins and spacing.
func SlideTheme(t pdf.Theme) pdf.Theme {
	t.Margins = pdf.Margins{Top: 16, Right: 22, Bottom: 20, Left: 22}
	t.Type = pdf.TypeScale{Title: 44, H1: 34, H2: 30, H3: 26, Body: SlideBody, Small: 12}
	t.LineHeight = 1.3
	t.Spacing.Paragraph = 4
	t.Styles.Headings.Title = pdf.HeadingStyle{Leading: 1.1, After: 6}
	t.Styles.Headings.H1 = pdf.HeadingStyle{Leading: 1.15, After: 8}
	t.Styles.Cell.PadX, t.Styles.Cell.PadY = 3.5, 2.5
	t.Styles.Box.Padding = 7
	t.Styles.Box.Bar = 2.5
	t.Styles.Badge.PadX, t.Styles.Badge.PadY = 3, 1.6
	return t
}

// Slides lays out the proposal of answers a (validated) as a 16:9 slide
// deck in language lang: a title slide, one slide per answered part with
// as many of its first sentences as fit in large type, the first steps and
// the contact; the organisation's name is in every slide's footer.
func Slides(lang *content.Language, a *answers.File, opts Options) (*document.Result, error) {
	th, err := prepare(lang, a, opts, "proposal's slides")
	if err != nil {
		return nil, err
	}
	th = SlideTheme(th)
	s := NewStory(lang, a)
	title := s.Title()
	footer := title
	if s.Org != "" {
		name, _ := pdf.Clean(s.Org, pdf.Regular)
		footer = name + " · " + title
	}
	d, err := pdf.New(
		pdf.WithTheme(th),
		pdf.WithPageSize(pdf.SlideWidth, pdf.SlideHeight),
		pdf.WithTitle(title),
		pdf.WithSubject(s.Org),
		pdf.WithLanguage(lang.Code),
		pdf.WithDate(opts.Date),
		pdf.WithFooter(footer),
		pdf.WithPageLabel(pdf.PageLabel(lang.Label("page.footer"))),
	)
	if err != nil {
		return nil, fmt.Errorf("making the proposal's slides: %w", err)
	}
	sl := &slides{d: d, s: s, th: th}
	sl.title()
	for i := range s.Sections {
		sl.section(i)
	}
	sl.steps()
	sl.contact()
	out, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("making the proposal's slides (%s): %w", lang.Code, err)
	}
	return &document.Result{Data: out, Pages: d.Page(), Warnings: d.Warnings()}, nil
}

type slides struct {
	d  *pdf.Doc
	s  *Story
	th pdf.Theme
}

// page starts a slide with a thin accent band across its top.
func (sl *slides) page() {
	d := sl.d
	d.AddPage()
	w, _ := d.PageSize()
	d.FillRect(0, 0, w, 4, 0, sl.th.Colors.Accent)
	d.SetY(d.Top() + 2)
}

// title draws the title slide: "Partnership proposal", the organisation's
// name, the partner and the date, on a band of the accent colour.
func (sl *slides) title() {
	d, s, th := sl.d, sl.s, sl.th
	d.SetPlace("organisation")
	d.AddPage()
	w, h := d.PageSize()
	band := h * 0.58
	d.FillRect(0, 0, w, band, 0, th.Colors.Accent)
	white := pdf.White
	name := s.Org
	if name == "" {
		name = s.Title()
	}
	kicker := th.Colors.Accent.Mix(white, 0.75)
	nameStyle := pdf.ParaStyle{Size: th.Type.Title, Leading: 1.1, Style: pdf.Bold, Color: &white, SpaceAfter: -1}
	kickerStyle := pdf.ParaStyle{Size: th.Type.H3, Color: &kicker, SpaceAfter: 3}
	// the title's block stands on the band's lower edge
	hh := d.TextHeight(kickerStyle, pdf.Run{Text: s.Title()}) + d.TextHeight(nameStyle, pdf.Run{Text: name})
	d.SetY(max(d.Top(), band-10-hh))
	d.Text(kickerStyle, pdf.Run{Text: s.Title()})
	d.Bookmark(name, 0)
	d.Text(nameStyle, pdf.Run{Text: name})
	d.SetY(band + 10)
	muted := th.Colors.Muted
	if s.Partner != "" {
		d.Text(pdf.ParaStyle{Size: th.Type.Body, SpaceAfter: 2},
			pdf.Run{Text: s.Label("field.partner") + ": ", Style: pdf.Bold}, pdf.Run{Text: s.Partner})
	}
	if s.Date != "" {
		d.Text(pdf.ParaStyle{Size: th.Type.Body, Color: &muted}, pdf.Run{Text: s.Date})
	}
}

// heading draws a slide's heading and returns the height left below it.
func (sl *slides) heading(text string) float64 {
	d := sl.d
	d.Heading(pdf.Heading{Level: 1, Text: text, Color: &sl.th.Colors.Accent, Outline: true, Keep: 1})
	return d.Bottom() - d.Y()
}

// section draws the slide of section i: its heading and the first of its
// sentences, one to a bullet, as many as fit.
func (sl *slides) section(i int) {
	d, s := sl.d, sl.s
	sec := s.Sections[i]
	d.SetPlace("checkpoint " + sec.ID)
	sl.page()
	room := sl.heading(sec.Heading)
	var all []string
	for _, p := range sec.Paragraphs {
		all = append(all, p...)
	}
	bullets := func(k int) {
		for _, x := range all[:k] {
			d.Text(pdf.ParaStyle{Indent: 10, Marker: "• ", MarkerColor: &sl.th.Colors.Accent, SpaceAfter: 3.5}, pdf.Run{Text: x})
		}
	}
	k := len(all)
	for k > 1 && d.Measure(func() { bullets(k) }) > room {
		k--
	}
	bullets(k)
}

// steps draws the first steps' slide: the action plan's first rows, as
// many as fit.
func (sl *slides) steps() {
	d, s := sl.d, sl.s
	if len(s.Steps) == 0 {
		return
	}
	d.SetPlace("action plan")
	sl.page()
	room := sl.heading(s.Label("proposal.heading.steps"))
	plan := roadmap.ActionPlan
	t := pdf.Table{Zebra: true, Columns: []pdf.Column{
		{Label: plan.Label(s.Lang, "deadline"), Width: 1.3},
		{Label: plan.Label(s.Lang, "activity"), Width: 3},
		{Label: plan.Label(s.Lang, "responsible"), Width: 2},
	}}
	rows := make([][]string, len(s.Steps))
	for i, st := range s.Steps {
		rows[i] = []string{st.Date, st.Activity, st.Responsible}
	}
	for len(rows) > 1 && d.Measure(func() { d.Table(t, rows) }) > room {
		rows = rows[:len(rows)-1]
	}
	d.Table(t, rows)
}

// contact draws the last slide: whom to contact.
func (sl *slides) contact() {
	d, s, th := sl.d, sl.s, sl.th
	if s.Org == "" && s.Contact == "" {
		return
	}
	d.SetPlace("organisation")
	sl.page()
	sl.heading(s.Label("proposal.heading.contact"))
	shade := th.Colors.Shade
	bar := th.Colors.Accent
	d.Box(pdf.Box{Background: &shade, Bar: &bar}, func() {
		if s.Org != "" {
			d.Text(pdf.ParaStyle{Size: th.Type.H3, Style: pdf.Bold, SpaceAfter: 2}, pdf.Run{Text: s.Org})
		}
		if s.Contact != "" {
			d.Text(pdf.ParaStyle{SpaceAfter: -1}, pdf.Run{Text: s.Contact})
		}
	})
}

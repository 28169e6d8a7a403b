package proposal

import (
	"fmt"
	"strings"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/docx"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// DOCX writes the proposal of answers a (validated) as an editable Word
// document in language lang: the handout's parts as real headings
// (Heading 1), each answer whole (nothing shortened: the reader edits it
// down), the options the organisation ticked as a bullet list, the first
// steps as a table and the contact, every block in a named style.
func DOCX(lang *content.Language, a *answers.File, opts Options) (*document.Result, error) {
	th, err := prepare(lang, a, opts, "proposal's document")
	if err != nil {
		return nil, err
	}
	s := NewStory(lang, a)
	hex := func(c pdf.Color) string { return strings.TrimPrefix(c.String(), "#") }
	d := docx.New(docx.Options{
		Title: s.Title(), Subject: s.Org, Language: lang.Code, Date: opts.Date, Letter: th.Paper == pdf.Letter,
		Accent: hex(th.Colors.Accent), Text: hex(th.Colors.Text), Muted: hex(th.Colors.Muted),
		Rule: hex(th.Colors.Rule), Head: hex(th.Colors.TableHead),
	})
	if s.Org != "" {
		d.Title(s.Org)
		d.Subtitle(docx.Run{Text: s.Title()})
	} else {
		d.Title(s.Title())
	}
	var meta []docx.Run
	if s.Partner != "" {
		meta = append(meta, docx.Run{Text: s.Label("field.partner") + ": ", Bold: true}, docx.Run{Text: s.Partner})
	}
	if s.Date != "" {
		if meta != nil {
			meta = append(meta, docx.Run{Text: "\n"})
		}
		meta = append(meta, docx.Run{Text: s.Label("field.date") + ": ", Bold: true}, docx.Run{Text: s.Date})
	}
	if meta != nil {
		d.Paragraph(meta...)
	}
	for _, sec := range s.Sections {
		d.Heading(1, sec.Heading)
		for _, p := range sec.Paragraphs {
			d.Paragraph(docx.Run{Text: joinSentences(p)})
		}
		for _, o := range sec.Options {
			d.Bullet(docx.Run{Text: o})
		}
	}
	if len(s.Steps) > 0 {
		plan := roadmap.ActionPlan
		d.Heading(1, s.Label("proposal.heading.steps"))
		rows := make([][]string, len(s.Steps))
		for i, st := range s.Steps {
			rows[i] = []string{st.Date, st.Activity, st.Responsible}
		}
		d.Table([]string{plan.Label(lang, "deadline"), plan.Label(lang, "activity"), plan.Label(lang, "responsible")},
			rows, []float64{1.1, 3, 2})
	}
	if s.Org != "" || s.Contact != "" {
		d.Heading(1, s.Label("proposal.heading.contact"))
		if s.Org != "" {
			d.Paragraph(docx.Run{Text: s.Org, Bold: true})
		}
		if s.Contact != "" {
			d.Paragraph(docx.Run{Text: s.Contact})
		}
	}
	data, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("making the proposal's document (%s): %w", lang.Code, err)
	}
	return &document.Result{Data: data}, nil
}

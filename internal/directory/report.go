package directory

import (
	"fmt"
	"strconv"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// PDFOptions are the settings of PDF.
type PDFOptions struct {
	// Theme is the look of the directory, paper size included; the zero
	// Theme means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF (never the clock).
	Date time.Time
}

// PDF writes the directory as a printable PDF: its title and count, an
// index of the organisations in alphabetical order with the page each is
// on (clickable), then the organisations grouped by field of work (the
// first each ticked; those naming none last), each with its contact
// details, target groups, area, programmes and services and offer of
// cooperation. The footer of every page says that it holds personal data.
func (d *Directory) PDF(o PDFOptions) ([]byte, error) {
	th := o.Theme.OrDefault()
	l := d.Lang
	title := l.Label("directory.title")
	doc, err := pdf.New(
		pdf.WithTheme(th),
		pdf.WithTitle(title),
		pdf.WithSubject(l.Title),
		pdf.WithLanguage(l.Code),
		pdf.WithDate(o.Date),
		pdf.WithFooter(l.Label("directory.personal")),
		pdf.WithPageLabel(pdf.PageLabel(l.Label("page.footer"))),
	)
	if err != nil {
		return nil, fmt.Errorf("making the directory: %w", err)
	}
	r := &report{d: d, doc: doc, th: th, links: map[*Entry]pdf.Link{}}
	for _, e := range d.Entries {
		r.links[e] = doc.NewLink()
	}
	r.cover()
	doc.SetHeader(title)
	for _, g := range d.Groups() {
		r.group(g)
	}
	out, err := doc.Bytes()
	if err != nil {
		return nil, fmt.Errorf("making the directory: %w", err)
	}
	return out, nil
}

type report struct {
	d     *Directory
	doc   *pdf.Doc
	th    pdf.Theme
	links map[*Entry]pdf.Link
}

// cover draws the title, the count, the note on personal data and the
// index.
func (r *report) cover() {
	doc, th, l := r.doc, r.th, r.d.Lang
	muted := th.Colors.Muted
	doc.SetPlace("cover")
	doc.Heading(pdf.Heading{Level: 0, Text: l.Label("directory.title"), Outline: true})
	doc.Text(pdf.ParaStyle{Size: th.Type.H3, Color: &muted, SpaceAfter: 1.6},
		pdf.Run{Text: l.Format("directory.count", "n", strconv.Itoa(len(r.d.Entries)))})
	doc.Text(pdf.ParaStyle{Size: th.Type.Small + 1, Color: &muted, SpaceAfter: 4},
		pdf.Run{Text: l.Label("directory.personal")})
	doc.Heading(pdf.Heading{Level: 1, Text: l.Label("directory.index"), Outline: true})
	for _, e := range r.d.Entries {
		doc.TOCEntry(e.Name, 1, r.links[e])
	}
}

// group draws the entries of one field of work under its heading, the
// first group on a new page.
func (r *report) group(g Group) {
	doc := r.doc
	doc.SetPlace("field " + g.Field)
	if !doc.AtTop() && g.Entries[0] == r.first() {
		doc.AddPage()
	}
	doc.Heading(pdf.Heading{Level: 1, Text: g.Title, Outline: true, Keep: r.height(g.Entries[0])})
	for _, e := range g.Entries {
		r.entry(e)
	}
}

// first returns the first entry of the first group.
func (r *report) first() *Entry {
	if gs := r.d.Groups(); len(gs) > 0 {
		return gs[0].Entries[0]
	}
	return nil
}

// height returns the height of entry e's block, at most a page's.
func (r *report) height(e *Entry) float64 {
	h := r.doc.Measure(func() { r.block(e) })
	return min(h, r.doc.PageHeight()*0.8)
}

// entry draws entry e, kept on one page when it fits on one.
func (r *report) entry(e *Entry) {
	doc := r.doc
	doc.SetPlace("entry " + e.Name)
	doc.EnsureSpace(r.height(e))
	doc.Anchor(r.links[e])
	doc.Bookmark(e.Name, 2)
	r.block(e)
}

// block draws entry e: its name, then a line per part it has, the label in
// bold.
func (r *report) block(e *Entry) {
	doc, th, l := r.doc, r.th, r.d.Lang
	doc.Heading(pdf.Heading{Level: 3, Text: e.Name, Keep: 1})
	line := func(key, value, url string) {
		if value == "" {
			return
		}
		run := pdf.Run{Text: value, URL: url}
		doc.Text(pdf.ParaStyle{SpaceAfter: 0.6}, pdf.Run{Text: l.Label(key) + ": ", Style: pdf.Bold}, run)
	}
	line("directory.col.contact", e.Contact, "")
	line("directory.col.email", e.Email, mailto(e.Email))
	line("directory.col.phone", e.Phone, "")
	line("directory.col.website", e.Website, web(e.Website))
	line("directory.col.field", oneLine(r.d.FieldsText(e)), "")
	line("directory.col.target", e.TargetGroups, "")
	line("directory.col.area", e.Area, "")
	line("directory.col.programmes", e.Programmes, "")
	line("directory.col.cooperation", oneLine(r.d.CooperationText(e)), "")
	doc.Space(th.Spacing.Paragraph)
	doc.Line(doc.Left(), doc.Y(), doc.Right(), doc.Y(), th.Colors.Rule, 0.3)
	doc.Space(th.Spacing.Paragraph)
}

// oneLine joins the lines of s with ". " where the first has no stop.
func oneLine(s string) string {
	out := ""
	for i, part := range splitLines(s) {
		if i > 0 {
			if last := out[len(out)-1]; last != '.' && last != '!' && last != '?' && last != ':' {
				out += "."
			}
			out += " "
		}
		out += part
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

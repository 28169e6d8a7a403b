// Package guide lays out the guideline booklet: the roadmap's manual, with
// every checkpoint's full guidance, set to be read and printed. It makes a
// cover, a table of contents with page numbers and links, the introduction
// and the legend of the form markers, a chapter per step (a step band, then
// per checkpoint its audience badges, guidance, option list, closing text,
// partner examples in shaded boxes, links and the action-plan table), and
// "about the project" with the EU disclaimer; with a PDF outline, a running
// header naming the step, and "page X / Y" footers.
//
// It knows no command line: Render takes the content of one language and
// returns the PDF's bytes. Render keeps no state between calls and may run
// concurrently.
package guide

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/markdown"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/plantable"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// Options are the choices of one booklet.
type Options struct {
	// Audience leaves out the checkpoints of the other form: municipality
	// or community. "" or "all" keeps every checkpoint.
	Audience content.Audience
	// Theme is the look; the zero value means pdf.DefaultTheme().
	Theme pdf.Theme
	// Date is the creation date written into the PDF; the zero value means
	// the PDF layer's fixed date.
	Date time.Time
	// Org, when set, is printed on the cover as the organisation the
	// booklet was prepared for.
	Org string
}

// Result is a finished booklet: its PDF in Data, its page count and warnings.
type Result = document.Result

// The Markdown renderers: body text under checkpoint headings, and text
// inside boxes, whose padding gives the space after the last block.
// They are made on first use, not at start-up.
var (
	bodyMD = sync.OnceValue(func() *markdown.Renderer { return markdown.New(markdown.WithHeadingLevel(3)) })
	boxMD  = sync.OnceValue(func() *markdown.Renderer {
		return markdown.New(markdown.WithHeadingLevel(3), markdown.WithEndSpace(0))
	})
)

// Render lays out the booklet of lang.
func Render(lang *content.Language, opts Options) (*Result, error) {
	if lang == nil {
		return nil, fmt.Errorf("guide: no content")
	}
	aud := opts.Audience
	switch aud {
	case "", "all":
		aud = "all"
	case content.Municipality, content.Community:
	default:
		return nil, fmt.Errorf("guide: unknown audience %q; allowed: all, municipality, community", opts.Audience)
	}
	th := opts.Theme.OrDefault()
	b, err := layout(lang, aud, strings.TrimSpace(opts.Org), th, renderOptions(lang, aud, th, opts.Date))
	if err != nil {
		return nil, err
	}
	out, err := b.d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("guide (%s): %w", lang.Code, err)
	}
	return &Result{Data: out, Pages: b.d.Page(), Warnings: b.d.Warnings()}, nil
}

// renderOptions are the options of the booklet of lang for aud in theme th.
func renderOptions(lang *content.Language, aud content.Audience, th pdf.Theme, date time.Time) []pdf.Option {
	footer := lang.Subtitle
	subject := lang.Subtitle
	if aud != "all" {
		footer += " · " + lang.Label("guide.edition."+string(aud))
		subject = footer
	}
	return []pdf.Option{
		pdf.WithTheme(measured(th)),
		pdf.WithTitle(lang.Title),
		pdf.WithSubject(subject),
		pdf.WithLanguage(lang.Code),
		pdf.WithDate(date),
		pdf.WithFooter(footer),
		pdf.WithPageLabel(pdf.PageLabel(lang.Label("page.footer"))),
		pdf.WithPageRef(lang.Label("guide.contents.page")),
	}
}

// layout lays the booklet out (unfinished: no page frames yet). For the
// built-in content the tightness of each chapter is known (builtin.go) and
// the booklet is laid out once; otherwise search finds it.
func layout(lang *content.Language, aud content.Audience, org string, th pdf.Theme, newOpts []pdf.Option) (*booklet, error) {
	if l := builtinLayout(lang, th); l != nil {
		return draw(lang, aud, org, l.tightOf(aud), newOpts)
	}
	b, _, err := search(lang, aud, org, newOpts)
	return b, err
}

// draw lays the booklet out once, with chapter tightness tight (by step
// number; nil sets every chapter at the normal setting).
func draw(lang *content.Language, aud content.Audience, org string, tight map[int]int, newOpts []pdf.Option) (*booklet, error) {
	d, err := pdf.New(newOpts...)
	if err != nil {
		return nil, fmt.Errorf("guide (%s): %w", lang.Code, err)
	}
	b := &booklet{d: d, th: d.Theme(), lang: lang, aud: aud, org: org, tight: tight, pages: map[string]int{}}
	b.draw()
	if b.err != nil {
		return nil, fmt.Errorf("guide (%s): %w", lang.Code, b.err)
	}
	return b, nil
}

// search lays the booklet out as many times as it takes to choose each
// chapter's tightness, and returns the last layout and the tightness
// chosen. Each chapter starts on a new page, so a chapter's tightness
// depends on the chapter alone (not on the cover's organisation).
func search(lang *content.Language, aud content.Audience, org string, newOpts []pdf.Option) (*booklet, map[int]int, error) {
	b, err := draw(lang, aud, org, nil, newOpts)
	if err != nil {
		return nil, nil, err
	}
	// A chapter whose last page holds only a few lines is set again a
	// little tighter, and once more tighter still if that is not enough,
	// so that it ends a page earlier.
	tight := map[int]int{}
	loose := map[int]int{} // pages of each chapter at the normal setting
	for _, sp := range b.steps {
		loose[sp.step.Number] = sp.lastPage - sp.firstPage
	}
	for range len(tightness) - 1 {
		again := false
		for _, sp := range b.steps {
			n := sp.step.Number
			if sp.lastPage > sp.firstPage && sp.lastUsed < spillLimit && tight[n] < len(tightness)-1 {
				tight[n]++
				again = true
			}
		}
		if !again {
			break
		}
		if b, err = draw(lang, aud, org, tight, newOpts); err != nil {
			return nil, nil, err
		}
	}
	// A chapter that the tightest setting did not make a page shorter is
	// set at the normal setting again: cramped paragraphs that save no page
	// only make it harder to read.
	reverted := false
	for _, sp := range b.steps {
		if n := sp.step.Number; tight[n] > 0 && sp.lastPage-sp.firstPage >= loose[n] {
			tight[n] = 0
			reverted = true
		}
	}
	if reverted {
		if b, err = draw(lang, aud, org, tight, newOpts); err != nil {
			return nil, nil, err
		}
	}
	return b, tight, nil
}

// pageCache holds the checkpoint pages of the booklets laid out for Pages.
var pageCache sync.Map // pageKey → map[string]int

type pageKey struct {
	lang  *content.Language
	theme string
	aud   content.Audience
}

// Pages returns, by checkpoint id, the page of the whole booklet (every
// audience, as `roadmap pack` makes it) of lang in theme th on which each
// checkpoint's guidance starts, for the forms to point to. For the
// built-in content they are known (builtin.go); otherwise the booklet is
// laid out once per language and theme in a process: the layout is
// deterministic, so the pages are the printed booklet's.
func Pages(lang *content.Language, th pdf.Theme) (map[string]int, error) {
	return EditionPages(lang, th, content.Both)
}

// EditionPages is Pages for the booklet's edition for audience aud
// (`roadmap guide --audience aud`, which leaves out the checkpoints of the
// other form); content.Both, "" or "all" is the whole booklet.
func EditionPages(lang *content.Language, th pdf.Theme, aud content.Audience) (map[string]int, error) {
	if lang == nil {
		return nil, fmt.Errorf("guide: no content")
	}
	th = th.OrDefault()
	if aud == "" || aud == content.Both {
		aud = "all"
	}
	if aud == "all" {
		if l := builtinLayout(lang, th); l != nil {
			return l.pageMap(), nil
		}
	}
	key := pageKey{lang, themeKey(th), aud}
	if p, ok := pageCache.Load(key); ok {
		return p.(map[string]int), nil
	}
	if aud != "all" {
		// laid out as `roadmap guide --audience` lays it out
		b, err := layout(lang, aud, "", th, renderOptions(lang, aud, th, time.Time{}))
		if err != nil {
			return nil, err
		}
		pageCache.Store(key, b.pages)
		return b.pages, nil
	}
	b, _, err := search(lang, aud, "", pagesOptions(lang, th))
	if err != nil {
		return nil, err
	}
	pageCache.Store(key, b.pages)
	return b.pages, nil
}

// pagesOptions are the options of the booklet laid out for its pages.
func pagesOptions(lang *content.Language, th pdf.Theme) []pdf.Option {
	return []pdf.Option{pdf.WithTheme(measured(th)), pdf.WithTitle(lang.Title), pdf.WithFooter(lang.Subtitle)}
}

// measured returns theme th with the margins of the booklet's pages: a
// text block about 70 characters of body type wide (12 mm a point of type:
// 120 mm at 10 pt), where 45 to 75 read comfortably, a little left of the
// page's middle; the margins are never narrower than the theme's.
func measured(th pdf.Theme) pdf.Theme {
	pw := 210.0
	if th.Paper == pdf.Letter {
		pw = 215.9
	}
	w := th.Type.Body * 12
	m := &th.Margins
	m.Left = max(m.Left, (pw-w)/2-10)
	m.Right = max(m.Right, pw-m.Left-w)
	return th
}

// spillLimit is the share of its last page a chapter must use not to be
// set tighter.
const spillLimit = 0.4

// tightness is, per level of tightness, how much the paragraph spacing and
// the line height of the body text of a chapter are scaled.
var tightness = []struct{ spacing, leading float64 }{{1, 1}, {0.6, 0.96}, {0.45, 0.93}, {0.35, 0.9}}

// draw lays out the whole booklet.
func (b *booklet) draw() {
	b.plan()
	b.cover()
	b.contents()
	b.introduction()
	for i := range b.steps {
		b.step(&b.steps[i])
	}
	b.about()
}

// body returns the paragraph style of body text in the chapter being drawn.
func (b *booklet) body() pdf.ParaStyle {
	t := b.tight[b.cur]
	if t == 0 {
		return pdf.ParaStyle{}
	}
	f := tightness[t]
	return pdf.ParaStyle{SpaceAfter: b.th.Spacing.Paragraph * f.spacing, Leading: b.th.LineHeight * f.leading}
}

// booklet is the state of one Render call.
type booklet struct {
	d    *pdf.Doc
	th   pdf.Theme
	lang *content.Language
	aud  content.Audience
	org  string

	// destinations of the table of contents
	intro    pdf.Link
	foreword pdf.Link
	sections []pdf.Link
	markers  pdf.Link
	steps    []stepPlan
	aboutL   pdf.Link

	// pages, when not nil, records the page each checkpoint starts on.
	pages map[string]int

	// tight holds the steps whose chapters are set tighter; cur is the
	// step being drawn.
	tight map[int]int
	cur   int

	err error
}

// stepPlan is a step with the checkpoints the booklet shows and their
// destinations.
type stepPlan struct {
	step  *content.Step
	link  pdf.Link
	cps   []*content.Checkpoint
	links []pdf.Link
	// where the chapter starts and ends, and how much of its last page
	// it uses
	firstPage, lastPage int
	lastUsed            float64
}

// plan chooses the checkpoints and makes a link destination for every entry
// of the table of contents, to be anchored where each entry starts.
func (b *booklet) plan() {
	d := b.d
	b.foreword = d.NewLink()
	b.intro = d.NewLink()
	for range b.lang.Introduction.Sections {
		b.sections = append(b.sections, d.NewLink())
	}
	b.markers = d.NewLink()
	for si := range b.lang.Steps {
		st := &b.lang.Steps[si]
		sp := stepPlan{step: st}
		for ci := range st.Checkpoints {
			if cp := &st.Checkpoints[ci]; cp.Audience.Includes(b.aud) {
				sp.cps = append(sp.cps, cp)
				sp.links = append(sp.links, d.NewLink())
			}
		}
		if len(sp.cps) == 0 {
			continue
		}
		sp.link = d.NewLink()
		b.steps = append(b.steps, sp)
	}
	b.aboutL = d.NewLink()
}

// md draws Markdown text with renderer r, remembering the first error.
func (b *booklet) md(r *markdown.Renderer, text string, p pdf.ParaStyle) {
	if b.err != nil || strings.TrimSpace(text) == "" {
		return
	}
	if err := r.Render(b.d, []byte(text), p); err != nil {
		b.err = err
	}
}

func (b *booklet) stepHeading(n int, title string) string {
	return b.lang.Format("step.heading", "n", strconv.Itoa(n), "title", title)
}

// contents draws the table of contents. Its page numbers are filled in when
// the document is finished, from where each entry's destination was placed.
func (b *booklet) contents() {
	d, m := b.d, b.th.Margins
	d.AddPage()
	d.SetHeader(b.lang.Subtitle)
	// a list, not prose: set on the page's width, its margins even, so
	// that it keeps to one page
	d.Indent(0, m.Left-m.Right, b.contentsList)
}

// contentsList draws the entries of the table of contents.
func (b *booklet) contentsList() {
	d, l := b.d, b.lang
	d.Heading(pdf.Heading{Level: 1, Text: l.Label("guide.contents"), Outline: true})
	d.Space(2)
	d.Begin(pdf.Elem{Type: pdf.TagTOC})
	defer d.End()
	if strings.TrimSpace(l.Preface) != "" {
		d.TOCEntry(l.Label("guide.foreword"), 0, b.foreword)
	}
	d.TOCEntry(l.Introduction.Title, 0, b.intro)
	for i, s := range l.Introduction.Sections {
		if s.Title != "" {
			d.TOCEntry(s.Title, 1, b.sections[i])
		}
	}
	d.TOCEntry(l.Label("guide.markers.title"), 1, b.markers)
	for _, sp := range b.steps {
		d.TOCEntry(b.stepHeading(sp.step.Number, sp.step.Title), 0, sp.link)
		for i, cp := range sp.cps {
			d.TOCEntry(l.Number(cp)+" "+cp.Title, 1, sp.links[i])
		}
	}
	d.TOCEntry(l.About.Title, 0, b.aboutL)
}

// introduction draws the preface on a page of its own under the heading
// "Foreword", set large as the booklet's opening words, then the introduction's sections and the legend
// of the form markers.
func (b *booklet) introduction() {
	d, l, th := b.d, b.lang, b.th
	if strings.TrimSpace(l.Preface) != "" {
		d.AddPage()
		d.SetPlace("preface")
		bar := th.Colors.Accent
		p := pdf.ParaStyle{Size: th.Type.Body * 1.25, Leading: 1.5, SpaceAfter: 4}
		preface := func(dest pdf.Link) {
			d.Heading(pdf.Heading{Level: 1, Text: l.Label("guide.foreword"), Outline: dest != 0, Dest: dest})
			d.Box(pdf.Box{Bar: &bar, Padding: 6}, func() { b.md(boxMD(), l.Preface, p) })
		}
		if h := d.Measure(func() { preface(0) }); h < d.PageHeight()*0.7 {
			d.SetY(d.Top() + (d.PageHeight()-h)*0.38)
		}
		preface(b.foreword)
	}
	d.AddPage()
	d.SetPlace("introduction")
	d.Heading(pdf.Heading{Level: 1, Text: l.Introduction.Title, Outline: true, Dest: b.intro})
	for i, s := range l.Introduction.Sections {
		if s.Title != "" {
			d.Heading(pdf.Heading{Level: 2, Text: s.Title, Outline: true, Dest: b.sections[i]})
		}
		b.md(bodyMD(), s.Body, pdf.ParaStyle{})
	}
	b.legend()
}

// legend explains the two form markers, each drawn as the badge the
// checkpoints carry, in the order the source gives them.
func (b *booklet) legend() {
	d, l, th := b.d, b.lang, b.th
	m := l.Introduction.Markers
	type entry struct {
		badge pdf.Badge
		text  string
	}
	entries := []entry{
		{pdf.Badge{Text: l.Label("audience.community"), Color: th.Colors.Community}, m.Community},
		{pdf.Badge{Text: l.Label("audience.municipality"), Color: th.Colors.Municipality}, m.Municipality},
	}
	col := 0.0
	for _, e := range entries {
		w, _ := d.BadgeSize(e.badge.Text)
		col = max(col, w)
	}
	col += 4
	body := d.LineHeight(th.Type.Body)
	d.Heading(pdf.Heading{Level: 2, Text: l.Label("guide.markers.title"), Outline: true, Dest: b.markers, Keep: 4 * body})
	b.md(bodyMD(), m.Lead, pdf.ParaStyle{})
	shade := th.Colors.Shade
	d.Box(pdf.Box{Background: &shade, Padding: 4}, func() {
		for i, e := range entries {
			p := pdf.ParaStyle{Indent: col, SpaceAfter: 3}
			if i == len(entries)-1 {
				p.SpaceAfter = -1
			}
			h := d.TextHeight(p, pdf.Run{Text: e.text})
			_, bh := d.BadgeSize(e.badge.Text)
			d.EnsureSpace(max(h, bh))
			d.BadgeAt(d.Left(), d.Y()+(body-bh)/2, e.badge)
			b.md(bodyMD(), e.text, p)
		}
	})
}

// badges returns the badges of the forms a checkpoint belongs to.
func (b *booklet) badges(a content.Audience) []pdf.Badge {
	var out []pdf.Badge
	for _, f := range content.Forms {
		if a == content.Both || a == f {
			c := b.th.Colors.Municipality
			if f == content.Community {
				c = b.th.Colors.Community
			}
			out = append(out, pdf.Badge{Text: b.lang.Label("audience." + string(f)), Color: c})
		}
	}
	return out
}

// step draws a step's chapter: a new page with the step band, then its
// checkpoints.
func (b *booklet) step(sp *stepPlan) {
	d := b.d
	heading := b.stepHeading(sp.step.Number, sp.step.Title)
	d.SetHeader(heading)
	d.AddPage()
	d.SetPlace(heading)
	d.Anchor(sp.link)
	d.Bookmark(heading, 0)
	d.StepBand(sp.step.Number, b.lang.Format("step.label", "n", strconv.Itoa(sp.step.Number)), sp.step.Title)
	b.cur = sp.step.Number
	defer func() { b.cur = 0 }()
	sp.firstPage = d.Page()
	for i, cp := range sp.cps {
		b.checkpoint(cp, sp.links[i], i == 0)
	}
	sp.lastPage = d.Page()
	sp.lastUsed = (d.Y() - d.Top()) / d.PageHeight()
}

// checkpoint draws one checkpoint with all its guidance.
func (b *booklet) checkpoint(cp *content.Checkpoint, dest pdf.Link, first bool) {
	d := b.d
	d.SetPlace("checkpoint " + cp.ID)
	_, bh := d.BadgeSize("X")
	if !first {
		d.Space(2)
	}
	// the badges, the space after them and HeadingLines lines of guidance
	d.Heading(pdf.Heading{Level: 2, Text: b.lang.Number(cp) + " " + cp.Title, Outline: true, Dest: dest,
		Keep: bh + 2 + 1 + d.HeadingKeep()})
	if b.pages != nil {
		b.pages[cp.ID] = d.Page()
	}
	d.Badges(b.badges(cp.Audience)...)
	d.Space(1)
	b.md(bodyMD(), cp.Guidance, b.body())
	if o := cp.Options; o != nil {
		b.options(o)
	}
	b.md(bodyMD(), cp.Closing, b.body())
	for _, ex := range cp.Examples {
		b.example(ex)
	}
	if len(cp.Links) > 0 {
		b.links(cp.Links)
	}
	if cp.ID == roadmap.ActionPlan.Checkpoint {
		b.actionPlan()
	}
}

// options draws an option list: its lead, then each option's text as a
// list item (its label when it has no text). An option whose text starts
// with its label and a colon has that label set in bold.
func (b *booklet) options(o *content.OptionList) {
	d, th := b.d, b.th
	body := d.LineHeight(th.Type.Body)
	if strings.TrimSpace(o.Lead) != "" {
		p := pdf.ParaStyle{SpaceAfter: 1.6}
		h := d.Measure(func() { b.md(bodyMD(), o.Lead, p) })
		d.EnsureSpace(h + 2*body)
		b.md(bodyMD(), o.Lead, p)
	}
	accent := th.Colors.Accent
	for i, it := range o.Items {
		text := strings.TrimSpace(it.Text)
		if text == "" {
			text = markdown.Escape(it.Label)
		} else if lbl := strings.TrimSpace(it.Label); lbl != "" && strings.HasPrefix(text, lbl+":") {
			text = "**" + markdown.Escape(lbl+":") + "**" + text[len(lbl)+1:]
		}
		after := 1.6
		if i == len(o.Items)-1 {
			after = 0 // the paragraph spacing
		}
		p := b.body()
		p.Indent, p.Marker, p.MarkerColor = 6, "•", &accent
		if after > 0 || p.SpaceAfter == 0 {
			p.SpaceAfter = after
		}
		b.md(bodyMD(), text, p)
	}
}

// example draws a partner example set apart in a shaded box with an accent
// bar, under the label "Example".
func (b *booklet) example(text string) {
	d, th := b.d, b.th
	shade, bar := th.Colors.Shade, th.Colors.Accent
	d.Space(1)
	d.Box(pdf.Box{Background: &shade, Bar: &bar, Padding: 4}, func() {
		d.Text(pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &bar, SpaceAfter: 1.2},
			pdf.Run{Text: strings.ToUpper(b.lang.Label("guide.example"))})
		b.md(boxMD(), text, b.body())
	})
}

// links draws the checkpoint's links: each title as a clickable link, with
// its address below it for readers of the printed page.
func (b *booklet) links(links []content.Link) {
	d, th := b.d, b.th
	body := d.LineHeight(th.Type.Body)
	small := d.LineHeight(th.Type.Small)
	label := pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &th.Colors.Accent, SpaceAfter: 1.2}
	label.SpaceBefore = 2
	d.EnsureSpace(2 + small + 1.2 + body + small)
	d.Text(label, pdf.Run{Text: strings.ToUpper(b.lang.Label("guide.links"))})
	accent := th.Colors.Accent
	for _, ln := range links {
		p := pdf.ParaStyle{Indent: 6, Marker: "→", MarkerColor: &accent, SpaceAfter: 0.4, Keep: true}
		title := ln.Title
		if title == "" {
			title = ln.URL
		}
		d.EnsureSpace(body + small)
		d.Text(p, pdf.Run{Text: title, URL: ln.URL})
		d.Text(pdf.ParaStyle{Indent: 6, Size: th.Type.Small, Color: &th.Colors.Muted, SpaceAfter: 1.6},
			pdf.Run{Text: ln.URL, URL: ln.URL, Color: &th.Colors.Muted})
	}
	d.Space(1)
}

// actionPlan draws the empty action-plan table, as the forms draw it
// (plantable.Table).
func (b *booklet) actionPlan() {
	d, l, th := b.d, b.lang, b.th
	t := plantable.Table(l, roadmap.ActionPlan, th.Type.Small+1, 0)
	body := d.LineHeight(th.Type.Body)
	d.EnsureSpace(body + 2 + 3*t.MinRowHeight)
	d.Text(pdf.ParaStyle{Size: th.Type.Small, Style: pdf.Bold, Color: &th.Colors.Accent, SpaceBefore: 2, SpaceAfter: 1.2},
		pdf.Run{Text: strings.ToUpper(l.Label("guide.table.action"))})
	d.Table(t, nil)
	d.Text(pdf.ParaStyle{Size: th.Type.Small, Color: &th.Colors.Muted}, pdf.Run{Text: l.Label("guide.table.note")})
}

// about draws "about the project" and, at the foot of its page, the EU
// funding disclaimer.
func (b *booklet) about() {
	d, l, th := b.d, b.lang, b.th
	d.SetHeader(l.About.Title)
	d.AddPage()
	d.SetPlace("about the project")
	d.Heading(pdf.Heading{Level: 1, Text: l.About.Title, Outline: true, Dest: b.aboutL})
	b.md(bodyMD(), l.About.Body, pdf.ParaStyle{})
	if strings.TrimSpace(l.Disclaimer) == "" {
		return
	}
	d.SetPlace("disclaimer")
	rule := th.Colors.Rule
	p := pdf.ParaStyle{Size: th.Type.Small, Color: &th.Colors.Muted}
	box := func() { b.md(boxMD(), l.Disclaimer, p) }
	h := d.Measure(func() { d.Box(pdf.Box{Bar: &rule, Padding: 3}, box) })
	if h < d.Remaining()-8 {
		d.SetY(d.Bottom() - h)
	}
	d.Box(pdf.Box{Bar: &rule, Padding: 3}, box)
}

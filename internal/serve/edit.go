package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// editView is the editing page of one roadmap.
type editView struct {
	page
	Name      string
	Rev       string
	FormTitle string
	FormFor   string
	Form      string
	Date      string
	DateErr   string
	Org       []orgField
	Workshop  []orgField
	// Notes are the workshop's notes and next steps, after the steps, as
	// the form's closing page.
	Notes   *orgField
	Steps   []stepView
	Notice  string
	General []string
	// Problems are the refused fields, in the page's order, for the
	// summary at its top.
	Problems []problemLink
	Statuses []choice
	Plans    map[string]*planView
	// Done and Total count the checkpoints done and those that apply; NA
	// those not applicable, left out of the totals (roadmap.Progress).
	Done, Total, NA int
	StepCount       []roadmap.Step
	// Draft is the note of a translation no native speaker has reviewed.
	Draft string
	// Lb are the labels each checkpoint repeats.
	Lb struct{ Status, Options, Answer, Guidance string }
}

// orgField is a field of the organisation section: of the organisation
// block, or (Kind set) of the workshop block, a date or an area (several
// lines).
type orgField struct {
	Key, Label, Value, Err string
	Kind                   string
	// Rows is the height of an area: its text, and room for more.
	Rows int
}

type stepView struct {
	Number      int
	Heading     string
	Label       string
	Checkpoints []cpView
}

type cpView struct {
	ID, Title, Hint string
	N               string // the checkpoint's number, as in the forms (1.2)
	Status          string
	StatusErr       string
	Options         []optView
	OptErr          string
	Answer          string
	// Rows is the height of the answer's text area: its text, and room
	// for more.
	Rows      int
	AnswerErr string
	Guidance  template.HTML
	Badges    []badge
	Plan      *planView
}

// problemLink is a refused field in the summary at the top of the page: a
// link to the field (or to the group of its choices) by the name a person
// finds it by, and the problem.
type problemLink struct{ Target, Name, Msg string }

type badge struct{ Class, Label string }

type optView struct {
	ID, Label string
	Ticked    bool
}

// planView is one plan's editable table.
type planView struct {
	Key, Title string
	Columns    []column
	Rows       []rowView
	// Blank is the row the script adds; its index is "N".
	Blank rowView
	// The texts of the row buttons.
	Add, Up, Down, Remove string
}

type rowView struct {
	P      *planView
	Legend string
	// Op is the end of the row's operations: "ap:2".
	Op    string
	Cells []cellView
}

type cellView struct {
	Kind, Label, ID, Name, Value, List string
	Options                            []selOption
	Err                                *cellErr
}

type selOption struct {
	Value, Label string
	Selected     bool
}

type cellErr struct{ Key, Msg string }

// guidanceHTML returns the guidance of every checkpoint of lang as HTML,
// made once per language: the checkpoint's guidance, its options' texts,
// closing text, partner examples and links, from the same Markdown the
// booklet is made of.
func (s *Server) guidanceHTML(lang *content.Language) map[string]template.HTML {
	if v, ok := s.guidance.Load(lang.Code); ok {
		return v.(map[string]template.HTML)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	out := map[string]template.HTML{}
	for _, cp := range lang.Checkpoints("all") {
		var b bytes.Buffer
		conv := func(src string) {
			if strings.TrimSpace(src) != "" {
				_ = md.Convert([]byte(src), &b)
			}
		}
		conv(cp.Guidance)
		if o := cp.Options; o != nil {
			conv(o.Lead)
			b.WriteString("<ul>")
			for _, it := range o.Items {
				b.WriteString("<li>")
				text := strings.TrimSpace(it.Text)
				if text == "" {
					text = it.Label
				}
				var item bytes.Buffer
				_ = md.Convert([]byte(text), &item)
				// One paragraph per item: drop its <p> so the list is tight.
				t := strings.TrimSpace(item.String())
				if strings.Count(t, "<p>") == 1 {
					t = strings.TrimSuffix(strings.TrimPrefix(t, "<p>"), "</p>")
				}
				b.WriteString("<strong>" + template.HTMLEscapeString(it.Label) + "</strong> — " + t)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		conv(cp.Closing)
		for _, ex := range cp.Examples {
			b.WriteString(`<aside class="example"><p class="example-label">` + template.HTMLEscapeString(lang.Label("guide.example")) + "</p>")
			conv(ex)
			b.WriteString("</aside>")
		}
		if len(cp.Links) > 0 {
			b.WriteString(`<p class="example-label">` + template.HTMLEscapeString(lang.Label("guide.links")) + "</p><ul>")
			for _, l := range cp.Links {
				title := l.Title
				if title == "" {
					title = l.URL
				}
				b.WriteString(`<li><a href="` + template.HTMLEscapeString(l.URL) + `" rel="noopener noreferrer" target="_blank">` + template.HTMLEscapeString(title) + "</a></li>")
			}
			b.WriteString("</ul>")
		}
		out[cp.ID] = template.HTML(b.String())
	}
	s.guidance.Store(lang.Code, out)
	return out
}

// renderEdit shows the editing page of rm with the answers f (the file's,
// or what was sent when it could not be saved), what was typed in date
// fields that are not dates, the problems by field, and a notice: saved,
// invalid or conflict.
func (s *Server) renderEdit(w http.ResponseWriter, status int, rm *opened, f *answers.File, raw map[string]string, errs fieldErrors, notice string) {
	lang := rm.Lang
	v := &editView{
		page:      page{Lang: lang, s: s},
		Name:      rm.Name,
		Rev:       rm.Rev,
		Form:      string(f.Form),
		FormTitle: lang.Label("form.title." + string(f.Form)),
		FormFor:   lang.Label("form.for." + string(f.Form)),
		Date:      f.Date.String(),
		DateErr:   errs.ByField["date"],
		Notice:    notice,
		General:   errs.General,
		Plans:     map[string]*planView{},
	}
	v.Lb.Status, v.Lb.Options, v.Lb.Answer, v.Lb.Guidance = lang.Label("serve.status"), lang.Label("show.options"), lang.Label("serve.answer"), lang.Label("serve.guidance")
	if lang.Status != content.Reviewed {
		v.Draft = lang.StatusNote
	}
	if r, ok := raw["date"]; ok {
		v.Date = r
	}
	title := f.Organisation.Name
	if title == "" {
		title = rm.Name
	}
	v.Title = title + " — " + v.FormTitle
	reg := f.Form == content.Registration
	orgKeys := []string{"name", "contact", "partner"}
	if reg {
		orgKeys = orgKeys[:2] // a registration names no partner
	}
	for _, k := range orgKeys {
		label := lang.Label("field." + k)
		if k == "name" {
			label = lang.Label("field.organisation")
		}
		val := map[string]string{"name": f.Organisation.Name, "contact": f.Organisation.Contact, "partner": f.Organisation.Partner}[k]
		v.Org = append(v.Org, orgField{Key: k, Label: label, Value: val, Err: errs.ByField["org."+k]})
	}
	review := f.Workshop.NextReview.String()
	if r, ok := raw["ws.next_review"]; ok {
		review = r
	}
	v.Workshop = []orgField{
		{Key: "facilitator", Label: lang.Label("field.facilitator"), Value: f.Workshop.Facilitator, Kind: "text"},
		{Key: "next_review", Label: lang.Label("field.next_review"), Value: review, Kind: "date"},
		{Key: "participants", Label: lang.Label("field.participants"), Value: f.Workshop.Participants, Kind: "area",
			Rows: min(max(3, strings.Count(f.Workshop.Participants, "\n")+2), 12)},
	}
	for i := range v.Workshop {
		v.Workshop[i].Err = errs.ByField["ws."+v.Workshop[i].Key]
	}
	v.Notes = &orgField{Key: "notes", Label: lang.Label("form.notes.title"), Value: f.Workshop.Notes, Kind: "area",
		Rows: max(5, textRows(f.Workshop.Notes, 20)), Err: errs.ByField["ws.notes"]}
	for _, st := range answers.Statuses {
		v.Statuses = append(v.Statuses, choice{string(st), lang.Label("status." + string(st))})
	}
	steps := lang.Steps
	if reg {
		// a registration: its questions, without statuses, workshop,
		// notes, plans or progress
		v.Workshop, v.Notes, v.Statuses = nil, nil, nil
		steps = []content.Step{{Number: 1, Title: lang.Registration.Title, Checkpoints: lang.Registration.Checkpoints}}
	}
	for _, p := range plans {
		v.Plans[p.Under] = s.planView(p, lang, f, raw, errs)
	}
	guidance := s.guidanceHTML(lang)
	for _, st := range steps {
		sv := stepView{Number: st.Number, Label: lang.Format("step.label", "n", strconv.Itoa(st.Number)), Heading: st.Title}
		if reg {
			sv.Label = ""
		}
		for i := range st.Checkpoints {
			cp := &st.Checkpoints[i]
			if !cp.Audience.Includes(f.Form) {
				continue
			}
			a := f.Checkpoint(cp.ID)
			p := "cp." + cp.ID + "."
			c := cpView{ID: cp.ID, N: lang.Number(cp), Title: cp.Title, Hint: cp.Hint, Status: string(a.Status), Answer: a.Answer,
				StatusErr: errs.ByField[p+"status"], OptErr: errs.ByField[p+"opt"], AnswerErr: errs.ByField[p+"answer"],
				Guidance: guidance[cp.ID], Plan: v.Plans[cp.ID]}
			if c.Status == "" {
				c.Status = string(answers.NotStarted)
			}
			c.Rows = textRows(a.Answer, 16)
			if cp.Audience == content.Both {
				c.Badges = []badge{{"municipality", lang.Label("audience.municipality")}, {"community", lang.Label("audience.community")}}
			} else {
				c.Badges = []badge{{string(cp.Audience), lang.Label("audience." + string(cp.Audience))}}
			}
			if cp.Options != nil {
				for _, o := range cp.Options.Items {
					c.Options = append(c.Options, optView{o.ID, o.Label, a.Ticked(o.ID)})
				}
			}
			sv.Checkpoints = append(sv.Checkpoints, c)
		}
		if len(sv.Checkpoints) > 0 {
			v.Steps = append(v.Steps, sv)
		}
	}
	v.Problems = problemLinks(v, errs)
	var total roadmap.Count
	if reg {
		s.render(w, status, "edit.html", v)
		return
	}
	v.StepCount, total = roadmap.Progress(lang, f.Form, f)
	v.Done, v.Total, v.NA = total.Done, total.Total(), total.NotApplicable
	s.render(w, status, "edit.html", v)
}

func (s *Server) planView(p planDef, lang *content.Language, f *answers.File, raw map[string]string, errs fieldErrors) *planView {
	pv := &planView{Key: p.Key, Title: p.Title(lang), Columns: columns(p, lang),
		Add: lang.Label("serve.row.add"), Up: lang.Label("serve.row.up"), Down: lang.Label("serve.row.down"), Remove: lang.Label("serve.row.remove")}
	choose := lang.Label("serve.choose")
	var rows []map[string]string
	for _, r := range p.Rows(f) {
		vals := make(map[string]string, len(p.Columns))
		for j, c := range p.Columns {
			vals[c.ID] = r[j].Text
			if c.Kind == roadmap.Date {
				vals[c.ID] = r[j].Date.String()
			}
		}
		rows = append(rows, vals)
	}
	row := func(index, legend string, vals map[string]string) rowView {
		rv := rowView{P: pv, Legend: legend, Op: p.Key + ":" + index}
		for _, c := range pv.Columns {
			field := p.Key + "." + index + "." + c.Key
			val := vals[c.Key]
			if r, ok := raw[field]; ok {
				val = r
			}
			cell := cellView{Kind: c.Kind, Label: c.Label, ID: p.Key + "-" + index + "-" + c.Key, Name: p.Key + "." + c.Key}
			switch c.Kind {
			case "suggest":
				// An id from the list is shown as its label.
				for _, ch := range c.Choices {
					if ch.Value == val {
						val = ch.Label
					}
				}
				cell.List = "dl-" + p.Key + "-" + c.Key
			case "select":
				cell.Options = append(cell.Options, selOption{"", choose, val == ""})
				for _, ch := range c.Choices {
					cell.Options = append(cell.Options, selOption{ch.Value, ch.Label, ch.Value == val})
				}
			}
			cell.Value = val
			if msg := errs.ByField[field]; msg != "" {
				cell.Err = &cellErr{field, msg}
			}
			rv.Cells = append(rv.Cells, cell)
		}
		return rv
	}
	for i, vals := range rows {
		pv.Rows = append(pv.Rows, row(strconv.Itoa(i), lang.Format("serve.row", "n", strconv.Itoa(i+1)), vals))
	}
	blank := map[string]string{}
	if t := p.Tracking; t != nil {
		blank[t.StatusColumn] = answers.ActionStatuses[0]
	}
	pv.Blank = row("N", lang.Format("serve.row", "n", ""), blank)
	return pv
}

// textRows returns the height of a text area for text s, at most most
// rows: a row per line and per 80 characters of a long line, and room for
// two more.
func textRows(s string, most int) int {
	rows := 3
	for _, line := range strings.Split(s, "\n") {
		rows += 1 + len([]rune(line))/80
	}
	return min(rows, most)
}

// problemLinks lists the refused fields of errs in the order of the page
// v, each named as the page shows it: its label, after the checkpoint's
// number or the plan's title and row. A problem of a field the page does
// not show is listed by its key.
func problemLinks(v *editView, errs fieldErrors) []problemLink {
	var out []problemLink
	seen := map[string]bool{}
	add := func(key, target, name string) {
		if msg := errs.ByField[key]; msg != "" && !seen[key] {
			seen[key] = true
			out = append(out, problemLink{target, name, msg})
		}
	}
	for _, o := range v.Org {
		add("org."+o.Key, "f-org-"+o.Key, o.Label)
	}
	add("date", "f-date", v.L("field.date"))
	for _, o := range v.Workshop {
		add("ws."+o.Key, "f-ws-"+o.Key, o.Label)
	}
	for _, st := range v.Steps {
		for _, cp := range st.Checkpoints {
			p := "cp." + cp.ID + "."
			add(p+"status", "g-cp-"+cp.ID+"-status", cp.N+" "+v.Lb.Status)
			add(p+"opt", "g-cp-"+cp.ID+"-opt", cp.N+" "+v.Lb.Options)
			add(p+"answer", "f-"+cp.ID+"-answer", cp.N+" "+v.Lb.Answer)
			if pl := cp.Plan; pl != nil {
				for _, r := range pl.Rows {
					for _, c := range r.Cells {
						if c.Err != nil {
							add(c.Err.Key, c.ID, pl.Title+" · "+r.Legend+" · "+c.Label)
						}
					}
				}
			}
		}
	}
	if v.Notes != nil {
		add("ws.notes", "f-ws-notes", v.Notes.Label)
	}
	var rest []string
	for k := range errs.ByField {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, problemLink{Name: k, Msg: errs.ByField[k]})
	}
	return out
}

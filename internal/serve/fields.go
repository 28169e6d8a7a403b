package serve

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// The editing page's fields are named after the answers file: "date",
// "org.name", "ws.facilitator" (the workshop block; "ws.notes" its notes), "cp.<id>.status", "cp.<id>.opt" (one per ticked option),
// "cp.<id>.answer", and per plan row "<plan>.<column>", repeated once per
// row in the rows' order. A problem is shown beside the field it concerns;
// a row's field is "<plan>.<row>.<column>" there.

// column is one column of a plan table on the page.
type column struct {
	Key string
	// Kind is text, area (several lines), date, select or suggest (free
	// text with suggestions).
	Kind  string
	Label string
	// Choices are the values of a select or the suggestions of a text.
	Choices []choice
}

// choice is one value of a select or datalist.
type choice struct {
	Value, Label string
}

// planDef is one plan on the page (roadmap.Plans): its key in the page's
// field names and the checkpoint its table is shown under. The evaluation
// plan follows the choice of methods its rows name.
type planDef struct {
	*roadmap.Plan
	Key, Under string
}

var plans = []planDef{
	{roadmap.ActionPlan, "ap", roadmap.ActionPlan.Checkpoint},
	{roadmap.CommunicationPlan, "cm", roadmap.CommunicationPlan.Checkpoint},
	{roadmap.EvaluationPlan, "ev", answers.MethodsCheckpoint},
}

// columns returns the columns of plan p in language lang, with the values
// of its selects and suggestions: a column of a strict list is a select,
// of a list of suggestions a text with suggestions, a long text an area.
func columns(p planDef, lang *content.Language) []column {
	cols := make([]column, 0, len(p.Columns))
	for _, mc := range p.Columns {
		c := column{Key: mc.ID, Kind: "text", Label: p.Label(lang, mc.ID)}
		switch {
		case mc.Kind == roadmap.Date:
			c.Kind = "date"
		case mc.Kind == roadmap.Choice && mc.List.Strict:
			c.Kind = "select"
		case mc.Kind == roadmap.Choice:
			c.Kind = "suggest"
		case mc.Long:
			c.Kind = "area"
		}
		if mc.List != nil {
			for _, it := range mc.List.Items(lang) {
				c.Choices = append(c.Choices, choice{it.ID, it.Label})
			}
		}
		cols = append(cols, c)
	}
	return cols
}

// fieldErrors are the problems of a save: by field, and those that belong
// to no field.
type fieldErrors struct {
	ByField map[string]string
	General []string
}

func (e *fieldErrors) add(field, msg string) {
	if field == "" {
		e.General = append(e.General, msg)
		return
	}
	if e.ByField == nil {
		e.ByField = map[string]string{}
	}
	if prev := e.ByField[field]; prev != "" {
		msg = prev + "; " + msg
	}
	e.ByField[field] = msg
}

func (e *fieldErrors) empty() bool { return len(e.ByField) == 0 && len(e.General) == 0 }

// decodeForm builds the answers from the fields of the editing page, over
// base (the file as it is: its form and language are kept). Dates that are
// not dates are problems of their field; raw keeps what was typed in them so
// the page can show it again. The row operation op ("add:ap", "del:ap:2",
// "up:ap:2", "down:ap:2"), sent by the buttons of a page without script, is
// applied last.
func decodeForm(v url.Values, base *answers.File, lang *content.Language) (f *answers.File, raw map[string]string, errs fieldErrors) {
	f = &answers.File{Form: base.Form, Language: base.Language, Checkpoints: map[string]answers.Checkpoint{}}
	raw = map[string]string{}
	date := func(field, s string) answers.Date {
		s = strings.TrimSpace(s)
		if s == "" {
			return answers.Date{}
		}
		d, err := answers.ParseDate(s)
		if err != nil {
			raw[field] = s
			errs.add(field, msg.In(err, lang.Code))
		}
		return d
	}
	f.Date = date("date", v.Get("date"))
	f.Organisation = answers.Organisation{Name: v.Get("org.name"), Contact: v.Get("org.contact"), Partner: v.Get("org.partner")}
	f.Workshop = base.Workshop // not on the page that was sent: keep it
	if v.Has("ws.facilitator") || v.Has("ws.next_review") || v.Has("ws.participants") {
		w := &f.Workshop
		w.Facilitator, w.NextReview = v.Get("ws.facilitator"), date("ws.next_review", v.Get("ws.next_review"))
		w.Participants = strings.Trim(normalise(v.Get("ws.participants")), "\n")
	}
	if v.Has("ws.notes") { // else, as from a page made before the notes were on it: kept
		f.Workshop.Notes = strings.Trim(normalise(v.Get("ws.notes")), "\n")
	}
	// Every checkpoint the file had is kept, also one of another form
	// (refused by validation, shown as a problem, never dropped).
	for id, c := range base.Checkpoints {
		f.Checkpoints[id] = c
	}
	for _, cp := range lang.Checkpoints(base.Form) {
		p := "cp." + cp.ID + "."
		c := answers.Checkpoint{Status: answers.Status(v.Get(p + "status")), Answer: normalise(v.Get(p + "answer"))}
		if c.Status == "" {
			c.Status = answers.NotStarted
		}
		if _, seen := v[p+"status"]; !seen && !hasAny(v, p) {
			if old, ok := base.Checkpoints[cp.ID]; ok {
				c = old // not on the page that was sent: keep it
			}
		} else if cp.Options != nil {
			// Ticked options keep the order the file has them in; newly
			// ticked ones follow in the content's order.
			ticked := v[p+"opt"]
			for _, o := range base.Checkpoint(cp.ID).Options {
				if slices.Contains(ticked, o) {
					c.Options = append(c.Options, o)
				}
			}
			for _, o := range cp.Options.Items {
				if slices.Contains(ticked, o.ID) && !slices.Contains(c.Options, o.ID) {
					c.Options = append(c.Options, o.ID)
				}
			}
			for _, t := range ticked {
				if !slices.Contains(c.Options, t) {
					c.Options = append(c.Options, t) // unknown: validation says so
				}
			}
		}
		f.Checkpoints[cp.ID] = c
	}

	for _, p := range plans {
		first := p.Key + "." + p.Columns[0].ID
		n := len(v[first])
		for _, c := range p.Columns[1:] {
			if got := len(v[p.Key+"."+c.ID]); got != n {
				errs.add("", msg.New("serve.rows-incomplete", "plan", p.YAMLKey, "count", n, "first", p.Columns[0].ID, "got", got, "column", c.ID).In(lang.Code))
				return f, raw, errs
			}
		}
		rows := make([]roadmap.Row, n)
		for i := range n {
			rows[i] = make(roadmap.Row, len(p.Columns))
			for j, c := range p.Columns {
				s := v[p.Key+"."+c.ID][i]
				switch {
				case c.Kind == roadmap.Date:
					rows[i][j].Date = date(p.Key+"."+strconv.Itoa(i)+"."+c.ID, s)
				case c.Kind == roadmap.Choice && !c.List.Strict:
					// A suggestion picked from the list is stored as its id.
					rows[i][j].Text = c.List.Parse(lang, normalise(s))
				default:
					rows[i][j].Text = normalise(s)
				}
			}
		}
		p.SetRows(f, rows)
	}
	keepIDs(f, base, v)
	rowOp(f, v.Get("op"))
	return f, raw, errs
}

// keepIDs gives the dated plan rows of f the ids of base's rows (the
// identities of their calendar events, which the page does not carry): a
// row equal in every cell to a row of base takes its id, then a row that
// changed takes, in order, an id no row took. A save carries one change
// (a keystroke's, a moved or a removed row), so each row keeps its id.
func keepIDs(f, base *answers.File, v url.Values) {
	if _, ok := v["ap.activity"]; ok {
		keepPlanIDs(f.ActionPlan, base.ActionPlan, func(r *answers.Action) *string { return &r.ID })
	}
	if _, ok := v["ev.stage"]; ok {
		keepPlanIDs(f.EvaluationPlan, base.EvaluationPlan, func(r *answers.Evaluation) *string { return &r.ID })
	}
}

func keepPlanIDs[T comparable](rows, baseRows []T, id func(*T) *string) {
	used := map[string]bool{}
	for i := range rows {
		if s := *id(&rows[i]); s != "" {
			used[s] = true
		}
	}
	// without its id, a row is compared by its cells
	bare := func(r T) T { *id(&r) = ""; return r }
	for pass := range 2 {
		j := 0
		for i := range rows {
			if *id(&rows[i]) != "" {
				continue
			}
			for k, b := range baseRows {
				bid := *id(&b)
				if bid == "" || used[bid] || pass == 0 && bare(b) != bare(rows[i]) || pass == 1 && k < j {
					continue
				}
				*id(&rows[i]), used[bid] = bid, true
				j = k + 1
				break
			}
		}
	}
}

func hasAny(v url.Values, prefix string) bool {
	for k := range v {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// normalise makes a browser's line breaks (CR LF) the file's (LF).
func normalise(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// rowOp applies a row operation to the plans of f; an unknown one is
// ignored. A new action-plan row is planned.
func rowOp(f *answers.File, op string) {
	parts := strings.Split(op, ":")
	if len(parts) < 2 {
		return
	}
	i := -1
	if len(parts) == 3 {
		i, _ = strconv.Atoi(parts[2])
	}
	for _, p := range plans {
		if p.Key != parts[1] {
			continue
		}
		blank := make(roadmap.Row, len(p.Columns))
		if t := p.Tracking; t != nil {
			blank[p.Column(t.StatusColumn)].Text = answers.ActionStatuses[0]
		}
		p.SetRows(f, applyOp(p.Rows(f), parts[0], i, blank))
	}
}

func applyOp[T any](rows []T, op string, i int, blank T) []T {
	switch {
	case op == "add":
		return append(rows, blank)
	case i < 0 || i >= len(rows):
		return rows
	case op == "del":
		return slices.Delete(rows, i, i+1)
	case op == "up" && i > 0:
		rows[i-1], rows[i] = rows[i], rows[i-1]
	case op == "down" && i+1 < len(rows):
		rows[i+1], rows[i] = rows[i], rows[i+1]
	}
	return rows
}

// fieldAt maps the places of an encoded answers file to the page's fields:
// each key and value of the file, by "line:col", to the field that shows it.
func fieldAt(data []byte) map[string]string {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	at := map[string]string{}
	put := func(n *yaml.Node, field string) {
		at[strconv.Itoa(n.Line)+":"+strconv.Itoa(n.Column)] = field
	}
	var walk func(n *yaml.Node, field string)
	walk = func(n *yaml.Node, field string) {
		put(n, field)
		for _, c := range n.Content {
			walk(c, field)
		}
	}
	pairs := func(n *yaml.Node, fn func(k, v *yaml.Node)) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			fn(n.Content[i], n.Content[i+1])
		}
	}
	pairs(doc.Content[0], func(k, v *yaml.Node) {
		switch k.Value {
		case "date":
			walk(k, "date")
			walk(v, "date")
		case "organisation":
			pairs(v, func(k, v *yaml.Node) {
				walk(k, "org."+k.Value)
				walk(v, "org."+k.Value)
			})
		case "workshop":
			pairs(v, func(k, v *yaml.Node) {
				walk(k, "ws."+k.Value)
				walk(v, "ws."+k.Value)
			})
		case "checkpoints":
			pairs(v, func(k, v *yaml.Node) {
				id := k.Value
				put(k, "cp."+id+".status")
				pairs(v, func(k, v *yaml.Node) {
					name := k.Value
					if name == "options" {
						name = "opt"
					}
					walk(k, "cp."+id+"."+name)
					walk(v, "cp."+id+"."+name)
				})
			})
		default:
			for _, p := range plans {
				if p.YAMLKey != k.Value {
					continue
				}
				for i, row := range v.Content {
					pairs(row, func(k, v *yaml.Node) {
						f := p.Key + "." + strconv.Itoa(i) + "." + k.Value
						walk(k, f)
						walk(v, f)
					})
				}
			}
		}
	})
	return at
}

// placeProblems sorts the problems of an encoded file by the field they
// concern. The positions were made by this server's own encoding, so the
// file name and position are left out of the message: the field shows where.
func placeProblems(err error, data []byte, errs *fieldErrors, lang string) {
	at := fieldAt(data)
	list, ok := err.(diag.List)
	if !ok {
		errs.add("", msg.In(err, lang))
		return
	}
	for _, p := range list {
		field := at[strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Col)]
		// In the page's language, whatever the file's.
		p.Lang = ""
		errs.add(field, p.Message(lang))
	}
}

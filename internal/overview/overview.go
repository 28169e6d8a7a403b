// Package overview is the municipality's view of many roadmaps: it gathers
// organisations' answers files into one Report (progress per step, the status
// of every checkpoint, the ticked options, every plan row with what is
// overdue, the free-text answers, and the files that could not be read) and
// writes it as a workbook (Workbook) and as a PDF report with charts
// (PDF). It reads no files and knows no command line.
package overview

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/roadmap"
)

// Count is how many checkpoints have each status (roadmap.Count: its
// Total leaves not-applicable ones out).
type Count = roadmap.Count

// Org is one organisation's roadmap in the overview.
type Org struct {
	File *answers.File
	// Steps counts the statuses of the form's checkpoints per step, by
	// step number (index 0 is step 1); Total over all steps.
	Steps []Count
	Total Count
}

// Name is the organisation's name as the answers give it.
func (o *Org) Name() string { return o.File.Organisation.Name }

// Action is an action-plan row of one organisation.
type Action struct {
	Org *Org
	// Row is the row's index in its plan, from 0.
	Row int
	answers.Action
	// Overdue is set when the deadline is before the report's as-of date
	// and the row is neither done nor cancelled.
	Overdue bool
}

// Evaluation is an evaluation-plan row of one organisation.
type Evaluation struct {
	Org *Org
	Row int
	answers.Evaluation
}

// Duplicate is an answers file set aside because another file for the same
// organisation and form has a newer date, or the same date and is in the
// report's language or given later.
type Duplicate struct {
	// Dropped is the file set aside; Kept the one used.
	Dropped, Kept string
	Name          string
	Form          content.Audience
	// Same is set when the two files have the same date (the kept one is
	// in the report's language, or the later input), not a newer one.
	Same bool
}

// Report is the overview of many organisations' roadmaps, in one language.
type Report struct {
	Lang *content.Language
	// AsOf is the date overdue rows are judged against.
	AsOf answers.Date
	// Orgs are sorted by name, then form, in the language's order.
	Orgs []*Org
	// Actions are every organisation's action-plan rows, by deadline (rows
	// without one last), then organisation, then row; Evaluations likewise
	// by date.
	Actions     []Action
	Evaluations []Evaluation
	// Problems are the files that could not be read, each problem with its
	// position; Duplicates the files set aside.
	Problems   []diag.Problem
	Duplicates []Duplicate
}

// Build gathers the readable answers files into a report in language lang,
// with the problems of the files that could not be read. Of two or more
// files for the same organisation and form (Latest), the one with the
// newest date is used (on a tie, the one in the report's language, else the
// later of the inputs) and the others are reported as Duplicates.
func Build(lang *content.Language, files []*answers.File, problems []diag.Problem, asOf answers.Date) *Report {
	r := &Report{Lang: lang, AsOf: asOf, Problems: problems}
	kept, dups := latest(files, lang.Code)
	r.Duplicates = dups
	for _, f := range kept {
		r.Orgs = append(r.Orgs, r.org(f))
	}
	col := collate.New(language.Make(lang.Code), collate.IgnoreCase)
	slices.SortStableFunc(r.Orgs, func(a, b *Org) int {
		return cmp.Or(col.CompareString(a.Name(), b.Name()), strings.Compare(string(a.File.Form), string(b.File.Form)))
	})
	for _, o := range r.Orgs {
		for i, a := range o.File.ActionPlan {
			r.Actions = append(r.Actions, Action{Org: o, Row: i, Action: a, Overdue: roadmap.Overdue(a, asOf)})
		}
		for i, e := range o.File.EvaluationPlan {
			r.Evaluations = append(r.Evaluations, Evaluation{Org: o, Row: i, Evaluation: e})
		}
	}
	slices.SortStableFunc(r.Actions, func(a, b Action) int { return compareDates(a.Deadline, b.Deadline) })
	slices.SortStableFunc(r.Evaluations, func(a, b Evaluation) int { return compareDates(a.When, b.When) })
	return r
}

// compareDates orders dates, the zero date after every other.
func compareDates(a, b answers.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Time().Compare(b.Time())
}

func (r *Report) org(f *answers.File) *Org {
	o := &Org{File: f, Steps: make([]Count, len(r.Lang.Steps))}
	steps, total := roadmap.Progress(r.Lang, f.Form, f)
	for _, st := range steps {
		if i := st.Number - 1; i >= 0 && i < len(o.Steps) {
			o.Steps[i] = st.Count
		}
	}
	o.Total = total
	return o
}

// Newest returns the file with the newest date (the first of those on a
// tie), or nil when none has a date: the one whose date a document of many
// roadmaps takes as its creation date.
func Newest(files []*answers.File) *answers.File {
	var newest *answers.File
	for _, f := range files {
		if !f.Date.IsZero() && (newest == nil || f.Date.Time().After(newest.Date.Time())) {
			newest = f
		}
	}
	return newest
}

// Latest keeps, of the files for the same organisation and form, the one
// with the newest date, the later input on a tie, in input order; the
// others are returned as duplicates. Files are for the same organisation
// when their names are the same, ignoring case and spacing, or, in two
// languages, when their names and their partners' name each other (see
// sameName): a roadmap translated into a second language is counted once.
func Latest(files []*answers.File) (kept []*answers.File, dups []Duplicate) {
	return latest(files, "")
}

// latest is Latest preferring, of files of the same date in different
// languages, the one in language prefer.
func latest(files []*answers.File, prefer string) (kept []*answers.File, dups []Duplicate) {
	// groups of the same organisation, by the first file of each
	group := make([]int, len(files))
	names := make([][]string, len(files))
	partners := make([][]string, len(files))
	for i, f := range files {
		group[i] = i
		names[i] = nameKeys(f.Organisation.Name)
		partners[i] = nameKeys(f.Organisation.Partner)
	}
	exact := make([]string, len(files))
	byName := map[string]int{} // the first file of each exact name and form
	for i, f := range files {
		exact[i] = strings.ToLower(strings.Join(strings.Fields(f.Organisation.Name), " ")) + "\x00" + string(f.Form)
	}
	for i, f := range files {
		if j, ok := byName[exact[i]]; ok {
			group[i] = group[j]
			continue
		}
		byName[exact[i]] = i
		// the same roadmap in another language, under a translated name
		for j := range i {
			g := files[j]
			if group[j] != j || g.Form != f.Form || g.Language == f.Language {
				continue
			}
			if sameName(names[i], names[j]) && (len(partners[i]) == 0 && len(partners[j]) == 0 || sameName(partners[i], partners[j])) {
				group[i] = j
				break
			}
		}
	}
	best := map[int]int{} // by group, the file kept
	for i, f := range files {
		j, ok := best[group[i]]
		// A later input replaces an earlier one unless the earlier is newer
		// or, of the same date, in the language preferred.
		if !ok || !newer(files[j].Date, f.Date) && !(prefer != "" && !newer(f.Date, files[j].Date) &&
			files[j].Language == prefer && f.Language != prefer) {
			best[group[i]] = i
		}
	}
	for i, f := range files {
		k := best[group[i]]
		if k == i {
			kept = append(kept, f)
			continue
		}
		dups = append(dups, Duplicate{Dropped: f.Path, Kept: files[k].Path, Name: f.Organisation.Name, Form: f.Form,
			Same: !newer(files[k].Date, f.Date)})
	}
	return kept, dups
}

// nameKeys returns the forms of an organisation's name that stay the same
// in a translation: the whole name, the name in quotes after a legal form
// (NGO "Brīnumiņš", Biedrība "Brīnumiņš"), the part in brackets and the part before them
// (Talsi Municipality (Talsu novada pašvaldība)), each in lower case with
// its spacing made single; none shorter than three letters.
func nameKeys(s string) []string {
	norm := func(s string) string {
		s = strings.Trim(s, ` "'„“”«»‘’()`)
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	keys := []string{norm(s)}
	if i := strings.IndexByte(s, '('); i >= 0 {
		if j := strings.LastIndexByte(s, ')'); j > i {
			keys = append(keys, norm(s[:i]), norm(s[i+1:j]))
		}
	}
	// the quoted name of a legal form and a name alone: NGO "X", not
	// Biedrība "X" nr. 2
	if i := strings.IndexAny(s, `"„“«`); i >= 0 && len(strings.Fields(s[:i])) <= 1 {
		rest := s[i+len(string([]rune(s[i:])[0])):]
		if j := strings.IndexAny(rest, `"“”»`); j > 0 && strings.TrimSpace(strings.TrimLeft(rest[j:], `"“”»`)) == "" {
			keys = append(keys, norm(rest[:j]))
		}
	}
	var out []string
	for _, k := range keys {
		if len([]rune(k)) >= 3 && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// sameName reports whether two names' keys (nameKeys) share one.
func sameName(a, b []string) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

// newer reports whether date a is after date b; a file without a date is
// older than any with one.
func newer(a, b answers.Date) bool {
	switch {
	case a.IsZero():
		return false
	case b.IsZero():
		return true
	}
	return a.Time().After(b.Time())
}

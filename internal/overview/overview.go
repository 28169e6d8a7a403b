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
// organisation and form has a newer date.
type Duplicate struct {
	// Dropped is the file set aside; Kept the one used.
	Dropped, Kept string
	Name          string
	Form          content.Audience
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
// files for the same organisation and form, the one with the newest date
// is used (the later of the inputs on a tie) and the others are reported as
// Duplicates.
func Build(lang *content.Language, files []*answers.File, problems []diag.Problem, asOf answers.Date) *Report {
	r := &Report{Lang: lang, AsOf: asOf, Problems: problems}
	kept, dups := Latest(files)
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

// Latest keeps, of the files for the same organisation (its name, ignoring
// case and spacing) and form, the one with the newest date, the later input
// on a tie, in input order; the others are returned as duplicates.
func Latest(files []*answers.File) (kept []*answers.File, dups []Duplicate) {
	type key struct {
		name string
		form content.Audience
	}
	best := map[key]int{}
	keyOf := func(f *answers.File) key {
		return key{strings.ToLower(strings.Join(strings.Fields(f.Organisation.Name), " ")), f.Form}
	}
	for i, f := range files {
		k := keyOf(f)
		// A later input replaces an earlier one unless the earlier is newer.
		if j, ok := best[k]; !ok || !newer(files[j].Date, f.Date) {
			best[k] = i
		}
	}
	for i, f := range files {
		k := keyOf(f)
		if best[k] == i {
			kept = append(kept, f)
			continue
		}
		dups = append(dups, Duplicate{Dropped: f.Path, Kept: files[best[k]].Path, Name: f.Organisation.Name, Form: f.Form})
	}
	return kept, dups
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

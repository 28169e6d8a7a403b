package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/calendar"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/overview"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

type calendarOptions struct {
	Inputs []string
	Output string
	Lang   string
	Jobs   int
}

func newCalendarCmd(app *App) *cobra.Command {
	opts := &calendarOptions{}
	cmd := &cobra.Command{
		Use:   "calendar ANSWERS...",
		Short: "Put the plans' deadlines and evaluation dates into a calendar file (.ics)",
		Long: `Write the action-plan deadlines, the evaluation dates and the next review
(the workshop's next_review) of one or more organisations as all-day events
in an iCalendar file (.ics), which Outlook, Google Calendar, Apple Calendar
and Thunderbird import. Each event names the organisation, the activity and
the person responsible.

Importing the file again updates the events instead of adding copies: each
row keeps its identifier while the organisation's name stays the same (a
row that has an id in the answers file keeps it whatever rows are inserted
before it; roadmap serve and roadmap import give one to each row with a
date). When the file exists already, it is updated: an event that changed
gets the next SEQUENCE and a new DTSTAMP, the event of a row that is gone is
kept as cancelled, so that a calendar importing the file again removes it.

ANSWERS are answers files or folders of them. Events are in each file's
language unless --lang is given. Of two files for the same organisation and
form, the one with the newer date is used. When a file has problems, they
are listed, nothing is written (an earlier calendar stays as it was) and the
exit status is 1.`,
		Example: "  roadmap calendar answers/ -o plans.ics\n  roadmap calendar mine.yaml",
		Args:    atLeastOne("usage.render-args"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return calendarRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the calendar to `FILE.ics` (default output/<lang>/plans.ics)")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` of the events (default: each file's own)")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "files read at once (default: the number of CPUs)")
	return cmd
}

func calendarRun(app *App, opts *calendarOptions) error {
	set, err := readAnswersSet(app, opts.Inputs, opts.Jobs)
	if err != nil {
		return err
	}
	lang, err := set.language(app, opts.Lang)
	if err != nil {
		return err
	}
	b, _ := app.Content()
	kept, dups := overview.Latest(set.files)
	warnDuplicates(app, dups)
	var srcs []calendar.Source
	for _, f := range kept {
		l := lang
		if opts.Lang == "" {
			if l, err = b.Language(f.Language); err != nil {
				return err
			}
		}
		srcs = append(srcs, calendar.Source{File: f, Lang: l, Stamp: DocDate(f)})
	}
	events := calendar.Events(srcs)
	out := opts.Output
	if out == "" {
		out = filepath.Join("output", lang.Code, "plans.ics")
	}
	if err := set.err(); err != nil {
		// A calendar without the events of a file that could not be read
		// would cancel them in every calendar that imports it.
		return err
	}
	prev, err := previousCalendar(out)
	if err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(out, calendar.Update(events, lang.Label("calendar.name"), lang.Code, prev, updateTime())); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s: %s from %s\n", esc.Name(out), plural(len(events), "event"), plural(len(kept), "answers file"))
	return nil
}

// maxCalendar is the largest earlier calendar read to update it.
const maxCalendar = 64 << 20

// previousCalendar returns the calendar at path that a run is about to
// replace, or nil when there is none.
func previousCalendar(path string) ([]byte, error) {
	data, err := fsutil.ReadInput(path, maxCalendar)
	if err != nil {
		if _, statErr := os.Lstat(path); errors.Is(statErr, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, msg.New("cli.calendar-unreadable", "file", esc.Name(path), "reason", err)
	}
	return data, nil
}

// updateTime is the time an update of a calendar is made at: the clock,
// or SOURCE_DATE_EPOCH when it is set (for reproducible runs).
func updateTime() time.Time {
	if t, ok, err := sourceDateEpoch(); ok && err == nil {
		return t
	}
	return time.Now().UTC().Truncate(time.Second)
}

// answersSet is what a command over many answers files has read: the files
// that could be read, in input order, and the problems of the others.
type answersSet struct {
	files    []*answers.File
	problems []diag.Problem
	// total is the number of answers files found.
	total int
}

// readAnswersSet finds the answers files in inputs (files and folders, as
// render takes them) and reads them, jobs at a time. Only a problem with the
// content itself is returned as an error: a file that cannot be read is
// listed in the set's problems.
func readAnswersSet(app *App, inputs []string, jobs int) (*answersSet, error) {
	b, err := app.Content()
	if err != nil {
		return nil, err
	}
	if _, err := b.Language(content.SourceLanguage); err != nil {
		return nil, err
	}
	paths, ferr := findAnswers(app, inputs)
	set := &answersSet{total: len(paths)}
	if ferr != nil {
		missing := diag.Problems("", ferr)
		set.problems = append(set.problems, missing...)
		set.total += len(missing)
	}
	files := make([]*answers.File, len(paths))
	ferrs := make([]error, len(paths))
	pack.Each(len(paths), jobs, func(i int) { files[i], ferrs[i] = answers.ReadFile(paths[i], b) })
	for i, f := range files {
		if ferrs[i] != nil {
			set.problems = append(set.problems, diag.Problems("", ferrs[i])...)
			continue
		}
		set.files = append(set.files, f)
	}
	return set, nil
}

// language returns the language to label a many-file document in: code when
// given, else the language most of the files are in (the first met on a
// tie), else the source language.
func (s *answersSet) language(app *App, code string) (*content.Language, error) {
	if code == "" {
		code = content.SourceLanguage
		n := map[string]int{}
		best := 0
		for _, f := range s.files {
			n[f.Language]++
			if n[f.Language] > best {
				best, code = n[f.Language], f.Language
			}
		}
	}
	return app.Language(code)
}

// err lists the files that could not be read, or returns nil.
func (s *answersSet) err() error {
	if len(s.problems) == 0 {
		return nil
	}
	files := map[string]bool{}
	var errs []error
	for _, p := range s.problems {
		files[p.File] = true
		errs = append(errs, p)
	}
	return renderFailed{failed: len(files), total: s.total, problems: errs}
}

// warnDuplicates says which files were set aside for a newer one.
func warnDuplicates(app *App, dups []overview.Duplicate) {
	for _, d := range dups {
		key := "cli.duplicate-newer"
		if d.Same {
			key = "cli.duplicate-same"
		}
		app.WarnText(msg.New(key, "dropped", esc.Name(d.Dropped), "name", d.Name, "form", string(d.Form), "kept", esc.Name(d.Kept)))
	}
}

// plansCalendar is the calendar of one organisation's dated plan rows, for
// render to put beside its documents, as an update of prev (the one it
// replaces, or nil); nil when no row has a date and prev has no events.
func plansCalendar(a *answers.File, lang *content.Language, prev []byte) []byte {
	events := calendar.Events([]calendar.Source{{File: a, Lang: lang, Stamp: DocDate(a)}})
	if len(events) == 0 && len(prev) == 0 {
		return nil
	}
	return calendar.Update(events, lang.Label("calendar.name")+" · "+a.Organisation.Name, lang.Code, prev, updateTime())
}

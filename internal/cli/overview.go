package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/overview"
)

// today returns the current time; tests replace it.
var today = time.Now

type overviewOptions struct {
	Inputs []string
	Output string
	PDF    string
	Lang   string
	AsOf   string
	Paper  string
	Jobs   int
}

func newOverviewCmd(app *App) *cobra.Command {
	opts := &overviewOptions{}
	cmd := &cobra.Command{
		Use:   "overview ANSWERS...",
		Short: "One workbook and one PDF report over many organisations' roadmaps",
		Long: `Make the municipality's view of many roadmaps at once:

  a workbook (XLSX) with one row per organisation and its progress per step,
  the status of every checkpoint, how many organisations ticked each option,
  every action-plan row by deadline with the overdue ones marked, every
  evaluation-plan row, the free-text answers side by side, and the files
  that could not be read;

  a PDF report with the counts, a progress picture per organisation, the
  options as bar charts, a timeline of every deadline and evaluation date,
  and a page per organisation.

ANSWERS are answers files or folders of them. An action is overdue when its
deadline is before --as-of (default: today) and it is neither done nor
cancelled. Of two files for the same organisation and form, the one with the
newer date is used and the other is listed. A file with problems does not
stop the overview: it is listed on the workbook's last sheet and here, with
its file, line and column, and the exit status is 1.`,
		Example: "  roadmap overview answers/\n  roadmap overview answers/ -o overview.xlsx --pdf overview.pdf --as-of 2027-03-01",
		Args:    atLeastOne("usage.render-args"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if opts.AsOf != "" {
				if _, err := answers.ParseDate(opts.AsOf); err != nil {
					return usage(cmd, "usage.as-of", "value", msg.Value(opts.AsOf), "reason", err)
				}
			}
			return overviewRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the workbook to `FILE.xlsx` (default output/<lang>/overview.xlsx)")
	cmd.Flags().StringVar(&opts.PDF, "pdf", "", "write the PDF report to `FILE.pdf` (default, or --pdf alone: overview.pdf beside the workbook)")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` of the overview (default: the language most answers files are in)")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "judge what is overdue on this `date`, YYYY-MM-DD (default: today)")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "files read at once (default: the number of CPUs)")
	return cmd
}

// overviewMemoryLimit is the soft memory limit of an overview, unless
// GOMEMLIMIT says otherwise. The report of 1,000 organisations is a PDF of
// about 1,050 pages held whole until it is written, so the 64 MiB that suits
// render (tuneGC) would have the collector run without pause: 120 MiB keeps
// the peak near 155 MB and halves the time spent collecting.
const overviewMemoryLimit = 120 << 20

func overviewRun(app *App, opts *overviewOptions) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(overviewMemoryLimit)
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	set, err := readAnswersSet(app, opts.Inputs, opts.Jobs)
	if err != nil {
		return err
	}
	// registrations for the directory of organisations are not roadmaps
	set.files = slices.DeleteFunc(set.files, func(f *answers.File) bool { return f.Form == content.Registration })
	lang, err := set.language(app, opts.Lang)
	if err != nil {
		return err
	}
	asOf := answers.DateOf(today())
	if opts.AsOf != "" {
		asOf, _ = answers.ParseDate(opts.AsOf)
	}
	r := overview.Build(lang, set.files, set.problems, asOf)
	warnDuplicates(app, r.Duplicates)
	// The documents name each file relative to the folder it was found in
	// (a file given by itself by its name), so the same folder named two
	// ways ("answers", "./answers/", its full path) gives the same bytes.
	for _, f := range set.files {
		f.Path = shownPath(opts.Inputs, f.Path)
	}
	date := DocDate(overview.Newest(set.files))

	xlsxPath := opts.Output
	if xlsxPath == "" {
		xlsxPath = filepath.Join("output", lang.Code, "overview.xlsx")
	}
	pdfPath := opts.PDF
	if pdfPath == "" {
		pdfPath = filepath.Join(filepath.Dir(xlsxPath), "overview.pdf")
	}
	// The workbook and the report are made at the same time.
	var pdfData []byte
	var pdfErr error
	pdfDone := make(chan struct{})
	go func() {
		defer close(pdfDone)
		pdfData, pdfErr = r.PDF(overview.PDFOptions{Theme: theme, Date: date})
	}()
	xlsx, err := r.Workbook(overview.WorkbookOptions{Paper: theme.Paper, Theme: &theme, Date: date})
	<-pdfDone
	if err != nil {
		return err
	}
	if pdfErr != nil {
		return pdfErr
	}
	// Both or neither: an earlier workbook is never left beside a new report.
	if err := fsutil.WriteFiles([]fsutil.PathFile{{Path: xlsxPath, Data: xlsx}, {Path: pdfPath, Data: pdfData}}); err != nil {
		return err
	}
	overdue := 0
	for _, a := range r.Actions {
		if a.Overdue {
			overdue++
		}
	}
	fmt.Fprintf(app.Out, "wrote %s and %s: %d organisations, %d action-plan rows (%d overdue on %s), %d evaluation-plan rows\n",
		esc.Name(xlsxPath), esc.Name(pdfPath), len(r.Orgs), len(r.Actions), overdue, asOf, len(r.Evaluations))
	return set.err()
}

// shownPath is how the overview names the answers file path: relative to
// the folder among inputs it was found in, with forward slashes; a file
// given by itself by its base name.
func shownPath(inputs []string, path string) string {
	for _, in := range inputs {
		if st, err := os.Stat(in); err != nil || !st.IsDir() {
			continue
		}
		if rel, err := filepath.Rel(in, path); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/pack"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

type renderOptions struct {
	Inputs   []string
	Out      string
	Paper    string
	Jobs     int
	Progress bool
}

func newRenderCmd(app *App) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render ANSWERS...",
		Short: "Make the completed roadmaps of many organisations at once",
		Long: `Make, for each answers file, the filled-in checklist form (PDF) and a
workbook with its action, communication and evaluation plans (XLSX), in a
folder named after the organisation: DIR/<organisation>/.

ANSWERS are answers files or folders of them (*.yaml, *.yml, searched in
subfolders too). A file with problems does not stop the others: every problem
is listed at the end with its file, line and column, and the exit status is 1.`,
		Example: "  roadmap render answers/\n  roadmap render a.yaml b.yaml --out roadmaps --jobs 4",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("give at least one answers file or folder"), cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			opts.Progress = isTerminal(app.Err)
			return renderRun(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "output", "the `folder` to write into, one subfolder per organisation")
	cmd.Flags().StringVar(&opts.Paper, "paper", "a4", "paper size: a4 or letter")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "roadmaps made at once (default: the number of CPUs)")
	return cmd
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// renderInput is one answers file and where its documents go.
type renderInput struct {
	path string
	dir  string // the organisation's folder under --out
}

func renderRun(ctx context.Context, app *App, opts *renderOptions) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	files, problems := findAnswers(opts.Inputs)

	// First pass: read every file for its organisation's name, so that
	// folder names (and their suffixes on collisions) follow the order of
	// the inputs, whatever order the work finishes in. Only names are kept,
	// so memory does not grow with the number of files.
	orgs := make([]string, len(files))
	errs := make([]error, len(files))
	pack.Each(len(files), opts.Jobs, func(i int) {
		a, err := answers.ReadFile(files[i], b)
		if err != nil {
			errs[i] = err
			return
		}
		orgs[i] = a.Organisation.Name
	})
	var inputs []renderInput
	var names pack.Names
	for i, path := range files {
		if errs[i] != nil {
			problems = append(problems, errs[i])
			continue
		}
		fallback := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		inputs = append(inputs, renderInput{path: path, dir: filepath.Join(opts.Out, names.Unique(orgs[i], pack.SafeName(fallback, "roadmap")))})
	}

	jobs := make([]pack.Job, len(inputs))
	for i, in := range inputs {
		jobs[i] = pack.Job{Name: in.path, Build: func() ([]pack.Doc, error) { return renderOne(b, theme, in) }}
	}
	var bar *progressbar.ProgressBar
	var done func(pack.Result)
	if opts.Progress && len(jobs) > 1 {
		bar = progressbar.NewOptions(len(jobs),
			progressbar.OptionSetWriter(app.Err),
			progressbar.OptionSetDescription("rendering"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(true),
		)
		done = func(pack.Result) { _ = bar.Add(1) }
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	results := pack.Run(ctx, jobs, pack.Options{Workers: opts.Jobs, Done: done})
	if bar != nil {
		_ = bar.Finish()
	}
	printWarnings(app, results)

	ok := 0
	for _, r := range results {
		if r.Err != nil {
			problems = append(problems, r.Err)
		} else {
			ok++
		}
	}
	fmt.Fprintf(app.Out, "rendered %d of %d roadmaps into %s\n", ok, len(files), esc.Name(opts.Out))
	if len(problems) == 0 {
		return nil
	}
	return renderFailed{n: len(files) - ok, total: len(files), problems: problems}
}

// renderFailed lists every problem of a batch; each names its file.
type renderFailed struct {
	n, total int
	problems []error
}

func (e renderFailed) headline() string {
	return fmt.Sprintf("%d of %d answers files failed:", e.n, e.total)
}

func (e renderFailed) Error() string {
	lines := []string{e.headline()}
	for _, p := range e.problems {
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// renderOne makes one organisation's filled form and plans workbook.
func renderOne(b *content.Bundle, theme pdf.Theme, in renderInput) ([]pack.Doc, error) {
	a, err := answers.ReadFile(in.path, b)
	if err != nil {
		return nil, err
	}
	lang, err := b.Language(a.Language)
	if err != nil {
		return nil, err
	}
	date := DocDate(a)
	r, err := form.Render(lang, a.Form, a, form.Options{Theme: theme, Date: date})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.path, err)
	}
	plans := sheets.Plans()
	xlsx, err := sheets.Build(lang, plans, a, sheets.WithPaper(theme.Paper), sheets.WithDate(date))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.path, err)
	}
	docs := []pack.Doc{
		{Path: filepath.Join(in.dir, formFileName(a.Form, nil)), Data: r.PDF, Pages: r.Pages, Warnings: r.Warnings},
		{Path: filepath.Join(in.dir, "plans.xlsx"), Data: xlsx, Sheets: sheets.VisibleSheets(plans)},
	}
	if ics := plansCalendar(a, lang); ics != nil {
		docs = append(docs, pack.Doc{Path: filepath.Join(in.dir, "plans.ics"), Data: ics})
	}
	return docs, nil
}

// findAnswers expands the inputs into answers files: files as given, folders
// searched for *.yaml and *.yml (hidden entries skipped), in a stable order.
func findAnswers(inputs []string) ([]string, []error) {
	var files []string
	var problems []error
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			problems = append(problems, diag.Problem{File: in, Msg: "no such file or folder"})
			continue
		}
		if !st.IsDir() {
			files = append(files, in)
			continue
		}
		var found []string
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, diag.Problem{File: path, Msg: err.Error()})
				return nil
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(path)); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			problems = append(problems, err)
		}
		if len(found) == 0 {
			problems = append(problems, diag.Problem{File: in, Msg: "the folder holds no answers files (*.yaml, *.yml)"})
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return slices.Compact(files), problems
}

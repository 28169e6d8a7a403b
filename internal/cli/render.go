package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

type renderOptions struct {
	IO *IO

	Inputs []string
	Out    string
	Paper  string
	Jobs   int
}

func newRenderCmd(app *App, runF func(context.Context, *renderOptions) error) *cobra.Command {
	opts := &renderOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "render ANSWERS...",
		Short: "Make the completed roadmaps of many organisations at once",
		Long: `Make, for each answers file, the filled-in checklist form (PDF), a
workbook with its action, communication and evaluation plans (XLSX) and the
partnership proposal's two-page handout (proposal.pdf, as "roadmap
proposal" makes it), in a folder named after the organisation:
DIR/<organisation>/.

ANSWERS are answers files or folders of them (*.yaml, *.yml, searched in
subfolders too); a file named twice is made once. A file with problems, or
an input that is missing or not a file, does not stop the others: every problem is listed at the end with its file, line
and column, and the exit status is 1. Each organisation's folder is written
whole or not at all. Interrupted (Ctrl-C), render finishes the roadmaps it
has started, says how many are complete, and exits with 130.`,
		Example: "  roadmap render answers/\n  roadmap render a.yaml b.yaml --out roadmaps --jobs 4",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage(cmd, "usage.render-args")
			}
			if opts.Out == "" {
				return usagef(cmd, "--out is empty; give the folder to write the roadmaps into")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return renderRun(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "output", "the `folder` to write into, one subfolder per organisation")
	paperFlag(cmd, &opts.Paper)
	jobsFlag(cmd, &opts.Jobs, "roadmaps")
	return cmd
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
	// An input that is missing or not a file is a failed input like a
	// broken answers file: the others are rendered.
	files, ferr := findAnswers(app, opts.Inputs)
	if len(files) == 0 && ferr != nil {
		return ferr
	}
	var missing []error
	if ferr != nil {
		for _, p := range diag.Problems("", ferr) {
			missing = append(missing, p)
		}
	}
	if err := fsutil.PrepareDir(opts.Out); err != nil {
		return fmt.Errorf("--out: %w", err)
	}

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
	problems := missing
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
		jobs[i] = pack.Job{Name: in.path, Dir: in.dir, Build: func() ([]pack.Doc, error) { return renderOne(app, b, theme, in) }}
	}
	var bar *progressbar.ProgressBar
	var done func(pack.Result)
	if app.IsStderrTTY() && len(jobs) > 1 {
		bar = progressbar.NewOptions(len(jobs),
			progressbar.OptionSetWriter(app.Err),
			progressbar.OptionSetDescription("rendering"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(true),
		)
		done = func(pack.Result) { _ = bar.Add(1) }
	}
	results := pack.Run(ctx, jobs, pack.Options{Workers: opts.Jobs, Done: done})
	if bar != nil {
		_ = bar.Finish()
	}
	printWarnings(app, results)

	ok, notMade := 0, 0
	for _, r := range results {
		switch {
		case r.Err == nil:
			ok++
		case ctx.Err() != nil && errors.Is(r.Err, ctx.Err()):
			notMade++
		default:
			problems = append(problems, r.Err)
		}
	}
	total := len(files) + len(missing)
	fmt.Fprintln(app.Out, msg.New("cli.rendered", "done", ok, "n", total, "dir", esc.Name(opts.Out)).In(app.ReaderLang()))
	if len(problems) == 0 && ctx.Err() == nil {
		return nil
	}
	return renderFailed{failed: len(problems), total: total, problems: problems,
		interrupted: ctx.Err() != nil, complete: ok, out: opts.Out}
}

// renderFailed lists every problem of a batch; each names its file.
type renderFailed struct {
	failed, total int
	problems      []error
	// interrupted says the run was stopped by a signal, with complete
	// roadmaps written into out.
	interrupted bool
	complete    int
	out         string
}

func (e renderFailed) headline(lang string) string {
	switch {
	case e.interrupted && e.failed > 0:
		return msg.New("cli.render-interrupted-failed", "done", e.complete, "total", e.total, "dir", esc.Name(e.out), "n", e.failed).In(lang)
	case e.interrupted:
		return msg.New("cli.render-interrupted", "done", e.complete, "total", e.total, "dir", esc.Name(e.out)).In(lang)
	}
	return msg.New("cli.render-failed", "n", e.failed, "total", e.total).In(lang)
}

func (e renderFailed) Error() string {
	lines := []string{e.headline(msg.Fallback)}
	for _, p := range e.problems {
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// renderOne makes one organisation's filled form and plans workbook.
func renderOne(app *App, b *content.Bundle, theme pdf.Theme, in renderInput) ([]pack.Doc, error) {
	a, err := answers.ReadFile(in.path, b)
	if err != nil {
		return nil, err
	}
	lang, err := app.checkedLanguage(a.Language)
	if err != nil {
		return nil, fileError{in.path, err}
	}
	opts := pack.BuildOptions{Theme: theme, Date: DocDate(a)}
	var docs []pack.Doc
	for _, d := range pack.Roadmap(a.Form) {
		res, err := d.Build(lang, a, opts)
		if err != nil {
			return nil, fileError{in.path, err}
		}
		docs = append(docs, pack.Doc{Path: filepath.Join(in.dir, d.FileName(nil, opts)), Result: *res})
	}
	// The plans' dates as a calendar, when the plans hold any.
	prev, _ := previousCalendar(filepath.Join(in.dir, "plans.ics"))
	if ics := plansCalendar(a, lang, prev); ics != nil {
		docs = append(docs, pack.Doc{Path: filepath.Join(in.dir, "plans.ics"), Result: document.Result{Data: ics}})
	}
	return docs, nil
}

// findAnswers expands the inputs into answers files: files as given, folders
// searched for *.yaml and *.yml (hidden entries skipped), in a stable order,
// each file once however often it is named. A missing input, a folder with
// no answers files or an input that is not a file is a problem naming it,
// returned with the files found; a named pipe or other special file found in a
// folder is skipped with a warning, never read.
func findAnswers(app *App, inputs []string) ([]string, error) {
	var files []string
	var problems diag.List
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			problems = append(problems, fileProblem(in, fsutil.ReasonText(err)))
			continue
		}
		if !st.IsDir() {
			if err := fsutil.CheckInput(in); err != nil {
				problems = append(problems, diag.Say(in, nil, "cli.not-answers", "reason", err))
				continue
			}
			files = append(files, in)
			continue
		}
		var found []string
		_ = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, fileProblem(path, fsutil.ReasonText(err)))
				return nil
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if d.IsDir() || (ext != ".yaml" && ext != ".yml") {
				return nil
			}
			if err := fsutil.CheckInput(path); err != nil {
				app.WarnText(msg.New("cli.skipped", "file", esc.Name(path), "reason", err))
				return nil
			}
			found = append(found, path)
			return nil
		})
		if len(found) == 0 {
			problems = append(problems, diag.Say(in, nil, "cli.empty-folder"))
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	if len(problems) > 0 {
		return sameFilesOnce(files), problems
	}
	return sameFilesOnce(files), nil
}

// sameFilesOnce leaves out the second and later mentions of a file, however
// it is named (a.yaml, ./a.yaml, a link to it). Files are compared by
// os.SameFile (device and inode, or Windows' volume and file index), only
// against those of the same size and modification time.
func sameFilesOnce(files []string) []string {
	type key struct {
		size int64
		mod  int64
	}
	seen := make(map[key][]os.FileInfo)
	var out []string
next:
	for _, f := range distinct(files) {
		if st, err := os.Stat(f); err == nil {
			k := key{st.Size(), st.ModTime().UnixNano()}
			for _, o := range seen[k] {
				if os.SameFile(o, st) {
					continue next
				}
			}
			seen[k] = append(seen[k], st)
		}
		out = append(out, f)
	}
	return out
}

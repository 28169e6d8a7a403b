package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/guide"
	"github.com/partnership-roadmap/roadmap/internal/pack"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

type packOptions struct {
	Langs []string
	Out   string
	Paper string
	Jobs  int
}

func newPackCmd(app *App) *cobra.Command {
	opts := &packOptions{}
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Make the whole blank workshop pack, in every language",
		Long: `Make every blank document of the workshop pack: both checklist forms and the
guideline booklet as PDF, and the action, communication and evaluation plans as
Excel workbooks, with an index.txt saying what each file is for. One folder
per language under --out (default output/): output/lv, output/en, ...

Without --lang, every language whose content is complete is made.`,
		Example: "  roadmap pack\n  roadmap pack --lang en --paper letter --out workshop",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return packRun(cmd.Context(), app, opts)
		},
	}
	cmd.Flags().StringSliceVarP(&opts.Langs, "lang", "l", []string{"all"}, "languages to make, comma-separated (lv,en), or all")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "output", "the `folder` to write the pack into")
	cmd.Flags().StringVar(&opts.Paper, "paper", "a4", "paper size: a4 or letter")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "documents made at once (default: the number of CPUs)")
	return cmd
}

// packDoc is one document of a language's pack.
type packDoc struct {
	// file is the document's file name; index is the label saying what it is for.
	file, index string
	build       func(lang *content.Language, path string) (pack.Doc, error)
}

func packRun(ctx context.Context, app *App, opts *packOptions) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	langs, err := packLanguages(b, opts.Langs)
	if err != nil {
		return err
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	docs := packDocs(theme, DocDate(nil))

	var jobs []pack.Job
	for _, lang := range langs {
		dir := filepath.Join(opts.Out, lang.Code)
		for _, d := range docs {
			path := filepath.Join(dir, d.file)
			jobs = append(jobs, pack.Job{Name: path, Build: func() ([]pack.Doc, error) {
				doc, err := d.build(lang, path)
				return []pack.Doc{doc}, err
			}})
		}
		index := filepath.Join(dir, "index.txt")
		jobs = append(jobs, pack.Job{Name: index, Build: func() ([]pack.Doc, error) {
			return []pack.Doc{{Path: index, Data: packIndex(lang, docs)}}, nil
		}})
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	results := pack.Run(ctx, jobs, pack.Options{Workers: opts.Jobs})
	printWarnings(app, results)
	printSummary(app.Out, results)
	return failures(results, "files")
}

// packLanguages resolves --lang: "all" is every complete language.
func packLanguages(b *content.Bundle, codes []string) ([]*content.Language, error) {
	if slices.Contains(codes, "all") {
		if _, err := b.All(); err != nil {
			return nil, err
		}
		reports, _ := content.Check(b)
		var langs []*content.Language
		for _, r := range reports {
			if r.Complete() {
				l, _ := b.Language(r.Code)
				langs = append(langs, l)
			}
		}
		if len(langs) == 0 {
			return nil, fmt.Errorf("no language is complete; run 'roadmap content check' to see why")
		}
		return langs, nil
	}
	var langs []*content.Language
	for _, c := range codes {
		l, err := b.Language(strings.TrimSpace(c))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	return langs, nil
}

// packDocs lists the documents of a language's pack, in index order.
func packDocs(theme pdf.Theme, date time.Time) []packDoc {
	formDoc := func(f content.Audience) func(*content.Language, string) (pack.Doc, error) {
		return func(lang *content.Language, path string) (pack.Doc, error) {
			r, err := form.Render(lang, f, nil, form.Options{Theme: theme, Date: date})
			if err != nil {
				return pack.Doc{}, err
			}
			return pack.Doc{Path: path, Data: r.PDF, Pages: r.Pages, Warnings: r.Warnings}, nil
		}
	}
	sheetDoc := func(id string) func(*content.Language, string) (pack.Doc, error) {
		return func(lang *content.Language, path string) (pack.Doc, error) {
			plan, err := sheets.Lookup(id)
			if err != nil {
				return pack.Doc{}, err
			}
			data, err := sheets.Build(lang, []sheets.Plan{plan}, nil, sheets.WithPaper(theme.Paper), sheets.WithDate(date))
			return pack.Doc{Path: path, Data: data, Sheets: sheets.VisibleSheets([]sheets.Plan{plan})}, err
		}
	}
	return []packDoc{
		{file: formFileName(content.Municipality, nil), index: "pack.index.form.municipality", build: formDoc(content.Municipality)},
		{file: formFileName(content.Community, nil), index: "pack.index.form.community", build: formDoc(content.Community)},
		{file: "guide.pdf", index: "pack.index.guide", build: func(lang *content.Language, path string) (pack.Doc, error) {
			r, err := guide.Render(lang, guide.Options{Audience: "all", Theme: theme, Date: date})
			if err != nil {
				return pack.Doc{}, err
			}
			return pack.Doc{Path: path, Data: r.PDF, Pages: r.Pages, Warnings: r.Warnings}, nil
		}},
		{file: "action-plan.xlsx", index: "pack.index.action-plan", build: sheetDoc("action-plan")},
		{file: "communication-plan.xlsx", index: "pack.index.communication-plan", build: sheetDoc("communication-plan")},
		{file: "evaluation-plan.xlsx", index: "pack.index.evaluation-plan", build: sheetDoc("evaluation-plan")},
	}
}

// packIndex is the index.txt of a language's pack: one line per document.
func packIndex(lang *content.Language, docs []packDoc) []byte {
	var sb strings.Builder
	title := lang.Label("pack.index.title")
	fmt.Fprintf(&sb, "%s\n%s\n\n", title, strings.Repeat("=", len([]rune(title))))
	fmt.Fprintf(&sb, "%s\n\n", lang.Format("pack.index.intro", "title", lang.Title))
	width := 0
	for _, d := range docs {
		width = max(width, len(d.file))
	}
	for _, d := range docs {
		fmt.Fprintf(&sb, "%-*s  %s\n", width, d.file, lang.Label(d.index))
	}
	fmt.Fprintf(&sb, "\n%s\n", lang.Format("pack.index.generated", "version", versionString()))
	return []byte(strings.ReplaceAll(sb.String(), "\n", "\r\n"))
}

// printWarnings prints each warning of the files written, once.
func printWarnings(app *App, results []pack.Result) {
	for _, r := range results {
		for _, f := range r.Files {
			for _, w := range f.Warnings {
				app.Warn("%s: %s", esc.Name(f.Path), w)
			}
		}
	}
}

// failures returns an error listing every failed job, or nil.
func failures(results []pack.Result, what string) error {
	var msgs []string
	for _, r := range results {
		if r.Err != nil {
			msgs = append(msgs, r.Err.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d %s failed:\n%s", len(msgs), len(results), what, strings.Join(msgs, "\n"))
}

// printSummary prints a table of the files written: pages or sheets, and size.
func printSummary(w io.Writer, results []pack.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tPAGES\tSHEETS\tSIZE")
	files, total := 0, 0
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(tw, "%s\t\t\tfailed\n", esc.Name(r.Name))
			continue
		}
		for _, f := range r.Files {
			files++
			total += f.Size
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", esc.Name(filepath.ToSlash(f.Path)), count(f.Pages), count(f.Sheets), size(f.Size))
		}
	}
	fmt.Fprintf(tw, "%d files\t\t\t%s\n", files, size(total))
	tw.Flush()
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

type packOptions struct {
	IO *IO

	Langs []string
	Out   string
	Paper string
	Jobs  int
}

func newPackCmd(app *App, runF func(context.Context, *packOptions) error) *cobra.Command {
	opts := &packOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Make the whole blank workshop pack, in every language",
		Long: `Make every blank document of the workshop pack: both checklist forms and the
guideline booklet as PDF, and the action, communication and evaluation plans as
Excel workbooks, with an index.txt saying what each file is for. One folder
per language under --out (default output/): output/lv, output/en, ...

Without --lang (or with --lang all), every language is made whose content
"roadmap content check" finds no problem in; the others are left out with a
warning. A language named with --lang whose content has problems is left
out, and the exit status is 1.`,
		Example: "  roadmap pack\n  roadmap pack --lang en --paper letter --out workshop",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage(cmd, "usage.pack-args", "value", esc.Name(args[0]))
			}
			if opts.Out == "" {
				return usage(cmd, "usage.pack-out-empty")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return packRun(cmd.Context(), app, opts)
		},
	}
	app.langsFlag(cmd, &opts.Langs, "languages to make, comma-separated (lv,en), or all")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "output", "the `folder` to write the pack into")
	paperFlag(cmd, &opts.Paper)
	jobsFlag(cmd, &opts.Jobs, "documents")
	return cmd
}

func packRun(ctx context.Context, app *App, opts *packOptions) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	langs, leftOut, err := packLanguages(app, b, opts.Langs)
	if err != nil {
		return err
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	docs := pack.Blank()
	date := DocDate(nil)
	build := pack.BuildOptions{Theme: theme, Date: date}

	// One job per language: its documents are built side by side, then its
	// folder is written as a whole with its index.txt (fsutil.WriteFolder),
	// so a failure (a full disk) leaves every earlier file as it was and no
	// index lists a document that was not written.
	var jobs []pack.Job
	for _, lang := range langs {
		dir := filepath.Join(opts.Out, lang.Code)
		jobs = append(jobs, pack.Job{Name: dir, Dir: dir, Build: func() ([]pack.Doc, error) {
			out := make([]pack.Doc, len(docs)+1)
			errs := make([]error, len(docs))
			pack.Each(len(docs), opts.Jobs, func(i int) {
				path := filepath.Join(dir, docs[i].File)
				res, err := docs[i].Build(lang, nil, build)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", esc.Name(path), err)
					return
				}
				out[i] = pack.Doc{Path: path, Result: *res}
			})
			if err := errors.Join(errs...); err != nil {
				return nil, err
			}
			out[len(docs)] = pack.Doc{Path: filepath.Join(dir, "index.txt"), Result: document.Result{Data: packIndex(lang, docs)}}
			return out, nil
		}})
	}
	if err := fsutil.PrepareDir(opts.Out); err != nil {
		return msg.New("usage.flag", "flag", "out", "reason", err)
	}
	results := pack.Run(ctx, jobs, pack.Options{Workers: opts.Jobs})
	printWarnings(app, results)
	printSummary(app.Out, results, app.ReaderLang())
	if ctx.Err() != nil {
		return msg.New("cli.pack-interrupted")
	}
	if err := failures(results); err != nil {
		return err
	}
	if len(leftOut) > 0 {
		if opts.all() {
			// Every language was asked for: those still being translated
			// are left out, and said so, without failing the pack.
			for _, t := range leftOut.texts() {
				app.WarnText(t)
			}
			return nil
		}
		return leftOut
	}
	return nil
}

// all reports whether --lang asks for every language.
func (o *packOptions) all() bool { return slices.Contains(o.Langs, "all") }

// languagesLeftOut are the languages pack did not make, each with why.
type languagesLeftOut []contentProblems

// texts says, for each language left out, why.
func (l languagesLeftOut) texts() []msg.Text {
	out := make([]msg.Text, len(l))
	for i, p := range l {
		out[i] = msg.New("cli.left-out", "code", p.code, "n", len(p.problems))
	}
	return out
}

// In says why each language was left out, one a line, in language lang.
func (l languagesLeftOut) In(lang string) string {
	return msg.Join{Sep: "\n", Items: l.texts()}.In(lang)
}

func (l languagesLeftOut) Error() string { return l.In(msg.Fallback) }

// packLanguages resolves --lang: "all" is every language of the content.
// A language whose content has problems is left out and returned in
// leftOut; a language that cannot be read at all is left out the same way.
func packLanguages(app *App, b *content.Bundle, codes []string) (langs []*content.Language, leftOut languagesLeftOut, err error) {
	if slices.Contains(codes, "all") {
		codes = b.Codes()
	}
	for _, c := range codes {
		l, err := app.checkedLanguage(c)
		var broken contentProblems
		switch {
		case errors.As(err, &broken):
			leftOut = append(leftOut, broken)
			continue
		case err != nil:
			return nil, nil, err
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 && len(leftOut) > 0 {
		return nil, nil, leftOut
	}
	return langs, leftOut, nil
}

// packIndex is the index.txt of a language's pack: one line per document.
func packIndex(lang *content.Language, docs []pack.Document) []byte {
	var sb strings.Builder
	title := lang.Label("pack.index.title")
	fmt.Fprintf(&sb, "%s\n%s\n\n", title, strings.Repeat("=", len([]rune(title))))
	fmt.Fprintf(&sb, "%s\n\n", lang.Format("pack.index.intro", "title", lang.Title))
	if lang.Status == content.Draft && lang.StatusNote != "" {
		// A translation nobody from the country has reviewed says so.
		fmt.Fprintf(&sb, "%s\n\n", strings.TrimSpace(lang.StatusNote))
	}
	width := 0
	for _, d := range docs {
		width = max(width, len(d.File))
	}
	for _, d := range docs {
		fmt.Fprintf(&sb, "%-*s  %s\n", width, d.File, lang.Label(d.Index))
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
func failures(results []pack.Result) error {
	var errs []msg.Text
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, errText(r.Err))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return msg.New("cli.pack-failed", "n", len(errs), "total", len(results), "list", msg.Join{Sep: "\n", Items: errs})
}

// printSummary prints a table of the files written: pages or sheets, and
// size, in language lang.
func printSummary(w io.Writer, results []pack.Result, lang string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	say := func(key string, kv ...any) string { return msg.New(key, kv...).In(lang) }
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", say("cli.pack-col-file"), say("cli.pack-col-pages"), say("cli.pack-col-sheets"), say("cli.pack-col-size"))
	files, total := 0, 0
	for _, r := range results {
		switch {
		case errors.Is(r.Err, context.Canceled):
			// Not made: interrupted before it started.
			continue
		case r.Err != nil:
			fmt.Fprintf(tw, "%s\t\t\t%s\n", esc.Name(r.Name), say("cli.pack-row-failed"))
			continue
		}
		for _, f := range r.Files {
			files++
			total += f.Size
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", esc.Name(filepath.ToSlash(f.Path)), count(f.Pages), count(f.Sheets), sizeLabel(f.Size))
		}
	}
	fmt.Fprintf(tw, "%s\t\t\t%s\n", say("cli.pack-files", "n", files), sizeLabel(total))
	tw.Flush()
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// errText is err as a text in every language: itself when it is one, its
// message otherwise.
func errText(err error) msg.Text {
	return msg.Func(func(lang string) string { return msg.In(err, lang) })
}

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/translate"
)

type contentExportOptions struct {
	Lang         string
	Format       string
	Untranslated bool
	Output       string
}

func newContentExportCmd(app *App) *cobra.Command {
	opts := &contentExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write a language's texts for a translator's tool (PO or XLIFF)",
		Long: `Write the texts of a language to translate, as a gettext PO file (Poedit,
Weblate) or an XLIFF 2.0 file (memoQ, Trados, OmegaT): each text with its key,
the Latvian source, the English for reference, where it appears and how long it
may be. Ids, audiences, URLs and numbers are not exported. With --untranslated,
only the texts that have no translation yet, or an outdated one.
Bring the file back with "roadmap content import".`,
		Example: "  roadmap content export --lang lt --format po\n  roadmap content export --lang sv --format xliff --untranslated -o sv-todo.xlf",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return contentExportRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` to translate into (en, lt, sv, pt, el, ...)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "po", "file format: po or xliff")
	cmd.Flags().BoolVar(&opts.Untranslated, "untranslated", false, "only texts with no translation yet, or an outdated one")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (default LANG.po or LANG.xlf; - for standard output)")
	_ = cmd.MarkFlagRequired("lang")
	return cmd
}

func contentExportRun(app *App, opts *contentExportOptions) error {
	var write func(*translate.Catalog) []byte
	ext := ""
	switch opts.Format {
	case "po":
		write, ext = translate.WritePO, ".po"
	case "xliff", "xlf":
		write, ext = translate.WriteXLIFF, ".xlf"
	default:
		return usageError{fmt.Errorf("unknown format %q; allowed: po, xliff", opts.Format), "roadmap content export"}
	}
	b, err := app.Content()
	if err != nil {
		return err
	}
	cat, err := translate.Build(b, opts.Lang, opts.Untranslated)
	if err != nil {
		return err
	}
	data := write(cat)
	if opts.Output == "-" {
		_, err := app.Out.Write(data)
		return err
	}
	out := opts.Output
	if out == "" {
		out = opts.Lang + ext
	}
	if err := fsutil.WriteFileAtomic(out, data); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s (%d texts to translate into %s)\n", out, len(cat.Entries), opts.Lang)
	return nil
}

// contentDir is the content folder that import and stamp write into: the
// one given with --content, else content/ of the current folder.
func (a *App) contentDir() (string, error) {
	dir := a.ContentDir
	if dir == "" {
		dir = "content"
	}
	if st, err := os.Stat(filepath.Join(dir, content.SourceLanguage, "roadmap.yaml")); err != nil || st.IsDir() {
		return "", fmt.Errorf("%s is not a content folder (it has no %s); give the folder with --content DIR",
			dir, filepath.Join(content.SourceLanguage, "roadmap.yaml"))
	}
	return dir, nil
}

func newContentImportCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.po|FILE.xlf",
		Short: "Write a translator's PO or XLIFF file back into the content",
		Long: `Write the translations of a PO or XLIFF file (made with "roadmap content
export" and filled in by a translator) back into the language's YAML files of
the content folder (--content, default content/ of the current folder). Only
texts that changed are rewritten; every other line, comment and layout stays
as it was. Texts left empty, marked fuzzy (PO) or in state initial (XLIFF)
are skipped. Every translation is checked first, as "roadmap content check"
checks the content (placeholders, control characters however escaped, the
date pattern, sheet names and other limits, Markdown paragraphs); each
refusal names the file, line, column and key, and if one is refused, nothing
is written. Then run "roadmap content check".`,
		Example: "  roadmap content import lt.po\n  roadmap content import --content ./content sv.xlf",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return contentImportRun(app, args[0])
		},
	}
}

func contentImportRun(app *App, file string) error {
	data, err := diag.ReadPath(file, msg.New("what.translation-file"))
	if err != nil {
		return err
	}
	dir, err := app.contentDir()
	if err != nil {
		return err
	}
	var (
		lang    string
		ts      []translate.Translation
		skipped int
		kind    = "fuzzy"
	)
	switch ext := strings.ToLower(filepath.Ext(file)); {
	case ext == ".xlf" || ext == ".xliff" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("<?xml")):
		lang, ts, skipped, err = translate.ReadXLIFF(data)
		kind = "in state initial"
	default:
		lang, ts, skipped, err = translate.ReadPO(data)
	}
	if err != nil {
		var p diag.Problem
		if errors.As(err, &p) {
			p.File = file
			return p
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	if lang == "" {
		return fmt.Errorf("%s names no language (PO: a Language: header; XLIFF: trgLang); export it again with roadmap content export", file)
	}
	res, err := translate.Apply(dir, lang, file, ts, app.contentCheckOptions()...)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "%s → %s: %d changed, %d added, %d unchanged, %d skipped (%s)\n",
		file, filepath.Join(dir, res.Lang), res.Changed, res.Added, res.Unchanged, skipped, kind)
	for _, f := range res.Files {
		fmt.Fprintf(app.Out, "wrote %s\n", f)
	}
	return nil
}

func newContentStampCmd(app *App) *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:   "stamp",
		Short: "Record that a translation is up to date with the Latvian source",
		Long: `Record, in the language's sources.yaml, that each of its texts was
translated from the Latvian text it has now. Run it after bringing a
translation up to date by hand; "roadmap content check" then lists as outdated
only the texts whose Latvian changes later.`,
		Example: "  roadmap content stamp --lang lt",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := app.contentDir()
			if err != nil {
				return err
			}
			b, err := content.Open(os.DirFS(dir), dir)
			if err != nil {
				return err
			}
			data, err := b.Stamp(lang)
			if err != nil {
				return err
			}
			rec, err := b.StampRecord(lang)
			if err != nil {
				return err
			}
			texts, err := b.EncodeSourceTexts(map[string]map[string]string{lang: rec})
			if err != nil {
				return err
			}
			out := filepath.Join(dir, content.SourcesPath(lang))
			textsOut := filepath.Join(dir, content.SourceTextsFile)
			if err := fsutil.WriteFiles([]fsutil.PathFile{{Path: out, Data: data}, {Path: textsOut, Data: texts}}); err != nil {
				return err
			}
			fmt.Fprintf(app.Out, "wrote %s\nwrote %s\n", out, textsOut)
			return nil
		},
	}
	cmd.Flags().StringVarP(&lang, "lang", "l", "", "language `code` (en, lt, sv, pt, el, ...)")
	_ = cmd.MarkFlagRequired("lang")
	return cmd
}

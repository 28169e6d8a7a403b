package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/guide"
)

type guideOptions struct {
	Lang     string
	Audience string
	Paper    string
	Org      string
	Output   string
}

func newGuideCmd(app *App) *cobra.Command {
	opts := &guideOptions{}
	cmd := &cobra.Command{
		Use:   "guide",
		Short: "Make the guideline booklet (PDF)",
		Long: `Make the guideline booklet: the roadmap's manual, with the full guidance of
every checkpoint, partner examples, links and the action-plan table, a table
of contents and bookmarks, ready to read on screen or print.

With --audience municipality or community the booklet leaves out the
checkpoints of the other form. --org prints "prepared for" and the name on
the cover.

The booklet is written to output/<lang>/guide.pdf (guide-municipality.pdf,
guide-community.pdf for one form) unless -o names another file.`,
		Example: "  roadmap guide\n" +
			"  roadmap guide --lang en --paper letter\n" +
			"  roadmap guide --audience municipality --org \"Talsu novada pašvaldība\" -o talsi.pdf",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				form := "municipality|community"
				if _, err := content.ParseForm(args[0]); err == nil {
					form = args[0]
				}
				return usageError{fmt.Errorf("guide takes no arguments; for the booklet of one form use --audience %s", form), cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return guideRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", content.SourceLanguage, "language `code` (lv, en, ...)")
	cmd.Flags().StringVarP(&opts.Audience, "audience", "a", "all", "which checkpoints: all, municipality or community")
	cmd.Flags().StringVar(&opts.Paper, "paper", "", "paper size: a4 or letter (default: the theme's, a4)")
	cmd.Flags().StringVar(&opts.Org, "org", "", "print \"prepared for `NAME`\" on the cover")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the booklet to `FILE.pdf` (default output/<lang>/guide.pdf)")
	return cmd
}

func guideRun(app *App, opts *guideOptions) error {
	aud, err := content.ParseAudience(opts.Audience)
	if err != nil {
		return fmt.Errorf("--audience: %w", err)
	}
	out := opts.Output
	if out != "" && !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return fmt.Errorf("output file %s: a booklet's name must end in .pdf", out)
	}
	th, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	lang, err := app.Language(opts.Lang)
	if err != nil {
		return err
	}
	if out == "" {
		name := "guide.pdf"
		if aud != "all" {
			name = "guide-" + string(aud) + ".pdf"
		}
		out = filepath.Join("output", lang.Code, name)
	}
	res, err := guide.Render(lang, guide.Options{Audience: aud, Theme: th, Date: DocDate(nil), Org: opts.Org})
	if err != nil {
		return err
	}
	seen := make(map[string]bool)
	for _, w := range res.Warnings {
		if !seen[w] {
			seen[w] = true
			app.Warn("%s", w)
		}
	}
	if err := fsutil.WriteFileAtomic(out, res.PDF); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s (%s, %s)\n", esc.Name(out), pagesLabel(res.Pages), sizeLabel(len(res.PDF)))
	return nil
}

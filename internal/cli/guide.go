package cli

import (
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// audiences are the values of --audience.
var audiences = []string{"all", string(content.Municipality), string(content.Community)}

type guideOptions struct {
	IO *IO

	Lang     string
	Audience string
	Paper    string
	Org      string
	Output   string
}

func newGuideCmd(app *App, runF func(*guideOptions) error) *cobra.Command {
	opts := &guideOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "guide",
		Short: "Make the guideline booklet (PDF)",
		Long: `Make the guideline booklet: the roadmap's manual, with the full guidance of
every checkpoint, partner examples, links and the action-plan table, a table
of contents and bookmarks, ready to read on screen or print.

With --audience municipality or community the booklet leaves out the
checkpoints of the other form; its pages differ from the whole booklet's, so
hand it out with forms made with "roadmap form <side> --guide own", whose
page references are this edition's. --org prints "prepared for" and the name on
the cover.

The booklet is written to output/<lang>/guide.pdf (guide-municipality.pdf,
guide-community.pdf for one form), with --org to <organisation>-guide.pdf so
that the pack's booklet stays as it is, unless -o names another file.`,
		Example: "  roadmap guide\n" +
			"  roadmap guide --lang en --paper letter\n" +
			"  roadmap guide --audience municipality --org \"Talsu novada pašvaldība\" -o talsi.pdf",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				form := "municipality|community"
				if _, err := content.ParseForm(args[0]); err == nil {
					form = args[0]
				}
				return usage(cmd, "usage.guide-args", "form", form)
			}
			return outputExt(cmd, "booklet", ".pdf")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return guideRun(app, opts)
		},
	}
	app.langFlag(cmd, &opts.Lang, content.SourceLanguage, "language `code` (lv, en, ...)")
	enumFlag(cmd, &opts.Audience, "audience", "a", "all", "audience", audiences, "which checkpoints")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().StringVar(&opts.Org, "org", "", "print \"prepared for `NAME`\" on the cover")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the booklet to `FILE.pdf` (default output/<lang>/guide.pdf)")
	return cmd
}

func guideRun(app *App, opts *guideOptions) error {
	oneDocument()
	th, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	lang, err := app.checkedLanguage(opts.Lang)
	if err != nil {
		return err
	}
	d, err := pack.Lookup("guide")
	if err != nil {
		return err
	}
	date := DocDate(nil)
	build := pack.BuildOptions{Theme: th, Date: date, Audience: content.Audience(opts.Audience), Org: opts.Org}
	out := opts.Output
	if out == "" {
		out = filepath.Join("output", lang.Code, d.FileName(nil, build))
	}
	return app.writeDocument(d, lang, nil, build, out)
}

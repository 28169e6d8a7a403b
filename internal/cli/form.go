package cli

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// forms are the values of the form argument of form and init.
var forms = []string{string(content.Municipality), string(content.Community), string(content.Registration)}

type formOptions struct {
	IO *IO

	Form    content.Audience
	Lang    string
	Answers string
	Paper   string
	Output  string
	// Fillable adds form fields, to fill the form in on screen.
	Fillable bool
	// Guide is the booklet the page references point to: "all" (the
	// whole guidebook) or "own" (the edition for the form's audience).
	Guide string
}

func newFormCmd(app *App, runF func(*formOptions) error) *cobra.Command {
	opts := &formOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "form municipality|community",
		Short: "Make a checklist form as PDF, blank or filled in",
		Long: `Make the roadmap's checklist form for municipalities or for community
organisations as a print-ready PDF: the steps with their checkpoints, status
and option tick boxes, lines to write on and the action-plan table.

With --answers, the form is filled in from the answers file: the ticks, the
answers and the action plan in place, and a progress summary on the first
page. The file is checked first, as "roadmap validate" does; when it has a
problem nothing is written. The form and the language are then the file's:
the form may be left out, and --lang chooses another language for the form's
own texts (the answers stay as written).

With --fillable, the form has fields to fill in on screen in any PDF
reader, over the same layout: a status to choose, options to tick, a box
for each answer, the organisation block and the action-plan rows. With
--answers as well, the fields carry the answers, so that the other side can
complete them. "roadmap import" reads a filled form back into an answers
file.

Each checkpoint points to the page of the guidebook where its guidance
starts. By default the pages are those of the whole guidebook, the one
"roadmap pack" and "roadmap guide" make; with --guide own they are those of
the edition for the form's side ("roadmap guide --audience municipality" for
the municipality form), and the form says so under its instructions. Hand a
form out with the booklet its pages are for.

The PDF is written to output/<lang>/form-<form>.pdf (for example
output/lv/form-community.pdf), or for a filled form to
output/<lang>/<organisation>-<form>.pdf, the organisation's name made safe
for a file name; a fillable form's name ends in -fillable.pdf; -o names
another file.`,
		Example: "  roadmap form municipality\n" +
			"  roadmap form community --lang en --paper letter\n" +
			"  roadmap form --answers mine.yaml -o mine.pdf\n" +
			"  roadmap form community --fillable\n" +
			"  roadmap form municipality --guide own   # with: roadmap guide --audience municipality",
		ValidArgs: forms,
		Args: func(cmd *cobra.Command, args []string) error {
			answersGiven := cmd.Flags().Changed("answers")
			if len(args) > 1 || (len(args) == 0 && !answersGiven) {
				return usage(cmd, "usage.form-or-answers")
			}
			if len(args) == 1 {
				if err := argEnum("form", args[0], forms); err != nil {
					return usageError{err, cmd.CommandPath()}
				}
			}
			return outputExt(cmd, "PDF", ".pdf")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Form = content.Audience(args[0])
			}
			if runF != nil {
				return runF(opts)
			}
			return formRun(app, opts)
		},
	}
	app.langFlag(cmd, &opts.Lang, "", "language `code` (lv, en, ...); default: the answers' language, else lv")
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "fill in the form from the answers `file` (YAML)")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().BoolVar(&opts.Fillable, "fillable", false, "add form fields, to fill the form in on screen in any PDF reader")
	enumFlag(cmd, &opts.Guide, "guide", "", "all", "booklet", []string{"all", "own"},
		"the booklet the page references are for: the whole guidebook, or the edition for the form's side")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the PDF to `FILE.pdf` (default output/<lang>/form-<form>.pdf)")
	return cmd
}

// paperFlag adds --paper, whose default is the theme's paper.
func paperFlag(cmd *cobra.Command, p *string) {
	enumFlag(cmd, p, "paper", "", "", "paper", []string{"a4", "letter"}, "paper size (default: the theme's, a4)")
}

// outputExt checks that -o, when given, ends in ext: a usage error
// otherwise. what names the kind of file ("PDF", "workbook").
func outputExt(cmd *cobra.Command, what, ext string) error {
	f := cmd.Flags().Lookup("output")
	if f == nil || !f.Changed {
		return nil
	}
	out := f.Value.String()
	switch {
	case out == "":
		return usage(cmd, "usage.output-empty", "ext", ext)
	case !strings.EqualFold(filepath.Ext(out), ext):
		return usagef(cmd, "output file %s: a %s's name must end in %s", esc.Name(out), what, ext)
	}
	return nil
}

func formRun(app *App, opts *formOptions) error {
	oneDocument()
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	a, lang, err := app.answersAndLanguage(opts.Answers, opts.Lang)
	if err != nil {
		return err
	}
	f := opts.Form
	if a != nil {
		switch {
		case f == "":
			f = a.Form
		case f != a.Form:
			return msg.New("cli.other-form", "file", esc.Name(opts.Answers), "form", string(a.Form), "other", string(f))
		}
	}
	id := pack.FormID(f)
	if opts.Fillable {
		id = pack.FillableID(f)
	}
	d, err := pack.Lookup(id)
	if err != nil {
		return err
	}
	date := DocDate(a)
	build := pack.BuildOptions{Theme: theme, Date: date}
	if opts.Guide == "own" {
		build.Audience = f
	}
	out := opts.Output
	if out == "" {
		out = filepath.Join("output", lang.Code, d.FileName(a, build))
	}
	return app.writeDocument(d, lang, a, build, out)
}

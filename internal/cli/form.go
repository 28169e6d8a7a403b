package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/form"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

type formOptions struct {
	Form    string
	Lang    string
	Answers string
	Paper   string
	Output  string
}

func newFormCmd(app *App) *cobra.Command {
	opts := &formOptions{}
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

The PDF is written to output/<lang>/form-<form>.pdf (for example
output/lv/form-community.pdf), or for a filled form to
output/<lang>/<organisation>-<form>.pdf, the organisation's name made safe
for a file name; -o names another file.`,
		Example: "  roadmap form municipality\n" +
			"  roadmap form community --lang en --paper letter\n" +
			"  roadmap form --answers mine.yaml -o mine.pdf",
		ValidArgs: []string{string(content.Municipality), string(content.Community)},
		Args: func(cmd *cobra.Command, args []string) error {
			answersGiven := cmd.Flags().Changed("answers")
			if len(args) > 1 || (len(args) == 0 && !answersGiven) {
				return usageError{errors.New("give one form: municipality or community, or --answers FILE"), cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Form = args[0]
			}
			return formRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` (lv, en, ...); default: the answers' language, else lv")
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "fill in the form from the answers `file` (YAML)")
	cmd.Flags().StringVar(&opts.Paper, "paper", "", "paper size: a4 or letter (default: the theme's, a4)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the PDF to `FILE.pdf` (default output/<lang>/form-<form>.pdf)")
	return cmd
}

func formRun(app *App, opts *formOptions) error {
	var f content.Audience
	if opts.Form != "" {
		var err error
		if f, err = content.ParseForm(opts.Form); err != nil {
			return usageError{err, "roadmap form"}
		}
	}
	if opts.Output != "" && !strings.EqualFold(filepath.Ext(opts.Output), ".pdf") {
		return fmt.Errorf("output file %s: a PDF's name must end in .pdf", opts.Output)
	}
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	a, lang, err := app.answersAndLanguage(opts.Answers, opts.Lang)
	if err != nil {
		return err
	}
	if a != nil {
		switch {
		case f == "":
			f = a.Form
		case f != a.Form:
			return fmt.Errorf("%s is filled in for the %s form, not the %s form; leave out the form or give %s", opts.Answers, a.Form, f, a.Form)
		}
	}
	out := opts.Output
	if out == "" {
		out = filepath.Join("output", lang.Code, formFileName(f, a))
	}
	res, err := form.Render(lang, f, a, form.Options{Theme: theme, Date: DocDate(a)})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		if a != nil {
			w = a.Path + ": " + w
		}
		app.Warn("%s", w)
	}
	if err := fsutil.WriteFileAtomic(out, res.PDF); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s (%s, %s)\n", esc.Name(out), pagesLabel(res.Pages), sizeLabel(len(res.PDF)))
	return nil
}

// formFileName is the default file name of a form: form-<form>.pdf when
// blank, <organisation>-<form>.pdf when filled in (the answers file's name
// standing in for a missing organisation name).
func formFileName(f content.Audience, a *answers.File) string {
	if a == nil {
		return "form-" + string(f) + ".pdf"
	}
	fallback := strings.TrimSuffix(filepath.Base(a.Path), filepath.Ext(a.Path))
	name := pack.SafeName(a.Organisation.Name, pack.SafeName(fallback, "answers"))
	return name + "-" + string(f) + ".pdf"
}

// pagesLabel returns "1 page" or "3 pages".
func pagesLabel(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// sizeLabel returns a file size for people: 812 B, 45 KB, 1.2 MB.
func sizeLabel(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

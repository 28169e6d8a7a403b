package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/importpdf"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

type importOptions struct {
	Input  string
	Output string
	Lang   string
	Force  bool
	// Answers is the answers file a plans workbook is read into.
	Answers string
}

func newImportCmd(app *App) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE.pdf | PLANS.xlsx --answers FILE.yaml",
		Short: "Read a filled-in fillable form, or edited plan workbooks, back into an answers file",
		Long: `Read a checklist form made with "roadmap form --fillable" and filled in
in a PDF reader back into an answers file: the statuses, the ticked options,
the answers, the organisation block, the date and the action plan's rows.
Fields left empty are left out. The answers file passes "roadmap validate",
and the other documents can then be made from it.

Only roadmap's own fillable forms are read: a PDF that is not one, a form
made from other content or by another version of roadmap, a damaged or an
encrypted PDF is refused with a message, and nothing is written.

The answers are written to FILE.yaml beside the PDF; -o names another file,
and -o - writes them to standard output. An existing file is not replaced
unless --force is given.

A plans workbook (.xlsx, as "roadmap sheet", "roadmap pack" and "roadmap
render" make it, blank or pre-filled) edited in Excel or LibreOffice is read
into the answers file --answers names, which is updated in place and keeps
its comments: each plan sheet's rows replace that plan's rows (rows added
below the table too; empty rows are left out); a plan the workbook does not
hold is left as it is. Statuses and other choices are read by their labels
in the answers file's language, dates as dates or as text written the local
way (15.05.2027 or 2027-05-15). A cell that cannot be read is named with its
sheet and cell, and nothing is written. -o writes the result to another
file instead (- for standard output).`,
		Example: "  roadmap import form-community-fillable.pdf\n" +
			"  roadmap import filled.pdf -o answers.yaml\n" +
			"  roadmap import filled.pdf -o - | roadmap validate /dev/stdin\n" +
			"  roadmap import plans.xlsx --answers mine.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.import-args")
			}
			return importArgs(cmd, args[0], opts)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			if isWorkbook(opts.Input) {
				return importWorkbookRun(app, opts)
			}
			return importRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the answers to `FILE.yaml` (- for standard output; default: beside the PDF, or the --answers file)")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "expect a form (or a workbook's answers file) in language `code`, and refuse one in another")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "for a plans workbook: the answers `FILE.yaml` to read its plans into")
	return cmd
}

func importRun(app *App, opts *importOptions) error {
	out := opts.Output
	if out == "" {
		out = strings.TrimSuffix(opts.Input, filepath.Ext(opts.Input)) + ".yaml"
	}
	if out != "-" {
		if ext := strings.ToLower(filepath.Ext(out)); ext != ".yaml" && ext != ".yml" {
			return usageError{msg.New("usage.output-yaml", "file", esc.Name(out)), "roadmap import"}
		}
		if _, err := os.Stat(out); err == nil && !opts.Force {
			return msg.New("cli.exists", "file", esc.Name(out))
		}
	}
	b, err := app.Content()
	if err != nil {
		return err
	}
	data, err := readPDF(opts.Input)
	if err != nil {
		return err
	}
	a, err := importpdf.Read(data, b)
	if err != nil {
		return fileProblem(opts.Input, err)
	}
	if opts.Lang != "" && opts.Lang != a.Language {
		return diag.Say(opts.Input, nil, "cli.form-language", "lang", a.Language, "want", esc.Name(opts.Lang))
	}
	lang, err := b.Language(a.Language)
	if err != nil {
		return err
	}
	yaml, err := answers.Encode(a, lang, nil)
	if err != nil {
		return err
	}
	if out == "-" {
		_, err := app.Out.Write(yaml)
		return err
	}
	if err := fsutil.WriteFileAtomic(out, yaml); err != nil {
		return err
	}
	if a.Form == content.Registration {
		// a registration has no plans
		fmt.Fprintln(app.Out, msg.New("cli.import-wrote-registration", "file", esc.Name(out), "form", string(a.Form), "lang", a.Language, "n", len(a.Checkpoints)).In(app.ReaderLang()))
		return nil
	}
	fmt.Fprintln(app.Out, msg.New("cli.import-wrote", "file", esc.Name(out), "form", string(a.Form), "lang", a.Language, "n", len(a.Checkpoints), "rows", len(a.ActionPlan)).In(app.ReaderLang()))
	return nil
}

// readPDF reads the PDF at path: a regular file only (a named pipe or a
// device is refused at once), refused when too large to be a form before
// and while it is read.
func readPDF(path string) ([]byte, error) {
	data, err := fsutil.ReadInput(path, importpdf.MaxSize)
	var big *fsutil.TooBigError
	switch {
	case errors.As(err, &big):
		return nil, diag.Say(path, nil, "cli.pdf-too-big", "max", importpdf.MaxSize>>20)
	case err != nil:
		return nil, fileProblem(path, err)
	}
	return data, nil
}

// fileProblem is err, a failure to read or use file path, as a problem of
// that file, said in every language when err is.
func fileProblem(path string, err error) diag.Problem {
	p := diag.Problem{File: path, Msg: err.Error()}
	if t, ok := err.(msg.Text); ok {
		p.Text = t
	} else {
		var m msg.Message
		if errors.As(err, &m) && m.Error() == err.Error() {
			p.Text = m
		}
	}
	return p
}

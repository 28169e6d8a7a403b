package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/directory"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/overview"
)

type directoryOptions struct {
	Inputs []string
	Output string
	PDF    string
	Lang   string
	Paper  string
	Jobs   int
}

func newDirectoryCmd(app *App, runF func(*directoryOptions) error) *cobra.Command {
	opts := &directoryOptions{}
	cmd := &cobra.Command{
		Use:   "directory ANSWERS...",
		Short: "The directory of organisations: a workbook and a printable list",
		Long: `Make the municipality's directory of the organisations in its territory
(roadmap checkpoint 2.1) from the registrations organisations filled in
("roadmap form registration", "roadmap init registration") and from the
organisation block of roadmap answers files:

  a workbook (XLSX) with one row per organisation: its field of work, target
  groups, area, contact person, e-mail, phone, website, programmes and
  services, offer of cooperation and the files it was made from, under a
  frozen header row with filters, ready to print;

  a printable PDF: an index of the organisations with the page each is on,
  then the organisations grouped by field of work.

ANSWERS are answers files or folders of them. Files naming the same
organisation (its name, without regard to case and spacing) make one entry:
each part is taken from the first file that has it, registrations first. A
file with problems does not stop the directory: it is named here, with its
file, line and column, and the exit status is 1.

The directory holds personal data (names, e-mail addresses, phone numbers):
keep it for cooperation, and do not pass it on.`,
		Example: "  roadmap directory answers/ registrations/\n  roadmap directory answers/ -o directory.xlsx --pdf directory.pdf --lang en",
		Args:    atLeastOne("usage.render-args"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if runF != nil {
				return runF(opts)
			}
			return directoryRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the workbook to `FILE.xlsx` (default output/<lang>/directory.xlsx)")
	cmd.Flags().StringVar(&opts.PDF, "pdf", "", "write the printable directory to `FILE.pdf` (default directory.pdf beside the workbook)")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` of the directory (default: the language most answers files are in)")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "files read at once (default: the number of CPUs)")
	return cmd
}

func directoryRun(app *App, opts *directoryOptions) error {
	theme, err := app.Theme(opts.Paper)
	if err != nil {
		return err
	}
	set, err := readAnswersSet(app, opts.Inputs, opts.Jobs)
	if err != nil {
		return err
	}
	lang, err := set.language(app, opts.Lang)
	if err != nil {
		return err
	}
	for _, f := range set.files {
		if strings.TrimSpace(f.Organisation.Name) == "" {
			app.WarnText(msg.New("cli.no-name", "file", esc.Name(f.Path)))
		}
	}
	// The documents name each file relative to the folder it was found in,
	// as the overview does, so the same folder named two ways gives the
	// same bytes.
	for _, f := range set.files {
		f.Path = shownPath(opts.Inputs, f.Path)
	}
	d := directory.Build(lang, set.files)
	date := DocDate(overview.Newest(set.files))
	xlsxPath := opts.Output
	if xlsxPath == "" {
		xlsxPath = filepath.Join("output", lang.Code, "directory.xlsx")
	}
	pdfPath := opts.PDF
	if pdfPath == "" {
		pdfPath = filepath.Join(filepath.Dir(xlsxPath), "directory.pdf")
	}
	xlsx, err := d.Workbook(directory.WorkbookOptions{Theme: theme, Date: date})
	if err != nil {
		return err
	}
	doc, err := d.PDF(directory.PDFOptions{Theme: theme, Date: date})
	if err != nil {
		return err
	}
	// Both or neither: an earlier workbook is never left beside a new list.
	if err := fsutil.WriteFiles([]fsutil.PathFile{{Path: xlsxPath, Data: xlsx}, {Path: pdfPath, Data: doc}}); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s and %s: %d organisations from %d files (personal data: keep it for cooperation)\n",
		esc.Name(xlsxPath), esc.Name(pdfPath), len(d.Entries), d.Files)
	return set.err()
}

package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/pdfcheck"
)

func newCheckCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "check FILE.pdf...",
		Short: "Check PDFs against PDF/UA-1 and PDF/A-2",
		Long: `Check PDF files against the machine-checkable rules of PDF/UA-1 (ISO 14289-1,
the accessible PDF public bodies publish; the Matterhorn Protocol's failure
conditions that apply) and the basics of PDF/A-2 (ISO 19005-2): tagged
content or artifacts, a structure tree of standard types, alternative
descriptions of figures, links and form fields in the structure, the
language, title and metadata, the output intent, the file identifier and
embedded fonts. Every failure is printed on a line of its own, as
file: page N, object M: rule: what it asks. The exit status is 1 when any
file fails a rule.`,
		Example: "  roadmap check output/*.pdf",
		Args:    atLeastOne("usage.check-args"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkRun(app, args)
		},
	}
}

func checkRun(app *App, paths []string) error {
	var problems diag.List
	for _, path := range distinct(paths) {
		data, err := fsutil.ReadInput(path, pdfcheck.MaxSize)
		var big *fsutil.TooBigError
		switch {
		case errors.As(err, &big):
			problems = append(problems, diag.Problem{File: path, Msg: fmt.Sprintf("the PDF is too big: more than %d bytes", pdfcheck.MaxSize)})
			continue
		case err != nil:
			problems = append(problems, diag.Problem{File: path, Msg: "cannot read the PDF: " + err.Error()})
			continue
		}
		fails, err := pdfcheck.Check(data)
		if err != nil {
			problems = append(problems, diag.Problem{File: path, Msg: err.Error()})
			continue
		}
		for _, f := range fails {
			problems = append(problems, diag.Problem{File: path, Msg: f.String()})
		}
		if len(fails) == 0 {
			fmt.Fprintf(app.Out, "%s: ok (PDF/UA-1, PDF/A-2)\n", esc.Name(path))
		}
	}
	return problems.Err()
}

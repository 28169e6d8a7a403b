package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
)

type validateOptions struct {
	IO *IO

	Files []string
}

func newValidateCmd(app *App, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{IO: &app.IO}
	return &cobra.Command{
		Use:   "validate ANSWERS.yaml...",
		Short: "Check answers files against the roadmap",
		Long: `Check answers files against the roadmap content: the form and language,
every checkpoint id, option, status and date, and the rows of the plans.
Every problem of every file is reported at once, one per line, as
file:line:col: what is wrong; allowed: what would be valid.
The exit status is 1 when any file has a problem. A file given twice is
checked once.`,
		Example: "  roadmap validate answers.yaml\n  roadmap validate examples/*.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(cmd, "give at least one answers file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return validateRun(app, opts.Files)
		},
	}
}

func validateRun(app *App, paths []string) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	var problems diag.List
	for _, path := range distinct(paths) {
		if err := fsutil.CheckInput(path); err != nil {
			problems = append(problems, diag.Problem{File: path, Msg: "cannot read the answers file: " + err.Error()})
			continue
		}
		f, err := answers.ReadFile(path, b)
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) {
				list = diag.List{{File: path, Msg: err.Error()}}
			}
			problems = append(problems, list...)
			continue
		}
		for _, w := range f.Warnings {
			app.Warn("%s", w.Error())
		}
		lang, err := b.Language(f.Language)
		if err != nil {
			return err
		}
		cps := lang.Checkpoints(f.Form)
		answered := 0
		for _, cp := range cps {
			if f.Checkpoint(cp.ID).Answered() {
				answered++
			}
		}
		fmt.Fprintf(app.Out, "%s: ok (%s, %s, %d checkpoints, %d answered)\n", esc.Name(path), f.Form, f.Language, len(cps), answered)
	}
	return problems.Err()
}

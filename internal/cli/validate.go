package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
)

func newValidateCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "validate ANSWERS.yaml...",
		Short: "Check answers files against the roadmap",
		Long: `Check answers files against the roadmap content: the form and language,
every checkpoint id, option, status and date, and the rows of the plans.
Every problem of every file is reported at once, one per line, as
file:line:col: what is wrong; allowed: what would be valid.
The exit status is 1 when any file has a problem.`,
		Example: "  roadmap validate answers.yaml\n  roadmap validate examples/*.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateRun(app, args)
		},
	}
}

func validateRun(app *App, paths []string) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	var problems diag.List
	for _, path := range paths {
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

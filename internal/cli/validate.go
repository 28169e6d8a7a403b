package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
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
checked once. "-" (or /dev/stdin) reads one answers file from standard
input; its messages name it <stdin>.`,
		Example: "  roadmap validate answers.yaml\n  roadmap validate examples/*.yaml\n  roadmap import filled.pdf -o - | roadmap validate -",
		Args:    atLeastOne("usage.validate-args"),
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
		if path == "-" || path == "/dev/stdin" {
			if err := validateStdin(app, b); err != nil {
				problems = append(problems, listOf(stdinName, err)...)
			}
			continue
		}
		if err := fsutil.CheckInput(path); err != nil {
			problems = append(problems, diag.Say(path, nil, "file.cannot-read", "what", msg.New("field.answers-file"), "reason", err))
			continue
		}
		f, err := answers.ReadFile(path, b)
		if err != nil {
			problems = append(problems, listOf(path, err)...)
			continue
		}
		if err := reportValid(app, b, path, f); err != nil {
			return err
		}
	}
	return problems.Err()
}

// stdinName names standard input in messages.
const stdinName = "<stdin>"

// validateStdin checks the answers file on standard input, read within the
// size limit of any answers file.
func validateStdin(app *App, b *content.Bundle) error {
	if app.In == nil {
		return diag.List{diag.Say(stdinName, nil, "file.cannot-read", "what", msg.New("field.answers-file"), "reason", msg.New("reason.no-stdin"))}
	}
	data, err := fsutil.ReadLimited(app.In, 0, diag.MaxFileSize)
	var big *fsutil.TooBigError
	switch {
	case errors.As(err, &big):
		return diag.List{{File: stdinName, Msg: fmt.Sprintf("the answers file is too big: more than %d bytes; allowed: at most %d bytes (2 MiB)", diag.MaxFileSize, diag.MaxFileSize)}}
	case err != nil:
		return diag.List{diag.Say(stdinName, nil, "file.cannot-read", "what", msg.New("field.answers-file"), "reason", err)}
	}
	f, err := answers.Parse(stdinName, data, b)
	if err != nil {
		return err
	}
	return reportValid(app, b, stdinName, f)
}

// listOf returns err, a problem of the file path, as a list of problems.
func listOf(path string, err error) diag.List {
	var list diag.List
	if !errors.As(err, &list) {
		list = diag.List{{File: path, Msg: err.Error()}}
	}
	return list
}

// reportValid prints the warnings of the valid answers file f and the line
// saying it is valid.
func reportValid(app *App, b *content.Bundle, path string, f *answers.File) error {
	for _, w := range f.Warnings {
		app.WarnProblem(w)
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
	fmt.Fprintln(app.Out, msg.New("cli.valid", "file", esc.Name(path), "form", string(f.Form), "lang", f.Language, "n", len(cps), "answered", answered).In(f.Language))
	return nil
}

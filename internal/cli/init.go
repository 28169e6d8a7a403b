package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
)

type initOptions struct {
	Form   string
	Lang   string
	Output string
	Force  bool
}

func newInitCmd(app *App) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init municipality|community",
		Short: "Write an answers file to fill in",
		Long: `Write a ready-to-fill answers file for a checklist form: every checkpoint
of the form in order, with its title, hint and options as comments in the
chosen language, and one example row of each plan. The file is valid as it
is; fill it in, check it with "roadmap validate", and make the filled-in
form with "roadmap form ... --answers FILE".

The file is written to answers-<form>-<lang>.yaml in the current folder, or
to -o FILE; "-o -" prints it instead. An existing file is never replaced
unless --force is given, so filled-in answers are not lost.`,
		Example: "  roadmap init community\n" +
			"  roadmap init municipality --lang en -o talsi.yaml\n" +
			"  roadmap init community -o - | less",
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{string(content.Municipality), string(content.Community)},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Form = args[0]
			return initRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", content.SourceLanguage, "language `code` of the comments and the documents (lv, en, ...)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (default answers-<form>-<lang>.yaml; - prints it)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	return cmd
}

func initRun(app *App, opts *initOptions) error {
	form, err := content.ParseForm(opts.Form)
	if err != nil {
		return usageError{err, "roadmap init"}
	}
	lang, err := app.Language(opts.Lang)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = fmt.Sprintf("answers-%s-%s.yaml", form, lang.Code)
	}
	shown := out
	if out == "-" {
		shown = fmt.Sprintf("answers-%s-%s.yaml", form, lang.Code)
	}
	data, err := answers.Skeleton(lang, form, shown)
	if err != nil {
		return err
	}
	if out == "-" {
		_, err := app.Out.Write(data)
		return err
	}
	if !opts.Force {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists and may hold answers; use --force to replace it, or -o to write another file", out)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("writing %s: %w", out, err)
		}
	}
	if err := fsutil.WriteFileAtomic(out, data); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s (%s form, %s, %d checkpoints)\nfill it in, then check it: roadmap validate %s\n",
		esc.Name(out), form, lang.Code, len(lang.Checkpoints(form)), esc.Name(out))
	return nil
}

package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

type initOptions struct {
	IO *IO

	Form   string
	Lang   string
	Output string
	Force  bool
}

func newInitCmd(app *App, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: &app.IO}
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
		ValidArgs: forms,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.one-form")
			}
			if err := argEnum("form", args[0], forms); err != nil {
				return usageError{err, cmd.CommandPath()}
			}
			if f := cmd.Flags().Lookup("output"); f.Changed && f.Value.String() == "" {
				return usagef(cmd, "-o is empty; give a file name, or - to print the file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Form = args[0]
			if runF != nil {
				return runF(opts)
			}
			return initRun(app, opts)
		},
	}
	app.langFlag(cmd, &opts.Lang, content.SourceLanguage, "language `code` of the comments and the documents (lv, en, ...)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (default answers-<form>-<lang>.yaml; - prints it)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	return cmd
}

func initRun(app *App, opts *initOptions) error {
	form := content.Audience(opts.Form)
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
		return writeOut(app.Out, data)
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return msg.New("cli.init-folder", "file", esc.Name(out), "example", esc.Name(filepath.Join(out, fmt.Sprintf("answers-%s-%s.yaml", form, lang.Code))))
	}
	if !opts.Force {
		if _, err := os.Stat(out); err == nil {
			return msg.New("cli.init-exists", "file", esc.Name(out))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fsutil.Describe(out, err)
		}
	}
	if err := fsutil.WriteFileAtomic(out, data); err != nil {
		return err
	}
	fmt.Fprintln(app.Out, msg.New("cli.init-wrote", "file", esc.Name(out), "form", string(form), "lang", lang.Code, "n", len(lang.Checkpoints(form))).In(app.ReaderLang()))
	return nil
}

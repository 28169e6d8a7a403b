// Package cli is the roadmap command line: one file per command, each with an
// options struct and a run function. It is the only package that reads flags,
// prints, and decides exit codes.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/spf13/cobra"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Version is the version printed by `roadmap version`; release builds set it
// with -ldflags "-X github.com/partnership-roadmap/roadmap/internal/cli.Version=v1.2.3".
var Version = ""

// IO is where a command reads and writes.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// App is the state shared by the commands of one run: the streams and the
// global flags, and the content loaded once for the run.
type App struct {
	IO
	// ContentDir, when set, replaces the embedded content.
	ContentDir string
	// TemplatesDir, when set, replaces the embedded templates.
	TemplatesDir string

	contentOnce sync.Once
	bundle      *content.Bundle
	contentErr  error

	themeOnce sync.Once
	theme     pdf.Theme
	themeErr  error
}

// Content returns the roadmap content of this run, opened on first use: from
// --content DIR when given, else the embedded copy. Each language is read
// when it is first asked for (Bundle.Language), or all at once (Bundle.All).
func (a *App) Content() (*content.Bundle, error) {
	a.contentOnce.Do(func() {
		if a.ContentDir != "" {
			if st, err := os.Stat(a.ContentDir); err != nil || !st.IsDir() {
				a.contentErr = fmt.Errorf("content folder %s: not found or not a folder", esc.Name(a.ContentDir))
				return
			}
			a.bundle, a.contentErr = content.Open(os.DirFS(a.ContentDir), a.ContentDir)
			return
		}
		a.bundle, a.contentErr = content.Open(embedded.FS, "content")
	})
	return a.bundle, a.contentErr
}

// Language returns the content in language code.
func (a *App) Language(code string) (*content.Language, error) {
	b, err := a.Content()
	if err != nil {
		return nil, err
	}
	return b.Language(code)
}

// Warn prints a warning on stderr.
func (a *App) Warn(format string, args ...any) {
	fmt.Fprintf(a.Err, "warning: %s\n", esc.Text(fmt.Sprintf(format, args...)))
}

// NewRootCmd returns the roadmap command with every subcommand.
func NewRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "roadmap",
		Short: "Print-ready documents for a municipality–community partnership roadmap",
		Long: `roadmap turns the partnership roadmap between municipalities and community
organisations (the LOCAL-Y-MPACT guideline) into print-ready documents:
checklist forms and the guideline booklet as PDF, and the action,
communication and evaluation plans as Excel workbooks.

Run "roadmap pack" to make the whole workshop pack in output/.`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetVersionTemplate("roadmap {{.Version}}\n")
	root.PersistentFlags().StringVar(&app.ContentDir, "content", "", "read the content (texts, per language) from `DIR` instead of the built-in copy")
	root.PersistentFlags().StringVar(&app.TemplatesDir, "templates", "", "read the templates (theme.yaml) from `DIR` instead of the built-in copy")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err, c.CommandPath()}
	})

	root.AddCommand(
		newContentCmd(app),
		newFormCmd(app),
		newGuideCmd(app),
		newInitCmd(app),
		newPackCmd(app),
		newRenderCmd(app),
		newValidateCmd(app),
		newSheetCmd(app),
		newCalendarCmd(app),
		newOverviewCmd(app),
		newVersionCmd(app),
	)
	return root
}

// usageError is a mistake in the command line itself; it is printed with a
// pointer to the command's help.
type usageError struct {
	error
	// cmd is the command's path, such as "roadmap render".
	cmd string
}

// Error adds the help line to the message.
func (e usageError) Error() string {
	return fmt.Sprintf("%v\nRun '%s --help' for usage.", e.error, e.cmd)
}

func (e usageError) Unwrap() error { return e.error }

// Main runs the roadmap command line with args and returns the exit status:
// 0 on success, 1 on any error. Errors are printed here, once.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tuneGC()
	app := &App{IO: IO{In: stdin, Out: stdout, Err: stderr}}
	root := NewRootCmd(app)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	printError(stderr, err)
	return 1
}

// tuneGC sets the garbage collector for this tool's work, unless GOGC or
// GOMEMLIMIT say otherwise: documents are made in bursts that allocate
// much and keep little, so collecting at five times the live heap, capped
// by a soft memory limit, spends less CPU on collection than the default
// while a batch's memory stays flat (render of 1,000 roadmaps: about 15%
// less CPU than GOGC=100, about 70 MB at its peak).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}

// printError prints err for a person: problems in input files one per line,
// anything else prefixed with "roadmap: ".
func printError(w io.Writer, err error) {
	var silent silentError
	if errors.As(err, &silent) {
		return
	}
	var batch renderFailed
	if errors.As(err, &batch) {
		fmt.Fprintf(w, "roadmap: %s\n", batch.headline())
		for _, p := range batch.problems {
			printError(w, p)
		}
		return
	}
	var problems diag.List
	if errors.As(err, &problems) {
		// Each problem already names its file and position.
		for _, p := range problems {
			fmt.Fprintln(w, problemLine(p))
		}
		return
	}
	var problem diag.Problem
	if errors.As(err, &problem) {
		fmt.Fprintln(w, problemLine(problem))
		return
	}
	fmt.Fprintf(w, "roadmap: %s\n", esc.Text(err.Error()))
}

// problemLine is a problem for the terminal: its file name quoted when it
// holds characters a terminal would act on, its message escaped.
func problemLine(p diag.Problem) string {
	p.File = esc.Name(p.File)
	return esc.Text(p.Error())
}

// silentError is an error whose details the command has printed already.
type silentError struct{ error }

func versionString() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of roadmap",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(app.Out, "roadmap %s\n", versionString())
			return nil
		},
	}
}

// answersAndLanguage reads the answers file path, when given, and returns it
// with the language to make a document in: lang when given, else the
// answers' language, else the source language.
func (a *App) answersAndLanguage(path, lang string) (*answers.File, *content.Language, error) {
	b, err := a.Content()
	if err != nil {
		return nil, nil, err
	}
	var f *answers.File
	if path != "" {
		if f, err = answers.ReadFile(path, b); err != nil {
			return nil, nil, err
		}
		for _, w := range f.Warnings {
			a.Warn("%s", w.Error())
		}
	}
	switch {
	case lang != "":
	case f != nil && f.Language != "":
		lang = f.Language
	default:
		lang = content.SourceLanguage
	}
	l, err := b.Language(lang)
	if err != nil {
		return nil, nil, err
	}
	return f, l, nil
}

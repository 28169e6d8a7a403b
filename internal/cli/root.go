// Package cli is the roadmap command line: one file per command, each with an
// options struct and a run function. It is the only package that reads flags,
// prints, and decides exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	embedded "github.com/partnership-roadmap/roadmap/content"
	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/msg"
	"github.com/partnership-roadmap/roadmap/internal/pdf"
)

// Version, Commit and Date are printed by `roadmap --version`; release
// builds set them (.goreleaser.yaml) with -ldflags
// "-X github.com/partnership-roadmap/roadmap/internal/cli.Version=1.2.3"
// and likewise Commit (the full commit hash) and Date (the commit's time,
// RFC 3339). Unset, the module version and the build's VCS stamp stand in.
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// IO is where a command reads and writes. Whether stderr is a terminal
// (for the progress bar) is asked of IO, and tests can set it
// (cli/cli's iostreams).
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	stderrTTY *bool
}

// SetStderrTTY says whether stderr is to be treated as a terminal.
func (s *IO) SetStderrTTY(isTTY bool) { s.stderrTTY = &isTTY }

// IsStderrTTY reports whether stderr is a terminal, or what SetStderrTTY said.
func (s *IO) IsStderrTTY() bool {
	if s.stderrTTY != nil {
		return *s.stderrTTY
	}
	f, ok := s.Err.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IO) IsStdoutTTY() bool {
	f, ok := s.Out.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
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

	checksOnce sync.Once
	checks     *languageChecks

	themeOnce sync.Once
	theme     pdf.Theme
	themeErr  error

	// launch is what a double-clicked start uses of the computer; the zero
	// value means the real browser, documents folder and port.
	launch launchHooks

	// msgLang is the --lang of the command, when it names one language:
	// the language of messages not about an answers file.
	msgLang string
	// getenv reads the environment (LC_ALL, LC_MESSAGES, LANG); nil means
	// os.Getenv.
	getenv func(string) string
}

// ReaderLang returns the language of messages not about an answers file:
// --lang, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
func (a *App) ReaderLang() string {
	getenv := a.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return msg.Reader(a.msgLang, getenv, msg.Codes())
}

// WarnText prints warning t on stderr, in the reader's language.
func (a *App) WarnText(t msg.Text) {
	lang := a.ReaderLang()
	fmt.Fprintln(a.Err, esc.Text(msg.New("cli.warning", "text", t).In(lang)))
}

// WarnProblem prints warning p on stderr, in its file's language or the
// reader's.
func (a *App) WarnProblem(p diag.Problem) {
	p.File = esc.Name(p.File)
	fmt.Fprintln(a.Err, esc.Text(msg.New("cli.warning", "text", p.In(a.ReaderLang())).In(p.LangOr(a.ReaderLang()))))
}

// launcher returns the app's launch hooks, the real ones where unset.
func (a *App) launcher() launchHooks {
	h, d := a.launch, defaultLaunchHooks()
	if h.open == nil {
		h.open = d.open
	}
	if h.documents == nil {
		h.documents = d.documents
	}
	if h.addr == "" {
		h.addr = d.addr
	}
	if h.noTerminal == nil {
		h.noTerminal = d.noTerminal
	}
	if h.ownWindow == nil {
		h.ownWindow = d.ownWindow
	}
	return h
}

// Content returns the roadmap content of this run, opened on first use: from
// --content DIR when given, else the embedded copy. Each language is read
// when it is first asked for (Bundle.Language), or all at once (Bundle.All).
func (a *App) Content() (*content.Bundle, error) {
	a.contentOnce.Do(func() {
		if a.ContentDir != "" {
			if st, err := os.Stat(a.ContentDir); err != nil || !st.IsDir() {
				a.contentErr = msg.New("cli.content-folder", "dir", esc.Name(a.ContentDir))
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

// checkedLanguage returns the content in language code for making
// documents: refused, with its problems, when "content check" would find
// any in that language.
func (a *App) checkedLanguage(code string) (*content.Language, error) {
	a.checksOnce.Do(func() { a.checks = &languageChecks{app: a} })
	return a.checks.language(code)
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
		Version:       versionLine(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetVersionTemplate("roadmap {{.Version}}\n")
	root.PersistentFlags().StringVar(&app.ContentDir, "content", "", "read the content (texts, per language) from `DIR` instead of the built-in copy")
	root.PersistentFlags().StringVar(&app.TemplatesDir, "templates", "", "read the templates (theme.yaml) from `DIR` instead of the built-in copy")
	root.SetFlagErrorFunc(flagError)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if err := checkSourceDateEpoch(); err != nil {
			return err
		}
		if err := checkFlagValues(cmd); err != nil {
			return err
		}
		if err := checkLangFlag(app, cmd); err != nil {
			return err
		}
		app.msgLang = langFlag(cmd)
		return nil
	}

	// One command per line, in the order of the help.
	root.AddCommand(
		newAccessCmd(app, nil),
		newBackupCmd(app),
		newRestoreCmd(app),
		newContentCmd(app),
		newFormCmd(app, nil),
		newGuideCmd(app, nil),
		newImportCmd(app),
		newInitCmd(app, nil),
		newPackCmd(app, nil),
		newPosterCmd(app, nil),
		newProposalCmd(app, nil),
		newRenderCmd(app, nil),
		newValidateCmd(app, nil),
		newServeCmd(app),
		newSheetCmd(app, nil),
		newCalendarCmd(app),
		newCheckCmd(app),
		newOverviewCmd(app),
		newDirectoryCmd(app, nil),
		newVersionCmd(app),
	)
	return root
}

// checkLangFlag checks the command's --lang against the content, once
// every flag is parsed and before the command runs.
func checkLangFlag(app *App, cmd *cobra.Command) error {
	f := cmd.Flags().Lookup("lang")
	if f == nil || !f.Changed {
		return nil
	}
	var codes []string
	switch v := f.Value.(type) {
	case langValue:
		codes = []string{*v.p}
	case langsValue:
		codes = *v.p
	default:
		return nil
	}
	if err := app.checkLangs(codes...); err != nil {
		return usageError{msg.New("usage.flag", "flag", "lang", "reason", err), cmd.CommandPath()}
	}
	return nil
}

// langFlag returns the language the command's --lang names, when it
// names one.
func langFlag(cmd *cobra.Command) string {
	f := cmd.Flags().Lookup("lang")
	if f == nil || !f.Changed {
		return ""
	}
	switch v := f.Value.(type) {
	case langValue:
		return *v.p
	case langsValue:
		if len(*v.p) == 1 {
			return (*v.p)[0]
		}
	}
	return ""
}

// langArg returns the one language code --lang (-l) gives in args, read
// before the command line is parsed; "" when there is none.
func langArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, f := range []string{"--lang", "-l"} {
			if v, ok := strings.CutPrefix(a, f+"="); ok && !strings.Contains(v, ",") {
				return v
			}
			if a == f && i+1 < len(args) && !strings.Contains(args[i+1], ",") {
				return args[i+1]
			}
		}
	}
	return ""
}

// usageError is a mistake in the command line itself; it is printed with a
// pointer to the command's help, and the exit status is 2.
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

// usage returns a usage error of cmd saying message key of the catalogue.
func usage(cmd *cobra.Command, key string, kv ...any) error {
	return usageError{msg.New(key, kv...), cmd.CommandPath()}
}

// atLeastOne returns the cobra.PositionalArgs of a command that needs at
// least one argument: without any, the usage error saying message key.
func atLeastOne(key string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usage(cmd, key)
		}
		return nil
	}
}

// The exit statuses (docs/exit-codes.md).
const (
	exitOK      = 0
	exitFailure = 1 // a document could not be made, an input has a problem
	exitUsage   = 2 // the command line itself is wrong
	// An interrupted run exits with 128 + the signal's number: 130 for
	// SIGINT (Ctrl-C), 143 for SIGTERM.
)

// Main runs the roadmap command line with args and returns the exit status
// (docs/exit-codes.md): 0 on success, 1 when something failed, 2 for a
// mistake in the command line, 130 or 143 when interrupted by SIGINT or
// SIGTERM. Errors are printed here, once. The first SIGINT or SIGTERM
// cancels the run's context, so a batch stops starting new work and says
// how far it got; a second one ends the process at once.
//
// With no arguments and no terminal (a double-click in Explorer or Finder,
// a desktop launcher) it serves the Roadmaps folder of the user's
// documents and opens it in the browser; typed in a terminal with no
// arguments, it prints the help.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Cobra would otherwise refuse a start from Explorer with a notice.
	cobra.MousetrapHelpText = ""
	tuneGC()
	ctx, signalled, stop := signalContext()
	defer stop()
	done := make(chan struct{})
	defer close(done)
	go watchdog(ctx, done, signalled, stderr)
	return run(ctx, signalled, args, &App{IO: IO{In: stdin, Out: stdout, Err: stderr}})
}

// stopGrace is how long a run may take to stop after SIGINT or SIGTERM
// before watchdog ends the process; a variable for tests that run Main in
// their own process.
var stopGrace = 400 * time.Millisecond

// exit ends the process; a variable for tests.
var exit = os.Exit

// watchdog ends the process with 128 + the signal's number when the run
// has not returned stopGrace after a signal cancelled ctx, whatever it is
// waiting on (standard input, a slow disk, a long computation): a run
// stops within a second of being asked.
func watchdog(ctx context.Context, done <-chan struct{}, signalled func() os.Signal, stderr io.Writer) {
	select {
	case <-done:
		return
	case <-ctx.Done():
	}
	sig := signalled()
	if sig == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(stopGrace):
		fmt.Fprintln(stderr, "roadmap: interrupted")
		code := 130
		if n, ok := sig.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		exit(code)
	}
}

// run runs args in app; signalled returns the signal that cancelled ctx, if
// one did.
func run(ctx context.Context, signalled func() os.Signal, args []string, app *App) int {
	var err error
	if len(args) == 0 && app.launcher().noTerminal(&app.IO) {
		err = launch(ctx, app)
		if err != nil && signalled() == nil && app.launcher().ownWindow() {
			// The window closes when roadmap ends: keep it open until the
			// message is read.
			printError(app.Err, err, app.ReaderLang())
			fmt.Fprintln(app.Err, launchFailed)
			waitForEnter(app.In)
			return exitFailure
		}
	} else {
		// A mistake found before the flags are parsed is said in the
		// language --lang names all the same.
		app.msgLang = langArg(args)
		root := NewRootCmd(app)
		root.SetArgs(bareDefaults(args))
		err = root.ExecuteContext(ctx)
	}
	if sig := signalled(); sig != nil {
		if err != nil {
			printError(app.Err, err, app.ReaderLang())
		}
		if n, ok := sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
		return 130
	}
	if err == nil {
		return exitOK
	}
	if msg := err.Error(); strings.HasPrefix(msg, "unknown command ") {
		err = unknownCommand(msg)
	}
	printError(app.Err, err, app.ReaderLang())
	var usage usageError
	if errors.As(err, &usage) {
		return exitUsage
	}
	return exitFailure
}

// unknownCommand rewords cobra's error for a command it does not have,
// `unknown command "frm" for "roadmap"` and its suggestions, as a usage
// error: unknown command "frm"; did you mean "form"?
func unknownCommand(text string) error {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimSuffix(first, ` for "roadmap"`)
	name, err := strconv.Unquote(strings.TrimPrefix(first, "unknown command "))
	if err != nil {
		return usageError{errors.New(first), "roadmap"}
	}
	for _, line := range strings.Split(rest, "\n") {
		if strings.HasPrefix(line, "\t") {
			// Cobra suggests the likeliest first.
			return usageError{msg.New("usage.unknown-command-hint", "command", msg.Value(name), "suggestion", strings.TrimSpace(line)), "roadmap"}
		}
	}
	return usageError{msg.New("usage.unknown-command", "command", msg.Value(name)), "roadmap"}
}

// signalContext returns a context cancelled by the first SIGINT or SIGTERM,
// a function saying which signal that was, and one to stop listening.
func signalContext() (context.Context, func() os.Signal, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	var mu sync.Mutex
	var got os.Signal
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			mu.Lock()
			got = sig
			mu.Unlock()
			// A second signal ends the process the default way.
			signal.Stop(ch)
			cancel()
		case <-done:
		}
	}()
	signalled := func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
	stop := func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
	return ctx, signalled, stop
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
func printError(w io.Writer, err error, lang string) {
	printErrorIn(w, err, "roadmap: ", map[string]bool{}, lang)
}

// printErrorIn prints err with prefix before a line that names no file;
// shown holds the languages whose content problems are printed already, so
// a batch lists them once.
func printErrorIn(w io.Writer, err error, prefix string, shown map[string]bool, lang string) {
	var broken contentProblems
	if errors.As(err, &broken) {
		var fe fileError
		if errors.As(err, &fe) {
			prefix = esc.Name(fe.path) + ": "
		}
		if shown[broken.code] {
			fmt.Fprintf(w, "%s%s\n", prefix, msg.New("cli.not-made", "lang", broken.code).In(lang))
			return
		}
		shown[broken.code] = true
		fmt.Fprintf(w, "%s%s\n", prefix, esc.Text(broken.headline(lang)))
		printErrorIn(w, broken.problems.Err(), "", shown, lang)
		return
	}
	var batch renderFailed
	if errors.As(err, &batch) {
		fmt.Fprintf(w, "%s%s\n", prefix, batch.headline(lang))
		for _, p := range batch.problems {
			printErrorIn(w, p, "", shown, lang)
		}
		return
	}
	var problems diag.List
	if errors.As(err, &problems) {
		// Each problem already names its file and position.
		for _, p := range problems {
			fmt.Fprintln(w, problemLine(p, lang))
		}
		return
	}
	var problem diag.Problem
	if errors.As(err, &problem) {
		fmt.Fprintln(w, problemLine(problem, lang))
		return
	}
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(w, "%s%s\n%s\n", prefix, esc.Text(msg.In(usage.error, lang)), msg.New("cli.usage-hint", "command", usage.cmd).In(lang))
		return
	}
	fmt.Fprintf(w, "%s%s\n", prefix, esc.Text(msg.In(err, lang)))
}

// fileError is a failure to make the documents of one input file.
type fileError struct {
	path string
	err  error
}

func (e fileError) Error() string { return esc.Name(e.path) + ": " + e.err.Error() }
func (e fileError) Unwrap() error { return e.err }

// problemLine is a problem for the terminal: its file name quoted when it
// holds characters a terminal would act on, its message escaped.
func problemLine(p diag.Problem, lang string) string {
	p.File = esc.Name(p.File)
	return esc.Text(p.In(lang))
}

// versionLine is the version with the commit and its date when known:
// "1.2.3 (commit 0123abcd…, 2026-12-07T06:00:00Z)".
func versionLine() string {
	commit, date := Commit, Date
	if bi, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				date = s.Value
			}
		}
	}
	var extra []string
	if commit != "" {
		extra = append(extra, "commit "+commit)
	}
	if date != "" {
		extra = append(extra, date)
	}
	if len(extra) == 0 {
		return versionString()
	}
	return versionString() + " (" + strings.Join(extra, ", ") + ")"
}

// versionString is the version alone: "1.2.3", or "dev" for a build
// that is not a release.
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
		Args:  noArgs(msg.New("usage.version-args")),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(app.Out, "roadmap %s\n", versionLine())
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
		if err := fsutil.CheckInput(path); err != nil {
			return nil, nil, diag.List{diag.Say(path, nil, "file.cannot-read", "what", msg.New("field.answers-file"), "reason", err)}
		}
		if f, err = answers.ReadFile(path, b); err != nil {
			return nil, nil, err
		}
		for _, w := range f.Warnings {
			a.WarnProblem(w)
		}
	}
	switch {
	case lang != "":
	case f != nil && f.Language != "":
		lang = f.Language
	default:
		lang = content.SourceLanguage
	}
	l, err := a.checkedLanguage(lang)
	if err != nil {
		return nil, nil, err
	}
	return f, l, nil
}

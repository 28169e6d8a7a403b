package cli

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// enumValue is a flag that takes one of a fixed set of values, checked when
// the command line is parsed (cli/cli's cmdutil.StringEnumFlag).
type enumValue struct {
	p       *string
	what    string // "paper", "audience"
	options []string
	fold    bool // accept any case (A4)
}

func (e *enumValue) Set(s string) error {
	v, err := oneOf(e.what, s, e.options, e.fold)
	if err != nil {
		return err
	}
	*e.p = v
	return nil
}

func (e *enumValue) String() string { return *e.p }
func (e *enumValue) Type() string   { return e.what }

// enumFlag adds a flag --name that accepts one of options, with completion.
// A default of "" means the value is decided later (the theme's paper).
func enumFlag(cmd *cobra.Command, p *string, name, short, def, what string, options []string, usage string) {
	*p = def
	v := &enumValue{p: p, what: what, options: options, fold: what == "paper"}
	cmd.Flags().VarP(v, name, short, fmt.Sprintf("%s: %s", usage, strings.Join(options, ", ")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return options, cobra.ShellCompDirectiveNoFileComp
	})
}

// oneOf returns s when it is one of options (in any case when fold), or an
// error saying what is allowed and, for a likely typo, what was meant.
func oneOf(what, s string, options []string, fold bool) (string, error) {
	for _, o := range options {
		if s == o || (fold && strings.EqualFold(s, o)) {
			return o, nil
		}
	}
	return "", unknownValue(what, s, options)
}

// unknownValue is the error for a value not among options:
// unknown form "communit"; allowed: municipality, community, registration; did you mean "community"?
func unknownValue(what, s string, options []string) error {
	var w msg.Text = msg.Plain(what)
	if msg.Has(msg.Fallback, "usage.what."+what) {
		w = msg.New("usage.what." + what)
	}
	allowed := strings.Join(options, ", ")
	switch m := suggest(s, options); {
	case s == "":
		return msg.New("usage.no-value", "what", w, "allowed", allowed)
	case m != "":
		return msg.New("usage.unknown-value-hint", "what", w, "value", msg.Value(s), "allowed", allowed, "suggestion", m)
	}
	return msg.New("usage.unknown-value", "what", w, "value", msg.Value(s), "allowed", allowed)
}

// suggest returns the option s most likely meant: the same but for case,
// else one a typo away.
func suggest(s string, options []string) string {
	if s == "" {
		return ""
	}
	for _, o := range options {
		if strings.EqualFold(s, o) {
			return o
		}
	}
	if len(s) < 4 {
		// Too short to tell a typo from another value (a5 is not a4).
		return ""
	}
	return diag.Suggest(strings.ToLower(s), options)
}

// argEnum checks a positional argument against options, for Args funcs.
func argEnum(what, s string, options []string) error {
	_, err := oneOf(what, s, options, false)
	return err
}

// jobsValue is --jobs: a whole number of 1 or more; 0 (not given) means one
// per CPU.
type jobsValue struct{ p *int }

func (j jobsValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return msg.New("usage.jobs", "value", msg.Value(s))
	}
	*j.p = n
	return nil
}

func (j jobsValue) String() string {
	if *j.p == 0 {
		return ""
	}
	return strconv.Itoa(*j.p)
}
func (j jobsValue) Type() string { return "N" }

// jobsFlag adds --jobs/-j.
func jobsFlag(cmd *cobra.Command, p *int, what string) {
	cmd.Flags().VarP(jobsValue{p}, "jobs", "j", what+" made at once (default: one per CPU)")
	_ = cmd.RegisterFlagCompletionFunc("jobs", cobra.NoFileCompletions)
}

// langValue is a --lang of one language code; the code is checked against
// the content once every flag is parsed (--content may come later on the
// command line), before the command runs.
type langValue struct{ p *string }

func (l langValue) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return msg.New("usage.no-lang")
	}
	*l.p = s
	return nil
}
func (l langValue) String() string { return *l.p }
func (l langValue) Type() string   { return "code" }

// langsValue is pack's --lang: language codes, comma-separated, or all.
type langsValue struct{ p *[]string }

func (l langsValue) Set(s string) error {
	var codes []string
	for c := range strings.SplitSeq(s, ",") {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return msg.New("usage.no-langs")
	}
	*l.p = codes
	return nil
}
func (l langsValue) String() string { return strings.Join(*l.p, ",") }
func (l langsValue) Type() string   { return "codes" }

// langFlag adds --lang/-l of one language, completed from the content.
func (a *App) langFlag(cmd *cobra.Command, p *string, def, usage string) {
	*p = def
	cmd.Flags().VarP(langValue{p}, "lang", "l", usage)
	_ = cmd.RegisterFlagCompletionFunc("lang", a.completeLang)
}

// langsFlag adds pack's --lang/-l.
func (a *App) langsFlag(cmd *cobra.Command, p *[]string, usage string) {
	*p = []string{"all"}
	cmd.Flags().VarP(langsValue{p}, "lang", "l", usage)
	_ = cmd.RegisterFlagCompletionFunc("lang", a.completeLang)
}

func (a *App) completeLang(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	b, err := a.Content()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return append(b.Codes(), "all"), cobra.ShellCompDirectiveNoFileComp
}

// checkLangs checks language codes against the content: a usage error for
// a code that is not there, with the code most likely meant. Problems in the
// content itself are left for the command to report.
func (a *App) checkLangs(codes ...string) error {
	b, err := a.Content()
	if err != nil {
		return nil
	}
	known := b.Codes()
	for _, c := range codes {
		if c == "" || c == "all" || slices.Contains(known, c) {
			continue
		}
		return unknownValue("language", c, known)
	}
	return nil
}

// flagError turns pflag's errors into plain words: the flag and what is
// wrong with its value, without Go's parsing errors.
func flagError(c *cobra.Command, err error) error {
	var inv *pflag.InvalidValueError
	if errors.As(err, &inv) {
		err = msg.New("usage.flag", "flag", inv.GetFlag().Name, "reason", inv.Unwrap())
	}
	var missing *pflag.ValueRequiredError
	if errors.As(err, &missing) {
		err = msg.New("usage.needs-value", "flag", missing.GetFlag().Name)
	}
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) {
		err = unknownFlag(c, unknown)
	}
	return usageError{err, c.CommandPath()}
}

// unknownFlag names a flag the command does not have, and the one most
// likely meant.
func unknownFlag(c *cobra.Command, e *pflag.NotExistError) error {
	name := e.GetSpecifiedName()
	if len(name) == 1 && e.GetSpecifiedShortnames() != "" {
		return msg.New("usage.unknown-short-flag", "flag", name)
	}
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if m := diag.Suggest(name, names); m != "" {
		return msg.New("usage.unknown-flag-hint", "flag", msg.Value(name), "suggestion", m)
	}
	return msg.New("usage.unknown-flag", "flag", msg.Value(name))
}

// noArgs is an Args func for a command that takes no arguments, saying so
// in msg.
func noArgs(text msg.Message) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usageError{text, cmd.CommandPath()}
		}
		return nil
	}
}

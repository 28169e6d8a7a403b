package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/content"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

func newContentCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "content",
		Short: "Check the roadmap content or show it in the terminal",
	}
	cmd.AddCommand(newContentCheckCmd(app), newContentShowCmd(app), newContentExportCmd(app), newContentImportCmd(app), newContentStampCmd(app))
	return cmd
}

func newContentCheckCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check every language against the source language (lv)",
		Long: `Check every language folder of the content against the source language (lv):
every checkpoint, option, example and label present; ids unique and known;
audiences valid; Markdown that renders; links that are absolute http(s) URLs.
Prints a completeness table; problems are listed as file:line:col.`,
		Example: "  roadmap content check\n  roadmap content check --content ./content",
		Args:    noArgs(msg.New("usage.content-check-args")),
		RunE: func(cmd *cobra.Command, args []string) error {
			return contentCheckRun(app)
		},
	}
}

func contentCheckRun(app *App) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	if _, err := b.All(); err != nil {
		return err
	}
	reports, problems := app.checkContent(b)
	printReports(app.Out, reports)
	for _, r := range reports {
		for _, w := range r.Warnings {
			app.WarnProblem(w)
		}
	}
	if len(problems) > 0 {
		return problems.Err()
	}
	return nil
}

func printReports(w io.Writer, reports []content.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LANGUAGE\tCHECKPOINTS\tOPTIONS\tEXAMPLES\tLABELS\tTRANSLATED\tOUTDATED\tPROBLEMS\tSTATUS\tREVIEW")
	for _, r := range reports {
		status := "complete"
		switch {
		case r.Problems > 0 || r.Checkpoints != r.WantCheckpoints || r.Options != r.WantOptions ||
			r.Examples != r.WantExamples || r.Labels != r.WantLabels:
			status = "incomplete"
		case r.Translated < r.Units:
			status = "untranslated"
		}
		translated := "source"
		if r.Code != content.SourceLanguage {
			translated = fmt.Sprintf("%d/%d", r.Translated, r.Units)
		}
		fmt.Fprintf(tw, "%s (%s)\t%d/%d\t%d/%d\t%d/%d\t%d/%d\t%s\t%d\t%d\t%s\t%s\n", r.Code, r.Name,
			r.Checkpoints, r.WantCheckpoints, r.Options, r.WantOptions, r.Examples, r.WantExamples,
			r.Labels, r.WantLabels, translated, r.Outdated, r.Problems, status, r.Status)
	}
	tw.Flush()
}

type contentShowOptions struct {
	Lang     string
	Audience string
}

func newContentShowCmd(app *App) *cobra.Command {
	opts := &contentShowOptions{}
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print a checklist form as text in the terminal",
		Long: `Print the checklist of a form as text: the steps, each checkpoint with its
title and hint, and its tick-box options. The quickest way to see the roadmap.`,
		Example: "  roadmap content show --lang en --audience municipality",
		Args:    noArgs(msg.New("usage.content-show-args")),
		RunE: func(cmd *cobra.Command, args []string) error {
			return contentShowRun(app, opts)
		},
	}
	app.langFlag(cmd, &opts.Lang, content.SourceLanguage, "language `code` (lv, en, ...)")
	enumFlag(cmd, &opts.Audience, "audience", "a", "all", "audience", audiences, "which form")
	return cmd
}

func contentShowRun(app *App, opts *contentShowOptions) error {
	aud := content.Audience(opts.Audience)
	lang, err := app.Language(opts.Lang)
	if err != nil {
		return err
	}
	// The text is made whole first, then written at once, so that a write
	// that fails (a full disk) is seen and reported.
	w := &strings.Builder{}
	title := lang.Title
	if aud != "all" {
		title = lang.Label("form.title." + string(aud))
	}
	fmt.Fprintln(w, title)
	fmt.Fprintln(w, strings.Repeat("=", len([]rune(title))))
	n := 0
	for _, st := range lang.Steps {
		var cps []content.Checkpoint
		for _, cp := range st.Checkpoints {
			if cp.Audience.Includes(aud) {
				cps = append(cps, cp)
			}
		}
		if len(cps) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", lang.Format("step.heading", "n", fmt.Sprint(st.Number), "title", st.Title))
		for _, cp := range cps {
			n++
			fmt.Fprintf(w, "\n  %4s %s  [%s]\n", lang.Number(&cp), cp.Title, cp.ID)
			fmt.Fprintf(w, "      %s\n", cp.Hint)
			if aud == "all" {
				fmt.Fprintf(w, "      (%s)\n", lang.Label("audience."+string(cp.Audience)))
			}
			if cp.Options != nil {
				for _, o := range cp.Options.Items {
					fmt.Fprintf(w, "      [ ] %s\n", o.Label)
				}
			}
		}
	}
	fmt.Fprintf(w, "\n%s\n", lang.Count("show.checkpoints", n))
	// Texts come from content files: a control character in one is shown
	// escaped, never sent to the terminal.
	return writeOut(app.Out, []byte(esc.Text(w.String())))
}

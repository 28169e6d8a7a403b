package cli

import (
	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/pack"
)

type posterOptions struct {
	IO *IO

	Answers string
	Lang    string
	Paper   string
	A3      bool
	Output  string
}

func newPosterCmd(app *App, runF func(*posterOptions) error) *cobra.Command {
	opts := &posterOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "poster",
		Short: "Make the roadmap at a glance: a one-page poster (PDF)",
		Long: `Make "the roadmap at a glance": a one-page poster of the three steps and every
checkpoint with a tick box, for the workshop's wall, one page for each
checklist (municipalities, community organisations). The pack holds it as
at-a-glance.pdf, and on A3 paper as at-a-glance-a3.pdf.

With --answers, the poster is the answers' checklist filled in: done
checkpoints ticked, the status of the others beside them, and the progress
of each step and of the whole roadmap, counted as every document counts it
(not applicable left out).

The poster is written to output/<lang>/at-a-glance.pdf (at-a-glance-a3.pdf
with --a3), for answers to output/<lang>/<organisation>-at-a-glance.pdf,
unless -o names another file.`,
		Example: "  roadmap poster --lang en\n" +
			"  roadmap poster --a3\n" +
			"  roadmap poster --answers mine.yaml -o wall.pdf",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage(cmd, "usage.poster-args")
			}
			if opts.A3 && cmd.Flags().Changed("paper") {
				return usage(cmd, "usage.a3-paper")
			}
			return outputExt(cmd, "PDF", ".pdf")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return posterRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "fill in the poster from the answers `file` (YAML)")
	app.langFlag(cmd, &opts.Lang, "", "language `code` (lv, en, ...); default: the answers' language, else lv")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().BoolVar(&opts.A3, "a3", false, "print on A3 paper, everything enlarged in proportion")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the poster to `FILE.pdf` (default output/<lang>/at-a-glance.pdf)")
	return cmd
}

func posterRun(app *App, opts *posterOptions) error {
	id := pack.GlanceID
	if opts.A3 {
		id = pack.GlanceA3ID
	}
	return app.answersDocument(id, opts.Answers, opts.Lang, opts.Paper, opts.Output)
}

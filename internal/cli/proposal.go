package cli

import (
	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// proposalFormats are the values of proposal's --format, each the id of
// its document in the registry.
var proposalFormats = map[string]string{"pdf": pack.ProposalID, "slides": pack.ProposalSlidesID, "docx": pack.ProposalDOCXID}

// proposalFormatNames are proposalFormats' keys in the order of the help.
var proposalFormatNames = []string{"pdf", "slides", "docx"}

type proposalOptions struct {
	IO *IO

	Answers string
	Format  string
	Lang    string
	Paper   string
	Output  string
}

func newProposalCmd(app *App, runF func(*proposalOptions) error) *cobra.Command {
	opts := &proposalOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "proposal --answers FILE",
		Short: "Make the partnership proposal from a roadmap's answers (handout or slides)",
		Long: `Make the partnership proposal the roadmap leads to, from an answers file: a
two-page handout to give the other side at the first meeting. It says who
proposes, the problem and the people it touches, what was found, what is
already there, what is proposed and already tried, what is needed, the
benefits for both sides, the first steps of the action plan with their
dates, and whom to contact.

Every part is written from the answers (checkpoints 1.1 to 1.6 and 2.6, the
action plan, the organisation block); a checkpoint not answered is left out.
A long answer is shortened at the end of a sentence, so that the handout
keeps to two pages, and says where the full text is. A community
organisation's answers make its offer to the municipality; a
municipality's answers make its offer to organisations.

With --format slides, the same story is a 16:9 slide deck (PDF) for a
projector: a title slide, one slide per part with as many of its first
sentences as fit in large type, the first steps and the contact, the
organisation's name at the foot of every slide.

With --format docx, it is an editable Word document (.docx) to rework in
Word or LibreOffice: the same parts as headings, each answer whole, the
options ticked as bullet lists, the first steps as a table, every part in a
named style (Title, Heading 1, List Bullet, Proposal Table, ...).

The answers file is checked first, as "roadmap validate" does. The PDF is
written to output/<lang>/<organisation>-proposal.pdf (the slides to
<organisation>-proposal-slides.pdf, the document to <organisation>-proposal.docx),
the organisation's name made safe for a
file name, unless -o names another file.`,
		Example: "  roadmap proposal --answers mine.yaml\n" +
			"  roadmap proposal --answers mine.yaml --lang en --paper letter -o proposal.pdf\n" +
			"  roadmap proposal --answers mine.yaml --format slides\n" +
			"  roadmap proposal --answers mine.yaml --format docx",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage(cmd, "usage.proposal-args")
			}
			if !cmd.Flags().Changed("answers") || opts.Answers == "" {
				return usage(cmd, "usage.proposal-answers")
			}
			if opts.Format == "docx" {
				return outputExt(cmd, "Word document", ".docx")
			}
			return outputExt(cmd, "PDF", ".pdf")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return proposalRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "write the proposal from the answers `file` (YAML)")
	enumFlag(cmd, &opts.Format, "format", "f", "pdf", "format", proposalFormatNames, "what to make")
	app.langFlag(cmd, &opts.Lang, "", "language `code` (lv, en, ...) of the labels; default: the answers' language")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the proposal to `FILE` (default output/<lang>/<organisation>-proposal.pdf, -proposal-slides.pdf, -proposal.docx)")
	return cmd
}

func proposalRun(app *App, opts *proposalOptions) error {
	return app.answersDocument(proposalFormats[opts.Format], opts.Answers, opts.Lang, opts.Paper, opts.Output)
}

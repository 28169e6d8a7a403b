package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

type sheetOptions struct {
	IO *IO

	Plan    string
	Lang    string
	Answers string
	Paper   string
	Output  string
}

func newSheetCmd(app *App, runF func(*sheetOptions) error) *cobra.Command {
	opts := &sheetOptions{IO: &app.IO}
	cmd := &cobra.Command{
		Use:   "sheet action-plan|communication-plan|evaluation-plan",
		Short: "Make a plan as an Excel workbook, blank or pre-filled",
		Long: `Make the action plan, the communication plan or the evaluation plan of the
roadmap's step 3 as an Excel workbook (.xlsx): a table with a frozen header
row, drop-down lists, date checks, colours for overdue and done actions, print
set-up, and an instructions sheet, all in the chosen language.

With --answers, the table is pre-filled with the plan's rows from the answers
file, and the language is the file's unless --lang is given.

The workbook is written to output/<lang>/<plan>.xlsx (for example
output/lv/action-plan.xlsx), or pre-filled to
output/<lang>/<organisation>-<plan>.xlsx, so that the pack's blank workbook
stays blank, unless -o names another file.`,
		Example: "  roadmap sheet action-plan\n" +
			"  roadmap sheet communication-plan --lang en --paper letter\n" +
			"  roadmap sheet evaluation-plan --answers mine.yaml -o evaluation.xlsx",
		ValidArgs: sheets.IDs(),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.one-plan", "plans", strings.Join(sheets.IDs(), ", "))
			}
			if err := argEnum("plan", args[0], sheets.IDs()); err != nil {
				return usageError{err, cmd.CommandPath()}
			}
			return outputExt(cmd, "workbook", ".xlsx")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Plan = args[0]
			if runF != nil {
				return runF(opts)
			}
			return sheetRun(app, opts)
		},
	}
	app.langFlag(cmd, &opts.Lang, "", "language `code` (lv, en, ...); default: the answers' language, else lv")
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "pre-fill the plan from the answers `file` (YAML)")
	paperFlag(cmd, &opts.Paper)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the workbook to `FILE.xlsx` (default output/<lang>/<plan>.xlsx, or <organisation>-<plan>.xlsx with --answers)")
	return cmd
}

func sheetRun(app *App, opts *sheetOptions) error {
	return app.answersDocument(opts.Plan, opts.Answers, opts.Lang, opts.Paper, opts.Output)
}

package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/sheets"
)

type sheetOptions struct {
	Plan    string
	Lang    string
	Answers string
	Paper   string
	Output  string
}

func newSheetCmd(app *App) *cobra.Command {
	opts := &sheetOptions{}
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
output/lv/action-plan.xlsx) unless -o names another file.`,
		Example: "  roadmap sheet action-plan\n" +
			"  roadmap sheet communication-plan --lang en --paper letter\n" +
			"  roadmap sheet evaluation-plan --answers mine.yaml -o evaluation.xlsx",
		ValidArgs: sheets.IDs(),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("give one plan: %s", strings.Join(sheets.IDs(), ", ")), cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Plan = args[0]
			return sheetRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language `code` (lv, en, ...); default: the answers' language, else lv")
	cmd.Flags().StringVarP(&opts.Answers, "answers", "a", "", "pre-fill the plan from the answers `file` (YAML)")
	cmd.Flags().StringVar(&opts.Paper, "paper", string(sheets.A4), "paper size the sheets print on: a4 or letter")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the workbook to `FILE.xlsx` (default output/<lang>/<plan>.xlsx)")
	return cmd
}

func sheetRun(app *App, opts *sheetOptions) error {
	plan, err := sheets.Lookup(opts.Plan)
	if err != nil {
		return err
	}
	paper, err := sheets.ParsePaper(opts.Paper)
	if err != nil {
		return err
	}
	a, lang, err := app.answersAndLanguage(opts.Answers, opts.Lang)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = filepath.Join("output", lang.Code, plan.ID+".xlsx")
	} else if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return fmt.Errorf("output file %s: a workbook's name must end in .xlsx", out)
	}
	data, err := sheets.Build(lang, []sheets.Plan{plan}, a, sheets.WithPaper(paper), sheets.WithDate(DocDate(a)))
	if err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(out, data); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s\n", esc.Name(out))
	return nil
}

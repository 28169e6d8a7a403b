package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
	"github.com/partnership-roadmap/roadmap/internal/importxlsx"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// isWorkbook reports whether path names a plans workbook (.xlsx) rather
// than a form.
func isWorkbook(path string) bool { return strings.EqualFold(filepath.Ext(path), ".xlsx") }

// otherSheets are the spreadsheet files import does not read, and the
// message key of what they are.
var otherSheets = map[string]string{
	".xls":  "kind.xls",
	".xlsm": "kind.xlsm",
	".ods":  "kind.ods",
	".csv":  "kind.csv",
}

// importArgs checks that the flags fit the file given: --answers goes with
// a workbook, and a workbook needs it.
func importArgs(cmd *cobra.Command, input string, opts *importOptions) error {
	if what, ok := otherSheets[strings.ToLower(filepath.Ext(input))]; ok {
		return msg.New("cli.other-sheet", "file", esc.Name(input), "kind", msg.New(what))
	}
	if isWorkbook(input) {
		if opts.Answers == "" {
			return usage(cmd, "usage.import-answers", "file", esc.Name(input))
		}
		return nil
	}
	if cmd.Flags().Changed("answers") {
		return usage(cmd, "usage.import-pdf-answers")
	}
	return nil
}

// importWorkbookRun reads the plans of a workbook into the answers file
// opts.Answers and writes it back (or to -o), comments kept. Nothing is
// written unless every plan was read and the result is a valid answers
// file.
func importWorkbookRun(app *App, opts *importOptions) error {
	out := opts.Output
	if out == "" {
		out = opts.Answers
	}
	inPlace := filepath.Clean(out) == filepath.Clean(opts.Answers)
	if out != "-" && !inPlace {
		if ext := strings.ToLower(filepath.Ext(out)); ext != ".yaml" && ext != ".yml" {
			return msg.New("usage.output-yaml", "file", esc.Name(out))
		}
		if _, err := os.Stat(out); err == nil && !opts.Force {
			return msg.New("cli.exists", "file", esc.Name(out))
		}
	}
	b, err := app.Content()
	if err != nil {
		return err
	}
	wb, err := readWorkbook(opts.Input)
	if err != nil {
		return err
	}
	data, err := diag.ReadPath(opts.Answers, msg.New("field.answers-file"))
	if err != nil {
		return err
	}
	res, err := importxlsx.Merge(opts.Input, wb, opts.Answers, data, b)
	if err != nil {
		return err
	}
	if opts.Lang != "" && opts.Lang != res.File.Language {
		return diag.Say(opts.Answers, nil, "cli.answers-language", "lang", res.File.Language, "want", esc.Name(opts.Lang))
	}
	for _, w := range res.Warnings {
		app.WarnProblem(w)
	}
	if out == "-" {
		return writeOut(app.Out, res.Data)
	}
	summary := workbookSummary(opts.Input, res)
	if inPlace {
		// The file may have been saved meanwhile (by serve, or an editor):
		// never write over what was not read.
		now, err := os.ReadFile(opts.Answers)
		if err != nil || !bytes.Equal(now, data) {
			return diag.Say(opts.Answers, nil, "cli.answers-changed")
		}
		if !res.Changed {
			fmt.Fprintf(app.Out, "%s is unchanged (%s)\n", esc.Name(out), summary)
			return nil
		}
	}
	if err := fsutil.WriteFileDurable(out, res.Data); err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "wrote %s (%s)\n", esc.Name(out), summary)
	return nil
}

// workbookSummary says what was read from a workbook: "from plans.xlsx: 6
// action-plan rows, 3 communication-plan rows, 3 evaluation-plan rows".
func workbookSummary(input string, res *importxlsx.Result) string {
	parts := make([]string, len(res.Plans))
	for i, p := range res.Plans {
		parts[i] = plural(p.Rows, p.Plan.Name+" row")
	}
	return "from " + esc.Name(input) + ": " + strings.Join(parts, ", ")
}

// readWorkbook reads the workbook at path, refusing one too large to be a
// plans workbook before reading it.
func readWorkbook(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, diag.Say(path, nil, "reason.not-found")
	case err != nil:
		return nil, fsutil.Describe(path, err)
	case !st.Mode().IsRegular():
		return nil, diag.Say(path, nil, "cli.not-workbook", "kind", fsutil.KindText(st.Mode()))
	case st.Size() > importxlsx.MaxSize:
		return nil, diag.Say(path, nil, "import.too-big", "size", st.Size()>>20, "max", importxlsx.MaxSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fsutil.Describe(path, err)
	}
	return data, nil
}

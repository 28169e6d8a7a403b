package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// TestMain lets the txtar scripts under testdata/script run "roadmap" as a
// command of the test binary itself.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"roadmap": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs every whole-CLI script in testdata/script.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts found in testdata/script (err %v)", err)
	}
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	contentDir, err := filepath.Abs(filepath.Join("..", "..", "content"))
	if err != nil {
		t.Fatal(err)
	}
	templatesDir, err := filepath.Abs(filepath.Join("..", "..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// $EXAMPLES is the repository's examples folder of answers files.
			env.Setenv("EXAMPLES", examples)
			// $CONTENT and $TEMPLATES are the built-in content and
			// templates, to copy and break.
			env.Setenv("CONTENT", contentDir)
			env.Setenv("TEMPLATES", templatesDir)
			// $ESC and $BEL build file names that would drive a terminal.
			env.Setenv("ESC", "\x1b")
			env.Setenv("BEL", "\x07")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"mkfifo":   cmdMkfifo,
			"pagesize": cmdPageSize,
			"xlsxset":  cmdXlsxSet,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// cmdPageSize prints the size of each page of a PDF in points, as
// "612.00 792.00", one page a line (a PDF's page dictionaries may be in
// compressed object streams, where grep cannot see them).
func cmdPageSize(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: pagesize FILE.pdf")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	dims, err := api.PageDims(f, model.NewDefaultConfiguration())
	ts.Check(err)
	for _, d := range dims {
		fmt.Fprintf(ts.Stdout(), "%.2f %.2f\n", d.Width, d.Height)
	}
}

// cmdExits runs a command and checks its exit status:
// "exits 2 roadmap pack --jobs abc". Its output is then checked with
// stdout and stderr, as after exec.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits STATUS command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not a status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdMkfifo makes a named pipe: "mkfifo in/pipe.yaml". Scripts that use
// it begin with "[!unix] skip": Windows has no named pipes in its file
// system.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	for _, a := range args {
		ts.Check(mkfifo(ts.MkAbs(a)))
	}
}

// cmdXlsxSet edits a workbook as a person would in a spreadsheet program:
// "xlsxset plans.xlsx 'Rīcības plāns' F2 Izpildīts E7 15.05.2027" sets
// each cell's text; a value "n:46522" sets a number.
func cmdXlsxSet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args)%2 != 0 {
		ts.Fatalf("usage: xlsxset FILE SHEET CELL VALUE [CELL VALUE...]")
	}
	x, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer x.Close()
	for i := 2; i+1 < len(args); i += 2 {
		if n, ok := strings.CutPrefix(args[i+1], "n:"); ok {
			f, err := strconv.ParseFloat(n, 64)
			ts.Check(err)
			ts.Check(x.SetCellFloat(args[1], args[i], f, -1, 64))
			continue
		}
		ts.Check(x.SetCellStr(args[1], args[i], args[i+1]))
	}
	ts.Check(x.Save())
}

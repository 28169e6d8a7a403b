package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// $EXAMPLES is the repository's examples folder of answers files.
			env.Setenv("EXAMPLES", examples)
			// $ESC and $BEL build file names that would drive a terminal.
			env.Setenv("ESC", "\x1b")
			env.Setenv("BEL", "\x07")
			return nil
		},
	})
}

package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs the root command on argv with cmd in place of the real one,
// as cli/cli's TestNewCmdClose does: flags and arguments are parsed and
// checked, and the run hook captures the options instead of running.
func parse(t *testing.T, app *App, cmd *cobra.Command, argv []string) error {
	t.Helper()
	root := NewRootCmd(app)
	for _, c := range root.Commands() {
		if c.Name() == cmd.Name() {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(cmd)
	root.SetArgs(argv)
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	_, err := root.ExecuteContextC(context.Background())
	return err
}

func testApp() *App {
	return &App{IO: IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}}
}

func TestNewFormCmd(t *testing.T) {
	tests := []struct {
		argv    string
		want    formOptions
		wantErr string
	}{
		{argv: "form community", want: formOptions{Form: "community", Guide: "all"}},
		{argv: "form municipality --lang en --paper LETTER -o x.pdf", want: formOptions{Form: "municipality", Lang: "en", Paper: "letter", Output: "x.pdf", Guide: "all"}},
		{argv: "form --answers a.yaml", want: formOptions{Answers: "a.yaml", Guide: "all"}},
		{argv: "form municipality --guide own", want: formOptions{Form: "municipality", Guide: "own"}},
		{argv: "form municipality --guide municipality", wantErr: "--guide: unknown booklet \"municipality\"; allowed: all, own\nRun 'roadmap form --help' for usage."},
		{argv: "form", wantErr: "give one form: municipality or community, or --answers FILE\nRun 'roadmap form --help' for usage."},
		{argv: "form communit", wantErr: "unknown form \"communit\"; allowed: municipality, community, registration; did you mean \"community\"?\nRun 'roadmap form --help' for usage."},
		{argv: "form community municipality", wantErr: "give one form: municipality or community, or --answers FILE\nRun 'roadmap form --help' for usage."},
		{argv: "form community --lang EN", wantErr: "--lang: unknown language \"EN\"; allowed: " + strings.Join(mustCodes(t), ", ") + "; did you mean \"en\"?\nRun 'roadmap form --help' for usage."},
		{argv: "form community --paper a5", wantErr: "--paper: unknown paper \"a5\"; allowed: a4, letter\nRun 'roadmap form --help' for usage."},
		{argv: "form community -o form.txt", wantErr: "output file form.txt: a PDF's name must end in .pdf\nRun 'roadmap form --help' for usage."},
		{argv: "form community --lang", wantErr: "--lang needs a value\nRun 'roadmap form --help' for usage."},
		{argv: "form community --frobnicate", wantErr: "unknown flag --frobnicate\nRun 'roadmap form --help' for usage."},
		{argv: "form community --answer a.yaml", wantErr: "unknown flag --answer; did you mean --answers?\nRun 'roadmap form --help' for usage."},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			app := testApp()
			var got *formOptions
			err := parse(t, app, newFormCmd(app, func(o *formOptions) error { got = o; return nil }), strings.Fields(tt.argv))
			checkParsed(t, err, tt.wantErr, got != nil)
			if got != nil {
				got.IO = nil
				if !reflect.DeepEqual(*got, tt.want) {
					t.Errorf("options %+v, want %+v", *got, tt.want)
				}
			}
		})
	}
}

func TestNewPackCmd(t *testing.T) {
	tests := []struct {
		argv    string
		want    packOptions
		wantErr string
	}{
		{argv: "pack", want: packOptions{Langs: []string{"all"}, Out: "output"}},
		{argv: "pack --lang en,lv,en -j 3 --out w --paper letter", want: packOptions{Langs: []string{"en", "lv"}, Out: "w", Paper: "letter", Jobs: 3}},
		{argv: "pack --jobs abc", wantErr: "--jobs: \"abc\" is not a number of jobs; give a whole number of 1 or more, or leave --jobs out for one per CPU\nRun 'roadmap pack --help' for usage."},
		{argv: "pack --jobs -3", wantErr: "--jobs: \"-3\" is not a number of jobs; give a whole number of 1 or more, or leave --jobs out for one per CPU\nRun 'roadmap pack --help' for usage."},
		{argv: "pack --jobs 0", wantErr: "--jobs: \"0\" is not a number of jobs; give a whole number of 1 or more, or leave --jobs out for one per CPU\nRun 'roadmap pack --help' for usage."},
		{argv: "pack --lang=", wantErr: "--lang: no language given; give language codes such as lv,en, or all\nRun 'roadmap pack --help' for usage."},
		{argv: "pack --lang xx", wantErr: "--lang: unknown language \"xx\"; allowed: " + strings.Join(mustCodes(t), ", ") + "\nRun 'roadmap pack --help' for usage."},
		{argv: "pack --out=", wantErr: "--out is empty; give the folder to write the pack into\nRun 'roadmap pack --help' for usage."},
		{argv: "pack en", wantErr: "pack takes no arguments; to choose languages use --lang en\nRun 'roadmap pack --help' for usage."},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			app := testApp()
			var got *packOptions
			err := parse(t, app, newPackCmd(app, func(_ context.Context, o *packOptions) error { got = o; return nil }), strings.Fields(tt.argv))
			checkParsed(t, err, tt.wantErr, got != nil)
			if got != nil {
				got.IO = nil
				if !reflect.DeepEqual(*got, tt.want) {
					t.Errorf("options %+v, want %+v", *got, tt.want)
				}
			}
		})
	}
}

func TestNewSheetGuideRenderInitValidateCmds(t *testing.T) {
	tests := []struct {
		argv    string
		want    any
		wantErr string
	}{
		{argv: "sheet action-plan --answers a.yaml", want: sheetOptions{Plan: "action-plan", Answers: "a.yaml"}},
		{argv: "sheet action-plans", wantErr: "unknown plan \"action-plans\"; allowed: action-plan, communication-plan, evaluation-plan; did you mean \"action-plan\"?\nRun 'roadmap sheet --help' for usage."},
		{argv: "sheet action-plan -o a.pdf", wantErr: "output file a.pdf: a workbook's name must end in .xlsx\nRun 'roadmap sheet --help' for usage."},
		{argv: "guide --audience community --org X", want: guideOptions{Lang: "lv", Audience: "community", Org: "X"}},
		{argv: "guide --audience everyone", wantErr: "--audience: unknown audience \"everyone\"; allowed: all, municipality, community\nRun 'roadmap guide --help' for usage."},
		{argv: "guide community", wantErr: "guide takes no arguments; for the booklet of one form use --audience community\nRun 'roadmap guide --help' for usage."},
		{argv: "render a.yaml b -j 2", want: renderOptions{Inputs: []string{"a.yaml", "b"}, Out: "output", Jobs: 2}},
		{argv: "render", wantErr: "give at least one answers file or folder\nRun 'roadmap render --help' for usage."},
		{argv: "init community --lang en -o -", want: initOptions{Form: "community", Lang: "en", Output: "-"}},
		{argv: "init", wantErr: "give one form: municipality or community\nRun 'roadmap init --help' for usage."},
		{argv: "validate a.yaml a.yaml", want: validateOptions{Files: []string{"a.yaml", "a.yaml"}}},
		{argv: "validate", wantErr: "give at least one answers file\nRun 'roadmap validate --help' for usage."},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			app := testApp()
			var got any
			var cmd *cobra.Command
			switch strings.Fields(tt.argv)[0] {
			case "sheet":
				cmd = newSheetCmd(app, func(o *sheetOptions) error { o.IO = nil; got = *o; return nil })
			case "guide":
				cmd = newGuideCmd(app, func(o *guideOptions) error { o.IO = nil; got = *o; return nil })
			case "render":
				cmd = newRenderCmd(app, func(_ context.Context, o *renderOptions) error { o.IO = nil; got = *o; return nil })
			case "init":
				cmd = newInitCmd(app, func(o *initOptions) error { o.IO = nil; got = *o; return nil })
			case "validate":
				cmd = newValidateCmd(app, func(o *validateOptions) error { o.IO = nil; got = *o; return nil })
			}
			err := parse(t, app, cmd, strings.Fields(tt.argv))
			checkParsed(t, err, tt.wantErr, got != nil)
			if got != nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
		})
	}
}

func checkParsed(t *testing.T, err error, wantErr string, ran bool) {
	t.Helper()
	switch {
	case wantErr == "" && err != nil:
		t.Fatalf("error %q, want none", err)
	case wantErr != "" && err == nil:
		t.Fatalf("no error, want %q", wantErr)
	case wantErr != "" && err.Error() != wantErr:
		t.Fatalf("error\n%s\nwant\n%s", err, wantErr)
	case wantErr != "" && ran:
		t.Fatalf("the command ran although its command line is wrong")
	}
}

func mustCodes(t *testing.T) []string {
	t.Helper()
	b, err := testApp().Content()
	if err != nil {
		t.Fatal(err)
	}
	return b.Codes()
}

// TestExitCodes checks the documented exit statuses (docs/exit-codes.md).
func TestExitCodes(t *testing.T) {
	tests := []struct {
		argv string
		want int
	}{
		{"version", 0},
		{"frm", 2},
		{"form communit", 2},
		{"pack --jobs abc", 2},
		{"validate", 2},
		{"validate nowhere.yaml", 1},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		got := run(context.Background(), func() os.Signal { return nil }, strings.Fields(tt.argv), &App{IO: IO{Out: io.Discard, Err: &stderr}})
		if got != tt.want {
			t.Errorf("roadmap %s: exit status %d, want %d (stderr %q)", tt.argv, got, tt.want, stderr.String())
		}
	}
}

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// roadmapRun runs the command line argv and returns its exit status and
// what it printed.
func roadmapRun(t *testing.T, argv ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), func() os.Signal { return nil }, argv, &App{IO: IO{Out: &stdout, Err: &stderr}})
	return code, stdout.String(), stderr.String()
}

// TestCheckEveryDocument checks that every PDF this program makes keeps
// the PDF/UA-1 and PDF/A-2 rules roadmap check knows: the whole pack in
// every language, the examples' filled and fillable forms, the overview
// report, the proposal handout and slides and the poster.
func TestCheckEveryDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every document")
	}
	dir := t.TempDir()
	if code, _, stderr := roadmapRun(t, "pack", "--lang", "all", "--out", filepath.Join(dir, "pack")); code != 0 {
		t.Fatalf("pack: exit %d: %s", code, stderr)
	}
	examples, _ := filepath.Glob("../../examples/*.yaml")
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	for _, ex := range examples {
		name := strings.TrimSuffix(filepath.Base(ex), ".yaml")
		form := "community"
		if strings.Contains(name, "municipality") {
			form = "municipality"
		}
		for _, fill := range []string{"", "--fillable"} {
			argv := []string{"form", form, "--answers", ex, "-o", filepath.Join(dir, name+fill+".pdf")}
			if fill != "" {
				argv = append(argv, fill)
			}
			if code, _, stderr := roadmapRun(t, argv...); code != 0 {
				t.Fatalf("%v: exit %d: %s", argv, code, stderr)
			}
		}
	}
	others := [][]string{
		append([]string{"overview", "-o", filepath.Join(dir, "overview.xlsx"), "--pdf", filepath.Join(dir, "overview.pdf")}, examples...),
		{"proposal", "--answers", examples[0], "-o", filepath.Join(dir, "proposal.pdf")},
		{"proposal", "--answers", examples[0], "--format", "slides", "-o", filepath.Join(dir, "slides.pdf")},
		{"poster", "-o", filepath.Join(dir, "poster.pdf")},
		{"form", "registration", "--lang", "lv", "-o", filepath.Join(dir, "registration.pdf")},
		{"form", "registration", "--lang", "en", "--fillable", "-o", filepath.Join(dir, "registration-fillable.pdf")},
	}
	registrations, _ := filepath.Glob("../../examples/testdata/registration-*.yaml")
	others = append(others, append([]string{"directory", "-o", filepath.Join(dir, "directory.xlsx"), "--pdf", filepath.Join(dir, "directory.pdf")}, append(examples, registrations...)...))
	for _, argv := range others {
		if code, _, stderr := roadmapRun(t, argv...); code != 0 {
			t.Fatalf("%v: exit %d: %s", argv, code, stderr)
		}
	}
	var pdfs []string
	filepath.WalkDir(dir, func(path string, _ os.DirEntry, _ error) error {
		if strings.HasSuffix(path, ".pdf") {
			pdfs = append(pdfs, path)
		}
		return nil
	})
	// 7 documents in 6 languages, 4 forms twice, the overview, the
	// proposal twice, the poster, the registration form twice, the
	// directory
	if len(pdfs) < 42+8+4+3 {
		t.Fatalf("%d PDFs, want at least %d", len(pdfs), 42+8+4+3)
	}
	code, stdout, stderr := roadmapRun(t, append([]string{"check"}, pdfs...)...)
	if code != 0 || stderr != "" {
		t.Errorf("check: exit %d:\n%s", code, stderr)
	}
	if n := strings.Count(stdout, ": ok (PDF/UA-1, PDF/A-2)\n"); n != len(pdfs) {
		t.Errorf("%d files ok, want %d:\n%s", n, len(pdfs), stdout)
	}
}

// TestCheckBad checks that roadmap check fails hand-made PDFs that break a
// rule, naming the file, page, object and rule.
func TestCheckBad(t *testing.T) {
	dir := "../pdfcheck/testdata/"
	code, stdout, stderr := roadmapRun(t, "check", dir+"good.pdf", dir+"figure-no-alt.pdf", dir+"link-no-contents.pdf")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if want := dir + "good.pdf: ok (PDF/UA-1, PDF/A-2)\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	for _, want := range []string{
		dir + "figure-no-alt.pdf: page 1, object 7, UA 13-004: a Figure has an alternative description (/Alt)\n",
		dir + "link-no-contents.pdf: page 1, object 8, UA 28-012: a link annotation has a description (/Contents)\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
	}
	if code, _, stderr := roadmapRun(t, "check", "nowhere.pdf"); code != 1 || !strings.Contains(stderr, "nowhere.pdf: cannot read the PDF") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}

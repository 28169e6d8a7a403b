package overview

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/contenttest"
	"github.com/partnership-roadmap/roadmap/internal/diag"
	"github.com/partnership-roadmap/roadmap/internal/pack"
)

// BenchmarkOverview1000 reads 1,000 answers files and makes the overview
// workbook and the PDF report, the whole work of `roadmap overview` but the
// writing of the two files. Set ROADMAP_CORPUS=DIR to keep the answers
// files (to time the command itself on them).
func BenchmarkOverview1000(b *testing.B) {
	dir := os.Getenv("ROADMAP_CORPUS")
	if dir == "" {
		dir = b.TempDir()
	}
	paths := corpus(b, contenttest.Bundle(b), dir, 1000, true, true)
	lv, err := contenttest.Bundle(b).Language("lv")
	if err != nil {
		b.Fatal(err)
	}
	date := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		files, problems := readParallel(b, paths)
		r := Build(lv, files, problems, asOf)
		done := make(chan error, 1)
		go func() {
			_, err := r.PDF(PDFOptions{Date: date})
			done <- err
		}()
		if _, err := r.Workbook(WorkbookOptions{Paper: "a4", Date: date}); err != nil {
			b.Fatal(err)
		}
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}

// readParallel reads the files on every CPU, as the command does.
func readParallel(b *testing.B, paths []string) ([]*answers.File, []diag.Problem) {
	files := make([]*answers.File, len(paths))
	errs := make([]error, len(paths))
	pack.Each(len(paths), 0, func(i int) { files[i], errs[i] = answers.ReadFile(paths[i], contenttest.Bundle(b)) })
	var ok []*answers.File
	var problems []diag.Problem
	for i, f := range files {
		var l diag.List
		if errors.As(errs[i], &l) {
			problems = append(problems, l...)
		} else if f != nil {
			ok = append(ok, f)
		}
	}
	return ok, problems
}

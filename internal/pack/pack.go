// Package pack runs many document jobs at once: the blank workshop pack and
// the batch rendering of completed roadmaps. It decides nothing about what a
// document looks like; the caller gives each job a function that builds it.
// Every file is written atomically, so a run stopped in the middle leaves only
// whole files.
package pack

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/partnership-roadmap/roadmap/internal/fsutil"
)

// Doc is a built document.
type Doc struct {
	Data []byte
	// Pages is the number of pages of a PDF; Sheets the number of sheets of a
	// workbook. Zero when it does not apply.
	Pages, Sheets int
	// Warnings are things the user should know (characters replaced, ...).
	Warnings []string
}

// Job is one document to build and write.
type Job struct {
	// Path is where the document is written.
	Path string
	// Build makes the document.
	Build func() (Doc, error)
}

// Result is what became of one job.
type Result struct {
	Path     string
	Size     int
	Pages    int
	Sheets   int
	Warnings []string
	Err      error
}

// Run builds and writes every job with at most workers at once (GOMAXPROCS
// when workers < 1). Results are returned in the order of jobs, whatever
// order they finished in. It stops starting new jobs when ctx is done.
func Run(ctx context.Context, jobs []Job, workers int) []Result {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]Result, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = runJob(jobs[i])
			}
		}()
	}
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			for j := i; j < len(jobs); j++ {
				results[j] = Result{Path: jobs[j].Path, Err: ctx.Err()}
			}
			close(next)
			wg.Wait()
			return results
		}
	}
	close(next)
	wg.Wait()
	return results
}

func runJob(j Job) (r Result) {
	r.Path = j.Path
	defer func() {
		// A document builder must never take the whole run down.
		if p := recover(); p != nil {
			r.Err = fmt.Errorf("building %s: internal error: %v", filepath.Base(j.Path), p)
		}
	}()
	doc, err := j.Build()
	if err != nil {
		r.Err = err
		return r
	}
	if len(doc.Data) == 0 {
		r.Err = errors.New("building " + filepath.Base(j.Path) + ": the document is empty")
		return r
	}
	if err := fsutil.WriteFileAtomic(j.Path, doc.Data); err != nil {
		r.Err = err
		return r
	}
	r.Size, r.Pages, r.Sheets, r.Warnings = len(doc.Data), doc.Pages, doc.Sheets, doc.Warnings
	return r
}

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

	"github.com/partnership-roadmap/roadmap/internal/document"
	"github.com/partnership-roadmap/roadmap/internal/fsutil"
)

// Doc is a built document and where it is written.
type Doc struct {
	// Path is where the document is written.
	Path string
	document.Result
}

// Job is a unit of work: it builds one or more documents, which are written
// when all of them are built, so a job that fails writes nothing.
type Job struct {
	// Name says what the job is, for messages (a file name).
	Name string
	// Build makes the documents.
	Build func() ([]Doc, error)
	// Dir, when set, is the one folder all the job's documents go in; it is
	// written as a whole (fsutil.WriteFolder), so a failure leaves neither
	// a new document beside an old one nor an empty folder.
	Dir string
}

// Written is a file written by a job.
type Written struct {
	Path          string
	Size          int
	Pages, Sheets int
	Warnings      []string
}

// Result is what became of one job.
type Result struct {
	Name  string
	Files []Written
	Err   error
}

// Options tune Run.
type Options struct {
	// Workers is the number of jobs run at once; GOMAXPROCS when < 1.
	Workers int
	// Done, when set, is called after each job, from the worker that ran it.
	Done func(Result)
}

// Run runs every job with at most opts.Workers at once and returns the
// results in the order of jobs, whatever order they finished in. It stops
// starting new jobs when ctx is done; those report ctx.Err() (wrapped) and
// write nothing, while the jobs already started finish whole.
func Run(ctx context.Context, jobs []Job, opts Options) []Result {
	workers := opts.Workers
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
				if opts.Done != nil {
					opts.Done(results[i])
				}
			}
		}()
	}
	i := 0
feed:
	for ; i < len(jobs); i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for ; i < len(jobs); i++ {
		results[i] = Result{Name: jobs[i].Name, Err: fmt.Errorf("%s: %w", jobs[i].Name, ctx.Err())}
	}
	return results
}

func runJob(j Job) (r Result) {
	r.Name = j.Name
	defer func() {
		// A document builder must never take the whole run down.
		if p := recover(); p != nil {
			r.Files = nil
			r.Err = fmt.Errorf("%s: internal error: %v", j.Name, p)
		}
	}()
	docs, err := j.Build()
	if err != nil {
		r.Err = err
		return r
	}
	for _, d := range docs {
		if len(d.Data) == 0 {
			r.Err = errors.New(d.Path + ": the document is empty")
			return r
		}
	}
	if j.Dir != "" {
		files := make([]fsutil.File, len(docs))
		for i, d := range docs {
			if filepath.Dir(d.Path) != filepath.Clean(j.Dir) {
				r.Err = fmt.Errorf("%s: internal error: %s is not in the job's folder", j.Name, d.Path)
				return r
			}
			files[i] = fsutil.File{Name: filepath.Base(d.Path), Data: d.Data}
		}
		if err := fsutil.WriteFolder(j.Dir, files); err != nil {
			r.Err = err
			return r
		}
	} else {
		for _, d := range docs {
			if err := fsutil.WriteFileAtomic(d.Path, d.Data); err != nil {
				r.Err = err
				return r
			}
		}
	}
	for _, d := range docs {
		r.Files = append(r.Files, Written{Path: d.Path, Size: len(d.Data), Pages: d.Pages, Sheets: d.Sheets, Warnings: d.Warnings})
	}
	return r
}

// Each calls fn(i) for every i in [0, n), with at most workers calls at once
// (GOMAXPROCS when workers < 1), and returns when all have returned.
func Each(n, workers int, fn func(i int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
